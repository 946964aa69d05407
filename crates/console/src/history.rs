//! The calls made in this tab, newest first, each numbered by the order it was made in and
//! labelled with what it was about and how it ended: show its answer (under its form), re-open its
//! form filled in, or run it again.

use crate::actions;
use crate::model::CallRecord;
use crate::state::AppState;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn History() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section class="history" aria-label="History">
            <h2>"History"</h2>
            <Show when=move || state.history.with(Vec::is_empty)>
                <p class="hint">"Calls made in this tab appear here, the latest first."</p>
            </Show>
            // Each label starts with the call's number in the order they were made (`#3`).
            <ol>
                // The records are shared (`Arc`): a new call copies no earlier answer.
                <For each=move || state.history.get() key=|r| r.id children=move |record| entry(state, record) />
            </ol>
        </section>
    }
}

/// One call: shows its answer, re-opens its form, or makes it again.
fn entry(state: AppState, record: Arc<CallRecord>) -> impl IntoView {
    let label = record.label();
    let failed = record.outcome.is_err();
    let (for_open, for_run) = (Arc::clone(&record), Arc::clone(&record));
    view! {
        <li class:failed=failed>
            <button type="button" class="link" on:click=move |_| actions::show(state, Arc::clone(&record))>{label}</button>
            <button type="button" on:click=move |_| actions::reopen(state, &for_open)>"Open form"</button>
            <button type="button" on:click=move |_| actions::run_again(state, &for_run)>"Run again"</button>
        </li>
    }
}
