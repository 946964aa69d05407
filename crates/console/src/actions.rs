//! What the buttons do: call an operation, sign one for display, re-run one from history.

use crate::client::Client;
use crate::request_view::Preview;
use crate::state::{AppState, CallRecord};
use ecsimg_core::catalogue::Operation;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

/// Calls `op` with `request` on the current connection; the answer is shown and kept in history.
pub fn call(state: AppState, op: &'static Operation, request: Value, lenient: bool) {
    let connection = state.connection.get_untracked();
    let id = state.next_call_id();
    let started = js_sys::Date::now();
    state.busy.set(true);
    spawn_local(async move {
        let outcome = match Client::new(&connection, lenient) {
            Ok(client) => client.call(op.name, &request, None).await,
            Err(e) => Err(e),
        };
        if let Ok(answer) = &outcome {
            state.known.update(|k| k.learn(answer));
        }
        let record = CallRecord {
            id,
            action: op.name,
            request,
            outcome,
            at: started,
            duration_ms: js_sys::Date::now() - started,
            connection: connection.describe(),
        };
        state.history.update(|h| h.insert(0, record.clone()));
        state.shown.set(Some(record));
        state.busy.set(false);
    });
}

/// Signs `request` without sending it, for "Show request".
pub fn preview(state: AppState, op: &'static Operation, request: Value, lenient: bool) {
    let connection = state.connection.get_untracked();
    spawn_local(async move {
        let preview = match Client::new(&connection, lenient) {
            Ok(client) => Preview::of(op, &request, client.presign(op.name, &request).await),
            Err(e) => Preview::of(op, &request, Err(e)),
        };
        state.preview.set(Some(preview));
    });
}

/// Re-opens a past call's form, filled in as it was.
pub fn reopen(state: AppState, record: &CallRecord) {
    let Some(op) = ecsimg_core::catalogue::operation(record.action) else { return };
    state.form_for(op).set(record.request.clone());
    state.selected.set(op);
}
