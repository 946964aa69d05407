//! Walks a request (official TS SDK field names) against the catalogue, checking every value and
//! flattening it into wire pairs the way the official SDK does: `Tag.1.Key`, `Features.ImdsSupport`,
//! numbers as JavaScript prints them, booleans as `true`/`false`, absent and `null` fields skipped.

use super::encode::small_sort;
use super::number::{plain_integer, push_decimal, push_integer, Decimal};
use super::Pairs;
use crate::catalogue::{suggest, Check, Field, Operation, Scalar, Shape};
use crate::json::{Json, Kind};
use crate::validate::path::{Path, Segment};
use crate::validate::problem::{Expected, Got, Problem};
use crate::validate::text::broken_rule;
use crate::validate::Violation;
use std::borrow::Cow;
use std::cmp::Ordering;

/// Wire pairs in catalogue order, and everything wrong with the request.
pub struct Flattened {
    pub pairs: Pairs,
    pub violations: Vec<Violation>,
}

pub fn flatten<'a, J: Json<'a>>(op: &'static Operation, request: J) -> Flattened {
    let mut walker = Walker {
        pairs: Pairs::with_capacity(op.params.len(), 512),
        violations: Vec::new(),
        op,
        key: String::with_capacity(64),
    };
    match request.kind() {
        Kind::Object | Kind::Null => walker.fields(op.params, request),
        _ => walker.problem(Problem::Type { expected: Expected::Object, got: received(request) }),
    }
    Flattened { pairs: walker.pairs, violations: walker.violations }
}

/// A JSON value as messages show it when its type is wrong: `number 5`, `string "x"`, `an array`.
pub fn describe<'a>(value: impl Json<'a>) -> String {
    received(value).shown()
}

