//! The answer to the last call: a view fitted to the operation (tables for describe calls), the raw
//! JSON one click away, the RequestId, and for long operations "wait until done".

pub mod cancel;
mod columns;
mod grid;
mod images;
mod listing;
mod pager;
pub mod status;
mod timeline;
pub mod vtable;
mod wait;

use crate::actions;
use crate::model::explain::explain;
use crate::model::CallRecord;
use crate::state::AppState;
use crate::widgets::{AnswerView, FailureView};
use ecsimg_core::catalogue::operation;
use images::{one_image, one_image_view};
use leptos::prelude::*;
use listing::Listing;
use serde_json::Value;
use std::sync::Arc;
use wait::WaitPanel;

// What the image manager's views show the same way.
pub use cancel::Cancellable;
pub use status::{lifecycle_of, status_badge};
pub use timeline::executions_view;
pub use vtable::Items;
pub use wait::waiter_for;

/// Whether the `<details>` an event came from is open now.
fn is_open(ev: &leptos::ev::Event) -> bool {
    ev.target().and_then(|t| js_sys::Reflect::get(&t, &"open".into()).ok()).and_then(|v| v.as_bool()).unwrap_or(false)
}

#[component]
pub fn ResultPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Only under its own operation's form: another form's answer is not this one's.
    let here = move || state.shown.get().filter(|r| state.selected.with(|op| op.name == r.action));
    // The live region exists before any answer arrives, so the first answer is announced too.
    view! {
        <div class="result-region" aria-live="polite">
            {move || here().map(|record| view! { <CallResult record=record /> })}
        </div>
    }
}

#[component]
fn CallResult(record: Arc<CallRecord>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let header = record.heading();
    match &record.outcome {
        Err(failure) => {
            let explanation = explain(failure, &record.about());
            view! {
                <section class="result" aria-label="Result">
                    <p class="outcome failed">{format!("{} failed", record.action)}</p>
                    <p class="result-head">{header}</p>
                    <FailureView failure=failure.clone() explanation=explanation />
                </section>
            }
            .into_any()
        }
        Ok(answer) => {
            let request_id = answer.get("requestId").and_then(Value::as_str).unwrap_or_default().to_string();
            let wait = waiter_for(record.action, &record.request, answer)
                .map(|(waiter, target)| view! { <WaitPanel waiter=waiter target=target /> });
            let note = record.note().map(|note| view! { <p class="note" role="note">{format!("Note: {note}")}</p> });
            view! {
                <section class="result" aria-label="Result">
                    <p class="outcome">{record.outcome_line()}</p>
                    <p class="result-head">{header}<span class="ok">" · 200 OK"</span></p>
                    {note}
                    <p class="request-id">"RequestId "<code>{request_id}</code></p>
                    {wait}
                    {answer_for(state, record.action, record.request.clone(), answer.clone())}
                    {raw_json(answer.get("body").cloned().unwrap_or(Value::Null))}
                </section>
            }
            .into_any()
        }
    }
}

/// The answer as it came (its `body`), pretty-printed only when opened: a big answer costs nothing
/// until then.
fn raw_json(body: Value) -> impl IntoView {
    let raw_open = RwSignal::new(false);
    let raw =
        move || raw_open.get().then(|| view! { <pre>{serde_json::to_string_pretty(&body).unwrap_or_default()}</pre> });
    view! {
        // The element's state follows the signal both ways: a new answer may reuse an element
        // that an earlier answer left open.
        <details class="raw" prop:open=move || raw_open.get() on:toggle=move |ev| raw_open.set(is_open(&ev))>
            <summary>"Raw JSON (the answer with its wrapper objects, in the SDK's field names)"</summary>
            {raw}
        </details>
    }
}

/// The view fitted to the operation's answer: paged lists in their own views (images, pipelines,
/// executions, or a generic table) with page controls, one image as an image table, what is
/// available where as grids, and anything else as fields and tables.
fn answer_for(state: AppState, action: &'static str, request: Value, answer: Value) -> AnyView {
    let op = operation(action);
    let one_image = op.and_then(one_image);
    if op.is_some_and(|op| op.pagination.is_some()) {
        let go = Callback::new(move |request| actions::another_page(state, action, request));
        view! { <Listing action=action request=request answer=answer go=go /> }.into_any()
    } else if let Some(key) = one_image {
        one_image_view(&answer, key)
    } else if op.is_some_and(grid::fits) {
        grid::grids_view(&answer)
    } else {
        view! { <AnswerView answer=answer /> }.into_any()
    }
}
