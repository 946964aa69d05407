//! Writing the state: each part appends its JSON to the text being written.

use super::EXECUTION_STATUSES;
use crate::state::{Due, ExecutionStatus, ImageStatus, Origin, Owner, Shares, Table, TaskKind};
use ecsimg_core::json::push_value;
use ecsimg_core::json::write::{push_quoted, Members};
use ecsimg_core::wire::number::push_decimal;
use serde_json::{Map, Value};
use std::collections::VecDeque;

/// A part of the state, written as JSON.
pub trait Save {
    fn save(&self, out: &mut String);
}

impl Save for u64 {
    fn save(&self, out: &mut String) {
        push_decimal(out, *self);
    }
}

impl Save for bool {
    fn save(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl Save for String {
    fn save(&self, out: &mut String) {
        push_quoted(out, self);
    }
}

impl Save for Value {
    fn save(&self, out: &mut String) {
        push_value(out, self);
    }
}

impl Save for Map<String, Value> {
    fn save(&self, out: &mut String) {
        entries(out, self.iter());
    }
}

impl<T: Save> Save for Option<T> {
    fn save(&self, out: &mut String) {
        match self {
            Some(value) => value.save(out),
            None => out.push_str("null"),
        }
    }
}

/// A JSON array of `items`.
fn items<'a, T: Save + 'a>(out: &mut String, items: impl Iterator<Item = &'a T>) {
    let mut list = Members::array(out);
    for item in items {
        item.save(list.item());
    }
    list.close();
}

/// A JSON object of `entries`.
fn entries<'a, T: Save + 'a>(out: &mut String, entries: impl Iterator<Item = (&'a String, &'a T)>) {
    let mut object = Members::object(out);
    for (key, value) in entries {
        value.save(object.key(key));
    }
    object.close();
}

impl<T: Save> Save for Vec<T> {
    fn save(&self, out: &mut String) {
        items(out, self.iter());
    }
}

impl<T: Save> Save for VecDeque<T> {
    fn save(&self, out: &mut String) {
        items(out, self.iter());
    }
}

impl<A: Save, B: Save> Save for (A, B) {
    fn save(&self, out: &mut String) {
        let mut pair = Members::array(out);
        self.0.save(pair.item());
        self.1.save(pair.item());
        pair.close();
    }
}

impl<T: Save> Save for Table<T> {
    fn save(&self, out: &mut String) {
        entries(out, self.iter());
    }
}

/// By account, the account ID as its digits (a JSON key is a string).
impl Save for Shares {
    fn save(&self, out: &mut String) {
        let mut object = Members::object(out);
        for (account, at) in self.iter() {
            let mut key = String::new();
            push_decimal(&mut key, account);
            at.save(object.key(&key));
        }
        object.close();
    }
}

/// A unit variant: its name.
fn unit(out: &mut String, name: &str) {
    push_quoted(out, name);
}

/// A variant with data: `{"Name": data}`.
fn variant(out: &mut String, name: &str, data: &impl Save) {
    let mut object = Members::object(out);
    data.save(object.key(name));
    object.close();
}

/// A struct variant of one field: `{"Name": {"field": value}}`.
fn variant_field(out: &mut String, name: &str, field: &str, value: &String) {
    let mut object = Members::object(out);
    let mut fields = Members::object(object.key(name));
    value.save(fields.key(field));
    fields.close();
    object.close();
}

impl Save for Owner {
    fn save(&self, out: &mut String) {
        match self {
            Owner::System => unit(out, "System"),
            Owner::Marketplace => unit(out, "Marketplace"),
            Owner::Account(id) => variant(out, "Account", id),
        }
    }
}

impl Save for ImageStatus {
    fn save(&self, out: &mut String) {
        unit(out, self.as_str());
    }
}

impl Save for Origin {
    fn save(&self, out: &mut String) {
        match self {
            Origin::Created => unit(out, "Created"),
            Origin::Copied { source } => variant_field(out, "Copied", "source", source),
            Origin::Imported { task } => variant_field(out, "Imported", "task", task),
            Origin::Built { execution } => variant_field(out, "Built", "execution", execution),
        }
    }
}

impl Save for ExecutionStatus {
    fn save(&self, out: &mut String) {
        let name = EXECUTION_STATUSES.iter().find(|(s, _)| s == self).map_or("", |(_, name)| name);
        unit(out, name);
    }
}

impl Save for TaskKind {
    fn save(&self, out: &mut String) {
        unit(out, if *self == TaskKind::Import { "Import" } else { "Export" });
    }
}

impl Save for Due {
    fn save(&self, out: &mut String) {
        match self {
            Due::Image(key) => variant(out, "Image", key),
            Due::Task(id) => variant(out, "Task", id),
            Due::Execution(id) => variant(out, "Execution", id),
        }
    }
}
