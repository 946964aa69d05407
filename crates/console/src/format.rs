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

/// Tags as `(key, value)` pairs (`[{tagKey, tagValue}]` in the flat view).
pub fn tag_pairs(tags: Option<&Value>) -> Vec<(String, String)> {
    let Some(Value::Array(tags)) = tags else { return Vec::new() };
    tags.iter()
        .filter_map(|t| {
            let key = t.get("tagKey").or_else(|| t.get("key")).and_then(Value::as_str)?;
            let value = t.get("tagValue").or_else(|| t.get("value")).and_then(Value::as_str).unwrap_or_default();
            Some((key.to_string(), value.to_string()))
        })
        .collect()
}

/// Tag pairs as `key=value`, joined with commas (a tag without a value as its key).
pub fn pairs_text(pairs: &[(String, String)]) -> String {
    let text = |(key, value): &(String, String)| if value.is_empty() { key.clone() } else { format!("{key}={value}") };
    pairs.iter().map(text).collect::<Vec<_>>().join(", ")
}

/// Tags as `key=value` pairs (`[{tagKey, tagValue}]` in the flat view).
pub fn tags_text(tags: Option<&Value>) -> String {
    pairs_text(&tag_pairs(tags))
}

/// `2026-01-01T08:30:00Z` → `2026-01-01 08:30 UTC` (anything else as it is).
pub fn short_time(iso: &str) -> String {
    match (iso.get(..10), iso.get(11..16), iso.as_bytes().get(10)) {
        (Some(date), Some(time), Some(b'T')) if iso.ends_with('Z') => format!("{date} {time} UTC"),
        _ => iso.to_string(),
    }
}

/// `2026-01-01T08:30:00Z` (the service's time format; fractions of a second are allowed) as
/// milliseconds since the epoch; anything else is `None`.
pub fn epoch_ms(iso: &str) -> Option<f64> {
    let bytes = iso.as_bytes();
    let shape = bytes.len() >= 20 && bytes[4] == b'-' && bytes[7] == b'-' && bytes[10] == b'T' && iso.ends_with('Z');
    if !shape || bytes[13] != b':' || bytes[16] != b':' {
        return None;
    }
    let part = |range: std::ops::Range<usize>| iso.get(range)?.parse::<u32>().ok();
    let (year, month, day) = (part(0..4)?, part(5..7)?, part(8..10)?);
    let (hour, minute, second) = (part(11..13)?, part(14..16)?, part(17..19)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let days = days_from_civil(i64::from(year), month, day);
    let seconds = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
    Some(seconds as f64 * 1000.0)
}

/// Days since 1970-01-01 of a date in the proleptic Gregorian calendar (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// How long before `now_ms` a moment was, in the largest whole unit: `just now`, `5 minutes ago`,
/// `1 day ago`, `3 months ago`, `2 years ago` (a moment ahead of `now_ms` is `just now`).
pub fn ago(then_ms: f64, now_ms: f64) -> String {
    const UNITS: [(f64, &str); 6] = [
        (365.0 * 86_400.0, "year"),
        (30.0 * 86_400.0, "month"),
        (86_400.0, "day"),
        (3_600.0, "hour"),
        (60.0, "minute"),
        (1.0, "second"),
    ];
    let seconds = ((now_ms - then_ms) / 1000.0).floor();
    let found = UNITS.iter().find(|(size, _)| seconds >= *size && seconds >= 60.0);
    match found {
        Some((size, unit)) => {
            let n = (seconds / size).floor() as u64;
            format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
        }
        None => "just now".into(),
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
        assert_eq!(tag_pairs(Some(&json!([{"tagKey": "env", "tagValue": "prod"}])))[0], ("env".into(), "prod".into()));
        assert!(tag_pairs(Some(&json!("env"))).is_empty());
    }

    #[test]
    fn service_times_as_instants() {
        assert_eq!(epoch_ms("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(epoch_ms("2026-01-01T00:00:00Z"), Some(1_767_225_600_000.0));
        assert_eq!(epoch_ms("2024-02-29T12:30:15Z"), Some(1_709_209_815_000.0));
        assert_eq!(epoch_ms("2026-01-01T08:30:00.123Z"), Some(1_767_256_200_000.0));
        for bad in [
            "",
            "yesterday",
            "2026-01-01 08:30:00Z",
            "2026-13-01T00:00:00Z",
            "2026-01-01T00:00:00",
            "2026-01-01T0x:00:00Z",
            "２０２６-01-01T00:00:00Z",
        ] {
            assert_eq!(epoch_ms(bad), None, "{bad}");
        }
    }

    #[test]
    fn how_long_ago_in_words() {
        let now = 1_767_225_600_000.0;
        let before = |seconds: f64| ago(now - seconds * 1000.0, now);
        assert_eq!(before(5.0), "just now");
        assert_eq!(before(-500.0), "just now");
        assert_eq!(before(60.0), "1 minute ago");
        assert_eq!(before(3.5 * 3600.0), "3 hours ago");
        assert_eq!(before(86_400.0), "1 day ago");
        assert_eq!(before(40.0 * 86_400.0), "1 month ago");
        assert_eq!(before(400.0 * 86_400.0), "1 year ago");
        assert_eq!(before(800.0 * 86_400.0), "2 years ago");
    }
}
