//! The API view: a form for every operation (the sidebar picks one; `#/api/<Action>` opens it),
//! its answer or signed request, and the history of calls.

use crate::forms::OperationForm;
use crate::history::History;
use crate::model::{Route, View};
use crate::request_view::RequestView;
use crate::results::ResultPanel;
use crate::sidebar::Sidebar;
use crate::state::AppState;
use ecsimg_core::catalogue::operation;
use leptos::prelude::*;

#[component]
pub fn ApiView() -> impl IntoView {
    let state = expect_context::<AppState>();
    follow_selection(state);
    let preview = move || {
        let preview = state.preview.get().filter(|p| state.selected.with(|s| p.action == s.name));
        preview.map(|p| view! { <RequestView preview=p /> })
    };
    view! {
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
    }
}

/// The operation in the route is the one selected, and selecting one puts it in the route.
fn follow_selection(state: AppState) {
    Effect::new(move |_| {
        let named = state.route.with(|r| r.path.first().and_then(|name| operation(name)));
        if let Some(op) = named.filter(|op| state.selected.with_untracked(|s| s.name != op.name)) {
            state.selected.set(op);
        }
    });
    Effect::new(move |_| {
        let route = Route::with(View::Api, &[state.selected.with(|s| s.name)]);
        if state.route.with_untracked(|r| r.view == View::Api && *r != route) {
            state.route.set(route);
        }
    });
}
