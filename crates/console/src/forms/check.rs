//! What the core's validation says of a form's request, arranged for the form: the problems by
//! field, every message, whether the request can be sent at all, and why the submit button will
//! not call yet. Plain Rust.

use ecsimg_core::catalogue::Operation;
use ecsimg_core::wire::validate;
use ecsimg_core::Spelling;
use serde_json::Value;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// Problem messages by path (`tag[0].key`; `""` for the request as a whole).
    pub by_path: HashMap<String, Vec<String>>,
    /// Every message, in order (`CreateImage.imageName: must be ...`).
    all: Vec<String>,
    /// Some problem stops the request from being sent at all (unknown field, wrong type).
    structural: bool,
}

impl Checked {
    pub fn of(op: &'static Operation, request: &Value) -> Checked {
        let violations = validate(op, request);
        let mut by_path: HashMap<String, Vec<String>> = HashMap::new();
        for v in &violations {
            by_path.entry(v.path.render(Spelling::Sdk)).or_default().push(v.problem.describe(Spelling::Sdk));
        }
        Checked {
            by_path,
            all: violations.iter().map(|v| v.message(op.name, Spelling::Sdk)).collect(),
            structural: violations.iter().any(|v| v.problem.is_structural()),
        }
    }

    /// The request may not be sent: it has problems, and either one of them stops it or the user
    /// has not chosen to send it anyway (`lenient`).
    pub fn blocks(&self, lenient: bool) -> bool {
        !self.all.is_empty() && (self.structural || !lenient)
    }

    /// The user may choose to send it anyway: every problem is a documented limit.
    pub fn can_override(&self) -> bool {
        !self.all.is_empty() && !self.structural
    }

    /// Beside the submit button: why it will not call, or that it calls despite the problems.
    pub fn reason(&self, lenient: bool) -> Option<String> {
        if self.all.is_empty() {
            return None;
        }
        if !self.blocks(lenient) {
            return Some("Sending anyway: the service decides.".to_string());
        }
        // Problems of the request as a whole have no field to stand beside: say them here.
        let mut parts = self.by_path.get("").cloned().unwrap_or_default();
        let fields = self.all.len() - parts.len();
        if fields > 0 {
            parts.push(format!(
                "{fields} {} to fix beside the fields",
                if fields == 1 { "problem" } else { "problems" }
            ));
        }
        Some(format!("Cannot call yet: {}.", parts.join("; ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecsimg_core::catalogue::operation;
    use serde_json::json;

    #[test]
    fn a_valid_request_calls() {
        let checked = Checked::of(operation("DescribeImages").unwrap(), &json!({"regionId": "cn-hangzhou"}));
        assert!(checked.by_path.is_empty());
        assert!(!checked.blocks(false) && !checked.can_override());
        assert_eq!(checked.reason(false), None);
    }

    #[test]
    fn a_broken_limit_blocks_unless_sent_anyway() {
        let op = operation("CreateImage").unwrap();
        let checked = Checked::of(op, &json!({"regionId": "cn-hangzhou", "instanceId": "i-1", "imageName": "a"}));
        assert!(checked.by_path.contains_key("imageName"), "{checked:?}");
        assert!(checked.blocks(false) && checked.can_override() && !checked.blocks(true));
        let fields = checked.all.len() - checked.by_path.get("").map_or(0, Vec::len);
        let noun = if fields == 1 { "problem" } else { "problems" };
        let reason = checked.reason(false).unwrap();
        assert!(
            reason.starts_with("Cannot call yet: ")
                && reason.ends_with(&format!("{fields} {noun} to fix beside the fields.")),
            "{reason}"
        );
        assert_eq!(checked.reason(true).unwrap(), "Sending anyway: the service decides.");
    }

    #[test]
    fn a_structural_problem_always_blocks() {
        let checked =
            Checked::of(operation("DescribeImages").unwrap(), &json!({"regionId": "cn-hangzhou", "pageSize": "ten"}));
        assert!(checked.blocks(true) && !checked.can_override());
        assert!(checked.reason(true).unwrap().starts_with("Cannot call yet: "));
    }
}
