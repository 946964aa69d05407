//! What can be wrong with a request, held as data (what the npm package's wasm sends, as codes with
//! their values), and how it is said: in the words of [`phrases`](super::phrases).

use super::path::{Path, Spelling};
use super::phrases::*;
use super::text::TextRule;
use crate::catalogue::{items_in_words, length_in_words, range_in_words, Scalar, Shape, Words};
use crate::json::write::quoted;
use crate::wire::number::push_decimal;

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
    /// Wrong type.
    Type {
        expected: Expected,
        got: Got,
    },
    Length {
        min: Option<u32>,
        max: Option<u32>,
        got: usize,
    },
    /// `got` is the number as given.
    Range {
        min: Option<i64>,
        max: Option<i64>,
        got: String,
    },
    /// `got` is the string received.
    OneOf {
        allowed: Words,
        got: String,
    },
    /// A rule on the characters of a string; `got` is the string.
    Text {
        rule: TextRule,
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
        got: Got,
    },
    /// `got` is the repeated value.
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

/// The type a value must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    String,
    Integer,
    /// A 64-bit integer, which may also come as a string of digits.
    Long,
    Float,
    Boolean,
    Object,
    Array,
}

/// A value received, kept as given until a message shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Got {
    /// Shown as it is: a number, `true`.
    Plain(String),
    /// A string, shown quoted.
    Text(String),
    /// JSON values of a wrong type, shown with their type: `number 12`, `string "x"`.
    Null,
    Boolean(bool),
    Number(String),
    String(String),
    Array,
    Object,
    /// No value at all.
    Nothing,
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

    /// The variant's name in camel case, as the npm package's wasm sends it: `missingWhen`.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Missing => "missing",
            Problem::MissingWhen { .. } => "missingWhen",
            Problem::MissingOneOf { .. } => "missingOneOf",
            Problem::Unknown { .. } => "unknown",
            Problem::Type { .. } => "type",
            Problem::Length { .. } => "length",
            Problem::Range { .. } => "range",
            Problem::OneOf { .. } => "oneOf",
            Problem::Text { .. } => "text",
            Problem::TooFewItems { .. } => "tooFewItems",
            Problem::TooManyItems { .. } => "tooManyItems",
            Problem::Conflict { .. } => "conflict",
            Problem::Restricted { .. } => "restricted",
            Problem::Duplicate { .. } => "duplicate",
        }
    }

    /// Whether the request cannot even be put on the wire (as opposed to breaking a documented limit
    /// that the service may since have relaxed). Only the latter can be downgraded to warnings.
    pub fn is_structural(&self) -> bool {
        matches!(self.kind(), ProblemKind::Type | ProblemKind::Unknown)
    }

    pub fn describe(&self, spelling: Spelling) -> String {
        let path = |p: &Path| p.render(spelling);
        match self {
            Problem::Missing => MISSING.into(),
            Problem::MissingWhen { when } => fill(MISSING_WHEN, &[("when", &conditions(when, spelling))]),
            Problem::MissingOneOf { options } => {
                let names: Vec<String> = options.iter().map(path).collect();
                fill(MISSING_ONE_OF, &[("options", &names.join(SEPARATOR_LIST))])
            }
            Problem::Unknown { suggestion: None } => UNKNOWN.into(),
            Problem::Unknown { suggestion: Some(s) } => fill(UNKNOWN_SUGGESTION, &[("suggestion", &path(s))]),
            Problem::Type { expected, got } => must_be(expected.phrase(), &got.shown()),
            Problem::Length { min, max, got } => {
                must_be(&length_in_words(*min, *max).expect("a length problem has a bound"), &got.to_string())
            }
            Problem::Range { min, max, got } => {
                must_be(&range_in_words(*min, *max).expect("a range problem has a bound"), got)
            }
            Problem::OneOf { allowed, got } => must_be(&choices(allowed.iter()), &quote(got)),
            Problem::Text { rule, got } => fill(BROKEN, &[("rule", &rule.describe()), ("got", &quote(got))]),
            Problem::TooFewItems { min, got } => must_have(&items_in_words(AT_LEAST, *min as u32), *got),
            Problem::TooManyItems { max, got } => must_have(&items_in_words(AT_MOST, *max), *got),
            Problem::Conflict { with } => fill(CONFLICT, &[("other", &path(with))]),
            Problem::Restricted { to, when, got } => fill(
                RESTRICTED,
                &[
                    ("choices", &choices(to.iter().copied())),
                    ("when", &conditions(when, spelling)),
                    ("got", &got.shown()),
                ],
            ),
            Problem::Duplicate { first, got } => fill(DUPLICATE, &[("got", &quote(got)), ("first", &path(first))]),
        }
    }
}

impl Expected {
    /// The type a field of this shape takes.
    pub fn of(shape: &Shape) -> Expected {
        match shape {
            Shape::Scalar(Scalar::String) => Expected::String,
            Shape::Scalar(Scalar::Integer) => Expected::Integer,
            Shape::Scalar(Scalar::Long) => Expected::Long,
            Shape::Scalar(Scalar::Float) => Expected::Float,
            Shape::Scalar(Scalar::Boolean) => Expected::Boolean,
            Shape::Struct(_) => Expected::Object,
            Shape::List { .. } => Expected::Array,
        }
    }

