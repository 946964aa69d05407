//! A distribution as the console shows it: the npm package's `DistributionState` (JSON) read into
//! plain rows, a destination region each with a cell per step (copy, wait, a share per account,
//! the family), each cell's status in words and the tone of its colour. The state itself is kept
//! as the package made it (it is what resumes a run); these are only read from it.

pub mod form;

use crate::format::field_text;
use serde_json::Value;

/// Where the state of the distribution under way is kept in this browser (no credential: the
/// plan, the copies' IDs and the cells' statuses).
pub const STORAGE_KEY: &str = "ecsimg.distribution";

/// Where a cell is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellStatus {
    Pending,
    Running,
    Done,
    Failed,
    Cancelled,
}

impl CellStatus {
    fn parse(text: &str) -> CellStatus {
        match text {
            "running" => CellStatus::Running,
            "done" => CellStatus::Done,
            "failed" => CellStatus::Failed,
            "cancelled" => CellStatus::Cancelled,
            _ => CellStatus::Pending,
        }
    }

    /// In words, for everyone (the colour only repeats it).
    pub fn words(self) -> &'static str {
        match self {
            CellStatus::Pending => "Not started",
            CellStatus::Running => "Running",
            CellStatus::Done => "Done",
            CellStatus::Failed => "Failed",
            CellStatus::Cancelled => "Cancelled",
        }
    }

    /// The badge's tone (`tone-ok` green, `tone-bad` red, `tone-busy` blue, `tone-other` grey).
    pub fn tone(self) -> &'static str {
        match self {
            CellStatus::Done => "ok",
            CellStatus::Failed => "bad",
            CellStatus::Running => "busy",
            CellStatus::Pending | CellStatus::Cancelled => "other",
        }
    }

    /// Whether "Retry" may make it pending again.
    pub fn retryable(self) -> bool {
        matches!(self, CellStatus::Failed | CellStatus::Cancelled)
    }
}

/// One step of one destination.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The package's name of the step: `copy`, `wait`, `share:<account>`, `family`.
    pub step: String,
    pub status: CellStatus,
    pub percent: u8,
    /// Why it failed, in words (`code: message`).
    pub error: Option<String>,
    /// What happened besides (a cancelled copy, a retry).
    pub note: Option<String>,
}

/// One destination region: its copy (once CopyImage answered) and its cells in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Destination {
    pub region: String,
    pub image_id: Option<String>,
    pub cells: Vec<Cell>,
}

impl Destination {
    /// The accounts its copy is shared with so far.
    pub fn shared_with(&self) -> Vec<String> {
        let done = self.cells.iter().filter(|c| c.status == CellStatus::Done);
        done.filter_map(|c| c.step.strip_prefix("share:").map(str::to_string)).collect()
    }

    /// Every step done.
    pub fn done(&self) -> bool {
        self.cells.iter().all(|c| c.status == CellStatus::Done)
    }
}

/// A distribution's state, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Distribution {
    pub source_region: String,
    pub image_id: String,
    /// `pending`, `running`, `done`, `failed`, `cancelled`.
    pub status: String,
    pub destinations: Vec<Destination>,
    /// Calls made so far (waiter polls included).
    pub calls: u64,
}

impl Distribution {
    /// Reads the package's `DistributionState`; `None` for anything else.
    pub fn of(state: &Value) -> Option<Distribution> {
        let plan = state.get("plan")?;
        let destinations = state.get("regions")?.as_array()?.iter().map(destination).collect();
        Some(Distribution {
            source_region: field_text(plan, "sourceRegionId"),
            image_id: field_text(plan, "imageId"),
            status: field_text(state, "status"),
            destinations,
            calls: state.get("calls").and_then(Value::as_u64).unwrap_or(0),
        })
    }

    /// The steps, in order: the matrix's columns (every destination has the same).
    pub fn steps(&self) -> Vec<String> {
        self.destinations.first().map(|d| d.cells.iter().map(|c| c.step.clone()).collect()).unwrap_or_default()
    }

    /// Cells done, and all cells.
    pub fn progress(&self) -> (usize, usize) {
        let cells = self.destinations.iter().flat_map(|d| &d.cells);
        let (done, all) = cells.fold((0, 0), |(d, a), c| (d + usize::from(c.status == CellStatus::Done), a + 1));
        (done, all)
    }

    /// Something is left to do (a saved one offers "Resume").
    pub fn unfinished(&self) -> bool {
        self.status != "done"
    }

    /// `m-1 (cn-hangzhou) to 3 regions: 5 of 12 steps done`.
    pub fn describe(&self) -> String {
        let (done, all) = self.progress();
        let regions = crate::format::count(self.destinations.len() as u64, "regions");
        format!("{} ({}) to {regions}: {done} of {all} steps done", self.image_id, self.source_region)
    }
}

fn destination(region: &Value) -> Destination {
    let cells = region.get("cells").and_then(Value::as_array).map(|cells| cells.iter().map(cell).collect());
    let image_id = field_text(region, "imageId");
    Destination {
        region: field_text(region, "regionId"),
        image_id: (!image_id.is_empty()).then_some(image_id),
        cells: cells.unwrap_or_default(),
    }
}

