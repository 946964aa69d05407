//! `serde_json::Value` and the core's JSON: a `Value` read as [`Json`], for native callers that
//! hold one; and a `Value` read from text and written back by the core's own parser and writer
//! (the emulator's).

use super::write::{push_quoted, Members};
use super::{Doc, Json, Kind, Node, ParseError};
use crate::wire::number::{parse_f64, plain_integer, push_decimal, push_integer, Decimal};
use serde_json::{Map, Number, Value};
use std::borrow::Cow;

impl<'a> Json<'a> for &'a Value {
    fn kind(self) -> Kind {
        match self {
            Value::Null => Kind::Null,
            Value::Bool(b) => Kind::Bool(*b),
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(_) => Kind::Array,
            Value::Object(_) => Kind::Object,
        }
    }

    fn str(self) -> Option<Cow<'a, str>> {
        self.as_str().map(Cow::Borrowed)
    }

    fn number(self) -> Option<Cow<'a, str>> {
        match self {
            Value::Number(n) => {
                let mut text = String::new();
                push_number(&mut text, n);
                Some(Cow::Owned(text))
            }
            _ => None,
        }
    }

    fn integer(self) -> Option<i128> {
        match self {
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => Some(i.into()),
                (_, Some(u)) => Some(u.into()),
                _ => Decimal::parse(&n.to_string()).integer(),
            },
            _ => None,
        }
    }

    fn items(self) -> impl Iterator<Item = Self> {
        self.as_array().into_iter().flatten()
    }

    fn entries(self) -> impl Iterator<Item = (Cow<'a, str>, Self)> {
        self.as_object().into_iter().flatten().map(|(k, v)| (Cow::Borrowed(k.as_str()), v))
    }

    fn len(self) -> usize {
        match self {
            Value::Array(items) => items.len(),
            Value::Object(map) => map.len(),
            _ => 0,
        }
    }

    /// A small object's members are compared as they come (most differ in length, so most
    /// comparisons end there), a larger one is searched through its map.
    fn get(self, key: &str) -> Option<Self> {
        match self {
            Value::Object(map) if map.len() <= 8 => map.iter().find(|(k, _)| *k == key).map(|(_, v)| v),
            _ => Value::get(self, key),
        }
    }
}

/// A JSON text as a `serde_json::Value`, read by the core's parser ([`Doc`]): the emulator's wasm
/// then carries one JSON parser, not serde_json's as well. Refuses what `serde_json::from_str`
/// refuses (numbers beyond a double's range included), with the same kinds of message.
pub fn parse_value(text: &str) -> Result<Value, ParseError> {
    Doc::parse(text).map(|doc| to_value(doc.root()))
}

/// The value a parsed node holds. Numbers as serde_json reads them: without a fraction or an
/// exponent, an integer when one fits (`u64`, or `i64` below zero); otherwise a double, correctly
/// rounded where [`parse_f64`] is exact (the parser refused whatever rounds to infinity).
pub fn to_value(node: Node) -> Value {
    match node.kind() {
        Kind::Null => Value::Null,
        Kind::Bool(b) => Value::Bool(b),
        Kind::String => Value::String(node.str().unwrap_or_default().into_owned()),
        Kind::Number => number(node.raw()),
        Kind::Array => Value::Array(node.items().map(to_value).collect()),
        Kind::Object => {
            let mut map = Map::new();
            for (key, value) in node.entries() {
                map.insert(key.into_owned(), to_value(value));
            }
            Value::Object(map)
        }
    }
}

fn number(text: &str) -> Value {
    let integer = match plain_integer(text) {
        // `-0` is the double -0.0, as serde_json reads it.
        Some(0) if text.starts_with('-') => None,
        Some(n) if n >= 0 => u64::try_from(n).ok().map(Value::from),
        Some(n) => i64::try_from(n).ok().map(Value::from),
        None => None,
    };
    integer.unwrap_or_else(|| {
        // `parse_f64` reads a number within a few units in the last place of `f64::MAX` as
        // infinite; the parser kept only numbers that round to a finite double, so that is `MAX`.
        Value::from(parse_f64(text).unwrap_or(if text.starts_with('-') { f64::MIN } else { f64::MAX }))
    })
}

