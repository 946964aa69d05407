//! Tags as resources keep them: key and value pairs, read from a request's `[{key, value}]` list.

use serde_json::Value;

/// A `[{key, value}]` list as pairs (missing values are empty), in order, repeats included.
pub fn tag_pairs(items: &[Value]) -> Vec<(String, String)> {
    items
        .iter()
        .filter_map(|t| {
            let key = t.get("key")?.as_str()?.to_string();
            let value = t.get("value").and_then(Value::as_str).unwrap_or_default().to_string();
            Some((key, value))
        })
        .collect()
}

/// A new resource's tags: each key once, with the last value given for it.
pub fn new_tags(given: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut tags: Vec<(String, String)> = Vec::with_capacity(given.len());
    for (key, value) in given {
        match tags.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => tags.push((key, value)),
        }
    }
    tags
}
