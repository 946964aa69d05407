//! The clean-up as the console shows it: the npm package's `CleanupReport` (the candidates, each
//! with why, and the kept images, each with why) and `DeletionReport` (the DryRun check or the
//! deletions, per image) read into plain rows; the selection's total; the targets handed back.

use crate::format::field_text;
use serde_json::{json, Value};

/// An image the clean-up found nothing needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub region: String,
    pub id: String,
    pub name: String,
    pub age_days: i64,
    pub size_gib: u64,
    /// Why it is a candidate, in words.
    pub reasons: Vec<String>,
    /// Shared with other accounts (who lose it), when it is.
    pub flagged: Option<String>,
}

impl Candidate {
    /// What the selection keys it by (an ID is unique within its region).
    pub fn key(&self) -> String {
        format!("{}/{}", self.region, self.id)
    }
}

/// An image kept, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub region: String,
    pub id: String,
    pub name: String,
    pub why: Vec<String>,
}

/// What `findCleanupCandidates` found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Findings {
    pub candidates: Vec<Candidate>,
    pub kept: Vec<Kept>,
    /// Regions that could not be looked at: `cn-beijing: why`.
    pub errors: Vec<String>,
}

fn texts(value: &Value, key: &str) -> Vec<String> {
    value
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

fn list<'a>(value: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    value.get(key).and_then(Value::as_array).into_iter().flatten()
}

fn reason(error: &Value) -> String {
    let code = Some(field_text(error, "code")).filter(|c| !c.is_empty()).unwrap_or_else(|| field_text(error, "kind"));
    format!("{code}: {}", field_text(error, "message"))
}

impl Findings {
    pub fn of(report: &Value) -> Findings {
        let candidates = list(report, "candidates")
            .map(|c| Candidate {
                region: field_text(c, "regionId"),
                id: field_text(c, "imageId"),
                name: field_text(c, "imageName"),
                age_days: c.get("ageDays").and_then(Value::as_i64).unwrap_or(0),
                size_gib: c.get("sizeGiB").and_then(Value::as_u64).unwrap_or(0),
                reasons: texts(c, "reasons"),
                flagged: c.get("flagged").and_then(Value::as_str).map(str::to_string),
            })
            .collect();
        let kept = list(report, "kept")
            .map(|k| Kept {
                region: field_text(k, "regionId"),
                id: field_text(k, "imageId"),
                name: field_text(k, "imageName"),
                why: texts(k, "why"),
            })
            .collect();
        let errors = list(report, "errors")
            .map(|e| format!("{}: {}", field_text(e, "regionId"), reason(e.get("error").unwrap_or(&Value::Null))))
            .collect();
        Findings { candidates, kept, errors }
    }

    /// The candidates selected (by key), in the table's order.
    pub fn selected<'a>(&'a self, keys: &'a [String]) -> impl Iterator<Item = &'a Candidate> + 'a {
        self.candidates.iter().filter(move |c| keys.contains(&c.key()))
    }

    /// How many are selected and their snapshot storage, GiB.
    pub fn total(&self, keys: &[String]) -> (usize, u64) {
        self.selected(keys).fold((0, 0), |(n, gib), c| (n + 1, gib + c.size_gib))
    }

    /// The selected candidates as `deleteImages`' targets.
    pub fn targets(&self, keys: &[String]) -> Value {
        let targets: Vec<Value> = self
            .selected(keys)
            .map(|c| json!({"regionId": c.region, "imageId": c.id, "imageName": c.name, "sizeGiB": c.size_gib}))
            .collect();
        Value::Array(targets)
    }
}

/// One image of a deletion report.
#[derive(Debug, Clone, PartialEq)]
pub struct DeletionRow {
    pub region: String,
    pub id: String,
    pub name: String,
    pub size_gib: u64,
    /// The package's status: `pending`, `would-delete`, `would-fail`, `deleting`, `deleted`, `failed`.
    pub status: String,
    pub reason: Option<String>,
    pub note: Option<String>,
}

impl DeletionRow {
    /// The status in words, and the tone of its badge.
    pub fn words(&self) -> (&'static str, &'static str) {
        match self.status.as_str() {
            "would-delete" => ("Would be deleted", "ok"),
            "would-fail" => ("Would fail", "bad"),
            "deleting" => ("Deleting…", "busy"),
            "deleted" => ("Deleted", "ok"),
            "failed" => ("Failed", "bad"),
            _ => ("Waiting", "other"),
        }
    }
}

