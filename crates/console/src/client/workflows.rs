//! The npm package's workflows on a client: distributing an image (its plan, the run with its
//! progress, a cell retried, the summary's exports) and cleaning up (the candidates, the DryRun
//! check and the deletions, the report's exports). Their states go in and out as JSON: the
//! console's models (`model::distribution`, `model::cleanup`) read them.

use super::{failure, from_js, js, to_js, Client};
use crate::model::Failure;
use js_sys::{Object, Reflect};
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// The options object of a run: its abort signal and a progress callback getting the state as JSON.
fn run_options(signal: &web_sys::AbortSignal, progress: &Closure<dyn Fn(JsValue)>) -> JsValue {
    let options = Object::new();
    let _ = Reflect::set(&options, &"signal".into(), signal);
    let _ = Reflect::set(&options, &"onProgress".into(), progress.as_ref());
    options.into()
}

fn progress(on_progress: impl Fn(Value) + 'static) -> Closure<dyn Fn(JsValue)> {
    Closure::new(move |state: JsValue| on_progress(from_js(&state)))
}

/// The plan of a distribution request (`planDistribution`: every call it will make).
pub fn plan_distribution(request: &Value) -> Result<Value, Failure> {
    js::plan_distribution(&to_js(request)).map(|p| from_js(&p)).map_err(|e| failure(&e))
}

/// `state` with one failed or cancelled cell pending again (`retryDistributionCell`).
pub fn retry_cell(state: &Value, region: &str, step: &str) -> Result<Value, Failure> {
    js::retry_distribution_cell(&to_js(state), region, step).map(|s| from_js(&s)).map_err(|e| failure(&e))
}

/// The summary of a distribution as CSV (`distributionSummaryCsv`) or JSON text.
pub fn distribution_summary(state: &Value, csv: bool) -> String {
    let state = to_js(state);
    if csv {
        js::distribution_summary_csv(&state)
    } else {
        js::distribution_summary_json(&state)
    }
}

/// A deletion report as CSV (`deletionReportCsv`) or JSON text.
pub fn deletion_report(report: &Value, csv: bool) -> String {
    let report = to_js(report);
    if csv {
        js::deletion_report_csv(&report)
    } else {
        js::deletion_report_json(&report)
    }
}

impl Client {
    /// Runs a plan or resumes a saved state (`distributeImage`), `on_progress` getting the state
    /// after every change; the final state.
    pub async fn distribute(
        &self,
        plan_or_state: &Value,
        signal: &web_sys::AbortSignal,
        on_progress: impl Fn(Value) + 'static,
    ) -> Result<Value, Failure> {
        let progress = progress(on_progress);
        let options = run_options(signal, &progress);
        let result = js::distribute_image(&self.js, &to_js(plan_or_state), &options).await;
        drop(progress);
        result.map(|s| from_js(&s)).map_err(|e| failure(&e))
    }

    /// The clean-up candidates in `regions` older than `days` (`findCleanupCandidates`); shared
    /// images among them (flagged) when `include_shared`.
    pub async fn cleanup_candidates(
        &self,
        regions: &[String],
        days: u32,
        include_shared: bool,
        signal: &web_sys::AbortSignal,
    ) -> Result<Value, Failure> {
        let request = serde_json::json!({ "regions": regions, "olderThanDays": days, "includeShared": include_shared });
        let options = to_js(&request);
        let _ = Reflect::set(&options, &"signal".into(), signal);
        js::find_cleanup_candidates(&self.js, &options).await.map(|r| from_js(&r)).map_err(|e| failure(&e))
    }

    /// The DryRun check (`confirmed` false) or the deletion of `targets` (`deleteImages`), with
    /// the report after every change; the final report.
    pub async fn delete_images(
        &self,
        targets: &Value,
        confirmed: bool,
        signal: &web_sys::AbortSignal,
        on_progress: impl Fn(Value) + 'static,
    ) -> Result<Value, Failure> {
        let progress = progress(on_progress);
        let options = run_options(signal, &progress);
        let _ = Reflect::set(&options, &"confirmed".into(), &confirmed.into());
        let result = js::delete_images(&self.js, &to_js(targets), &options).await;
        drop(progress);
        result.map(|r| from_js(&r)).map_err(|e| failure(&e))
    }
}
