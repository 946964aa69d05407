//! The tray as the user sees it: fixed at the bottom of the window, a line per task with its
//! status badge and percentage, a link to the resource, Cancel where the service allows it, and a
//! live region that says when a task ends.

use super::Tray;
use crate::format::count;
use crate::model::task::{Task, TaskState};
use crate::results::status_badge;
use crate::state::AppState;
use crate::views::distribute::{self, DistributionEntry};
use leptos::prelude::*;

#[component]
pub fn TrayPanel() -> impl IntoView {
    let tray = Tray::get();
    let state = expect_context::<AppState>();
    let tasks = tray.tasks;
    let any = move || tasks.with(|t| !t.list.is_empty()) || distribute::any();
    let summary = move || {
        let (all, running) = tasks.with(|t| (t.list.len(), t.running()));
        // The distribution's entry counts as a task.
        let (all, running) = (all + usize::from(distribute::any()), running + usize::from(distribute::running()));
        match running {
            0 => format!("{}, none running", count(all as u64, "tasks")),
            n => format!("{} running", count(n as u64, "tasks")),
        }
    };
    let ids = move || tasks.with(|t| t.list.iter().map(|task| task.id).collect::<Vec<_>>());
    view! {
        <aside class="tray" class:idle=move || !any() aria-label="Tasks">
            // Always in the page, so that the first notice is announced too.
            <p class="visually-hidden" role="status" aria-live="polite">{move || tasks.with(|t| t.notice.clone())}</p>
            <Show when=any>
                <div class="tray-head">
                    <h2>"Tasks"</h2>
                    <span class="muted">{summary}</span>
                    <button type="button" aria-expanded=move || tray.open.get().to_string() aria-controls="tray-list"
                        on:click=move |_| tray.open.update(|o| *o = !*o)>
                        {move || if tray.open.get() { "Hide" } else { "Show" }}
                    </button>
                </div>
                <ul id="tray-list" class="tray-list" hidden=move || !tray.open.get()>
                    <DistributionEntry />
                    <For each=ids key=|id| *id children=move |id| row(tray, state, id) />
                </ul>
            </Show>
        </aside>
    }
}

/// One task, redrawn when it changes.
fn row(tray: Tray, state: AppState, id: u64) -> impl IntoView {
    let task = Memo::new(move |_| tray.tasks.with(|t| t.get(id).cloned()));
    move || task.get().map(|task| task_view(tray, state, task))
}

fn task_view(tray: Tray, state: AppState, task: Task) -> impl IntoView {
    let label = task.spec.label.clone();
    let lifecycle = task.spec.waiter.spec().lifecycle();
    let id = task.id;
    let over = task.state.is_over();
    let outcome = match &task.state {
        TaskState::Done { .. } => Some(("ok", "Done".to_string())),
        TaskState::Cancelled { .. } => Some(("muted", "Cancelled".to_string())),
        TaskState::Failed { reason, .. } => {
            Some(("bad", reason.clone().map_or("Failed".into(), |r| format!("Failed: {r}"))))
        }
        TaskState::Cancelling { .. } => Some(("muted", "Cancelling…".to_string())),
        TaskState::Running { .. } => None,
    };
    let badge = status_badge(lifecycle, task.state.status().to_string(), task.state.percent());
    view! {
        <li class="task" class:over=over>
            <div class="task-head">
                <a href=task.spec.route.hash()>{task.spec.label.clone()}</a>
                <span class="muted">{task.spec.region.clone()}</span>
            </div>
            <div class="task-status">{badge}</div>
            {outcome.map(|(class, text)| view! { <p class=format!("task-outcome {class}")>{text}</p> })}
            {task.cancel_problem.clone().map(|p| view! { <p class="task-outcome bad">{p}</p> })}
            <div class="task-actions">
                {task.can_cancel().then(|| view! {
                    <button type="button" aria-label=format!("Cancel {label}") on:click=move |_| tray.cancel(state, id)>"Cancel"</button>
                })}
                <button type="button" on:click=move |_| tray.dismiss(id)>{if over { "Dismiss" } else { "Stop following" }}</button>
            </div>
        </li>
    }
}
