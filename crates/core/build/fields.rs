//! Parameters and response fields (one shape for both), their limits, and cross-parameter rules.

use super::pool::{fit, Pool};
use super::tables::Catalogue;
use super::{lit, obj, opt_lit, opt_num, sdk_field, str_list, str_of};
use serde_json::{Map, Value};
use std::env;

/// The keys a field may have.
const KNOWN: &[&str] = &[
    "name",
    "field",
    "type",
    "id",
    "fields",
    "item",
    "wrap",
    "max_items",
    "required",
    "hidden",
    "deprecated",
    "enum",
    "comma",
    "len",
    "range",
    "text",
    "default",
    "unit",
    "since",
    "doc",
    "example",
    "label",
];

/// Adds a list of fields to the pool, at consecutive indices: the first one's index and how many.
pub fn fields(v: Option<&Value>, ctx: &str, request: bool, cat: &Catalogue, pool: &mut Pool) -> (usize, usize) {
    let list = v.and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let at = pool.reserve(list.len());
    for (i, f) in list.iter().enumerate() {
        let code = field(obj(f, ctx), ctx, request, cat, pool);
        pool.set(at + i, code);
    }
    (at, list.len())
}

fn field(f: &Map<String, Value>, ctx: &str, request: bool, cat: &Catalogue, pool: &mut Pool) -> String {
    let name = f.get("name").and_then(Value::as_str).unwrap_or("");
    let ctx = format!("{ctx}.{name}");
    for key in f.keys() {
        assert!(KNOWN.contains(&key.as_str()), "{ctx}: unknown key `{key}`");
    }
    if (name.ends_with("Id") || name.ends_with("Ids")) && name != "RequestId" {
        let item_id = f.get("item").and_then(|item| item.get("id")).is_some();
        assert!(f.contains_key("id") || item_id, "{ctx}: holds an ID, so it (or its list's item) needs an `id` kind");
    }
    let flag = |k: &str, bit: &'static str| if f.get(k).and_then(Value::as_bool).unwrap_or(false) { bit } else { "" };
    // Limits of response fields only document them (console, TS types): without `docs`, no bytes.
    let check =
        if request || env::var_os("CARGO_FEATURE_DOCS").is_some() { check(f, &ctx) } else { "Check::NONE".into() };
    let docs = if request || f.contains_key("doc") { docs(f) } else { "Docs::NONE".into() };
    let id_kind = match f.get("id").and_then(Value::as_str) {
        Some(kind) => {
            assert!(matches!(f["type"].as_str(), Some("string" | "long")), "{ctx}: an ID is a string or a long");
            format!("Some({})", cat.id_kind(kind, &ctx))
        }
        None => "None".into(),
    };
    let sdk = match f.get("field").and_then(Value::as_str) {
        Some(explicit) => explicit.to_string(),
        None if name.is_empty() => String::new(),
        None => sdk_field(name),
    };
    let (names, sdk_len, name_len) = pool.names(&sdk, name);
    let (kind, at, count) = shape(f, &ctx, request, cat, pool);
    format!(
        "Field {{ names: {names}, name_len: {name_len}, field_len: {sdk_len}, at: {at}, count: {count}, flags: Field::{kind}{}{}{}, check_at: {},\n  #[cfg(feature = \"docs\")] id: {id_kind}, #[cfg(feature = \"docs\")] docs_at: {} }}",
        flag("required", " | Field::REQUIRED"),
        flag("hidden", " | Field::HIDDEN"),
        flag("deprecated", " | Field::DEPRECATED"),
        pool.check(check),
        pool.docs(docs),
    )
}

/// The field's kind of shape (`STRUCT`, `LIST`, a scalar's), and where its children are: a struct's
/// first child and how many, a list's entry in `LISTS`.
fn shape(
    f: &Map<String, Value>,
    ctx: &str,
    request: bool,
    cat: &Catalogue,
    pool: &mut Pool,
) -> (&'static str, String, String) {
    let scalar = |kind| (kind, "0".to_string(), "0".to_string());
    match str_of(f, "type", ctx) {
        "struct" => {
            let (at, n) = fields(f.get("fields"), ctx, request, cat, pool);
            ("STRUCT", fit(at, "u16", "fields"), fit(n, "u8", &format!("{ctx}: fields of a struct")))
        }
        "list" => {
            let at = pool.reserve(1);
            let item = field(obj(&f["item"], ctx), ctx, request, cat, pool);
            pool.set(at, item);
            let wrap = f.get("wrap").and_then(Value::as_str).unwrap_or("");
            assert!(f.get("wrap").is_none() || !wrap.is_empty(), "{ctx}: `wrap` names a key");
            let (wrap, wrap_len) = pool.span(wrap);
            let list = format!(
                "List {{ item: {}, max_items: {}, wrap: {wrap}, wrap_len: {wrap_len} }}",
                fit(at, "u16", "fields"),
                opt_num(f.get("max_items"))
            );
            ("LIST", pool.list(list), "0".into())
        }
        "string" => scalar("STRING"),
        "integer" => scalar("INTEGER"),
        "long" => scalar("LONG"),
        "float" => scalar("FLOAT"),
        "boolean" => scalar("BOOLEAN"),
        other => panic!("{ctx}: unknown type {other}"),
    }
}

