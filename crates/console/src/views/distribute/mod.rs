//! Distribute: an image copied to many regions and shared with many accounts in one action, by the
//! npm package's `distributeImage` (the console only shows it). A dialog asks where and with whom,
//! shows the plan (every call), then the matrix of region × step while it runs (`matrix`); the
//! state is saved in localStorage after every change, so a reload resumes it (no second copy: the
//! copies' ClientTokens come from the plan), and the tray shows it across views (`tray`).

mod dialog;
mod form;
mod matrix;
mod tray;

use crate::client::workflows::retry_cell;
use crate::client::Client;
use crate::model::distribution::{Distribution, STORAGE_KEY};
use crate::model::image_actions::ImageFacts;
use crate::state::AppState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

pub use dialog::DistributionDialog;
pub use tray::{any, running, DistributionEntry};

/// What the dialog shows: the form for an image, or the distribution (its plan, matrix, summary).
#[derive(Debug, Clone, PartialEq)]
pub enum Opened {
    Form(ImageFacts),
    Run,
}

/// The distribution of this browser (one at a time), shared through context.
#[derive(Clone, Copy)]
pub struct Distributions {
    /// Its state as the package made it (what resumes it), saved after every change.
    pub state: RwSignal<Option<Value>>,
    pub dialog: RwSignal<Option<Opened>>,
    /// A run in this page is carrying it out.
    pub running: RwSignal<bool>,
    /// Why the last run could not go on (not a cell's failure: each cell says its own).
    pub problem: RwSignal<Option<String>>,
    controller: StoredValue<Option<web_sys::AbortController>>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

impl Distributions {
    /// Makes the context, with the distribution saved by an earlier page (if any).
    pub fn provide() {
        let saved = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        let state =
            saved.and_then(|text| serde_json::from_str::<Value>(&text).ok()).filter(|s| Distribution::of(s).is_some());
        provide_context(Distributions {
            state: RwSignal::new(state),
            dialog: RwSignal::new(None),
            running: RwSignal::new(false),
            problem: RwSignal::new(None),
            controller: StoredValue::new(None),
        });
    }

    pub fn get() -> Distributions {
        expect_context::<Distributions>()
    }

    /// The distribution, read (tracked).
    pub fn read(self) -> Option<Distribution> {
        self.state.with(|s| s.as_ref().and_then(Distribution::of))
    }

    /// Opens the form for `image`, or the distribution under way (one at a time).
    pub fn open(self, image: ImageFacts) {
        let busy = self.running.get_untracked() || self.read().is_some_and(|d| d.unfinished());
        self.dialog.set(Some(if busy { Opened::Run } else { Opened::Form(image) }));
    }

    /// Keeps `state` and saves it (the plan and the cells: no credential is in it).
    fn keep(self, state: Value) {
        if let Some(storage) = storage() {
            let _ = storage.set_item(STORAGE_KEY, &state.to_string());
        }
        self.state.set(Some(state));
    }

    /// Forgets the distribution (it stays done or undone at the service).
    pub fn forget(self) {
        if let Some(storage) = storage() {
            let _ = storage.remove_item(STORAGE_KEY);
        }
        self.state.set(None);
        self.problem.set(None);
    }

    /// Runs `plan_or_state` (a new plan, or the saved state to resume), on the connection of now.
    pub fn run(self, app: AppState, plan_or_state: Value) {
        if self.running.get_untracked() {
            return;
        }
        let Ok(controller) = web_sys::AbortController::new() else { return };
        let signal = controller.signal();
        self.controller.set_value(Some(controller));
        self.running.set(true);
        self.problem.set(None);
        let connection = app.connection.get_untracked();
        spawn_local(async move {
            let result = match Client::new(&connection, false) {
                Ok(client) => client.distribute(&plan_or_state, &signal, move |s| self.keep(s)).await,
                Err(failure) => Err(failure),
            };
            match result {
                Ok(state) => self.keep(state),
                Err(failure) => self.problem.set(Some(format!("{}: {}", failure.headline(), failure.message))),
            }
            self.controller.set_value(None);
            self.running.set(false);
        });
    }

    /// Resumes the saved distribution.
    pub fn resume(self, app: AppState) {
        if let Some(state) = self.state.get_untracked() {
            self.run(app, state);
        }
    }

    /// Stops everything (the package cancels the copies in flight).
    pub fn cancel(self) {
        self.controller.with_value(|c| c.as_ref().map(web_sys::AbortController::abort));
    }

    /// Makes one failed cell pending again and runs the distribution on.
    pub fn retry(self, app: AppState, region: &str, step: &str) {
        let Some(state) = self.state.get_untracked() else { return };
        match retry_cell(&state, region, step) {
            Ok(state) => {
                self.keep(state.clone());
                self.run(app, state);
            }
            Err(failure) => self.problem.set(Some(failure.message)),
        }
    }
}