/// A JSON value of a wrong type, kept until a message shows it.
fn received<'a>(value: impl Json<'a>) -> Got {
    match value.kind() {
        Kind::Null => Got::Null,
        Kind::Bool(b) => Got::Boolean(b),
        Kind::Number => Got::Number(value.number().unwrap_or_default().into_owned()),
        Kind::String => Got::String(value.str().unwrap_or_default().into_owned()),
        Kind::Array => Got::Array,
        Kind::Object => Got::Object,
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

    fn fields<'a, J: Json<'a>>(&mut self, fields: &'static [Field], object: J) {
        // Unknown keys are reported first, before what is wrong with the known fields: that is
        // gathered apart while they are walked.
        let earlier = std::mem::take(&mut self.violations);
        let entries = Entries::new(object, fields.len());
        let mut known = 0;
        for field in fields {
            let value = entries.get(field.field());
            known += usize::from(value.is_some());
            match value.filter(|v| !v.is_null()) {
                None if field.required() => {
                    let len = self.enter();
                    self.key.push_str(field.name());
                    self.problem(Problem::Missing);
                    self.leave(len);
                }
                None => {}
                Some(value) => {
                    let len = self.enter();
                    self.key.push_str(field.name());
                    self.value(field, value);
                    self.leave(len);
                }
            }
        }
        let problems = std::mem::replace(&mut self.violations, earlier);
        // Fewer known keys than members: some are unknown (or repeated, which `unknown` sorts out).
        if known < entries.len() {
            self.unknown_keys(fields, &entries);
        }
        self.violations.extend(problems);
    }

    fn unknown_keys<'a, J: Json<'a>>(&mut self, fields: &'static [Field], entries: &Entries<'a, J>) {
        let here = self.here();
        let at = |segment: Segment| {
            let mut path = here.clone();
            path.0.push(segment);
            path
        };
        for name in entries.unknown(fields) {
            let suggestion = suggest(&name, fields.iter().map(|f| f.field()))
                .and_then(|s| fields.iter().find(|f| f.field() == s))
                .map(|f| at(Segment::Field(f)));
            let path = at(Segment::Unknown(name.into_owned()));
            self.violations.push(Violation { path, problem: Problem::Unknown { suggestion } });
        }
    }

    fn value<'a, J: Json<'a>>(&mut self, field: &'static Field, value: J) {
        match field.shape() {
            Shape::Scalar(scalar) => {
                if let Some(text) = self.scalar(field, scalar, value) {
                    self.pairs.push(&self.key, &text);
                }
            }
            Shape::Struct(fields) => match value.kind() {
                Kind::Object => self.fields(fields, value),
                _ => self.problem(Problem::Type { expected: Expected::Object, got: received(value) }),
            },
            Shape::List { item, max_items, .. } => match value.kind() {
                Kind::Array => self.list(field, item, max_items, value),
                _ => self.problem(Problem::Type { expected: Expected::Array, got: received(value) }),
            },
        }
    }

    fn list<'a, J: Json<'a>>(&mut self, field: &'static Field, item: &'static Field, max_items: Option<u32>, items: J) {
        let count = items.len();
        if field.required() && count == 0 {
            self.problem(Problem::TooFewItems { min: 1, got: 0 });
        }
        if let Some(max) = max_items.filter(|max| count > *max as usize) {
            self.problem(Problem::TooManyItems { max, got: count });
        }
        for (i, element) in items.items().enumerate() {
            let len = self.enter();
            push_decimal(&mut self.key, i as u64 + 1);
            if element.is_null() {
                self.problem(Problem::Type { expected: Expected::of(&item.shape()), got: Got::Null });
            } else {
                self.value(item, element);
            }
            self.leave(len);
        }
    }

    /// Checks one scalar; returns its wire text when its type is right (even if a limit is
    /// broken, so that lenient mode can still send it).
    fn scalar<'a, J: Json<'a>>(&mut self, field: &Field, scalar: Scalar, value: J) -> Option<Cow<'a, str>> {
        let check = field.check();
        match (scalar, value.kind()) {
            (Scalar::String, Kind::String) => {
                let s = value.str()?;
                self.string_limits(check, &s);
                Some(s)
            }
            (Scalar::Boolean, Kind::Bool(b)) => Some(Cow::Borrowed(if b { "true" } else { "false" })),
            (Scalar::Float, Kind::Number) => {
                let number = Decimal::parse(&value.number()?);
                let text = number.js();
                let below = check.min.is_some_and(|min| number.cmp_integer(min) == Ordering::Less);
                let above = check.max.is_some_and(|max| number.cmp_integer(max) == Ordering::Greater);
                self.range(check, below || above, &text);
                Some(Cow::Owned(text))
            }
            (Scalar::Integer | Scalar::Long, _) => self.integer(check, scalar, value),
            _ => self.wrong(scalar, value),
        }
    }

    fn integer<'a, J: Json<'a>>(&mut self, check: &Check, scalar: Scalar, value: J) -> Option<Cow<'a, str>> {
        let Some(n) = integer(value, scalar == Scalar::Long) else { return self.wrong(scalar, value) };
        let (lo, hi) = if scalar == Scalar::Integer {
            (i32::MIN as i128, i32::MAX as i128)
        } else {
            (i64::MIN as i128, i64::MAX as i128)
        };
        if n < lo || n > hi {
            // The value as given: formatting an i128 would add its own code to the wasm.
            let got = value.str().or_else(|| value.number()).unwrap_or_default().into_owned();
            self.problem(Problem::Range { min: Some(lo as i64), max: Some(hi as i64), got });
            return None;
        }
        let mut text = String::with_capacity(20);
        push_integer(&mut text, n as i64);
        let below = check.min.is_some_and(|min| n < i128::from(min));
        let above = check.max.is_some_and(|max| n > i128::from(max));
        self.range(check, below || above, &text);
        Some(Cow::Owned(text))
    }

    fn wrong<'a, T>(&mut self, scalar: Scalar, got: impl Json<'a>) -> Option<T> {
        self.problem(Problem::Type { expected: Expected::of(&Shape::Scalar(scalar)), got: received(got) });
        None
    }

    fn range(&mut self, check: &Check, out_of_range: bool, text: &str) {
        if out_of_range {
            self.problem(Problem::Range { min: check.min, max: check.max, got: text.to_string() });
        }
    }

    fn string_limits(&mut self, check: &Check, s: &str) {
        // A text of n bytes has between n / 4 (rounded up) and n characters: they are counted
        // only when that range does not settle the limits.
        let (min, max) = (check.min_len.map_or(0, |n| n as usize), check.max_len.map_or(usize::MAX, |n| n as usize));
        if s.len().div_ceil(4) < min || s.len() > max {
            let len = s.chars().count();
            if len < min || len > max {
                self.problem(Problem::Length { min: check.min_len, max: check.max_len, got: len });
            }
        }
        if !check.one_of.is_empty() {
            let bad = if check.comma {
                s.split(',').any(|part| !check.one_of.contains(part))
            } else {
                !check.one_of.contains(s)
            };
            if bad {
                self.problem(Problem::OneOf { allowed: check.one_of, got: s.to_string() });
            }
        }
        if let Some(rule) = check.text.and_then(|text| broken_rule(text, s)) {
            self.problem(Problem::Text { rule, got: s.to_string() });
        }
    }
}

