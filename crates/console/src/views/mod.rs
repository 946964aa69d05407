//! The console's views, one per place in the navigation (`model::route`): Images, where people
//! manage their images, Pipelines and Components, where they build them, Clean up, where they
//! delete what nothing needs, and API, a form per operation for developers. The route in the URL's
//! hash picks the view; each view reads what it needs from the app's state. The image manager's
//! actions run in `dialog`s; long work goes to the `tray`, mounted once beside every view, as does
//! a distribution (`distribute`: its dialog, and its entry in the tray).

mod api;
mod cleanup;
mod components;
pub mod dialog;
pub mod distribute;
mod images;
mod manager;
mod nav;
mod pipelines;
mod region_boxes;
mod routing;
pub mod tray;

use crate::model::View;
use crate::state::AppState;
use leptos::prelude::*;
pub use nav::ViewNav;
pub use routing::{follow_location, initial as initial_route};

/// The view the route names (made anew only when the view changes, not when its path does).
#[component]
pub fn CurrentView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let view = Memo::new(move |_| state.route.with(|r| r.view));
    move || match view.get() {
        View::Images => images::ImagesView().into_any(),
        View::Pipelines => pipelines::PipelinesView().into_any(),
        View::Components => components::ComponentsView().into_any(),
        View::Cleanup => cleanup::CleanupView().into_any(),
        View::Api => api::ApiView().into_any(),
    }
}
