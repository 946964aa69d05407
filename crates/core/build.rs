//! Compiles `catalogue/ecs.json` (the one description of the API) into static Rust tables.
//!
//! The generated file only holds data; the types it fills live in `src/catalogue/`. Descriptions,
//! examples and defaults are emitted only with the `docs` feature, error tables only with `errors`,
//! so the npm build carries names, wire forms, types and limits and nothing else.

use serde_json::{Map, Value};
use std::fmt::Write as _;
use std::{env, fs, path::Path};

const CATALOGUE: &str = "catalogue/ecs.json";

fn main() {
    println!("cargo:rerun-if-changed={CATALOGUE}");
    println!("cargo:rerun-if-changed=build.rs");
    let text = fs::read_to_string(CATALOGUE).expect("read catalogue");
    let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{CATALOGUE}: {e}"));
    let mut out = String::new();
    emit_catalogue(&mut out, &doc);
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("catalogue.rs");
    fs::write(dest, out).expect("write generated catalogue");
}

#[path = "src/catalogue/naming.rs"]
mod naming;
use naming::sdk_name as sdk_field;

fn obj<'a>(v: &'a Value, ctx: &str) -> &'a Map<String, Value> {
    v.as_object().unwrap_or_else(|| panic!("{ctx}: expected an object"))
}

fn str_of<'a>(m: &'a Map<String, Value>, key: &str, ctx: &str) -> &'a str {
    m.get(key).and_then(Value::as_str).unwrap_or_else(|| panic!("{ctx}: missing string `{key}`"))
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn str_list(v: Option<&Value>) -> String {
    let items: Vec<String> = v
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|x| match x {
                    Value::String(s) => lit(s),
                    other => lit(&other.to_string()),
                })
                .collect()
        })
        .unwrap_or_default();
    format!("&[{}]", items.join(", "))
}

fn opt_num(v: Option<&Value>) -> String {
    match v {
        Some(Value::Number(n)) => format!("Some({n})"),
        Some(Value::Null) | None => "None".into(),
        Some(other) => panic!("expected a number or null, got {other}"),
    }
}

fn pair(m: &Map<String, Value>, key: &str) -> (String, String) {
    match m.get(key).and_then(Value::as_array) {
        Some(a) => (opt_num(a.first()), opt_num(a.get(1))),
        None => ("None".into(), "None".into()),
    }
}

fn emit_catalogue(out: &mut String, doc: &Value) {
    let root = obj(doc, "catalogue");
    let endpoint = obj(&root["endpoint"], "endpoint");
    let overrides: Vec<String> = obj(&endpoint["overrides"], "overrides")
        .iter()
        .map(|(k, v)| format!("({}, {})", lit(k), lit(v.as_str().unwrap())))
        .collect();
    writeln!(out, "pub const VERSION: &str = {};", lit(str_of(root, "version", "root"))).unwrap();
    writeln!(out, "pub const PRODUCT: &str = {};", lit(str_of(root, "product", "root"))).unwrap();
    let regions: Vec<String> =
        root["regions"].as_array().expect("regions").iter().map(|r| lit(r.as_str().expect("a region"))).collect();
    writeln!(out, "/// The regions the emulator serves and the console suggests (a real account may use any other).")
        .unwrap();
    writeln!(out, "pub const REGIONS: &[&str] = &[{}];", regions.join(", ")).unwrap();
    writeln!(
        out,
        "pub const ENDPOINT: EndpointRule = EndpointRule {{ pattern: {}, overrides: &[{}] }};",
        lit(str_of(endpoint, "pattern", "endpoint")),
        overrides.join(", ")
    )
    .unwrap();
    out.push_str("pub static OPERATIONS: &[Operation] = &[\n");
    for op in root["operations"].as_array().expect("operations") {
        emit_operation(out, obj(op, "operation"));
    }
    out.push_str("];\n");
}

