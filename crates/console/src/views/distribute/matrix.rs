//! The distribution while it runs and after: a line saying how far it is (a live region), the
//! matrix of region × step (each cell's status in words and colour, the wait's percentage, a
//! failed cell's reason with "Retry" for it alone), Cancel / Resume, and at the end the summary
//! per region with the CSV and JSON exports (the package's).

use super::Distributions;
use crate::client::workflows::distribution_summary;
use crate::model::distribution::{step_label, Cell, CellStatus, Destination, Distribution};
use crate::model::{Route, View};
use crate::state::AppState;
use crate::views::images::download::download;
use leptos::prelude::*;

/// The distribution of `d`, with its controls; `close` closes the dialog.
pub fn run_view(d: Distributions, close: Callback<()>) -> impl IntoView {
    let app = expect_context::<AppState>();
    let shown = Memo::new(move |_| d.read());
    let running = d.running;
    let status = move || match shown.get() {
        None => "Starting…".to_string(),
        Some(dist) => status_line(&dist, running.get()),
    };
    let resumable = move || !running.get() && shown.with(|s| s.as_ref().is_some_and(Distribution::unfinished));
    let over = move || !running.get() && shown.with(Option::is_some);
    let export = move |csv: bool| {
        move |_| {
            let Some(state) = d.state.get_untracked() else { return };
            let (name, mime) =
                if csv { ("distribution.csv", "text/csv") } else { ("distribution.json", "application/json") };
            download(name, mime, &distribution_summary(&state, csv));
        }
    };
    view! {
        <div class="dialog-body distribution">
            <p class="distribution-status" tabindex="-1" role="status" aria-live="polite">{status}</p>
            {move || d.problem.get().map(|p| view! { <p class="problems" role="alert">{p}</p> })}
            {move || shown.get().map(|dist| matrix(d, app, dist, running.get()))}
            {move || shown.get().filter(|_| over()).map(|dist| summary(dist, close))}
            <div class="dialog-actions">
                <Show when=move || running.get()>
                    <button type="button" class="destroys" on:click=move |_| d.cancel()>"Cancel distribution"</button>
                </Show>
                <Show when=resumable>
                    <button type="button" class="primary" on:click=move |_| d.resume(app)>"Resume"</button>
                </Show>
                <Show when=over>
                    <button type="button" on:click=export(true)>"Export CSV"</button>
                    <button type="button" on:click=export(false)>"Export JSON"</button>
                    // Forgotten here only: what was made stays made.
                    <button type="button" on:click=move |_| { d.forget(); close.run(()) }>"Dismiss"</button>
                </Show>
                <button type="button" class="dialog-cancel" on:click=move |_| close.run(())>"Close"</button>
            </div>
        </div>
    }
}

/// `Running: 5 of 12 steps done (9 calls).`, `Done: …`, `Stopped: … Resume carries it on.`
fn status_line(dist: &Distribution, running: bool) -> String {
    let (done, all) = dist.progress();
    let steps = format!("{done} of {all} steps done ({} calls so far)", dist.calls);
    match dist.status.as_str() {
        _ if running => format!("Running: {steps}."),
        "done" => format!("Done: {steps}."),
        "failed" => format!("Some steps failed: {steps}. Retry a failed step, or export the summary."),
        "cancelled" => format!("Cancelled: {steps}. Resume carries it on (cancelled copies are made again)."),
        _ => format!("Stopped: {steps}. Resume carries it on where it stopped."),
    }
}

/// The matrix: a row per destination region, a column per step.
fn matrix(d: Distributions, app: AppState, dist: Distribution, running: bool) -> impl IntoView {
    let steps = dist.steps();
    let heads = steps.iter().map(|s| view! { <th scope="col">{step_label(s, None)}</th> }).collect_view();
    let rows = dist.destinations.into_iter().map(|dest| {
        let region = dest.region.clone();
        let cells = dest.cells.into_iter().map(|c| cell(d, app, region.clone(), c, running)).collect_view();
        view! { <tr><th scope="row">{dest.region}<br /><code class="muted">{dest.image_id}</code></th>{cells}</tr> }
    });
    view! {
        <div class="matrix-scroll">
            <table class="matrix">
                <caption>"Each destination region, and each step there"</caption>
                <thead><tr><th scope="col">"Region"</th>{heads}</tr></thead>
                <tbody>{rows.collect_view()}</tbody>
            </table>
        </div>
    }
}

fn cell(d: Distributions, app: AppState, region: String, cell: Cell, running: bool) -> impl IntoView {
    let status = cell.status;
    let percent = (status == CellStatus::Running && cell.step == "wait").then_some(cell.percent);
    let retry = (status.retryable() && !running).then(|| {
        let (label, step) = (format!("Retry {} in {region}", step_label(&cell.step, None)), cell.step.clone());
        view! { <button type="button" class="retry" aria-label=label on:click=move |_| d.retry(app, &region, &step)>"Retry"</button> }
    });
    view! {
        <td class=format!("cell cell-{}", status.tone()) data-step=cell.step.clone() data-label=step_label(&cell.step, None)>
            <span class=format!("badge tone-{}", status.tone())>{status.words()}</span>
            {percent.map(|p| view! {
                <progress class="mini" max="100" value=p.to_string() aria-label=format!("{p}% copied")></progress>
                <span class="pct">{format!("{p}%")}</span>
            })}
            {cell.error.map(|e| view! { <p class="cell-reason bad">{e}</p> })}
            {cell.note.map(|n| view! { <p class="cell-note muted">{n}</p> })}
            {retry}
        </td>
    }
}

/// Per region: the new image (a link to its details), who it is shared with, how it ended.
fn summary(dist: Distribution, close: Callback<()>) -> impl IntoView {
    let row = move |dest: Destination| {
        let shared = dest.shared_with().join(", ");
        let ended = if dest.done() { "Done" } else { "Not finished" };
        let image = dest.image_id.clone().map(|id| {
            let href = Route::with(View::Images, &[dest.region.as_str(), id.as_str()]).hash();
            view! { <a href=href on:click=move |_| close.run(())>{id}</a> }
        });
        view! {
            <tr>
                <th scope="row">{dest.region.clone()}</th>
                <td data-label="New image">{image}</td>
                <td data-label="Shared with">{shared}</td>
                <td data-label="Ended">{ended}</td>
            </tr>
        }
    };
    view! {
        <table class="distribution-summary">
            <caption>"Summary"</caption>
            <thead><tr><th scope="col">"Region"</th><th scope="col">"New image"</th><th scope="col">"Shared with"</th><th scope="col">"Ended"</th></tr></thead>
            <tbody>{dist.destinations.into_iter().map(row).collect_view()}</tbody>
        </table>
    }
}
