//! The task tray: the long work of this tab (a pipeline's run; images being made, copied,
//! imported), mounted once beside every view, so it stays while the user moves between them. A
//! view hands it a `TaskSpec` (`Tray::add`); the tray follows it with the catalogue's waiter
//! (`run`), shows its status and percentage, cancels it where the service allows, links to the
//! resource, and says in a live region when it ends (`panel`). What a task is: `model::task`.

mod panel;
mod run;

use crate::model::task::{Task, TaskSpec, Tasks};
use crate::model::View;
use crate::state::AppState;
use leptos::prelude::*;
use std::collections::HashMap;

pub use panel::TrayPanel;

/// A task's region, status and whether it ended: what a view follows of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Followed {
    pub region: String,
    pub status: String,
    pub over: bool,
}

/// The tray's tasks, shared through context (`Tray::provide` in the app, `Tray::get` anywhere).
#[derive(Clone, Copy)]
pub struct Tray {
    pub tasks: RwSignal<Tasks>,
    /// The list is shown (a new task opens it; the user may fold it away).
    pub open: RwSignal<bool>,
    /// The abort handles of the waiters under way, by task.
    waiters: StoredValue<HashMap<u64, web_sys::AbortController>>,
}

impl Tray {
    /// Makes the tray and offers it to every view.
    pub fn provide() -> Tray {
        let tray = Tray {
            tasks: RwSignal::new(Tasks::default()),
            open: RwSignal::new(true),
            waiters: StoredValue::new(HashMap::new()),
        };
        provide_context(tray);
        tray
    }

    pub fn get() -> Tray {
        expect_context::<Tray>()
    }

    /// Follows `spec` in the tray, unless the same work is followed already; the task's id.
    pub fn add(self, state: AppState, spec: TaskSpec) -> u64 {
        let (mut id, mut new) = (0, false);
        self.tasks.update(|tasks| (id, new) = tasks.add(spec.clone()));
        if new {
            self.open.set(true);
            run::follow(self, state, id, spec);
        }
        id
    }

    /// Cancels a task's work (its cancel call).
    pub fn cancel(self, state: AppState, id: u64) {
        let mut call = None;
        self.tasks.update(|tasks| call = tasks.cancel(id));
        if let Some((op, request)) = call {
            run::cancel(self, state, id, op, request);
        }
    }

    /// Where each task about `view`'s things is (tracked): what changes when something the tray
    /// follows changes status or ends, and not with its percentage.
    pub fn statuses(self, view: View) -> Vec<Followed> {
        self.tasks.with(|tasks| {
            let about = tasks.list.iter().filter(|task| task.spec.route.view == view);
            let followed = |task: &Task| Followed {
                region: task.spec.region.clone(),
                status: task.state.status().to_string(),
                over: task.state.is_over(),
            };
            about.map(followed).collect()
        })
    }

    /// Forgets a task; one under way is no longer followed (the work goes on).
    pub fn dismiss(self, id: u64) {
        self.stop_waiter(id);
        self.tasks.update(|tasks| tasks.dismiss(id));
    }

    /// Stops following a task's work (its waiter ends as aborted).
    fn stop_waiter(self, id: u64) {
        self.waiters.update_value(|w| {
            if let Some(controller) = w.remove(&id) {
                controller.abort();
            }
        });
    }
}
