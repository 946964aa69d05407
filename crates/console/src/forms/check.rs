//! What the core's validation says of a form's request, arranged for the form: the problems by
//! field, the required fields left empty, every problem named for the summary beside the submit
//! button, whether the request can be sent at all, and why the submit button will not call yet.
//! Region IDs the console does not know get "did you mean" too: a problem on the sandbox (its
//! regions are all there is), a warning on a real account (which may have others). Plain Rust.

use crate::model::region::{region_values, unknown_region};
use ecsimg_core::catalogue::Operation;
use ecsimg_core::validate::ProblemKind;
use ecsimg_core::wire::validate;
use ecsimg_core::Spelling;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// One problem, where it is: the path as the core renders it (`tag[0].key`; empty for the request
/// as a whole) and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub path: String,
    pub message: String,
}

/// Beside the submit button: a lead and the problems it names.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    pub lead: &'static str,
    pub problems: Vec<Named>,
}

impl Reason {
    /// The whole reason as one line (`Cannot call yet: imageName: must be …`).
    #[cfg(test)]
    fn text(&self) -> String {
        let items: Vec<String> = self.problems.iter().map(Named::text).collect();
        [self.lead.to_string(), items.join("; ")].join(" ").trim_end().to_string()
    }
}

impl Named {
    /// `imageName: must be 2 to 128 characters, got 1`, or the request's own problem as it is.
    pub fn text(&self) -> String {
        if self.path.is_empty() {
            self.message.clone()
        } else {
            format!("{}: {}", self.path, self.message)
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// Problem messages by path (`tag[0].key`; `""` for the request as a whole).
    pub by_path: HashMap<String, Vec<String>>,
    /// Said beside a field without stopping the call, by path.
    pub warnings: HashMap<String, Vec<String>>,
    /// The paths of required fields left empty.
    pub missing: HashSet<String>,
    /// Every problem, in order.
    all: Vec<Named>,
    /// Some problem stops the request from being sent at all (unknown field, wrong type).
    structural: bool,
}

impl Checked {
    /// The problems of `request` for `op`; `sandbox`: the connection serves only the catalogue's
    /// regions.
    pub fn of(op: &'static Operation, request: &Value, sandbox: bool) -> Checked {
        let violations = validate(op, request);
        let mut checked = Checked {
            by_path: HashMap::new(),
            warnings: HashMap::new(),
            missing: HashSet::new(),
            all: Vec::new(),
            structural: violations.iter().any(|v| v.problem.is_structural()),
        };
        for v in &violations {
            let path = v.path.render(Spelling::Sdk);
            if v.problem.kind() == ProblemKind::Required && !path.is_empty() {
                checked.missing.insert(path.clone());
            }
            checked.add(path, v.problem.describe(Spelling::Sdk));
        }
        let flagged: HashSet<String> = checked.by_path.keys().cloned().collect();
        for (path, region) in region_values(op.params, request) {
            let Some(advice) = unknown_region(region, sandbox).filter(|_| !flagged.contains(&path)) else { continue };
            if sandbox {
                checked.add(path, advice);
            } else {
                checked.warnings.entry(path).or_default().push(advice);
            }
        }
        checked
    }

    fn add(&mut self, path: String, message: String) {
        self.by_path.entry(path.clone()).or_default().push(message.clone());
        self.all.push(Named { path, message });
    }

    /// The request may not be sent: it has problems, and either one of them stops it or the user
    /// has not chosen to send it anyway (`lenient`).
    pub fn blocks(&self, lenient: bool) -> bool {
        !self.all.is_empty() && (self.structural || !lenient)
    }

    /// The user may choose to send it anyway: every problem is a documented limit (or a region the
    /// sandbox lacks).
    pub fn can_override(&self) -> bool {
        !self.all.is_empty() && !self.structural
    }

    /// Beside the submit button: why it will not call, naming every problem, or that it calls
    /// despite them.
    pub fn reason(&self, lenient: bool) -> Option<Reason> {
        if self.all.is_empty() {
            return None;
        }
        if !self.blocks(lenient) {
            return Some(Reason { lead: "Sending anyway: the service decides.", problems: Vec::new() });
        }
        Some(Reason { lead: "Cannot call yet:", problems: self.all.clone() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecsimg_core::catalogue::operation;
    use serde_json::json;

    #[test]
    fn a_valid_request_calls() {
        let checked = Checked::of(operation("DescribeImages").unwrap(), &json!({"regionId": "cn-hangzhou"}), true);
        assert!(checked.by_path.is_empty() && checked.missing.is_empty());
        assert!(!checked.blocks(false) && !checked.can_override());
        assert_eq!(checked.reason(false), None);
    }

    #[test]
    fn a_broken_limit_blocks_unless_sent_anyway_and_is_named() {
        let op = operation("CreateImage").unwrap();
        let checked = Checked::of(op, &json!({"regionId": "cn-hangzhou", "instanceId": "i-1", "imageName": "a"}), true);
        assert!(checked.by_path.contains_key("imageName"), "{checked:?}");
        assert!(checked.blocks(false) && checked.can_override() && !checked.blocks(true));
        assert_eq!(
            checked.reason(false).unwrap().text(),
            "Cannot call yet: imageName: must be 2 to 128 characters, got 1"
        );
        assert_eq!(checked.reason(true).unwrap().text(), "Sending anyway: the service decides.");
    }

    #[test]
    fn a_required_field_left_empty_is_missing_and_named() {
        let checked = Checked::of(operation("DeleteImage").unwrap(), &json!({"regionId": "cn-hangzhou"}), true);
        assert!(checked.missing.contains("imageId"), "{checked:?}");
        assert_eq!(checked.reason(false).unwrap().text(), "Cannot call yet: imageId: is required");
    }

    #[test]
    fn a_request_rule_is_named_without_a_field() {
        let checked = Checked::of(operation("CreateImage").unwrap(), &json!({"regionId": "cn-hangzhou"}), true);
        assert_eq!(
            checked.reason(false).unwrap().text(),
            "Cannot call yet: one of instanceId, diskDeviceMapping, snapshotId is required"
        );
    }

    #[test]
    fn a_structural_problem_always_blocks() {
        let checked = Checked::of(
            operation("DescribeImages").unwrap(),
            &json!({"regionId": "cn-hangzhou", "pageSize": "ten"}),
            true,
        );
        assert!(checked.blocks(true) && !checked.can_override());
        assert!(checked.reason(true).unwrap().lead.starts_with("Cannot call yet"));
    }

    #[test]
    fn an_unknown_region_blocks_on_the_sandbox_and_warns_on_an_account() {
        let op = operation("CopyImage").unwrap();
        let request = json!({"regionId": "hangzhou", "imageId": "m-1", "destinationRegionId": "cn-shanghai"});
        let sandbox = Checked::of(op, &request, true);
        assert_eq!(
            sandbox.by_path["regionId"],
            ["\"hangzhou\" is not one of the sandbox's regions: did you mean cn-hangzhou?"]
        );
        assert!(sandbox.blocks(false) && sandbox.can_override());
        let account = Checked::of(op, &request, false);
        assert!(!account.blocks(false) && account.by_path.is_empty());
        assert!(account.warnings["regionId"][0].contains("did you mean cn-hangzhou?"));
        // A malformed one has the core's problem only.
        let malformed = Checked::of(op, &json!({"regionId": "cn_hangzhou", "imageId": "m-1"}), true);
        assert_eq!(malformed.by_path["regionId"].len(), 1);
    }
}
