//! What can be wrong with a request, and how it is said.

use super::path::{Path, Spelling};
use crate::catalogue::{items_in_words, length_in_words, range_in_words};
use crate::json::write::quoted;
use std::fmt::Write as _;

/// A documented rule a value broke; rendered as "must ..., got ...".
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Missing,
    /// Required because other parameters have certain values.
    MissingWhen {
        when: Vec<Condition>,
    },
    /// None of a set of alternatives was given (reported on the request itself).
    MissingOneOf {
        options: Vec<Path>,
    },
    /// A key the operation does not have.
    Unknown {
        suggestion: Option<Path>,
    },
    /// Wrong JSON type: `expected` is a phrase like "a string".
    Type {
        expected: &'static str,
        got: String,
    },
    Length {
        min: Option<u32>,
        max: Option<u32>,
        got: usize,
    },
    Range {
        min: Option<i64>,
        max: Option<i64>,
        got: String,
    },
    OneOf {
        allowed: &'static [&'static str],
        got: String,
    },
    /// A rule on the characters of a string: `rule` is a phrase like `must start with a letter`.
    Text {
        rule: String,
        got: String,
    },
    TooFewItems {
        min: usize,
        got: usize,
    },
    TooManyItems {
        max: u32,
        got: usize,
    },
    Conflict {
        with: Path,
    },
    Restricted {
        to: &'static [&'static str],
        when: Vec<Condition>,
        got: String,
    },
    Duplicate {
        first: Path,
        got: String,
    },
}

/// "`param` is one of `values`" (or "is given" when `values` is empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub param: Path,
    pub values: &'static [&'static str],
}

/// A short machine-readable name of a problem's kind, stable across releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    Required,
    Unknown,
    Type,
    Length,
    Range,
    Enum,
    Format,
    Items,
    Conflict,
}

impl ProblemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Required => "required",
            ProblemKind::Unknown => "unknown",
            ProblemKind::Type => "type",
            ProblemKind::Length => "length",
            ProblemKind::Range => "range",
            ProblemKind::Enum => "enum",
            ProblemKind::Format => "format",
            ProblemKind::Items => "items",
            ProblemKind::Conflict => "conflict",
        }
    }
}

impl Problem {
    pub fn kind(&self) -> ProblemKind {
        match self {
            Problem::Missing | Problem::MissingWhen { .. } | Problem::MissingOneOf { .. } => ProblemKind::Required,
            Problem::Unknown { .. } => ProblemKind::Unknown,
            Problem::Type { .. } => ProblemKind::Type,
            Problem::Length { .. } => ProblemKind::Length,
            Problem::Range { .. } => ProblemKind::Range,
            Problem::OneOf { .. } | Problem::Restricted { .. } => ProblemKind::Enum,
            Problem::Text { .. } => ProblemKind::Format,
            Problem::TooFewItems { .. } | Problem::TooManyItems { .. } => ProblemKind::Items,
            Problem::Conflict { .. } | Problem::Duplicate { .. } => ProblemKind::Conflict,
        }
    }

    /// Whether the request cannot even be put on the wire (as opposed to breaking a documented limit
    /// that the service may since have relaxed). Only the latter can be downgraded to warnings.
    pub fn is_structural(&self) -> bool {
        matches!(self.kind(), ProblemKind::Type | ProblemKind::Unknown)
    }

    pub fn describe(&self, spelling: Spelling) -> String {
        match self {
            Problem::Missing => "is required".into(),
            Problem::MissingWhen { when } => format!("is required when {}", conditions(when, spelling)),
            Problem::MissingOneOf { options } => {
                let names: Vec<String> = options.iter().map(|p| p.render(spelling)).collect();
                format!("one of {} is required", names.join(", "))
            }
            Problem::Unknown { suggestion } => {
                let mut s = "is not a known parameter".to_string();
                if let Some(suggestion) = suggestion {
                    let _ = write!(s, " (did you mean {}?)", suggestion.render(spelling));
                }
                s
            }
            Problem::Type { expected, got } => format!("must be {expected}, got {got}"),
            Problem::Length { min, max, got } => {
                let bound = length_in_words(*min, *max).expect("a length problem has a bound");
                format!("must be {bound}, got {got}")
            }
            Problem::Range { min, max, got } => {
                let bound = range_in_words(*min, *max).expect("a range problem has a bound");
                format!("must be {bound}, got {got}")
            }
            Problem::OneOf { allowed, got } => format!("must be {}, got {got}", choices(allowed)),
            Problem::Text { rule, got } => format!("{rule}, got {got}"),
            Problem::TooFewItems { min, got } => {
                format!("must have {}, got {got}", items_in_words("at least", *min as u32))
            }
            Problem::TooManyItems { max, got } => format!("must have {}, got {got}", items_in_words("at most", *max)),
            Problem::Conflict { with } => format!("cannot be given together with {}", with.render(spelling)),
            Problem::Restricted { to, when, got } => {
                format!("must be {} when {}, got {got}", choices(to), conditions(when, spelling))
            }
            Problem::Duplicate { first, got } => {
                format!("must be unique, got {got} again (first at {})", first.render(spelling))
            }
        }
    }
}

fn choices(values: &[&str]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| quote(v)).collect();
    match quoted.len() {
        1 => quoted[0].clone(),
        _ => format!("one of {}", quoted.join(", ")),
    }
}

fn conditions(when: &[Condition], spelling: Spelling) -> String {
    let parts: Vec<String> = when
        .iter()
        .map(|c| {
            let name = c.param.render(spelling);
            match c.values {
                [] => format!("{name} is given"),
                [one] => format!("{name} is {}", quote(one)),
                many => {
                    let quoted: Vec<String> = many.iter().map(|v| quote(v)).collect();
                    format!("{name} is {}", quoted.join(" or "))
                }
            }
        })
        .collect();
    parts.join(" and ")
}

/// Longest string value quoted in full in a message; longer ones are cut with their length shown.
const QUOTE_LIMIT: usize = 80;

/// A string value as messages show it: JSON-quoted, cut when very long.
pub fn quote(s: &str) -> String {
    let count = s.chars().count();
    if count <= QUOTE_LIMIT {
        quoted(s)
    } else {
        let head: String = s.chars().take(QUOTE_LIMIT).collect();
        let quoted = quoted(&head);
        format!("{}...\" ({count} characters)", &quoted[..quoted.len() - 1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_cuts_long_values() {
        assert_eq!(quote("a\"b"), r#""a\"b""#);
        let long = "x".repeat(100);
        assert_eq!(quote(&long), format!("\"{}...\" (100 characters)", "x".repeat(80)));
    }

    #[test]
    fn phrases_bounds() {
        let p = Problem::Length { min: Some(2), max: Some(128), got: 1 };
        assert_eq!(p.describe(Spelling::Sdk), "must be 2 to 128 characters, got 1");
        let p = Problem::Length { min: None, max: Some(1), got: 2 };
        assert_eq!(p.describe(Spelling::Sdk), "must be at most 1 character, got 2");
        let p = Problem::Range { min: Some(1), max: None, got: "0".into() };
        assert_eq!(p.describe(Spelling::Sdk), "must be at least 1, got 0");
        let p = Problem::OneOf { allowed: &["v1", "v2"], got: "\"v3\"".into() };
        assert_eq!(p.describe(Spelling::Sdk), r#"must be one of "v1", "v2", got "v3""#);
    }
}
