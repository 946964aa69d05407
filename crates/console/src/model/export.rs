//! The Images table as a file: CSV that spreadsheets open as it is (RFC 4180 quoting, UTF-8 with a
//! byte order mark, formulas neutralised) and JSON in the SDK's field names.

use super::ImageRow;
use serde_json::{json, Map, Value};
use std::sync::Arc;

/// One field of the export: its CSV header, its JSON key (the answer's SDK name where there is
/// one), and its value.
struct Field {
    header: &'static str,
    key: &'static str,
    value: fn(&ImageRow) -> Value,
}

fn text(s: &str) -> Value {
    Value::String(s.to_string())
}

/// Every field, in the CSV's column order.
const FIELDS: &[Field] = &[
    Field { header: "Name", key: "imageName", value: |r| text(&r.name) },
    Field { header: "Image ID", key: "imageId", value: |r| text(&r.id) },
    Field { header: "Region", key: "regionId", value: |r| text(&r.region) },
    Field { header: "Status", key: "status", value: |r| text(&r.status) },
    Field { header: "Progress (%)", key: "progress", value: |r| r.progress.map_or(Value::Null, Value::from) },
    Field { header: "OS", key: "OSNameEn", value: |r| text(&r.os) },
    Field { header: "Platform", key: "platform", value: |r| text(&r.platform) },
    Field { header: "Architecture", key: "architecture", value: |r| text(&r.architecture) },
    Field { header: "Size (GiB)", key: "size", value: |r| r.size_gib.map_or(Value::Null, Value::from) },
    Field { header: "Created", key: "creationTime", value: |r| text(&r.created) },
    Field { header: "Family", key: "imageFamily", value: |r| text(&r.family) },
    Field {
        header: "Tags",
        key: "tags",
        value: |r| r.tags.iter().map(|(k, v)| json!({"tagKey": k, "tagValue": v})).collect(),
    },
    Field { header: "In use", key: "usage", value: |r| text(&r.usage) },
    Field { header: "Shared", key: "isSelfShared", value: |r| Value::Bool(r.shared) },
    Field { header: "Owner", key: "imageOwnerAlias", value: |r| text(&r.owner) },
    Field { header: "Description", key: "description", value: |r| text(&r.description) },
];

/// A field's value as a CSV cell's text: tags as `key=value` pairs, flags as yes / no.
fn cell(field: &Field, row: &ImageRow) -> String {
    match field.key {
        "tags" => row.tags_text(),
        "usage" => if row.in_use() { "yes" } else { "no" }.into(),
        _ => match (field.value)(row) {
            Value::String(s) => s,
            Value::Bool(b) => if b { "yes" } else { "no" }.into(),
            Value::Null => String::new(),
            other => other.to_string(),
        },
    }
}

/// A CSV field: text a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return) gets a leading `'`; a field with a comma, a quote or a line break is
/// quoted, its quotes doubled (RFC 4180).
pub fn csv_field(value: &str) -> String {
    let neutral = match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    };
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// The rows as CSV: a header line, then a line per row, each ended by CRLF, after a UTF-8 byte
/// order mark (so Excel reads the names in any script).
pub fn csv(rows: &[Arc<ImageRow>]) -> String {
    let line = |cells: Vec<String>| cells.join(",") + "\r\n";
    let mut out = String::from("\u{feff}");
    out.push_str(&line(FIELDS.iter().map(|f| csv_field(f.header)).collect()));
    for row in rows {
        out.push_str(&line(FIELDS.iter().map(|f| csv_field(&cell(f, row))).collect()));
    }
    out
}

/// The rows as a JSON array of objects in the SDK's field names.
pub fn json(rows: &[Arc<ImageRow>]) -> String {
    let objects: Vec<Value> = rows
        .iter()
        .map(|row| Value::Object(FIELDS.iter().map(|f| (f.key.to_string(), (f.value)(row))).collect::<Map<_, _>>()))
        .collect();
    serde_json::to_string_pretty(&objects).unwrap_or_default()
}

/// `ecsimg-images-self-2026-12-06.csv`: what the file is, of which tab, from when.
pub fn file_name(owner: &str, date: &str, extension: &str) -> String {
    format!("ecsimg-images-{owner}-{date}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Arc<ImageRow>> {
        let image = json!({"imageId": "m-1", "imageName": "=HYPERLINK(\"http://x\")", "status": "Creating",
            "progress": "42%", "size": 40, "creationTime": "2026-01-01T08:30:00Z", "usage": "none",
            "description": "two\nlines, with a comma", "isSelfShared": "True",
            "tags": [{"tagKey": "env", "tagValue": "prod"}, {"tagKey": "team", "tagValue": "web"}]});
        let plain = json!({"imageId": "m-2", "imageName": "网站", "status": "Available", "usage": "instance"});
        vec![Arc::new(ImageRow::listed_in(&image, "cn-hangzhou")), Arc::new(ImageRow::listed_in(&plain, "cn-shanghai"))]
    }

    #[test]
    fn csv_fields_are_quoted_and_formulas_neutralised() {
        assert_eq!(csv_field("web"), "web");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        for formula in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv_field(formula).trim_start_matches('"').starts_with('\''), "{formula:?}");
        }
        assert_eq!(csv_field("=A1,B1"), "\"'=A1,B1\"");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn a_csv_line_per_row_under_the_header() {
        let csv = csv(&rows());
        assert!(csv.starts_with('\u{feff}'));
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Name,Image ID,Region,Status,Progress (%),OS,Platform,Architecture,Size (GiB),Created,Family,Tags,In use,Shared,Owner,Description"
        );
        assert_eq!(
            lines[1],
            "\"'=HYPERLINK(\"\"http://x\"\")\",m-1,cn-hangzhou,Creating,42,,,,40,2026-01-01T08:30:00Z,,\"env=prod, team=web\",no,yes,,\"two\nlines, with a comma\""
        );
        assert_eq!(lines[2], "网站,m-2,cn-shanghai,Available,,,,,,,,,yes,no,,");
        assert_eq!(lines[3], "", "every line ends in CRLF");
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn json_in_the_sdk_names() {
        let parsed: Value = serde_json::from_str(&json(&rows())).unwrap();
        let first = &parsed[0];
        assert_eq!(first["imageId"], "m-1");
        assert_eq!(first["regionId"], "cn-hangzhou");
        assert_eq!(first["progress"], 42);
        assert_eq!(first["size"], 40);
        assert_eq!(first["isSelfShared"], true);
        assert_eq!(first["tags"][1], json!({"tagKey": "team", "tagValue": "web"}));
        assert_eq!(parsed[1]["progress"], Value::Null);
        assert_eq!(parsed.as_array().map(Vec::len), Some(2));
        assert_eq!(file_name("self", "2026-12-06", "csv"), "ecsimg-images-self-2026-12-06.csv");
    }
}
