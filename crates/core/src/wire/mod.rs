//! From a request object to the parameters that go on the wire, and the canonical encoding of them.

pub mod encode;
mod flatten;
pub mod number;
mod pairs;
#[cfg(feature = "values")]
mod parse;

pub use flatten::describe;
pub use pairs::Pairs;
#[cfg(feature = "values")]
pub use parse::{parse, Parsed};

use crate::catalogue::Operation;
use crate::json::Json;
use crate::validate::{rules, Strictness, ValidationError, Violation};

/// An operation's parameters as they go on the wire, in catalogue order.
#[derive(Debug, Clone, PartialEq)]
pub struct WireParams {
    pub pairs: Pairs,
    /// Broken limits that `Strictness::Lenient` let through.
    pub warnings: Vec<Violation>,
}

/// Validates a request (official TS SDK field names) and flattens it into wire pairs.
pub fn prepare<'a>(
    op: &'static Operation,
    request: impl Json<'a>,
    strictness: Strictness,
) -> Result<WireParams, ValidationError> {
    let (pairs, violations) = check(op, request);
    let (errors, warnings): (Vec<_>, Vec<_>) =
        violations.into_iter().partition(|v| strictness == Strictness::Strict || v.problem.is_structural());
    if errors.is_empty() {
        Ok(WireParams { pairs, warnings })
    } else {
        Err(ValidationError { operation: op.name, violations: errors })
    }
}

/// Every problem of a request, with nothing built (for forms that validate as the user types).
pub fn validate<'a>(op: &'static Operation, request: impl Json<'a>) -> Vec<Violation> {
    check(op, request).1
}

fn check<'a>(op: &'static Operation, request: impl Json<'a>) -> (Pairs, Vec<Violation>) {
    let mut flat = flatten::flatten(op, request);
    flat.violations.extend(rules::check(op, &flat.pairs));
    (flat.pairs, flat.violations)
}
