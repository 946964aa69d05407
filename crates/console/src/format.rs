//! Formatting helpers shared by the views: numbers, answer values, times, tags. Plain Rust.

use serde_json::Value;

/// `10000` → `10,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 image`, `10,000 images` (the plural nouns here all take an `s`).
pub fn count(n: u64, plural: &str) -> String {
    let noun = if n == 1 { plural.strip_suffix('s').unwrap_or(plural) } else { plural };
    format!("{} {noun}", thousands(n))
}

/// An answer's value as text: strings as they are, null as nothing, the rest as compact JSON.
pub fn display(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A field of an item as text; a list's values joined with commas.
pub fn field_text(item: &Value, key: &str) -> String {
    match item.get(key) {
        Some(Value::Array(list)) => list.iter().map(display).collect::<Vec<_>>().join(", "),
        Some(v) => display(v),
        None => String::new(),
    }
}

/// Tags as `key=value` pairs (`[{tagKey, tagValue}]` in the flat view).
pub fn tags_text(tags: Option<&Value>) -> String {
    let Some(Value::Array(tags)) = tags else { return String::new() };
    tags.iter()
        .filter_map(|t| {
            let key = t.get("tagKey").or_else(|| t.get("key")).and_then(Value::as_str)?;
            let value = t.get("tagValue").or_else(|| t.get("value")).and_then(Value::as_str).unwrap_or_default();
            Some(if value.is_empty() { key.to_string() } else { format!("{key}={value}") })
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `2026-01-01T08:30:00Z` → `2026-01-01 08:30 UTC` (anything else as it is).
pub fn short_time(iso: &str) -> String {
    match (iso.get(..10), iso.get(11..16), iso.as_bytes().get(10)) {
        (Some(date), Some(time), Some(b'T')) if iso.ends_with('Z') => format!("{date} {time} UTC"),
        _ => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_with_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_200), "1,200");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(count(1, "images"), "1 image");
        assert_eq!(count(10_000, "images"), "10,000 images");
    }

    #[test]
    fn values_tags_and_times() {
        assert_eq!(display(&json!(null)), "");
        assert_eq!(display(&json!("web")), "web");
        assert_eq!(display(&json!({"a": 1})), r#"{"a":1}"#);
        assert_eq!(
            field_text(&json!({"toRegionIds": ["cn-beijing", "cn-shanghai"]}), "toRegionIds"),
            "cn-beijing, cn-shanghai"
        );
        assert_eq!(field_text(&json!({}), "name"), "");
        assert_eq!(
            tags_text(Some(&json!([{"tagKey": "env", "tagValue": "prod"}, {"key": "team", "value": ""}]))),
            "env=prod, team"
        );
        assert_eq!(short_time("2026-01-01T08:30:00Z"), "2026-01-01 08:30 UTC");
        assert_eq!(short_time("yesterday"), "yesterday");
    }
}
