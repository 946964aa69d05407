//! Following a task: the npm client's waiter with its progress, and for a failure one more look at
//! the thing for its reason; and the cancel call.

use super::Tray;
use crate::actions;
use crate::client::Client;
use crate::model::task::{failure_reason, Ending, TaskSpec};
use crate::model::Failure;
use crate::state::AppState;
use ecsimg_core::catalogue::{sdk_name, Operation};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

/// Runs the task's waiter until it ends (or the task is dismissed), on the connection of now.
pub fn follow(tray: Tray, state: AppState, id: u64, spec: TaskSpec) {
    let Ok(controller) = web_sys::AbortController::new() else { return };
    let signal = controller.signal();
    tray.waiters.update_value(|w| {
        w.insert(id, controller);
    });
    let connection = state.connection.get_untracked();
    spawn_local(async move {
        let client = match Client::new(&connection, false) {
            Ok(client) => client,
            Err(failure) => return tray.tasks.update(|t| t.finish(id, stopped(&failure))),
        };
        let report = move |status: String, percent: u8| {
            tray.tasks.update(|t| t.progress(id, status, percent));
            // A cancelled thing found gone ended the task: its waiter stops (and ends as aborted).
            if tray.tasks.with_untracked(|t| t.get(id).is_some_and(|task| task.state.is_over())) {
                tray.stop_waiter(id);
            }
        };
        let result = client.wait(spec.waiter, &spec.target, &signal, report).await;
        tray.waiters.update_value(|w| {
            w.remove(&id);
        });
        let lifecycle = spec.waiter.spec().lifecycle();
        let ending = match result {
            Ok(item) => Ending::Done(lifecycle.status_of(&item).unwrap_or("done").to_string()),
            Err(failure) if failure.is_aborted() => return,
            // The waiter saw a failed status (its code): ask the thing why.
            Err(failure) if failure.kind == "waiter" => {
                Ending::Failed { status: failure.code, reason: reason(&client, &spec).await }
            }
            Err(failure) => stopped(&failure),
        };
        tray.tasks.update(|t| t.finish(id, ending));
    });
}

/// A waiter that could not go on: where it was, and why.
fn stopped(failure: &Failure) -> Ending {
    Ending::Failed { status: None, reason: Some(format!("{}: {}", failure.headline(), failure.message)) }
}

/// The failed thing's own reason, from one more look with its lifecycle's describe call.
async fn reason(client: &Client, spec: &TaskSpec) -> Option<String> {
    let lifecycle = spec.waiter.spec().lifecycle();
    let mut request = spec.target.clone();
    for (wire, value) in lifecycle.request {
        request[sdk_name(wire)] = Value::from(*value);
    }
    let answer = client.call(lifecycle.describe, &request, None).await.ok()?;
    answer.get(sdk_name(lifecycle.items)).and_then(|items| items.get(0)).and_then(failure_reason)
}

/// Makes a task's cancel call; if the service refuses, the task runs on and says why.
pub fn cancel(tray: Tray, state: AppState, id: u64, op: &'static Operation, request: Value) {
    spawn_local(async move {
        let record = actions::perform(state, op, request, false).await;
        if let Err(failure) = &record.outcome {
            let reason = format!("Not cancelled: {} ({})", failure.message, failure.headline());
            tray.tasks.update(|t| t.cancel_refused(id, reason));
        }
    });
}
