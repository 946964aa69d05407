//! What the buttons do: call an operation, sign one for display, re-open or re-run one from
//! history, ask for another page.

use crate::client::Client;
use crate::model::region::region_of;
use crate::model::{CallRecord, Connection, Preview};
use crate::state::AppState;
use ecsimg_core::catalogue::{operation, Operation};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use std::sync::Arc;

/// Calls `op` with `request` on the current connection; the answer is shown, brought into view,
/// and kept in history.
pub fn call(state: AppState, op: &'static Operation, request: Value, lenient: bool) {
    state.busy.set(true);
    spawn_local(async move {
        let record = perform(state, op, request, lenient).await;
        state.busy.set(false);
        state.shown.set(Some(record));
        // Under its form: in view if the user is still there (else it waits there for them).
        if state.selected.with_untracked(|s| s.name == op.name) {
            crate::focus::reveal_after_render(RESULT);
        }
    });
}

/// Calls `op` with `request` on the current connection and keeps the call in history (the IDs in
/// its answer are learnt); the record. The image manager's dialogs and buttons call through here.
pub async fn perform(state: AppState, op: &'static Operation, request: Value, lenient: bool) -> Arc<CallRecord> {
    let connection = state.connection.get_untracked();
    let id = state.next_call_id();
    let started = js_sys::Date::now();
    let outcome = match Client::new(&connection, lenient) {
        Ok(client) => client.call(op.name, &request, None).await,
        Err(e) => Err(e),
    };
    if let Ok(answer) = &outcome {
        state.known.learn([answer]);
    }
    let record = Arc::new(CallRecord {
        id,
        action: op.name,
        outcome,
        at: started,
        duration_ms: js_sys::Date::now() - started,
        region: region_of(&request, &connection.region),
        connection: connection.describe(),
        request,
    });
    state.history.update(|h| h.insert(0, Arc::clone(&record)));
    record
}

/// The result panel's section, which a call's outcome scrolls into view.
const RESULT: &str = "section.result";

/// Shows a past call's result under its own operation's form, opening that form, in view.
pub fn show(state: AppState, record: Arc<CallRecord>) {
    if let Some(op) = operation(record.action).filter(|op| state.selected.with_untracked(|s| s.name != op.name)) {
        state.selected.set(op);
    }
    state.shown.set(Some(record));
    crate::focus::reveal_after_render(RESULT);
}

/// Signs `request` without sending it, for "Show request".
pub fn preview(state: AppState, op: &'static Operation, request: Value, lenient: bool) {
    spawn_local(async move {
        let preview = sign(state.connection.get_untracked(), op, request, lenient).await;
        state.preview.set(Some(preview));
    });
}

/// The signed request of `op` with `request` on `connection`, not sent.
pub async fn sign(connection: Connection, op: &'static Operation, request: Value, lenient: bool) -> Preview {
    let presigned = match Client::new(&connection, lenient) {
        Ok(client) => client.presign(op.name, &request).await,
        Err(e) => Err(e),
    };
    Preview::of(op, &request, presigned)
}

/// Re-opens a past call's form, filled in as it was.
pub fn reopen(state: AppState, record: &CallRecord) {
    let Some(op) = operation(record.action) else { return };
    state.form_for(op).set(record.request.clone());
    state.selected.set(op);
}

/// Makes a past call again, as it was first made, under its form (where its answer shows).
pub fn run_again(state: AppState, record: &CallRecord) {
    if let Some(op) = operation(record.action) {
        state.selected.set(op);
        call(state, op, record.request.clone(), false);
    }
}

/// Asks for another page of `action`'s answer. The form shows the page asked for, so "Show
/// request" and the history agree.
pub fn another_page(state: AppState, action: &str, request: Value) {
    if let Some(op) = operation(action) {
        state.form_for(op).set(request.clone());
        call(state, op, request, false);
    }
}