fn docs(f: &Map<String, Value>) -> String {
    let default = match f.get("default") {
        Some(Value::String(s)) => format!("Some({})", lit(s)),
        Some(Value::Null) | None => "None".into(),
        Some(other) => format!("Some({})", lit(&other.to_string())),
    };
    format!(
        "Docs {{ text: {}, example: {}, default: {default}, unit: {}, label: {} }}",
        lit(f.get("doc").and_then(Value::as_str).unwrap_or("")),
        opt_lit(f.get("example").and_then(Value::as_str)),
        opt_lit(f.get("unit").and_then(Value::as_str)),
        opt_lit(f.get("label").and_then(Value::as_str)),
    )
}

fn pair(m: &Map<String, Value>, key: &str) -> (String, String) {
    match m.get(key).and_then(Value::as_array) {
        Some(a) => (opt_num(a.first()), opt_num(a.get(1))),
        None => ("None".into(), "None".into()),
    }
}

/// A list of values as `Words`: one text, a value a line (no pointer per value in the wasm).
fn words(v: Option<&Value>, ctx: &str) -> String {
    let values: Vec<String> = v
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string)).collect())
        .unwrap_or_default();
    assert!(
        values.iter().all(|v| !v.is_empty() && !v.contains('\n')),
        "{ctx}: an enum value is empty or has a line break"
    );
    format!("Words({})", lit(&values.join("\n")))
}

fn check(f: &Map<String, Value>, ctx: &str) -> String {
    let has = ["enum", "comma", "len", "range", "text"].iter().any(|k| f.contains_key(*k));
    if !has {
        return "Check::NONE".into();
    }
    let (min_len, max_len) = pair(f, "len");
    let (min, max) = pair(f, "range");
    let text = match f.get("text") {
        Some(t) => text(obj(t, ctx), ctx),
        None => "None".into(),
    };
    format!(
        "Check {{ one_of: {}, comma: {}, min_len: {min_len}, max_len: {max_len}, min: {min}, max: {max}, text: {text} }}",
        words(f.get("enum"), ctx),
        f.get("comma").and_then(Value::as_bool).unwrap_or(false),
    )
}

fn text(t: &Map<String, Value>, ctx: &str) -> String {
    for key in t.keys() {
        const KNOWN: &[&str] = &["first", "chars", "ascii", "not_prefix", "not_contains", "pattern"];
        assert!(KNOWN.contains(&key.as_str()), "{ctx}: unknown text rule `{key}`");
    }
    let first = match t.get("first").and_then(Value::as_str) {
        None => "First::Any",
        Some("letter") => "First::Letter",
        Some("ascii-letter") => "First::AsciiLetter",
        Some(other) => panic!("{ctx}: unknown first-character rule {other}"),
    };
    let pattern = match t.get("pattern").and_then(Value::as_str) {
        None => "None",
        Some("version") => "Some(Pattern::Version)",
        Some("oss-bucket") => "Some(Pattern::OssBucket)",
        Some("cloudbox-arn") => "Some(Pattern::CloudBoxArn)",
        Some("region") => "Some(Pattern::RegionId)",
        Some(other) => panic!("{ctx}: unknown pattern {other}"),
    };
    format!(
        "Some(&Text {{ first: {first}, chars: {}, ascii: {}, not_prefix: {}, not_contains: {}, pattern: {pattern} }})",
        opt_lit(t.get("chars").and_then(Value::as_str)),
        t.get("ascii").and_then(Value::as_bool).unwrap_or(false),
        str_list(t.get("not_prefix")),
        str_list(t.get("not_contains")),
    )
}

fn conds(r: &Map<String, Value>, ctx: &str) -> String {
    let items: Vec<String> = r
        .get("when")
        .map(|w| {
            obj(w, ctx)
                .iter()
                .map(|(k, v)| {
                    let values = if v.is_null() { "&[]".to_string() } else { str_list(Some(v)) };
                    format!("Cond {{ param: {}, values: {values} }}", lit(k))
                })
                .collect()
        })
        .unwrap_or_default();
    format!("&[{}]", items.join(", "))
}

pub fn rule(r: &Map<String, Value>, ctx: &str) -> String {
    if let Some(list) = r.get("one_of") {
        format!("Rule::OneOf({})", str_list(Some(list)))
    } else if let Some(p) = r.get("require").and_then(Value::as_str) {
        format!("Rule::Require {{ param: {}, when: {} }}", lit(p), conds(r, ctx))
    } else if let Some(p) = r.get("restrict").and_then(Value::as_str) {
        format!("Rule::Restrict {{ param: {}, to: {}, when: {} }}", lit(p), str_list(r.get("to")), conds(r, ctx))
    } else if let Some(list) = r.get("exclusive") {
        format!("Rule::Exclusive({})", str_list(Some(list)))
    } else if let Some(list) = r.get("unique").and_then(Value::as_str) {
        format!("Rule::Unique {{ list: {}, by: {} }}", lit(list), lit(str_of(r, "by", ctx)))
    } else {
        panic!("{ctx}: unknown rule {r:?}")
    }
}