    /// As the wasm sends it: `string`, `long`.
    pub fn code(self) -> &'static str {
        match self {
            Expected::String => "string",
            Expected::Integer => "integer",
            Expected::Long => "long",
            Expected::Float => "float",
            Expected::Boolean => "boolean",
            Expected::Object => "object",
            Expected::Array => "array",
        }
    }

    fn phrase(self) -> &'static str {
        match self {
            Expected::String => EXPECTED_STRING,
            Expected::Integer => EXPECTED_INTEGER,
            Expected::Long => EXPECTED_LONG,
            Expected::Float => EXPECTED_FLOAT,
            Expected::Boolean => EXPECTED_BOOLEAN,
            Expected::Object => EXPECTED_OBJECT,
            Expected::Array => EXPECTED_ARRAY,
        }
    }
}

impl Got {
    /// How it is shown, as the wasm sends it: `plain`, `text`, `number`.
    pub fn code(&self) -> &'static str {
        match self {
            Got::Plain(_) => "plain",
            Got::Text(_) => "text",
            Got::Null => "null",
            Got::Boolean(_) => "boolean",
            Got::Number(_) => "number",
            Got::String(_) => "string",
            Got::Array => "array",
            Got::Object => "object",
            Got::Nothing => "nothing",
        }
    }

    /// The value itself, where there is one.
    pub fn value(&self) -> Option<&str> {
        match self {
            Got::Plain(v) | Got::Text(v) | Got::Number(v) | Got::String(v) => Some(v),
            Got::Boolean(b) => Some(if *b { "true" } else { "false" }),
            Got::Null | Got::Array | Got::Object | Got::Nothing => None,
        }
    }

    /// As a message shows it: `500`, `"abc"`, `number 12`, `string "x"`, `an array`, `nothing`.
    pub fn shown(&self) -> String {
        let value = self.value().unwrap_or_default();
        match self {
            Got::Plain(v) => v.clone(),
            Got::Text(v) => quote(v),
            Got::Null => GOT_NULL.into(),
            Got::Boolean(_) => fill(GOT_BOOLEAN, &[("value", value)]),
            Got::Number(_) => fill(GOT_NUMBER, &[("value", value)]),
            Got::String(v) => fill(GOT_STRING, &[("value", &quote(v))]),
            Got::Array => GOT_ARRAY.into(),
            Got::Object => GOT_OBJECT.into(),
            Got::Nothing => GOT_NOTHING.into(),
        }
    }
}

fn must_be(rule: &str, got: &str) -> String {
    fill(MUST_BE, &[("rule", rule), ("got", got)])
}

fn must_have(items: &str, got: usize) -> String {
    fill(MUST_HAVE, &[("items", items), ("got", &got.to_string())])
}

fn choices<'a>(values: impl Iterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = values.map(quote).collect();
    match quoted.as_slice() {
        [one] => one.clone(),
        _ => fill(ONE_OF, &[("values", &quoted.join(SEPARATOR_LIST))]),
    }
}

fn conditions(when: &[Condition], spelling: Spelling) -> String {
    let parts: Vec<String> = when
        .iter()
        .map(|c| {
            let param = c.param.render(spelling);
            match c.values {
                [] => fill(GIVEN, &[("param", &param)]),
                values => {
                    let quoted: Vec<String> = values.iter().map(|v| quote(v)).collect();
                    fill(IS, &[("param", &param), ("values", &quoted.join(SEPARATOR_OR))])
                }
            }
        })
        .collect();
    parts.join(SEPARATOR_AND)
}

/// A string value as messages show it: JSON-quoted, cut when very long.
pub fn quote(s: &str) -> String {
    let Some((cut, _)) = s.char_indices().nth(QUOTE_LIMIT) else { return quoted(s) };
    let mut count = String::new();
    push_decimal(&mut count, s.chars().count() as u64);
    fill(QUOTE_CUT, &[("quoted", &quoted(&[&s[..cut], ELLIPSIS].concat())), ("count", &count)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_cuts_long_values() {
        assert_eq!(quote("a\"b"), r#""a\"b""#);
        assert_eq!(quote(&"x".repeat(80)), format!("\"{}\"", "x".repeat(80)));
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
        let p = Problem::OneOf { allowed: Words("v1\nv2"), got: "v3".into() };
        assert_eq!(p.describe(Spelling::Sdk), r#"must be one of "v1", "v2", got "v3""#);
    }

    #[test]
    fn shows_values_received() {
        let shown = |got: Got| got.shown();
        assert_eq!(shown(Got::String("x".into())), r#"string "x""#);
        assert_eq!(shown(Got::Boolean(false)), "boolean false");
        assert_eq!(shown(Got::Number("1.5".into())), "number 1.5");
        assert_eq!(shown(Got::Text("x".into())), r#""x""#);
        assert_eq!(shown(Got::Nothing), "nothing");
    }
}
