//! What the Images view holds while it is open: the regions chosen, an inventory per owner tab,
//! the tab shown, the filters and sort, the rows the table shows, and the rows selected. Handed to
//! its parts through context; a `Copy` handle of signals.

use crate::model::inventory::{owner_tabs, Inventory};
use crate::model::table_query::Query;
use crate::model::ImageRow;
use crate::results::cancel::Cancellable;
use crate::results::vtable::Items;
use crate::state::AppState;
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;

/// One owner tab: its inventory and the loading that fills it.
#[derive(Clone, Copy)]
pub struct Tab {
    /// `ImageOwnerAlias`.
    pub alias: &'static str,
    pub label: &'static str,
    pub inventory: RwSignal<Inventory>,
    /// Whether it was ever asked to load (tabs load when first shown).
    pub started: StoredValue<bool>,
    /// Bumped when it starts afresh: what a load of an earlier start brings is dropped.
    pub generation: StoredValue<u64>,
    pub task: Cancellable,
    /// The abort signal of the current start, which a region's retry joins.
    pub signal: StoredValue<Option<web_sys::AbortSignal>>,
}

#[derive(Clone, Copy)]
pub struct Images {
    pub app: AppState,
    pub regions: RwSignal<Vec<String>>,
    tabs: StoredValue<Vec<Tab>>,
    /// The alias of the tab shown.
    pub shown_tab: RwSignal<&'static str>,
    pub query: RwSignal<Query>,
    /// The rows that pass the filters, sorted: what the table shows.
    pub items: Items<Arc<ImageRow>>,
    /// The keys (`region/id`) of the rows selected.
    pub selected: RwSignal<HashSet<String>>,
    /// When the table was last refreshed (ms since the epoch), and whether a refresh is due (the
    /// table is then behind what was loaded: `aria-busy`).
    refreshed_at: StoredValue<f64>,
    pub refresh_due: RwSignal<bool>,
}

/// While pages arrive, the table is redrawn at most this often (every page would redraw its rows
/// dozens of times a second for nothing a person can follow, and keep the main thread busy).
const REDRAW_MS: f64 = 250.0;

impl Images {
    pub fn new(app: AppState, regions: Vec<String>) -> Images {
        let tabs = owner_tabs()
            .into_iter()
            .map(|(alias, label)| Tab {
                alias,
                label,
                inventory: RwSignal::new(Inventory::default()),
                started: StoredValue::new(false),
                generation: StoredValue::new(0),
                task: Cancellable::new(),
                signal: StoredValue::new(None),
            })
            .collect::<Vec<_>>();
        let first = tabs.first().map_or("self", |t| t.alias);
        Images {
            app,
            regions: RwSignal::new(regions),
            tabs: StoredValue::new(tabs),
            shown_tab: RwSignal::new(first),
            query: RwSignal::new(Query::default()),
            items: Items::new(Vec::new()),
            selected: RwSignal::new(HashSet::new()),
            refreshed_at: StoredValue::new(0.0),
            refresh_due: RwSignal::new(false),
        }
    }

    pub fn tabs(self) -> Vec<Tab> {
        self.tabs.get_value()
    }

    pub fn tab(self, alias: &str) -> Option<Tab> {
        self.tabs.with_value(|tabs| tabs.iter().find(|t| t.alias == alias).copied())
    }

    /// The tab shown (tracked).
    pub fn current(self) -> Option<Tab> {
        self.tab(self.shown_tab.get())
    }

    /// Puts the rows of the tab shown that pass the filters, sorted, in the table.
    pub fn refresh(self) {
        let Some(tab) = self.tab(self.shown_tab.get_untracked()) else { return };
        let now = js_sys::Date::now();
        self.refreshed_at.set_value(now);
        let shown = tab
            .inventory
            .with_untracked(|inventory| self.query.with_untracked(|query| query.apply(inventory.rows(), now)));
        self.items.replace(shown);
    }

    /// Refreshes the table in a task of its own (not in the one that brought a page), at most
    /// every [`REDRAW_MS`] while pages arrive: the first page shows at once, the others in batches.
    pub fn refresh_soon(self) {
        if self.refresh_due.get_untracked() {
            return;
        }
        let wait = REDRAW_MS - (js_sys::Date::now() - self.refreshed_at.get_value());
        self.refresh_due.set(true);
        set_timeout(
            move || {
                // The view may have closed meanwhile.
                if self.refresh_due.try_set(false).is_none() {
                    self.refresh();
                }
            },
            std::time::Duration::from_millis(wait.max(0.0) as u64),
        );
    }

    /// Changes the filters or the sort, and the table with them.
    pub fn set_query(self, change: impl FnOnce(&mut Query)) {
        self.query.update(change);
        self.refresh();
    }

    /// The row of an image, in whichever tab loaded it.
    pub fn find(self, region: &str, id: &str) -> Option<Arc<ImageRow>> {
        self.tabs.with_value(|tabs| tabs.iter().find_map(|t| t.inventory.with(|i| i.find(region, id))))
    }

    /// The images called `name` in other regions than `region` (its copies), in every tab loaded
    /// (tracked).
    pub fn copies_of(self, region: &str, name: &str) -> Vec<Arc<ImageRow>> {
        self.tabs.with_value(|tabs| tabs.iter().flat_map(|t| t.inventory.with(|i| i.copies_of(region, name))).collect())
    }

    /// The rows shown that are selected (all of them when none is): what an export writes.
    pub fn to_export(self) -> Vec<Arc<ImageRow>> {
        self.selected.with_untracked(|selected| {
            self.items.with_rows(|rows| {
                let picked: Vec<Arc<ImageRow>> = rows.iter().filter(|r| selected.contains(&r.key())).cloned().collect();
                if picked.is_empty() {
                    rows.to_vec()
                } else {
                    picked
                }
            })
        })
    }

    /// The rows shown that are selected (tracked): what the selection's actions act on.
    pub fn selected_rows(self) -> Vec<Arc<ImageRow>> {
        self.items.len();
        self.items.generation();
        self.selected.with(|selected| {
            if selected.is_empty() {
                return Vec::new();
            }
            self.items.with_rows(|rows| rows.iter().filter(|r| selected.contains(&r.key())).cloned().collect())
        })
    }

    /// How many of the rows shown are selected (tracked).
    pub fn selected_shown(self) -> usize {
        self.items.len();
        self.items.generation();
        self.selected.with(|selected| {
            if selected.is_empty() {
                return 0;
            }
            self.items.with_rows(|rows| rows.iter().filter(|r| selected.contains(&r.key())).count())
        })
    }
}
