//! A `serde_json::Value` read as [`Json`], for native callers that hold one.

use super::{Json, Kind};
use crate::wire::number::Decimal;
use serde_json::Value;
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
            Value::Number(n) => Some(Cow::Owned(n.to_string())),
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
