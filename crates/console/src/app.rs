//! The page: connection bar, operations, the selected operation's form, its answer or signed
//! request, and the history.

use crate::connection::ConnectionPanel;
use crate::forms::OperationForm;
use crate::history::History;
use crate::request_view::RequestView;
use crate::results::ResultPanel;
use crate::sidebar::Sidebar;
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    let ids = move |list: fn(&crate::state::KnownIds) -> Vec<String>, id: &'static str| {
        view! { <datalist id=id>{move || state.known.with(list).into_iter().map(|v| view! { <option value=v></option> }).collect_view()}</datalist> }
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
        {ids(|k| k.images.iter().cloned().collect(), "ids-images")}
        {ids(|k| k.pipelines.iter().cloned().collect(), "ids-pipelines")}
        {ids(|k| k.executions.iter().cloned().collect(), "ids-executions")}
        {ids(|k| k.components.iter().cloned().collect(), "ids-components")}
    }
}
