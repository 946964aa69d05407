//! The Images view: the account's images in every region chosen at once, as one table (owner
//! tabs, filters, sort, selection, exports), and an image's details beside it
//! (`#/images/<region>/<imageId>`).

mod details;
mod download;
mod filters;
mod load;
mod regions;
mod state;
mod table;
mod tabs;

use crate::state::AppState;
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
            </div>
            {move || missing().map(|why| view! { <p class="warning" role="status">{why}</p> })}
            <RegionLoads images=images />
            <OwnerTabs images=images />
            <div id=PANEL_ID role="tabpanel" class="images-panel"
                aria-labelledby=move || tab_id(images.shown_tab.get())>
                <Filters images=images />
                <div class="images-body">
                    {table::images_table(images)}
                    {move || open().map(|(region, id)| view! { <ImageDetails images=images region=region id=id /> })}
                </div>
            </div>
        </main>
    }
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