/// A JSON integer as `i128` (so out-of-range values can be reported), from a number without a
/// fraction or, for 64-bit parameters, a string of digits (JavaScript numbers lose precision past 2^53).
fn integer<'a>(value: impl Json<'a>, allow_digit_string: bool) -> Option<i128> {
    match value.kind() {
        Kind::Number => value.integer(),
        Kind::String if allow_digit_string => plain_integer(&value.str()?),
        _ => None,
    }
}

/// An object's entries, each field looked up without comparing it with every key in full. An
/// object with few members and few fields is searched as it is (through the view's own lookup).
/// Where there are many fields, a small object's members are read once and scanned, a key of
/// another length passed over at once; a larger object's are sorted by key length, then bytes, and
/// bisected, where most comparisons end at the lengths. A repeated key's last value wins, as in
/// `JSON.parse`.
struct Entries<'a, J> {
    object: J,
    /// Empty, or the members in the object's order (up to [`SMALL`]), or by length and key, then
    /// position.
    members: Vec<(Cow<'a, str>, J)>,
}

/// Objects up to this many members are scanned.
const SMALL: usize = 8;

/// The order of a large object's [`Entries::members`].
fn shorter_or_before(a: &str, b: &str) -> bool {
    (a.len(), a.as_bytes()) < (b.len(), b.as_bytes())
}

impl<'a, J: Json<'a>> Entries<'a, J> {
    /// The entries of `object`, to be looked up `lookups` times.
    fn new(object: J, lookups: usize) -> Self {
        if object.len() <= SMALL && lookups <= SMALL {
            return Entries { object, members: Vec::new() };
        }
        let mut members: Vec<_> = object.entries().collect();
        if members.len() > SMALL {
            small_sort(&mut members, |a, b| shorter_or_before(&a.0, &b.0));
        }
        Entries { object, members }
    }

    /// The value of `key` (the last one when it is repeated).
    fn get(&self, key: &str) -> Option<J> {
        if self.members.is_empty() {
            return self.object.get(key);
        }
        if self.members.len() <= SMALL {
            let same = |k: &str| k.len() == key.len() && k == key;
            return self.members.iter().rev().find(|(k, _)| same(k)).map(|(_, v)| *v);
        }
        let after = self.members.partition_point(|(k, _)| !shorter_or_before(key, k));
        let (k, value) = self.members[..after].last()?;
        (**k == *key).then_some(*value)
    }

    /// The number of members (a repeated key counts each time).
    fn len(&self) -> usize {
        self.object.len()
    }

    /// The keys no field has, in the object's order.
    fn unknown(&self, fields: &'static [Field]) -> impl Iterator<Item = Cow<'a, str>> {
        let known = |key: &str| fields.iter().any(|f| f.field() == key);
        self.object.entries().map(|(k, _)| k).filter(move |k| !known(k))
    }
}
