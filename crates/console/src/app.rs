//! The page: connection bar, the navigation between views, the view the route names, the task tray
//! every view shares, and the ID suggestions every view's fields offer.

use crate::connection::ConnectionPanel;
use crate::model::demo::demo_ids;
use crate::model::known_ids::suggestions_id;
use crate::model::Target;
use crate::state::AppState;
use crate::views::distribute::{DistributionDialog, Distributions};
use crate::views::tray::{Tray, TrayPanel};
use crate::views::{follow_location, CurrentView, ViewNav};
use ecsimg_core::catalogue::{IdKind, REGIONS};
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    Tray::provide();
    Distributions::provide();
    follow_location(state.route);
    view! {
        <a class="skip" href="#main" on:click=skip_to_main>"Skip to the content"</a>
        <header class="top">
            <h1>"ecsimg"<span class="tagline">" · ECS image management"</span></h1>
            <ViewNav />
            <ConnectionPanel connection=state.connection />
        </header>
        <CurrentView />
        <TrayPanel />
        <DistributionDialog />
        {IdKind::ALL.iter().map(|kind| id_suggestions(state, *kind)).collect_view()}
    }
}

/// Moves the focus to the view's content without touching the URL's hash (which is the route).
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    crate::focus::after_render("#main");
}

/// The datalist of one kind of ID, which the fields holding one offer: what answers showed, and
/// what is known without a call (`offered_anyway`).
fn id_suggestions(state: AppState, kind: IdKind) -> impl IntoView {
    let known = state.known.of(kind);
    let entries = move || {
        let mut entries: Vec<(String, String)> = known.with(|list| list.entries().cloned().collect());
        for (id, label) in offered_anyway(state, kind) {
            if !entries.iter().any(|e| e.0 == id) {
                entries.push((id, label));
            }
        }
        entries
    };
    view! {
        <datalist id=suggestions_id(kind)>
            <For each=entries key=|e| e.clone() children=|(value, label)| view! { <option value=value>{label}</option> } />
        </datalist>
    }
}

/// The IDs of a kind offered before any answer shows one: the catalogue's regions, and while the
/// sandbox is the connection its demo account's (the instances and snapshots no operation here
/// lists).
fn offered_anyway(state: AppState, kind: IdKind) -> Vec<(String, String)> {
    if kind == IdKind::Region {
        return REGIONS.iter().map(|r| (r.to_string(), String::new())).collect();
    }
    if !state.sandbox_fleet.with(|fleet| fleet.iter().any(|r| r.kind == kind)) {
        return Vec::new();
    }
    let (target, region) = state.connection.with(|c| (c.target, c.region.clone()));
    if target != Target::InPage {
        return Vec::new();
    }
    state.sandbox_fleet.with(|fleet| demo_ids(fleet, &region, kind))
}
