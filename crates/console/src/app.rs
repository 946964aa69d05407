//! The page: connection bar, operations, the selected operation's form, its answer or signed
//! request, and the history.

use crate::client::sandbox;
use crate::connection::ConnectionPanel;
use crate::connection::Target;
use crate::forms::OperationForm;
use crate::history::History;
use crate::request_view::RequestView;
use crate::results::ResultPanel;
use crate::sidebar::Sidebar;
use crate::state::{AppState, IdList, KnownIds};
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    // The ID fields' suggestions: what answers showed, and for instances and snapshots (which no
    // operation here lists) the sandbox's own while it is the connection.
    let ids = move |list: fn(&KnownIds) -> &IdList, sandbox: Option<bool>, id: &'static str| {
        let entries = move || {
            let mut entries: Vec<(String, String)> = state.known.with(|k| list(k).entries().cloned().collect());
            if let Some(snapshots) = sandbox {
                let (target, region) = state.connection.with(|c| (c.target, c.region.clone()));
                if target == Target::InPage {
                    for (id, label) in state.sandbox_fleet.with(|fleet| sandbox::demo_ids(fleet, &region, snapshots)) {
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
                {move || {
                    let op = state.selected.get();
                    // A new form for each operation (its values are kept in the state).
                    view! { <OperationForm op=op /> }
                }}
                {move || state.preview.get().filter(|p| p.action == state.selected.with(|s| s.name)).map(|p| view! { <RequestView preview=p /> })}
                <ResultPanel />
            </main>
            <History />
        </div>
        {ids(|k| &k.images, None, "ids-images")}
        {ids(|k| &k.pipelines, None, "ids-pipelines")}
        {ids(|k| &k.executions, None, "ids-executions")}
        {ids(|k| &k.components, None, "ids-components")}
        {ids(|k| &k.instances, Some(false), "ids-instances")}
        {ids(|k| &k.snapshots, Some(true), "ids-snapshots")}
    }
}