/// What `deleteImages` reported: the check (`confirmed` false) or the deletions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Deletion {
    /// The DryRun check (else the deletions).
    pub check: bool,
    pub rows: Vec<DeletionRow>,
    /// Would be deleted (check) or deleted, and their storage.
    pub count: u64,
    pub total_gib: u64,
}

impl Deletion {
    pub fn of(report: &Value) -> Deletion {
        let rows = list(report, "items")
            .map(|i| DeletionRow {
                region: field_text(i, "regionId"),
                id: field_text(i, "imageId"),
                name: field_text(i, "imageName"),
                size_gib: i.get("sizeGiB").and_then(Value::as_u64).unwrap_or(0),
                status: field_text(i, "status"),
                reason: i.get("reason").map(reason),
                note: i.get("note").and_then(Value::as_str).map(str::to_string),
            })
            .collect();
        Deletion {
            check: field_text(report, "phase") == "check",
            rows,
            count: report.get("count").and_then(Value::as_u64).unwrap_or(0),
            total_gib: report.get("totalSizeGiB").and_then(Value::as_u64).unwrap_or(0),
        }
    }

    /// Images that would fail (check) or failed.
    pub fn failures(&self) -> usize {
        self.rows.iter().filter(|r| r.status == "would-fail" || r.status == "failed").count()
    }

    /// Images not answered yet.
    pub fn waiting(&self) -> usize {
        self.rows.iter().filter(|r| r.status == "pending" || r.status == "deleting").count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Value {
        json!({
            "candidates": [
                {"regionId": "cn-hangzhou", "imageId": "m-1", "imageName": "old", "ageDays": 400, "sizeGiB": 40,
                    "reasons": ["not used by any instance", "made 400 days ago"]},
                {"regionId": "cn-shanghai", "imageId": "m-2", "imageName": "older", "ageDays": 500, "sizeGiB": 20,
                    "reasons": [], "flagged": "shared with 1002: they lose it"}],
            "kept": [{"regionId": "cn-hangzhou", "imageId": "m-3", "imageName": "base",
                "why": ["the base image of the image pipeline build-agent (ip-1)"]}],
            "totalSizeGiB": 60,
            "errors": [{"regionId": "cn-beijing", "error": {"kind": "network", "message": "unreachable"}}]
        })
    }

    #[test]
    fn findings_read_with_their_reasons() {
        let found = Findings::of(&report());
        assert_eq!(found.candidates.len(), 2);
        let old = &found.candidates[0];
        assert_eq!((old.key().as_str(), old.age_days, old.size_gib), ("cn-hangzhou/m-1", 400, 40));
        assert_eq!(old.reasons[1], "made 400 days ago");
        assert_eq!(found.candidates[1].flagged.as_deref(), Some("shared with 1002: they lose it"));
        assert_eq!(found.kept[0].why, ["the base image of the image pipeline build-agent (ip-1)"]);
        assert_eq!(found.errors, ["cn-beijing: network: unreachable"]);
    }

    #[test]
    fn the_selection_totals_and_becomes_the_targets() {
        let found = Findings::of(&report());
        let keys = vec!["cn-shanghai/m-2".to_string(), "cn-hangzhou/m-1".to_string()];
        assert_eq!(found.total(&keys), (2, 60));
        assert_eq!(found.total(&[]), (0, 0));
        assert_eq!(
            found.targets(&keys[..1]),
            json!([{"regionId": "cn-shanghai", "imageId": "m-2", "imageName": "older", "sizeGiB": 20}])
        );
    }

    #[test]
    fn a_deletion_report_reads_per_image() {
        let report = json!({"phase": "check", "count": 1, "totalSizeGiB": 40, "items": [
            {"regionId": "cn-hangzhou", "imageId": "m-1", "imageName": "old", "sizeGiB": 40, "status": "would-delete"},
            {"regionId": "cn-hangzhou", "imageId": "m-2", "imageName": "x", "sizeGiB": 20, "status": "would-fail",
                "reason": {"kind": "service", "code": "IncorrectImageStatus", "message": "in use"}}]});
        let deletion = Deletion::of(&report);
        assert!(deletion.check);
        assert_eq!((deletion.count, deletion.total_gib, deletion.failures(), deletion.waiting()), (1, 40, 1, 0));
        assert_eq!(deletion.rows[0].words(), ("Would be deleted", "ok"));
        assert_eq!(deletion.rows[1].reason.as_deref(), Some("IncorrectImageStatus: in use"));
        assert_eq!(deletion.rows[1].words().0, "Would fail");
    }
}
