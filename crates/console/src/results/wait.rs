//! "Wait until done" for operations that start long work: live progress from the client's waiters,
//! cancellable.

use super::cancel::Cancellable;
use crate::client::Client;
use crate::model::Failure;
use crate::state::AppState;
use crate::widgets::FailureView;
use ecsimg_core::catalogue::{operation, Waiter};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};

/// The catalogue's waiter for an answer, and what it waits on: the region in the request field the
/// waiter names (else the call's own), the ID in the answer.
pub fn waiter_for(action: &str, request: &Value, answer: &Value) -> Option<(&'static Waiter, Value)> {
    let waiter = operation(action)?.waiter.as_ref()?;
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let region = text(request, waiter.region).or_else(|| text(request, REGION));
    let target = text(answer, waiter.target)?;
    Some((waiter, json!({ REGION: region, (waiter.target): target })))
}

/// The request field of the region a call is made in (SDK name), which a waiter takes too.
const REGION: &str = "regionId";

#[derive(Debug, Clone, PartialEq)]
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

impl Progress {
    /// Where a wait that was at `self` ends, given how `waiter` ended (with the thing as the last
    /// look saw it, for a done status).
    fn finish(self, waiter: &Waiter, result: Result<Value, Failure>) -> Progress {
        match result {
            Ok(done) => {
                let status = waiter.spec().lifecycle().status_of(&done);
                Progress::Done(status.unwrap_or("done").to_string())
            }
            Err(failure) if failure.is_aborted() => match self {
                Progress::Waiting { status, percent } => Progress::Stopped { status, percent },
                _ => Progress::Stopped { status: "unknown".into(), percent: 0 },
            },
            Err(failure) => Progress::Failed(failure),
        }
    }
}

/// The "Wait until done" button, then the progress of `waiter` on `target`.
#[component]
pub fn WaitPanel(waiter: &'static Waiter, target: Value) -> impl IntoView {
    let state = expect_context::<AppState>();
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
                    let report = move |status: String, percent: u8| progress.set(Progress::Waiting { status, percent });
                    client.wait(waiter, &target, &signal, report).await
                }
                Err(e) => Err(e),
            };
            // The panel may be gone (another answer shown): then so is its state.
            let Some(last) = progress.try_get_untracked() else { return };
            progress.set(last.finish(waiter, result));
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
                Progress::Failed(failure) => view! { <FailureView failure=failure /> }.into_any(),
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wait_ends_done_stopped_where_it_was_or_failed() {
        let waiter = &operation("CreateImage").unwrap().waiter.unwrap();
        let waiting = Progress::Waiting { status: "Creating".into(), percent: 42 };
        let done = waiting.clone().finish(waiter, Ok(json!({"status": "Available"})));
        assert_eq!(done, Progress::Done("Available".into()));
        assert_eq!(Progress::Idle.finish(waiter, Ok(json!(null))), Progress::Done("done".into()));
        assert_eq!(
            waiting.clone().finish(waiter, Err(Failure::aborted("waitForImageAvailable"))),
            Progress::Stopped { status: "Creating".into(), percent: 42 }
        );
        let failure = Failure { kind: "waiter".into(), ..Failure::default() };
        assert_eq!(waiting.finish(waiter, Err(failure.clone())), Progress::Failed(failure));
    }

    #[test]
    fn the_waiter_of_an_answer() {
        let found = ecsimg_core::catalogue::OPERATIONS.iter().find_map(|op| op.waiter.map(|w| (op, w)));
        let Some((op, waiter)) = found else { return };
        let answer = json!({ (waiter.target): "id-1" });
        let (found, target) = waiter_for(op.name, &json!({"regionId": "cn-beijing"}), &answer).expect("a waiter");
        assert_eq!(found.name, waiter.name);
        assert_eq!(target, json!({"regionId": "cn-beijing", (waiter.target): "id-1"}));
        assert!(waiter_for(op.name, &json!({}), &json!({})).is_none());
    }
}
