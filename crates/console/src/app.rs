//! The page: connection bar, operations, the selected operation's form, its answer or signed
//! request, and the history.

use crate::connection::ConnectionPanel;
use crate::forms::OperationForm;
use crate::history::History;
use crate::model::demo::demo_ids;
use crate::model::{IdList, KnownIds, Target};
use crate::request_view::RequestView;
use crate::results::ResultPanel;
use crate::sidebar::Sidebar;
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    let preview = move || {
        let preview = state.preview.get().filter(|p| state.selected.with(|s| p.action == s.name));
        preview.map(|p| view! { <RequestView preview=p /> })
    };
    view! {
        <a class="skip" href="#main">"Skip to the form"</a>
        <header class="top">
            <h1>"ecsimg"<span class="tagline">" · ECS image management"</span></h1>
            <ConnectionPanel connection=state.connection />
        </header>
        <div class="layout">
            <Sidebar />
            <main id="main" tabindex="-1">
                // A new form for each operation (its values are kept in the state).
                {move || view! { <OperationForm op=state.selected.get() /> }}
                {preview}
                <ResultPanel />
            </main>
            <History />
        </div>
        {id_suggestions(state, |k| &k.images, None, "ids-images")}
        {id_suggestions(state, |k| &k.pipelines, None, "ids-pipelines")}
        {id_suggestions(state, |k| &k.executions, None, "ids-executions")}
        {id_suggestions(state, |k| &k.components, None, "ids-components")}
        {id_suggestions(state, |k| &k.instances, Some(false), "ids-instances")}
        {id_suggestions(state, |k| &k.snapshots, Some(true), "ids-snapshots")}
    }
}

/// The datalist of one kind of ID: what answers showed, and for instances and snapshots (which no
/// operation here lists; `sandbox` says which) the sandbox's own while it is the connection.
fn id_suggestions(
    state: AppState,
    list: fn(&KnownIds) -> &IdList,
    sandbox: Option<bool>,
    id: &'static str,
) -> impl IntoView {
    let entries = move || {
        let mut entries: Vec<(String, String)> = state.known.with(|k| list(k).entries().cloned().collect());
        if let Some(snapshots) = sandbox {
            let (target, region) = state.connection.with(|c| (c.target, c.region.clone()));
            if target == Target::InPage {
                for (id, label) in state.sandbox_fleet.with(|fleet| demo_ids(fleet, &region, snapshots)) {
                    if !entries.iter().any(|e| e.0 == id) {
                        entries.push((id, label));
                    }
                }
            }
        }
        entries
    };
    view! {
        <datalist id=id>
            <For each=entries key=|e| e.clone() children=|(value, label)| view! { <option value=value>{label}</option> } />
        </datalist>
    }
}
