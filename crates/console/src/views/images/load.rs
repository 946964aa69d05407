//! Filling a tab's inventory: DescribeImages in every region chosen, a few regions at a time, each
//! paged through with the largest page the service gives (the npm client's paginator, which backs
//! off when the service throttles), each page into the table as it arrives.

use super::state::{Images, Tab};
use crate::client::regions::each_region;
use crate::client::{Client, Page};
use crate::model::inventory::Inventory;
use crate::model::ImageRow;
use ecsimg_core::catalogue::{sdk_name, IdKind, Lifecycle};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};

pub fn images() -> &'static Lifecycle {
    IdKind::Image.lifecycle().expect("the catalogue says how images move")
}

/// The request for one region's images (of one owner, when given): every status (the describe
/// call shows only Available ones unless asked, as the catalogue's image lifecycle says).
pub fn describe_request(alias: Option<&str>, region: &str) -> Value {
    let op = images().describe_op();
    let mut request = json!({ "regionId": region });
    if let (Some(alias), Some(owner)) = (alias, op.param("ImageOwnerAlias")) {
        request[owner.field] = alias.into();
    }
    for (wire, value) in images().request {
        request[sdk_name(wire)] = (*value).into();
    }
    request
}

impl Images {
    /// Shows a tab, loading it the first time.
    pub fn show_tab(self, alias: &'static str) {
        if self.shown_tab.get_untracked() != alias {
            self.selected.set(Default::default());
            self.shown_tab.set(alias);
        }
        let ready = self.app.connection.with_untracked(|c| c.missing().is_none());
        if let Some(tab) = self.tab(alias).filter(|t| ready && !t.started.get_value()) {
            self.start(tab);
        }
        self.refresh();
    }

    /// Forgets every tab's images (the connection or the regions changed) and loads the tab shown,
    /// unless a real account's credentials are missing.
    pub fn reload(self) {
        for tab in self.tabs() {
            tab.task.cancel();
            tab.started.set_value(false);
            tab.generation.update_value(|g| *g += 1);
            tab.inventory.set(Inventory::default());
        }
        self.selected.set(Default::default());
        if self.app.connection.with_untracked(|c| c.missing().is_none()) {
            self.show_tab(self.shown_tab.get_untracked());
        } else {
            self.refresh();
        }
    }

    /// Loads every region of `tab` afresh.
    fn start(self, tab: Tab) {
        tab.task.cancel();
        let regions = self.regions.get_untracked();
        tab.inventory.set(Inventory::new(&regions));
        tab.started.set_value(true);
        tab.generation.update_value(|g| *g += 1);
        let Some(signal) = tab.task.start() else { return };
        tab.signal.set_value(Some(signal.clone()));
        let generation = tab.generation.get_value();
        each_region(regions, move |region| self.load_region(tab, generation, region, signal.clone()));
    }

    /// Loads one region of `tab` again (after it failed, or changed).
    pub fn retry(self, tab: Tab, region: String) {
        let Some(signal) = tab.signal.get_value() else { return };
        tab.inventory.update(|inventory| inventory.restart(&region));
        self.refresh_if_shown(tab);
        let generation = tab.generation.get_value();
        spawn_local(self.load_region(tab, generation, region, signal));
    }

    /// Loads `regions` again in every tab loaded so far (an action changed them); a region not
    /// chosen is left alone.
    pub fn reload_regions(self, regions: &[String]) {
        for tab in self.tabs().into_iter().filter(|tab| tab.started.get_value()) {
            let chosen =
                tab.inventory.with_untracked(|i| i.regions().iter().map(|r| r.region.clone()).collect::<Vec<_>>());
            for region in regions.iter().filter(|region| chosen.contains(region)) {
                self.retry(tab, region.clone());
            }
        }
    }

    fn refresh_if_shown(self, tab: Tab) {
        if self.shown_tab.try_get_untracked() == Some(tab.alias) {
            self.refresh();
        }
    }

    /// Whether what a load of `generation` brings still belongs in `tab` (the view may be gone,
    /// or the tab started afresh).
    fn still_wanted(tab: Tab, generation: u64) -> bool {
        tab.generation.try_get_value() == Some(generation)
    }

    async fn load_region(self, tab: Tab, generation: u64, region: String, signal: web_sys::AbortSignal) {
        if signal.aborted() || !Self::still_wanted(tab, generation) {
            return;
        }
        let request = describe_request(Some(tab.alias), &region);
        let op = images().describe_op();
        let Some(pagination) = op.pagination else { return };
        let on_page = |page: Page| {
            if !Self::still_wanted(tab, generation) {
                return;
            }
            self.app.known.learn(&page.items);
            let rows: Vec<ImageRow> = page.items.iter().map(|image| ImageRow::listed_in(image, &region)).collect();
            tab.inventory.update(|inventory| inventory.add_page(&region, rows, page.total));
            if self.shown_tab.get_untracked() == tab.alias {
                self.refresh_soon();
            }
        };
        let connection = self.app.connection.get_untracked();
        let result = match Client::new(&connection, false) {
            Ok(client) => {
                let items = sdk_name(pagination.items);
                client.load_all(op.name, &items, pagination.max_size, &request, &signal, on_page).await
            }
            Err(e) => Err(e),
        };
        if matches!(&result, Err(failure) if failure.is_aborted()) || !Self::still_wanted(tab, generation) {
            return;
        }
        tab.inventory.update(|inventory| inventory.finish(&region, result));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_for_every_status_of_one_owner() {
        let request = describe_request(Some("others"), "cn-beijing");
        assert_eq!(request["regionId"], "cn-beijing");
        assert_eq!(request["imageOwnerAlias"], "others");
        assert_eq!(request["status"], "Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated");
        assert_eq!(describe_request(None, "cn-beijing").get("imageOwnerAlias"), None);
    }
}
