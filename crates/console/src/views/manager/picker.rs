//! The region a view shows: `#/pipelines/cn-shanghai/…` names it; a view's route without one
//! shows the connection's region. The select offers the catalogue's regions (and the one shown,
//! for a real account's region the catalogue does not list).

use crate::model::connection::region_problem;
use crate::model::{Route, View};
use crate::state::AppState;
use ecsimg_core::catalogue::REGIONS;
use leptos::prelude::*;

/// The region the route names, else the connection's.
pub fn region_of(state: AppState) -> Memo<String> {
    Memo::new(move |_| {
        let named = state.route.with(|r| r.path.first().filter(|p| region_problem(p).is_none()).cloned());
        named.unwrap_or_else(|| state.connection.with(|c| c.region.clone()))
    })
}

/// The select of the region `view` shows; picking one puts it in the route.
#[component]
pub fn RegionPicker(view: View, region: Memo<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let options = move || {
        let shown = region.get();
        let mut all: Vec<String> = REGIONS.iter().map(|r| r.to_string()).collect();
        if !all.contains(&shown) {
            all.insert(0, shown.clone());
        }
        all.into_iter()
            .map(|r| {
                let selected = r == shown;
                view! { <option value=r.clone() selected=selected>{r.clone()}</option> }
            })
            .collect_view()
    };
    let pick = move |ev: leptos::ev::Event| state.route.set(Route::with(view, &[&event_target_value(&ev)]));
    let id = format!("{}-region", view.slug());
    view! {
        <div class="field-inline region-pick">
            <label for=id.clone()>"Region"</label>
            <select id=id on:change=pick>{options}</select>
        </div>
    }
}
