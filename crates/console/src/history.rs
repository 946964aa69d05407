//! The calls made in this tab: re-open any call's form filled in, or run it again.

use crate::actions;
use crate::state::AppState;
use ecsimg_core::catalogue::operation;
use leptos::prelude::*;

#[component]
pub fn History() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section class="history" aria-label="History">
            <h2>"History"</h2>
            <Show when=move || state.history.with(Vec::is_empty)>
                <p class="hint">"Calls made in this tab appear here."</p>
            </Show>
            <ol>
                <For each=move || state.history.get() key=|r| r.id let:record>
                    {
                        let ok = record.outcome.is_ok();
                        let status = match &record.outcome {
                            Ok(_) => "OK".to_string(),
                            Err(f) => f.code.clone().unwrap_or_else(|| f.kind.clone()),
                        };
                        let for_open = record.clone();
                        let for_run = record.clone();
                        view! {
                            <li class:failed=!ok>
                                <button type="button" class="link" on:click=move |_| state.shown.set(Some(record.clone()))>
                                    {format!("{} — {status}", record.action)}
                                </button>
                                <button type="button" on:click=move |_| actions::reopen(state, &for_open)>"Open form"</button>
                                <button type="button" on:click=move |_| {
                                    if let Some(op) = operation(for_run.action) {
                                        actions::call(state, op, for_run.request.clone(), false);
                                    }
                                }>"Run again"</button>
                            </li>
                        }
                    }
                </For>
            </ol>
        </section>
    }
}
