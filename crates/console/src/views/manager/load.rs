//! A region's list of things (pipelines, components, a pipeline's executions): every page of a
//! paged describe call through the npm client's paginator. A list being loaded again keeps
//! showing what it had until the new one is in.

use crate::client::Client;
use crate::model::Failure;
use crate::results::Cancellable;
use crate::state::AppState;
use ecsimg_core::catalogue::{sdk_name, Operation};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct List {
    /// What the last load found (`None` before any load ended well).
    pub items: Option<Vec<Value>>,
    pub loading: bool,
    pub failure: Option<Failure>,
}

/// Loads every page of `op` with `request` into `list`; a load started while one is under way
/// (`task`) stops that one.
pub fn load_list(state: AppState, op: &'static Operation, request: Value, list: RwSignal<List>, task: Cancellable) {
    let Some(pagination) = op.pagination else { return };
    task.cancel();
    let Some(signal) = task.start() else { return };
    list.update(|l| l.loading = true);
    let connection = state.connection.get_untracked();
    spawn_local(async move {
        let mut items = Vec::new();
        let loaded = match Client::new(&connection, false) {
            Ok(client) => {
                let key = sdk_name(pagination.items);
                let on_page = |page: crate::client::Page| items.extend(page.items);
                client.load_all(op.name, &key, pagination.max_size, &request, &signal, on_page).await
            }
            Err(e) => Err(e),
        };
        if signal.aborted() {
            return;
        }
        task.finished();
        if loaded.is_ok() {
            state.known.learn(&items);
        }
        list.try_update(|l| {
            l.loading = false;
            match loaded {
                Ok(()) => {
                    l.items = Some(items);
                    l.failure = None;
                }
                Err(failure) => l.failure = Some(failure),
            }
        });
    });
}
