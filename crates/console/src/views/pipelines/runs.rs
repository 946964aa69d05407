//! A pipeline's runs: "Run now" (StartImagePipelineExecution), followed in the task tray; each
//! pipeline's last run; the runs of the pipeline shown; cancelling a run through the tray. Runs
//! under way that this tab did not start are followed in the tray as soon as they are seen, and
//! the lists follow the tray: a run's new status reloads them.

use super::{op, Ctx};
use crate::actions;
use crate::client::Client;
use crate::format::field_text;
use crate::model::task::TaskSpec;
use crate::model::{Route, View};
use crate::results::{lifecycle_of, waiter_for};
use crate::views::manager::load_list;
use ecsimg_core::catalogue::{sdk_name, IdKind, Outcome};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};
use std::collections::HashMap;

/// The tray task of `execution`, a run of `pipeline` in `region`: the waiter that follows a
/// started run, and the call that cancels it.
fn run_task(region: &str, pipeline: &Value, execution: &str) -> Option<TaskSpec> {
    let start = op("StartImagePipelineExecution");
    let answer = json!({ (start.waiter.as_ref()?.target): execution });
    let (waiter, target) = waiter_for(start.name, &json!({ "regionId": region }), &answer)?;
    let id = field_text(pipeline, "imagePipelineId");
    Some(TaskSpec {
        label: format!("Run of {}", field_text(pipeline, "name")),
        region: region.to_string(),
        route: Route::with(View::Pipelines, &[region, &id]),
        waiter,
        cancel: Some((op("CancelImagePipelineExecution"), target.clone())),
        target,
    })
}

/// Whether a run is still under way.
pub fn under_way(run: &Value) -> bool {
    let lifecycle = lifecycle_of(IdKind::Execution);
    lifecycle.status_of(run).is_some_and(|s| lifecycle.outcome(s) == Outcome::Waiting)
}

/// Starts a run of `pipeline` and follows it in the tray.
pub fn run_now(ctx: Ctx, pipeline: Value) {
    let region = ctx.region.get_untracked();
    let request = json!({ "regionId": region, "imagePipelineId": field_text(&pipeline, "imagePipelineId") });
    ctx.trouble.set(None);
    spawn_local(async move {
        let record = actions::perform(ctx.state, op("StartImagePipelineExecution"), request, false).await;
        match &record.outcome {
            Ok(answer) => {
                let execution = field_text(answer, "executionId");
                if let Some(task) = run_task(&region, &pipeline, &execution) {
                    ctx.tray.add(ctx.state, task);
                }
            }
            Err(failure) => {
                ctx.trouble.try_set(Some((format!("Run now of {}", field_text(&pipeline, "name")), failure.clone())));
            }
        }
    });
}

/// Cancels `run` of `pipeline` (through its tray task, which follows it to CANCELLED).
pub fn cancel_run(ctx: Ctx, pipeline: &Value, run: &Value) {
    let region = ctx.region.get_untracked();
    if let Some(task) = run_task(&region, pipeline, &field_text(run, "executionId")) {
        let id = ctx.tray.add(ctx.state, task);
        ctx.tray.cancel(ctx.state, id);
    }
}

/// Keeps the last runs and the open pipeline's runs current: loaded when the pipelines are, when
/// another pipeline is opened, and whenever a run the tray follows here changes status.
pub fn follow_runs(ctx: Ctx) {
    let pipelines = Memo::new(move |_| {
        ctx.list.with(|l| {
            l.items.as_ref().map(|items| items.iter().map(|p| field_text(p, "imagePipelineId")).collect::<Vec<_>>())
        })
    });
    let tray_runs = Memo::new(move |_| {
        ctx.tray.tasks.with(|t| {
            t.list
                .iter()
                .filter(|task| task.spec.route.view == View::Pipelines)
                .map(|task| (task.id, task.state.status().to_string()))
                .collect::<Vec<_>>()
        })
    });
    Effect::new(move |shown: Option<Option<String>>| {
        tray_runs.track();
        let open = ctx.open.get();
        if shown.as_ref() != Some(&open) {
            // Another pipeline's runs are not this one's.
            ctx.runs.set(Default::default());
        }
        let Some(ids) = pipelines.get() else { return open };
        load_last_runs(ctx, ids);
        if let Some(id) = &open {
            let request = json!({ "regionId": ctx.region.get_untracked(), "imagePipelineId": id });
            load_list(ctx.state, op("DescribeImagePipelineExecutions"), request, ctx.runs, ctx.runs_task);
        }
        open
    });
}

/// Each pipeline's last run (the newest first, so one item is enough); a run under way that the
/// tray does not follow yet is added to it.
fn load_last_runs(ctx: Ctx, ids: Vec<String>) {
    let region = ctx.region.get_untracked();
    let connection = ctx.state.connection.get_untracked();
    let describe = op("DescribeImagePipelineExecutions");
    let items = describe.pagination.map(|p| sdk_name(p.items)).unwrap_or_default();
    spawn_local(async move {
        let Ok(client) = Client::new(&connection, false) else { return };
        let mut last = HashMap::new();
        for id in ids {
            let request = json!({ "regionId": region, "imagePipelineId": id, "maxResults": 1 });
            let Ok(answer) = client.call(describe.name, &request, None).await else { continue };
            if let Some(run) = answer.get(&items).and_then(|list| list.get(0)) {
                last.insert(id, run.clone());
            }
        }
        // The region may have changed meanwhile: then these are another region's.
        if ctx.region.try_get_untracked().as_ref() != Some(&region) {
            return;
        }
        for run in last.values().filter(|run| under_way(run)) {
            let pipeline = ctx.pipeline(&field_text(run, "imagePipelineId"));
            if let Some(task) = pipeline.and_then(|p| run_task(&region, &p, &field_text(run, "executionId"))) {
                ctx.tray.add(ctx.state, task);
            }
        }
        ctx.last_runs.try_set(last);
    });
}
