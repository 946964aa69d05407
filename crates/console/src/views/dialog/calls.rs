//! "The calls it will make": each call of the plan in a line, with "Show request" giving its signed
//! request as the API view shows it, and once the dialog runs, how each call went.

use crate::actions;
use crate::model::plan::{CallState, PlannedCall};
use crate::model::Preview;
use crate::request_view::RequestView;
use crate::state::AppState;
use crate::widgets::FailureView;
use ecsimg_core::catalogue::Operation;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

/// The calls (`calls`, as planned or as running) and their states once the dialog runs.
pub fn calls_view(
    op: &'static Operation,
    calls: Signal<Vec<PlannedCall>>,
    states: Signal<Option<Vec<CallState>>>,
) -> impl IntoView {
    let count = move || calls.with(Vec::len);
    view! {
        <section class="plan" aria-labelledby="plan-title">
            <h3 id="plan-title">{move || if count() == 1 { "The call it will make".to_string() } else { format!("The {} calls it will make", count()) }}</h3>
            <ol class="plan-calls">
                <For each=move || 0..count() key=|i| *i children=move |i| call_item(op, calls, states, i) />
            </ol>
        </section>
    }
}

fn call_item(
    op: &'static Operation,
    calls: Signal<Vec<PlannedCall>>,
    states: Signal<Option<Vec<CallState>>>,
    i: usize,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let call = Memo::new(move |_| calls.with(|c| c.get(i).cloned()));
    let call_state = Memo::new(move |_| states.with(|s| s.as_ref().and_then(|s| s.get(i).cloned())));
    // The request signed for "Show request", shown while the call is still that request.
    let signed = RwSignal::new(None::<(Value, Preview)>);
    let current = move || {
        let request = call.with(|c| c.as_ref().map(|c| c.request.clone()));
        signed.get().filter(|(r, _)| Some(r) == request.as_ref()).map(|(_, p)| p)
    };
    let open = move || current().is_some();
    let toggle = move |_| {
        if open() {
            signed.set(None);
            return;
        }
        let Some(request) = call.with_untracked(|c| c.as_ref().map(|c| c.request.clone())) else { return };
        let connection = state.connection.get_untracked();
        spawn_local(async move {
            let preview = actions::sign(connection, op, request.clone(), false).await;
            signed.try_set(Some((request, preview)));
        });
    };
    let summary = move || call.with(|c| c.as_ref().map(|c| c.summary(op)).unwrap_or_default());
    view! {
        <li class="plan-call">
            <div class="plan-call-head">
                <span class="plan-summary">{summary}</span>
                {move || call_state.get().map(state_badge)}
                <button type="button" aria-expanded=move || open().to_string() on:click=toggle
                    aria-label=move || format!("{} request {}", if open() { "Hide" } else { "Show" }, i + 1)>
                    {move || if open() { "Hide request" } else { "Show request" }}
                </button>
            </div>
            {move || match call_state.get() {
                Some(CallState::Failed(failure)) => Some(view! { <FailureView failure=failure /> }),
                _ => None,
            }}
            {move || current().map(|preview| view! { <RequestView preview=preview /> })}
        </li>
    }
}

/// How a call went, in a word.
fn state_badge(state: CallState) -> impl IntoView {
    let (tone, text) = match state {
        CallState::Waiting => ("other", "to call"),
        CallState::Running => ("busy", "calling…"),
        CallState::Done(_) => ("ok", "done"),
        CallState::Failed(_) => ("bad", "failed"),
    };
    view! { <span class=format!("badge tone-{tone}")>{text}</span> }
}
