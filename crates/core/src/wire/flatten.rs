//! Walks a request (official TS SDK field names) against the catalogue, checking every value and
//! flattening it into wire pairs the way the official SDK does: `Tag.1.Key`, `Features.ImdsSupport`,
//! numbers as JavaScript prints them, booleans as `true`/`false`, absent and `null` fields skipped.

use super::number::{js_number, push_decimal};
use super::Pairs;
use crate::catalogue::{suggest, Check, Field, Operation, Scalar, Shape};
use crate::validate::path::{Path, Segment};
use crate::validate::problem::{quote, Problem};
use crate::validate::text::broken_rule;
use crate::validate::Violation;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// Wire pairs in catalogue order, and everything wrong with the request.
pub struct Flattened {
    pub pairs: Pairs,
    pub violations: Vec<Violation>,
}

pub fn flatten(op: &'static Operation, request: &Value) -> Flattened {
    let mut walker = Walker {
        pairs: Pairs::with_capacity(op.params.len(), 512),
        violations: Vec::new(),
        op,
        key: String::with_capacity(64),
    };
    match request {
        Value::Object(map) => walker.fields(op.params, map),
        Value::Null => walker.fields(op.params, &Map::new()),
        other => walker.problem(Problem::Type { expected: "an object", got: describe(other) }),
    }
    Flattened { pairs: walker.pairs, violations: walker.violations }
}