/// `value` as compact JSON text, byte for byte what `serde_json::to_string` writes (keys in the
/// map's order, the same escapes, the same numbers), through the core's writer: the emulator's
/// wasm carries no serde serializer.
pub fn value_text(value: &Value) -> String {
    let mut out = String::new();
    push_value(&mut out, value);
    out
}

/// Appends `value` as [`value_text`] writes it.
pub fn push_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => push_number(out, n),
        Value::String(s) => push_quoted(out, s),
        Value::Array(items) => {
            let mut list = Members::array(out);
            for item in items {
                push_value(list.item(), item);
            }
            list.close();
        }
        Value::Object(map) => {
            let mut object = Members::object(out);
            for (key, value) in map {
                push_value(object.key(key), value);
            }
            object.close();
        }
    }
}

/// Appends a number as serde_json writes it (its `Display` too), integers without `core::fmt`.
fn push_number(out: &mut String, n: &Number) {
    match (n.as_u64(), n.as_i64()) {
        (Some(u), _) => push_decimal(out, u),
        (None, Some(i)) => push_integer(out, i),
        // A double: its shortest text, as serde_json's writer gives it (`Display` is that writer's).
        _ => out.push_str(&n.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: &[&str] = &[
        r#"{"b":[1,-2,0,-0,1.5,1e3,-2.5E-3,0.1,18446744073709551615,18446744073709551616,-9223372036854775808,-9223372036854775809,1.7976931348623157e308,-1.7976931348623157e308,5e-324]}"#,
        r#"{"a":"x\"y\\z\n\t\u0001\u001f\u007fé\ud83d\ude00/\/","a":"last","":null,"t":true,"f":false}"#,
        r#" [ {"nested" : {"deeper": [[], {}, [null]]}} , "日本" ] "#,
        "\"plain\"",
        "-12",
    ];

    #[test]
    fn reads_as_serde_json_reads() {
        for text in TEXTS {
            let ours = parse_value(text).unwrap();
            let theirs: Value = serde_json::from_str(text).unwrap();
            // (A number of another kind, `1` against `1.0`, is another `Value`.)
            assert_eq!(ours, theirs, "{text}");
        }
    }

    /// Beyond 15 significant digits a double is within a few units in the last place
    /// ([`parse_f64`]'s fast path), not always the closest one.
    #[test]
    fn reads_long_numbers_nearly() {
        for text in ["123456789012345678901234", "0.12345678901234567890", "-98765432109876543210.5e-3"] {
            let ours = parse_value(text).unwrap().as_f64().unwrap();
            let theirs: f64 = text.parse().unwrap();
            assert!(((ours - theirs) / theirs).abs() < 1e-15, "{text}: {ours} against {theirs}");
        }
    }

    #[test]
    fn refuses_what_serde_json_refuses() {
        for text in ["", "{", "[1,]", "{\"a\" 1}", "1e309", "-1e400", "\"\\ud800\"", "01", "[1] x", "\"a\nb\""] {
            assert!(serde_json::from_str::<Value>(text).is_err(), "{text}");
            assert!(parse_value(text).is_err(), "{text}");
        }
    }

    #[test]
    fn writes_as_serde_json_writes() {
        for text in TEXTS {
            let value: Value = serde_json::from_str(text).unwrap();
            assert_eq!(value_text(&value), serde_json::to_string(&value).unwrap(), "{text}");
        }
        let floats = [0.1, -0.0, 1e21, 1e-7, 123.456, f64::MAX, f64::MIN_POSITIVE, 5e-324];
        let value = Value::Array(floats.into_iter().map(Value::from).collect());
        assert_eq!(value_text(&value), serde_json::to_string(&value).unwrap());
    }
}
