//! The distribution in the Tasks tray, so that it stays in sight across views: how far it is, Open
//! (the dialog with its matrix), Cancel while it runs, and for one a reload left unfinished Resume.

use super::{Distributions, Opened};
use crate::model::distribution::Distribution;
use crate::state::AppState;
use leptos::prelude::*;

/// Whether the tray has a distribution to show (tracked).
pub fn any() -> bool {
    Distributions::get().state.with(Option::is_some)
}

/// Whether a run in this page is carrying it out (tracked).
pub fn running() -> bool {
    Distributions::get().running.get()
}

#[component]
pub fn DistributionEntry() -> impl IntoView {
    let d = Distributions::get();
    let app = expect_context::<AppState>();
    let shown = Memo::new(move |_| d.read());
    let running = d.running;
    let line = move || {
        shown.get().map(|dist| {
            let how = match dist.status.as_str() {
                _ if running.get() => "running",
                "done" => "done",
                "failed" => "some steps failed",
                _ => "stopped: resume it",
            };
            format!("Distribution of {}: {how}", dist.describe())
        })
    };
    let resumable = move || !running.get() && shown.with(|s| s.as_ref().is_some_and(Distribution::unfinished));
    view! {
        <Show when=move || shown.with(Option::is_some)>
            <li class="task distribution-task" class:over=move || !resumable() && !running.get()>
                <p class="task-head">{line}</p>
                <div class="task-actions">
                    <button type="button" on:click=move |_| d.dialog.set(Some(Opened::Run))>"Open"</button>
                    <Show when=move || running.get()>
                        <button type="button" aria-label="Cancel the distribution" on:click=move |_| d.cancel()>"Cancel"</button>
                    </Show>
                    <Show when=resumable>
                        <button type="button" aria-label="Resume the distribution" on:click=move |_| d.resume(app)>"Resume"</button>
                    </Show>
                    <Show when=move || !running.get()>
                        <button type="button" aria-label="Dismiss the distribution" on:click=move |_| d.forget()>"Dismiss"</button>
                    </Show>
                </div>
            </li>
        </Show>
    }
}
