//! One kind of resource of the state, by key, in key order.

use serde_json::{Map, Value};
use std::ops::Index;

/// The rows of one kind of resource by key (an image's `region/id`, a bucket's name, ...), read in
/// key order as a `BTreeMap` would be. The rows sit in a `Vec` and [`Keys`] says where: every table
/// (a bucket's objects too) shares that one map type, where a `BTreeMap` per resource type brought
/// its own copy of the B-tree code into the wasm; and the keeping of the keys is one function for
/// every table, only the rows' moves being the row type's own.
#[derive(Debug, Clone)]
pub struct Table<T> {
    keys: Keys,
    rows: Vec<T>,
}

/// Where a table's rows are: key → position, and each position's key.
///
/// The positions are numbers in a `serde_json::Map`, the B-tree the answers are built of: a
/// `BTreeMap<String, u64>` of its own was 8 KB more code in the sandbox's wasm (2.7 KB gzip).
#[derive(Debug, Clone, Default)]
struct Keys {
    index: Map<String, Value>,
    of_row: Vec<String>,
}

/// A position as the index holds it.
fn position(value: &Value) -> usize {
    value.as_u64().unwrap_or_default() as usize
}

impl Keys {
    fn find(&self, key: &str) -> Option<usize> {
        self.index.get(key).map(position)
    }

    /// The position of `key`'s row; for a new key, `None`, the key given the next position.
    fn add(&mut self, key: String) -> Option<usize> {
        if let Some(at) = self.find(&key) {
            return Some(at);
        }
        self.index.insert(key.clone(), Value::from(self.of_row.len()));
        self.of_row.push(key);
        None
    }

    /// Forgets `key` and gives its position: the row there goes, and the last row takes its place.
    fn remove(&mut self, key: &str) -> Option<usize> {
        let at = position(&self.index.remove(key)?);
        self.of_row.swap_remove(at);
        if let Some(moved) = self.of_row.get(at) {
            if let Some(position) = self.index.get_mut(moved.as_str()) {
                *position = Value::from(at);
            }
        }
        Some(at)
    }
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table { keys: Keys::default(), rows: Vec::new() }
    }
}

impl<T> Table<T> {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&T> {
        self.keys.find(key).map(|at| &self.rows[at])
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut T> {
        self.keys.find(key).map(|at| &mut self.rows[at])
    }

    /// Adds a row, or replaces the one with that key.
    pub fn insert(&mut self, key: String, value: T) {
        match self.keys.add(key) {
            Some(at) => self.rows[at] = value,
            None => self.rows.push(value),
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<T> {
        let at = self.keys.remove(key)?;
        Some(self.rows.swap_remove(at))
    }

    /// Keys and rows in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &T)> {
        self.keys.index.iter().map(|(key, at)| (key, &self.rows[position(at)]))
    }

    /// The rows in key order.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.iter().map(|(_, value)| value)
    }

    /// The rows, to change, in no particular order.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.rows.iter_mut()
    }

    /// Keeps the rows `keep` says yes to, asked in key order.
    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        let gone: Vec<String> = self.iter().filter(|(_, value)| !keep(value)).map(|(key, _)| key.clone()).collect();
        for key in gone {
            self.remove(&key);
        }
    }
}

impl<T> Index<&str> for Table<T> {
    type Output = T;

    fn index(&self, key: &str) -> &T {
        self.get(key).expect("no row with that key")
    }
}

/// The same rows under the same keys, wherever they sit in the `Vec`.
impl<T: PartialEq> PartialEq for Table<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_rows_in_key_order_through_removals() {
        let mut table = Table::default();
        for key in ["c", "a", "d", "b"] {
            table.insert(key.to_string(), key.to_uppercase());
        }
        table.insert("a".into(), "A2".into());
        assert_eq!(table.remove("c").as_deref(), Some("C"));
        assert_eq!(table.remove("c"), None);
        assert_eq!(table.values().collect::<Vec<_>>(), ["A2", "B", "D"]);
        assert_eq!(table["d"], "D");
        table.retain(|value| value != "B");
        assert_eq!(table.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>(), ["a=A2", "d=D"]);
    }
}