fn emit_operation(out: &mut String, op: &Map<String, Value>) {
    let name = str_of(op, "name", "operation");
    let params = fields(op.get("params"), name, true);
    let response = fields(op.get("response"), name, false);
    let rules: Vec<String> = op
        .get("rules")
        .and_then(Value::as_array)
        .map(|rs| rs.iter().map(|r| rule(obj(r, name), name)).collect())
        .unwrap_or_default();
    let pagination = match op.get("pagination") {
        Some(p) => {
            let p = obj(p, name);
            let style = match str_of(p, "style", name) {
                "page" => "PageStyle::PageNumber",
                "token" => "PageStyle::NextToken",
                other => panic!("{name}: unknown pagination style {other}"),
            };
            format!(
                "Some(Pagination {{ style: {style}, items: {}, #[cfg(feature = \"docs\")] noun: {} }})",
                lit(str_of(p, "items", name)),
                lit(str_of(p, "noun", name))
            )
        }
        None => "None".into(),
    };
    let waiter = match op.get("waiter") {
        Some(w) => {
            let w = obj(w, name);
            format!(
                "Some(Waiter {{ name: {}, region: {}, target: {} }})",
                lit(str_of(w, "name", name)),
                lit(str_of(w, "region", name)),
                lit(str_of(w, "target", name))
            )
        }
        None => "None".into(),
    };
    let group = match str_of(op, "group", name) {
        "images" => "Group::Images",
        "copy-share" => "Group::CopyAndShare",
        "import-export" => "Group::ImportAndExport",
        "components" => "Group::Components",
        "pipelines" => "Group::Pipelines",
        "resources" => "Group::Resources",
        other => panic!("{name}: unknown group {other}"),
    };
    let errors: Vec<String> = op
        .get("errors")
        .and_then(Value::as_array)
        .map(|es| {
            es.iter()
                .map(|e| {
                    let e = obj(e, name);
                    format!(
                        "ErrorCode {{ status: {}, code: {}, message: {} }}",
                        e["status"],
                        lit(str_of(e, "code", name)),
                        lit(str_of(e, "message", name))
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    writeln!(
        out,
        "Operation {{ name: {}, method: {}, group: {group}, params: {params}, rules: &[{}], response: {response}, pagination: {pagination},",
        lit(name),
        lit(&sdk_field(name)),
        rules.join(", "),
    )
    .unwrap();
    writeln!(
        out,
        "  #[cfg(feature = \"docs\")] summary: {},",
        lit(op.get("summary").and_then(Value::as_str).unwrap_or(""))
    )
    .unwrap();
    writeln!(out, "  #[cfg(feature = \"docs\")] waiter: {waiter},").unwrap();
    writeln!(out, "  #[cfg(feature = \"errors\")] errors: &[{}],", errors.join(", ")).unwrap();
    out.push_str("},\n");
}

fn fields(v: Option<&Value>, ctx: &str, request: bool) -> String {
    let items: Vec<String> = v
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|f| field(obj(f, ctx), ctx, request)).collect())
        .unwrap_or_default();
    format!("&[{}]", items.join(",\n"))
}

fn field(f: &Map<String, Value>, ctx: &str, request: bool) -> String {
    let name = f.get("name").and_then(Value::as_str).unwrap_or("");
    let ctx = format!("{ctx}.{name}");
    let ty = str_of(f, "type", &ctx);
    let shape = match ty {
        "struct" => format!("Shape::Struct({})", fields(f.get("fields"), &ctx, request)),
        "list" => {
            let item = field(obj(&f["item"], &ctx), &ctx, request);
            let wrap = match f.get("wrap").and_then(Value::as_str) {
                Some(w) => format!("Some({})", lit(w)),
                None => "None".into(),
            };
            format!("Shape::List {{ item: &{item}, max_items: {}, wrap: {wrap} }}", opt_num(f.get("max_items")))
        }
        "string" => "Shape::Scalar(Scalar::String)".into(),
        "integer" => "Shape::Scalar(Scalar::Integer)".into(),
        "long" => "Shape::Scalar(Scalar::Long)".into(),
        "float" => "Shape::Scalar(Scalar::Float)".into(),
        "boolean" => "Shape::Scalar(Scalar::Boolean)".into(),
        other => panic!("{ctx}: unknown type {other}"),
    };
    for key in f.keys() {
        const KNOWN: &[&str] = &[
            "name",
            "field",
            "type",
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
        ];
        assert!(KNOWN.contains(&key.as_str()), "{ctx}: unknown key `{key}`");
    }
    let flag = |k: &str| f.get(k).and_then(Value::as_bool).unwrap_or(false);
    // Limits of response fields only document them (console, TS types): without `docs`, no bytes.
    let check =
        if request || env::var_os("CARGO_FEATURE_DOCS").is_some() { check(f, &ctx) } else { "&Check::NONE".into() };
    let docs = if request || f.contains_key("doc") {
        let default = match f.get("default") {
            Some(Value::String(s)) => format!("Some({})", lit(s)),
            Some(Value::Null) | None => "None".into(),
            Some(other) => format!("Some({})", lit(&other.to_string())),
        };
        format!(
            "&Docs {{ text: {}, example: {}, default: {default}, unit: {} }}",
            lit(f.get("doc").and_then(Value::as_str).unwrap_or("")),
            match f.get("example").and_then(Value::as_str) {
                Some(e) => format!("Some({})", lit(e)),
                None => "None".into(),
            },
            match f.get("unit").and_then(Value::as_str) {
                Some(u) => format!("Some({})", lit(u)),
                None => "None".into(),
            },
        )
    } else {
        "&Docs::NONE".into()
    };
    format!(
        "Field {{ name: {}, field: {}, shape: {shape}, required: {}, hidden: {}, deprecated: {}, check: {check},\n  #[cfg(feature = \"docs\")] docs: {docs} }}",
        lit(name),
        lit(&match f.get("field").and_then(Value::as_str) {
            Some(explicit) => explicit.to_string(),
            None if name.is_empty() => String::new(),
            None => sdk_field(name),
        }),
        flag("required"),
        flag("hidden"),
        flag("deprecated"),
    )
}

fn check(f: &Map<String, Value>, ctx: &str) -> String {
    let has = ["enum", "comma", "len", "range", "text"].iter().any(|k| f.contains_key(*k));
    if !has {
        return "&Check::NONE".into();
    }
    let (min_len, max_len) = pair(f, "len");
    let (min, max) = pair(f, "range");
    let text = match f.get("text") {
        Some(t) => text(obj(t, ctx), ctx),
        None => "None".into(),
    };
    format!(
        "&Check {{ one_of: {}, comma: {}, min_len: {min_len}, max_len: {max_len}, min: {min}, max: {max}, text: {text} }}",
        str_list(f.get("enum")),
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
    let chars = match t.get("chars").and_then(Value::as_str) {
        Some(c) => format!("Some({})", lit(c)),
        None => "None".into(),
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
        "Some(&Text {{ first: {first}, chars: {chars}, ascii: {}, not_prefix: {}, not_contains: {}, pattern: {pattern} }})",
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

fn rule(r: &Map<String, Value>, ctx: &str) -> String {
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
