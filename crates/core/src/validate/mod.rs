//! Validation: every documented limit, checked before anything is signed, reported all at once.
//!
//! Each problem names the operation, the parameter as the caller spelled it, the rule and the value
//! received: `CreateImage.imageName: must be 2 to 128 characters, got 1`.

pub mod path;
pub mod phrases;
pub mod problem;
pub(crate) mod rules;
pub(crate) mod text;

pub use path::{Path, Segment, Spelling};
pub use problem::{Condition, Expected, Got, Problem, ProblemKind};
pub use text::{is_region_id, TextRule};

use std::fmt;

/// How strictly the catalogue's documented limits are applied.
///
/// The catalogue records today's documentation; the service evolves (new enum values, relaxed
/// limits). `Lenient` still refuses what cannot be put on the wire (unknown fields, wrong types)
/// but turns broken limits into warnings, so a caller can send a value the service newly accepts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Strictness {
    #[default]
    Strict,
    Lenient,
}

/// One problem at one place of a request.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    pub path: Path,
    pub problem: Problem,
}

impl Violation {
    /// `Operation.path: problem` (or `Operation: problem` for the request as a whole).
    pub fn message(&self, operation: &str, spelling: Spelling) -> String {
        let problem = self.problem.describe(spelling);
        if self.path.is_root() {
            phrases::fill(phrases::AT_REQUEST, &[("operation", operation), ("problem", &problem)])
        } else {
            let path = self.path.render(spelling);
            phrases::fill(phrases::AT, &[("operation", operation), ("path", &path), ("problem", &problem)])
        }
    }
}

/// Everything wrong with a request; nothing was signed or sent.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationError {
    pub operation: &'static str,
    pub violations: Vec<Violation>,
}

impl ValidationError {
    pub fn messages(&self, spelling: Spelling) -> Vec<String> {
        self.violations.iter().map(|v| v.message(self.operation, spelling)).collect()
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.messages(Spelling::Sdk).join("\n"))
    }
}

impl std::error::Error for ValidationError {}