/// A JSON value as messages show it when its type is wrong: `number 5`, `string "x"`, `an array`.
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => if *b { "boolean true" } else { "boolean false" }.into(),
        Value::Number(n) => format!("number {n}"),
        Value::String(s) => ["string ", &quote(s)].concat(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// The walk: where it is is the wire key it has reached (`Tag.1.Key`), kept as it goes down and
/// up and copied only into what it produces (a pair, a problem: the path of a problem is read
/// back from the key), so that the parameters a request leaves out cost nothing.
struct Walker {
    pairs: Pairs,
    violations: Vec<Violation>,
    op: &'static Operation,
    key: String,
}

impl Walker {
    fn here(&self) -> Path {
        match self.key.as_str() {
            "" => Path::default(),
            key => Path::from_wire(self.op, key),
        }
    }

    fn problem(&mut self, problem: Problem) {
        self.violations.push(Violation { path: self.here(), problem });
    }

    /// One step down (the caller appends the field's name or the list position to the key);
    /// returns what [`Walker::leave`] needs.
    fn enter(&mut self) -> usize {
        let len = self.key.len();
        if len > 0 {
            self.key.push('.');
        }
        len
    }

    fn leave(&mut self, len: usize) {
        self.key.truncate(len);
    }

    fn fields(&mut self, fields: &'static [Field], map: &Map<String, Value>) {
        // Unknown keys are reported first, before what is wrong with the known fields: that is
        // gathered apart while they are walked.
        let earlier = std::mem::take(&mut self.violations);
        let mut known = 0;
        for field in fields {
            let value = map.get(field.field);
            known += usize::from(value.is_some());
            match value {
                None | Some(Value::Null) if field.required => {
                    let len = self.enter();
                    self.key.push_str(field.name);
                    self.problem(Problem::Missing);
                    self.leave(len);
                }
                None | Some(Value::Null) => {}
                Some(value) => {
                    let len = self.enter();
                    self.key.push_str(field.name);
                    self.value(field, value);
                    self.leave(len);
                }
            }
        }
        let problems = std::mem::replace(&mut self.violations, earlier);
        if known < map.len() {
            self.unknown_keys(fields, map);
        }
        self.violations.extend(problems);
    }

    fn unknown_keys(&mut self, fields: &'static [Field], map: &Map<String, Value>) {
        let here = self.here();
        let at = |segment: Segment| {
            let mut path = here.clone();
            path.0.push(segment);
            path
        };
        for name in map.keys().filter(|name| !fields.iter().any(|f| f.field == *name)) {
            let suggestion = suggest(name, fields.iter().map(|f| f.field))
                .and_then(|s| fields.iter().find(|f| f.field == s))
                .map(|f| at(Segment::Field(f)));
            let path = at(Segment::Unknown(name.clone()));
            self.violations.push(Violation { path, problem: Problem::Unknown { suggestion } });
        }
    }

    fn value(&mut self, field: &'static Field, value: &Value) {
        match &field.shape {
            Shape::Scalar(scalar) => {
                if let Some(text) = self.scalar(field, *scalar, value) {
                    self.pairs.push(&self.key, &text);
                }
            }
            Shape::Struct(fields) => match value {
                Value::Object(map) => self.fields(fields, map),
                other => self.problem(Problem::Type { expected: "an object", got: describe(other) }),
            },
            Shape::List { item, max_items, .. } => match value {
                Value::Array(items) => self.list(field, item, *max_items, items),
                other => self.problem(Problem::Type { expected: "an array", got: describe(other) }),
            },
        }
    }

    fn list(&mut self, field: &'static Field, item: &'static Field, max_items: Option<u32>, items: &[Value]) {
        if field.required && items.is_empty() {
            self.problem(Problem::TooFewItems { min: 1, got: 0 });
        }
        if let Some(max) = max_items.filter(|max| items.len() > *max as usize) {
            self.problem(Problem::TooManyItems { max, got: items.len() });
        }
        for (i, element) in items.iter().enumerate() {
            let len = self.enter();
            push_decimal(&mut self.key, i as u64 + 1);
            if element.is_null() {
                let expected = expected_phrase(&item.shape);
                self.problem(Problem::Type { expected, got: "null".into() });
            } else {
                self.value(item, element);
            }
            self.leave(len);
        }
    }

    /// Checks one scalar; returns its wire text (borrowed when it is the value as given) when its type is right (even if a limit is broken,
    /// so that lenient mode can still send it).
    fn scalar<'v>(&mut self, field: &Field, scalar: Scalar, value: &'v Value) -> Option<Cow<'v, str>> {
        let check = field.check;
        match scalar {
            Scalar::String => match value {
                Value::String(s) => {
                    self.string_limits(check, s);
                    Some(Cow::Borrowed(s))
                }
                other => self.wrong(scalar, other),
            },
            Scalar::Boolean => match value {
                Value::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
                other => self.wrong(scalar, other),
            },
            Scalar::Float => match value.as_f64() {
                Some(x) if value.is_number() => {
                    let text = js_number(x);
                    self.range(check, x, &text);
                    Some(Cow::Owned(text))
                }
                _ => self.wrong(scalar, value),
            },
            Scalar::Integer | Scalar::Long => {
                let Some(n) = integer(value, scalar == Scalar::Long) else { return self.wrong(scalar, value) };
                let (lo, hi) = if scalar == Scalar::Integer {
                    (i32::MIN as i128, i32::MAX as i128)
                } else {
                    (i64::MIN as i128, i64::MAX as i128)
                };
                if n < lo || n > hi {
                    // The value as given: formatting an i128 would add its own code to the wasm.
                    let got = match value {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    self.problem(Problem::Range { min: Some(lo as i64), max: Some(hi as i64), got });
                    return None;
                }
                let text = (n as i64).to_string();
                self.range(check, n as f64, &text);
                Some(Cow::Owned(text))
            }
        }
    }

    fn wrong<T>(&mut self, scalar: Scalar, got: &Value) -> Option<T> {
        let expected = expected_phrase(&Shape::Scalar(scalar));
        self.problem(Problem::Type { expected, got: describe(got) });
        None
    }

    fn range(&mut self, check: &Check, x: f64, text: &str) {
        let below = check.min.is_some_and(|min| x < min as f64);
        let above = check.max.is_some_and(|max| x > max as f64);
        if below || above {
            self.problem(Problem::Range { min: check.min, max: check.max, got: text.to_string() });
        }
    }

    fn string_limits(&mut self, check: &Check, s: &str) {
        let len = s.chars().count();
        let short = check.min_len.is_some_and(|min| len < min as usize);
        let long = check.max_len.is_some_and(|max| len > max as usize);
        if short || long {
            self.problem(Problem::Length { min: check.min_len, max: check.max_len, got: len });
        }
        if !check.one_of.is_empty() {
            let bad = if check.comma {
                s.split(',').any(|part| !check.one_of.contains(&part))
            } else {
                !check.one_of.contains(&s)
            };
            if bad {
                self.problem(Problem::OneOf { allowed: check.one_of, got: quote(s) });
            }
        }
        if let Some(rule) = check.text.and_then(|text| broken_rule(text, s)) {
            self.problem(Problem::Text { rule, got: quote(s) });
        }
    }
}

/// A JSON integer as `i128` (so out-of-range values can be reported), from a number without a
/// fraction or, for 64-bit parameters, a string of digits (JavaScript numbers lose precision past 2^53).
fn integer(value: &Value, allow_digit_string: bool) -> Option<i128> {
    match value {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Some(i as i128)
            } else if let Some(u) = n.as_u64() {
                Some(u as i128)
            } else {
                let x = n.as_f64()?;
                (x.fract() == 0.0 && x.abs() < 1e30).then_some(x as i128)
            }
        }
        Value::String(s) if allow_digit_string => {
            let digits = s.strip_prefix('-').unwrap_or(s);
            if digits.is_empty() || digits.len() > 30 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        }
        _ => None,
    }
}

pub(crate) fn expected_phrase(shape: &Shape) -> &'static str {
    match shape {
        Shape::Scalar(Scalar::String) => "a string",
        Shape::Scalar(Scalar::Integer) => "an integer",
        Shape::Scalar(Scalar::Long) => "an integer (or a string of digits)",
        Shape::Scalar(Scalar::Float) => "a number",
        Shape::Scalar(Scalar::Boolean) => "a boolean",
        Shape::Struct(_) => "an object",
        Shape::List { .. } => "an array",
    }
}
