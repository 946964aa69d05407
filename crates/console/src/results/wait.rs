//! "Wait until done" for operations that start long work: live progress from the client's waiters,
//! cancellable.

use super::cancel::Cancellable;
use crate::client::{Client, Failure};
use crate::state::AppState;
use ecsimg_core::catalogue::operation;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};

/// The catalogue's waiter for an answer, and what it waits on.
fn waiter_for(action: &str, request: &Value, answer: &Value) -> Option<(&'static str, Value)> {
    let waiter = operation(action)?.waiter?;
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let region = text(request, waiter.region).or_else(|| text(request, "regionId"));
    let target = text(answer, waiter.target)?;
    Some((waiter.name, json!({ "regionId": region, (waiter.target): target })))
}

#[derive(Clone, PartialEq)]
enum Progress {
    Idle,
    Waiting {
        status: String,
        percent: u8,
    },
    Done(String),
    /// Cancelled by the user: where the work was when they stopped waiting (it goes on).
    Stopped {
        status: String,
        percent: u8,
    },
    Failed(Failure),
}

#[component]
pub fn WaitPanel(action: &'static str, answer: Value) -> impl IntoView {
    let state = expect_context::<AppState>();
    let request = state.shown.with_untracked(|s| s.as_ref().map(|r| r.request.clone())).unwrap_or(Value::Null);
    let Some((waiter, target)) = waiter_for(action, &request, &answer) else { return ().into_any() };
    let progress = RwSignal::new(Progress::Idle);
    let task = Cancellable::new();
    let start = move |_| {
        let Some(signal) = task.start() else { return };
        progress.set(Progress::Waiting { status: "starting".into(), percent: 0 });
        let connection = state.connection.get_untracked();
        let target = target.clone();
        spawn_local(async move {
            let result = match Client::new(&connection, false) {
                Ok(client) => {
                    client
                        .wait(waiter, &target, &signal, move |status, percent| {
                            progress.set(Progress::Waiting { status, percent })
                        })
                        .await
                }
                Err(e) => Err(e),
            };
            // The panel may be gone (another answer shown): then so is its state.
            let Some(last) = progress.try_get_untracked() else { return };
            progress.set(match result {
                Ok(done) => {
                    let status = done.get("status").and_then(Value::as_str).unwrap_or("done").to_string();
                    Progress::Done(status)
                }
                Err(failure) if failure.kind == "aborted" => match last {
                    Progress::Waiting { status, percent } => Progress::Stopped { status, percent },
                    _ => Progress::Stopped { status: "unknown".into(), percent: 0 },
                },
                Err(failure) => Progress::Failed(failure),
            });
            task.finished();
        });
    };
    let cancel = move |_| task.cancel();
    view! {
        <div class="wait" aria-live="polite">
            {move || match progress.get() {
                Progress::Idle => view! { <button type="button" on:click=start.clone()>"Wait until done"</button> }.into_any(),
                Progress::Waiting { status, percent } => view! {
                    <label for="wait-progress">{format!("{status} {percent}%")}</label>
                    <progress id="wait-progress" max="100" value=percent.to_string()>{format!("{percent}%")}</progress>
                    <button type="button" on:click=cancel>"Cancel waiting"</button>
                }.into_any(),
                Progress::Done(status) => view! { <p class="ok">{format!("Done: {status}")}</p> }.into_any(),
                Progress::Stopped { status, percent } => view! {
                    <p class="hint">{format!("Stopped waiting at {status} {percent}% (the work goes on).")}</p>
                    <button type="button" on:click=start.clone()>"Wait until done"</button>
                }.into_any(),
                Progress::Failed(failure) => view! { <crate::results::FailureView failure=failure /> }.into_any(),
            }}
        </div>
    }
    .into_any()
}
