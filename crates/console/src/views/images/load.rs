//! Filling a tab's inventory: DescribeImages in every region chosen through the npm package's
//! `listImagesEverywhere` (a few regions at a time, each paged through with the largest page the
//! service gives, one throttling budget for all their calls), each page into the table as it
//! arrives, each region's end or failure into its line.

use super::state::{Images, Tab};
use crate::client::{Client, Page};
use crate::model::inventory::Inventory;
use crate::model::{Failure, ImageRow};
use ecsimg_core::catalogue::{sdk_name, IdKind, Lifecycle};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

pub fn images() -> &'static Lifecycle {
    IdKind::Image.lifecycle().expect("the catalogue says how images move")
}

/// The request for one region's images (of one owner, when given): every status (the describe
/// call shows only Available ones unless asked, as the catalogue's image lifecycle says).
pub fn describe_request(alias: Option<&str>, region: &str) -> Value {
    let mut request = describe_filters(alias);
    request["regionId"] = region.into();
    request
}

/// [`describe_request`] without the region: what every region is asked.
fn describe_filters(alias: Option<&str>) -> Value {
    let op = images().describe_op();
    let mut request = json!({});
    if let (Some(alias), Some(owner)) = (alias, op.param("ImageOwnerAlias")) {
        request[owner.field()] = alias.into();
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
        spawn_local(self.load_regions(tab, generation, regions, signal, Fill::AsTheyArrive));
    }

    /// Loads one region of `tab` again (after it failed).
    pub fn retry(self, tab: Tab, region: String) {
        let Some(signal) = tab.signal.get_value() else { return };
        tab.inventory.update(|inventory| inventory.restart(&region));
        self.refresh_if_shown(tab);
        let generation = tab.generation.get_value();
        spawn_local(self.load_regions(tab, generation, vec![region], signal, Fill::AsTheyArrive));
    }

    /// Loads `regions` again in every tab started (an action changed them, or an image the tray
    /// follows changed status): each region's rows stay shown until its new ones replace them.
    /// A region still on its first load is left to it.
    pub fn reload_regions(self, regions: &[String]) {
        for tab in self.tabs().into_iter().filter(|t| t.started.get_value()) {
            let Some(signal) = tab.signal.get_value() else { continue };
            let generation = tab.generation.get_value();
            let loaded = tab.inventory.with_untracked(|inventory| {
                let settled = inventory.regions().iter().filter(|r| !r.load.is_loading());
                settled.filter(|r| regions.contains(&r.region)).map(|r| r.region.clone()).collect::<Vec<_>>()
            });
            if !loaded.is_empty() {
                spawn_local(self.load_regions(tab, generation, loaded, signal, Fill::AtOnce));
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

    async fn load_regions(
        self,
        tab: Tab,
        generation: u64,
        regions: Vec<String>,
        signal: web_sys::AbortSignal,
        fill: Fill,
    ) {
        if signal.aborted() || !Self::still_wanted(tab, generation) {
            return;
        }
        // A reload's pages, by region, until its region is done.
        let gathered = Rc::new(RefCell::new(HashMap::<String, Vec<ImageRow>>::new()));
        let on_page = {
            let gathered = Rc::clone(&gathered);
            move |region: String, page: Page| {
                if !Self::still_wanted(tab, generation) {
                    return;
                }
                self.app.known.learn(&page.items);
                let rows = page.items.iter().map(|image| ImageRow::listed_in(image, &region));
                match fill {
                    Fill::AtOnce => gathered.borrow_mut().entry(region.clone()).or_default().extend(rows),
                    Fill::AsTheyArrive => {
                        tab.inventory.update(|inventory| inventory.add_page(&region, rows.collect(), page.total));
                        if self.shown_tab.get_untracked() == tab.alias {
                            self.refresh_soon();
                        }
                    }
                }
            }
        };
        let on_region = |region: String, result: Result<(), Failure>| {
            if matches!(&result, Err(failure) if failure.is_aborted()) || !Self::still_wanted(tab, generation) {
                return;
            }
            match fill {
                Fill::AsTheyArrive => tab.inventory.update(|inventory| inventory.finish(&region, result)),
                Fill::AtOnce => {
                    let rows = gathered.borrow_mut().remove(&region).unwrap_or_default();
                    tab.inventory.update(|inventory| inventory.replace(&region, result.map(|()| rows)));
                    self.refresh_if_shown(tab);
                }
            }
        };
        let connection = self.app.connection.get_untracked();
        let filters = describe_filters(Some(tab.alias));
        let listed = match Client::new(&connection, false) {
            Ok(client) => client.list_images_everywhere(&regions, &filters, &signal, on_page, on_region).await,
            Err(e) => Err(e),
        };
        // The listing itself failed (not a region of it): every region it did not finish says why.
        match listed {
            Err(failure) if !failure.is_aborted() && Self::still_wanted(tab, generation) => {
                tab.inventory.update(|inventory| inventory.fail_unfinished(&regions, &failure))
            }
            _ => {}
        }
    }
}

/// Where a region's pages go: into the table as they arrive (its first load, so the table fills
/// while the region loads), or into it at once when the region is loaded again (so its rows do
/// not vanish meanwhile).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fill {
    AsTheyArrive,
    AtOnce,
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