fn cell(cell: &Value) -> Cell {
    let text = |key: &str| Some(field_text(cell, key)).filter(|t| !t.is_empty());
    let error = cell.get("error").map(|e| {
        let code = text_of(e, "code").or_else(|| text_of(e, "kind")).unwrap_or_default();
        format!("{code}: {}", field_text(e, "message"))
    });
    Cell {
        step: field_text(cell, "step"),
        status: CellStatus::parse(&field_text(cell, "status")),
        percent: cell.get("percent").and_then(Value::as_f64).unwrap_or(0.0).clamp(0.0, 100.0) as u8,
        error,
        note: text("note"),
    }
}

fn text_of(value: &Value, key: &str) -> Option<String> {
    Some(field_text(value, key)).filter(|t| !t.is_empty())
}

/// A step in words: `Copy`, `Wait until Available`, `Share with 1000…`, `Put in family web`.
pub fn step_label(step: &str, family: Option<&str>) -> String {
    match step {
        "copy" => "Copy".into(),
        "wait" => "Wait until Available".into(),
        "family" => format!("Put in family {}", family.unwrap_or_default()).trim().to_string(),
        other => other.strip_prefix("share:").map_or_else(|| other.to_string(), |a| format!("Share with {a}")),
    }
}

/// The plan's calls in words, one line each: `CopyImage · cn-shanghai · Copy`.
pub fn plan_lines(plan: &Value) -> Vec<String> {
    let family = plan.get("family").and_then(Value::as_str);
    let calls = plan.get("calls").and_then(Value::as_array).cloned().unwrap_or_default();
    calls
        .iter()
        .map(|c| {
            let step = step_label(&field_text(c, "step"), family);
            format!("{} · {} · {step}", field_text(c, "action"), field_text(c, "regionId"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn state() -> Value {
        json!({
            "version": 1, "status": "running", "calls": 7, "updatedAt": "2026-01-01T00:00:00Z",
            "plan": {"id": "p1", "sourceRegionId": "cn-hangzhou", "imageId": "m-1", "shareWith": ["1002"],
                "destinations": [], "calls": []},
            "regions": [
                {"regionId": "cn-shanghai", "imageId": "m-9", "cancelledCopies": 0, "cells": [
                    {"step": "copy", "status": "done", "percent": 100},
                    {"step": "wait", "status": "running", "percent": 42.6},
                    {"step": "share:1002", "status": "pending", "percent": 0}]},
                {"regionId": "cn-beijing", "cancelledCopies": 1, "cells": [
                    {"step": "copy", "status": "failed", "percent": 0,
                        "error": {"kind": "service", "code": "QuotaExceed", "message": "too many"}},
                    {"step": "wait", "status": "cancelled", "percent": 0, "note": "the copy was cancelled"},
                    {"step": "share:1002", "status": "done", "percent": 100}]}
            ]
        })
    }

    #[test]
    fn a_state_reads_into_destinations_and_cells() {
        let d = Distribution::of(&state()).unwrap();
        assert_eq!((d.source_region.as_str(), d.image_id.as_str(), d.calls), ("cn-hangzhou", "m-1", 7));
        assert_eq!(d.steps(), ["copy", "wait", "share:1002"]);
        let shanghai = &d.destinations[0];
        assert_eq!(shanghai.image_id.as_deref(), Some("m-9"));
        assert_eq!((shanghai.cells[1].status, shanghai.cells[1].percent), (CellStatus::Running, 42));
        let beijing = &d.destinations[1];
        assert_eq!(beijing.image_id, None);
        assert_eq!(beijing.cells[0].error.as_deref(), Some("QuotaExceed: too many"));
        assert_eq!(beijing.cells[1].note.as_deref(), Some("the copy was cancelled"));
        assert_eq!(beijing.shared_with(), ["1002"]);
        assert_eq!(d.progress(), (2, 6));
        assert!(d.unfinished());
        assert_eq!(d.describe(), "m-1 (cn-hangzhou) to 2 regions: 2 of 6 steps done");
        assert!(Distribution::of(&json!({"regions": []})).is_none(), "not a state");
    }

    #[test]
    fn statuses_are_said_in_words_with_a_tone() {
        assert_eq!(CellStatus::parse("failed").words(), "Failed");
        assert_eq!(CellStatus::parse("running").tone(), "busy");
        assert_eq!(CellStatus::parse("anything").words(), "Not started");
        assert!(CellStatus::Failed.retryable() && CellStatus::Cancelled.retryable() && !CellStatus::Done.retryable());
    }

    #[test]
    fn steps_and_plans_read_in_words() {
        assert_eq!(step_label("share:1002", None), "Share with 1002");
        assert_eq!(step_label("family", Some("web")), "Put in family web");
        assert_eq!(step_label("wait", None), "Wait until Available");
        let plan = json!({"family": "web", "calls": [
            {"regionId": "cn-shanghai", "step": "copy", "action": "CopyImage"},
            {"regionId": "cn-shanghai", "step": "family", "action": "ModifyImageAttribute"}]});
        assert_eq!(
            plan_lines(&plan),
            ["CopyImage · cn-shanghai · Copy", "ModifyImageAttribute · cn-shanghai · Put in family web"]
        );
    }
}
