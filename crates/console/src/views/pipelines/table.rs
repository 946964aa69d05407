//! The region's pipelines as a table (cards on a narrow screen): name, ID, what it builds from,
//! its last run with its status, and per row Run now (or Cancel run while one is under way) and
//! Delete.

use super::runs::{cancel_run, run_now, under_way};
use super::{dialogs, Ctx};
use crate::format::{field_text, short_time};
use crate::model::{Route, View};
use crate::results::{lifecycle_of, status_badge};
use crate::views::manager::list_table;
use ecsimg_core::catalogue::IdKind;
use leptos::prelude::*;
use serde_json::Value;

pub fn pipelines_table(ctx: Ctx) -> impl IntoView {
    const COLUMNS: &[&str] = &["Name", "ID", "Builds from", "Last run", "Created"];
    move || {
        let items = ctx.list.with(|l| l.items.clone());
        list_table(items, &ctx.region.get_untracked(), "pipelines", COLUMNS, |p| row(ctx, p).into_any())
    }
}

fn row(ctx: Ctx, pipeline: Value) -> impl IntoView {
    let text = |key: &str| field_text(&pipeline, key);
    let (id, name) = (text("imagePipelineId"), text("name"));
    let route = Route::with(View::Pipelines, &[&ctx.region.get_untracked(), &id]).hash();
    let current = {
        let id = id.clone();
        move || ctx.open.get().as_ref() == Some(&id)
    };
    let last = {
        let id = id.clone();
        Memo::new(move |_| ctx.last_runs.with(|runs| runs.get(&id).cloned()))
    };
    let current_too = current.clone();
    view! {
        <tr class:current=current.clone()>
            <th scope="row" data-label="Name">
                <a href=route aria-current=move || current_too().then_some("page")>{name.clone()}</a>
            </th>
            <td data-label="ID"><code>{id}</code></td>
            <td data-label="Builds from">{source(&pipeline)}</td>
            <td data-label="Last run">{move || last.get().map(|run| last_run(&run))}</td>
            <td data-label="Created">{short_time(&text("creationTime"))}</td>
            <td class="row-actions">{run_buttons(ctx, pipeline.clone(), last)}</td>
        </tr>
    }
}

/// What a pipeline builds from, in words (its `baseImageType` and `baseImage`).
pub fn source(pipeline: &Value) -> String {
    let base = field_text(pipeline, "baseImage");
    match field_text(pipeline, "baseImageType").as_str() {
        "IMAGE" => format!("image {base}"),
        "IMAGE_FAMILY" => format!("the newest image of family {base}"),
        "OSS" => "image files in OSS".to_string(),
        other => format!("{other} {base}"),
    }
}

/// A run's status badge (with how far it is while under way) and when it started.
pub fn last_run(run: &Value) -> impl IntoView {
    let lifecycle = lifecycle_of(IdKind::Execution);
    let status = lifecycle.status_of(run).unwrap_or_default().to_string();
    let percent = under_way(run).then(|| lifecycle.percent_of(run));
    view! {
        {status_badge(lifecycle, status, percent)}
        <span class="muted run-time">{short_time(&field_text(run, "creationTime"))}</span>
    }
}

/// Run now, or Cancel run while the last run is under way; and Delete.
pub fn run_buttons(ctx: Ctx, pipeline: Value, last: Memo<Option<Value>>) -> impl IntoView {
    let name = field_text(&pipeline, "name");
    let running = move || last.with(|r| r.as_ref().is_some_and(under_way));
    let (for_run, for_cancel, for_delete) = (pipeline.clone(), pipeline.clone(), pipeline);
    let (run_label, cancel_label, delete_label) =
        (format!("Run {name} now"), format!("Cancel the run of {name}"), format!("Delete {name}"));
    view! {
        {move || if running() {
            let pipeline = for_cancel.clone();
            view! {
                <button type="button" aria-label=cancel_label.clone()
                    on:click=move |_| if let Some(run) = last.get_untracked() { cancel_run(ctx, &pipeline, &run) }>"Cancel run"</button>
            }.into_any()
        } else {
            let pipeline = for_run.clone();
            view! { <button type="button" aria-label=run_label.clone() on:click=move |_| run_now(ctx, pipeline.clone())>"Run now"</button> }.into_any()
        }}
        <button type="button" aria-label=delete_label on:click=move |_| ctx.dialog.set(Some(dialogs::delete(ctx, &for_delete)))>"Delete"</button>
    }
}
