//! The Images view: the account's images in every region chosen at once, as one table (owner
//! tabs, filters, sort, selection, exports), an image's details beside it
//! (`#/images/<region>/<imageId>`), and the actions on them (`actions`: each in a dialog, long
//! work in the tray), from the details and for the selection.

mod actions;
mod details;
pub mod download;
mod filters;
mod load;
pub mod regions;
mod state;
mod table;
mod tabs;

use crate::model::View;
use crate::state::AppState;
use crate::views::dialog::dialog_host;
use crate::views::tray::Tray;
use actions::{selection_actions, Actions};
use details::ImageDetails;
use filters::Filters;
use leptos::prelude::*;
use regions::{remembered, RegionLoads, RegionPicker};
use state::Images;
use tabs::{tab_id, OwnerTabs, PANEL_ID};

#[component]
pub fn ImagesView() -> impl IntoView {
    let app = expect_context::<AppState>();
    let images = Images::new(app, remembered());
    follow_connection(images);
    // After an action, the regions it changed load again.
    let actions = Actions::new(app, Callback::new(move |regions: Vec<String>| images.reload_regions(&regions)));
    provide_context(actions);
    follow_tray(images);
    let region = move || app.connection.with_untracked(|c| c.region.clone());
    let create = move |_| actions.create(region());
    let import = move |_| actions.import(region());
    // The image whose details are open: `#/images/<region>/<imageId>`.
    let open = move || {
        app.route.with(|r| match r.path.as_slice() {
            [region, id] => Some((region.clone(), id.clone())),
            _ => None,
        })
    };
    let missing = move || app.connection.with(|c| c.missing());
    view! {
        <main id="main" tabindex="-1" class="images-view" class:with-details=move || open().is_some()>
            <div class="images-head">
                <h2>"Images"</h2>
                <RegionPicker images=images />
                <div class="images-make">
                    <button type="button" class="primary" on:click=create>"Create image"</button>
                    <button type="button" on:click=import>"Import from OSS"</button>
                </div>
            </div>
            {move || missing().map(|why| view! { <p class="warning" role="status">{why}</p> })}
            {move || actions.note.get().map(|note| view! { <p class="hint" role="status">{note}</p> })}
            <RegionLoads images=images />
            <OwnerTabs images=images />
            <div id=PANEL_ID role="tabpanel" class="images-panel"
                aria-labelledby=move || tab_id(images.shown_tab.get())>
                <Filters images=images />
                {selection_actions(actions, images)}
                <div class="images-body">
                    {table::images_table(images)}
                    {move || open().map(|(region, id)| view! { <ImageDetails images=images region=region id=id /> })}
                </div>
            </div>
            {dialog_host(actions.dialog)}
        </main>
    }
}

/// Keeps the table's statuses with the tray's: a region loads again when an image the tray follows
/// there changes status (a copy that became Available, an image that failed).
fn follow_tray(images: Images) {
    let tray = Tray::get();
    let statuses = Memo::new(move |_| tray.statuses(View::Images));
    Effect::watch(
        move || statuses.get(),
        move |now, before, _| {
            let mut changed: Vec<String> = Vec::new();
            for task in now.iter().filter(|task| before.is_none_or(|b| !b.contains(task))) {
                if !changed.contains(&task.region) {
                    changed.push(task.region.clone());
                }
            }
            images.reload_regions(&changed);
        },
        false,
    );
}

/// Loads the images again whenever calls would go elsewhere or as someone else (the connection
/// without the region the API forms use; not while a real account's credentials are missing).
fn follow_connection(images: Images) {
    let calls_to = Memo::new(move |_| {
        let mut connection = images.app.connection.get();
        connection.region.clear();
        connection
    });
    Effect::watch(move || calls_to.get(), move |_, _, _| images.reload(), true);
}
