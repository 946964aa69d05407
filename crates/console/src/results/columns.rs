//! The columns of paged lists without a view of their own: pipelines, and any other list (a
//! column per field).

use super::vtable::{text_cell, Column};
use crate::format::{display, field_text, short_time, tags_text};
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;

pub fn pipeline_columns() -> Vec<Column<Arc<Value>>> {
    let text = |title: &str, key: &'static str, width: &'static str| {
        Column::new(title, width, move |v: &Arc<Value>| text_cell(field_text(v, key)))
    };
    vec![
        Column::new("Pipeline ID", "w-id", |v: &Arc<Value>| {
            let id = field_text(v, "imagePipelineId");
            let title = id.clone();
            view! { <code class="cell" title=title>{id}</code> }.into_any()
        }),
        text("Name", "name", "w-l"),
        text("Base image type", "baseImageType", "w-s"),
        text("Base image", "baseImage", "w-l"),
        text("Instance type", "instanceType", "w-m"),
        Column::new("System disk", "w-s", |v: &Arc<Value>| {
            let size = field_text(v, "systemDiskSize");
            text_cell(if size.is_empty() { size } else { format!("{size} GiB") })
        }),
        text("To regions", "toRegionIds", "w-l"),
        text("Shared with", "addAccounts", "w-m"),
        text("Delete instance on failure", "deleteInstanceOnFailure", "w-s"),
        Column::new("Created", "w-m", |v: &Arc<Value>| text_cell(short_time(&field_text(v, "creationTime")))),
        Column::new("Tags", "w-l", |v: &Arc<Value>| text_cell(tags_text(v.get("tags")))),
        text("Description", "description", "w-l"),
    ]
}

/// A column per field of the items (in the order first seen), nested values as compact JSON.
pub fn generic_columns(items: &[Value]) -> Vec<Column<Arc<Value>>> {
    let mut keys: Vec<String> = Vec::new();
    for item in items {
        if let Value::Object(map) = item {
            for key in map.keys() {
                if !keys.contains(key) {
                    keys.push(key.clone());
                }
            }
        }
    }
    if keys.is_empty() {
        return vec![Column::new("Value", "w-xl", |v: &Arc<Value>| text_cell(display(v)))];
    }
    keys.into_iter()
        .map(|key| {
            let title = key.clone();
            Column::new(title, "w-m", move |v: &Arc<Value>| text_cell(v.get(&key).map(display).unwrap_or_default()))
        })
        .collect()
}
