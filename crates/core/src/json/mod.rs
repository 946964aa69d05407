//! JSON without a tree: the core reads requests and answers through [`Json`], a read-only view of
//! a JSON value, and writes JSON text directly ([`write`]).
//!
//! The npm package hands the core JSON text; [`Doc`] parses it once into a flat tape (one token
//! per value, strings borrowed from the text) that the catalogue-guided walks read in place, so no
//! value tree is built or dropped and serde_json is not part of the package's wasm. Native callers
//! that hold a `serde_json::Value` (the console's forms, tests) pass `&Value`, which is a [`Json`]
//! too (feature `values`).

#[cfg(feature = "values")]
mod serde;
mod tape;
pub mod write;

#[cfg(feature = "values")]
pub use serde::{parse_value, push_value, to_value, value_text};
pub use tape::{Doc, Node, ParseError};

use crate::wire::number::{plain_integer, Decimal};
use std::borrow::Cow;

/// What a JSON value is, with a boolean's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool(bool),
    Number,
    String,
    Array,
    Object,
}

/// A read-only JSON value the walks of the core can read: a [`Node`] of a parsed text, or a
/// `&serde_json::Value`.
pub trait Json<'a>: Copy {
    fn kind(self) -> Kind;
    /// A string's value, unescaped.
    fn str(self) -> Option<Cow<'a, str>>;
    /// A number as its JSON text (`-1.5e3`), never `NaN` or infinite.
    fn number(self) -> Option<Cow<'a, str>>;
    /// An array's items in order (nothing for anything else).
    fn items(self) -> impl Iterator<Item = Self>;
    /// An object's keys and values in the order the view holds them (nothing for anything else).
    fn entries(self) -> impl Iterator<Item = (Cow<'a, str>, Self)>;
    /// The number of items or entries.
    fn len(self) -> usize;

    /// A number's value when it is an integer of at most 30 digits (`1.5e2` is 150).
    fn integer(self) -> Option<i128> {
        let text = self.number()?;
        plain_integer(&text).or_else(|| Decimal::parse(&text).integer())
    }

    fn is_empty(self) -> bool {
        self.len() == 0
    }

    fn is_null(self) -> bool {
        self.kind() == Kind::Null
    }

    /// The last value of `key` in an object (the last one wins, as in `JSON.parse`).
    fn get(self, key: &str) -> Option<Self> {
        self.entries().filter(|(k, _)| k == key).last().map(|(_, v)| v)
    }
}
