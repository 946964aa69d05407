//! Compiles `catalogue/ecs.json` (the one description of the API) into static Rust tables.
//!
//! The generated file only holds data (and the enums whose variants the catalogue lists: the
//! operation groups and the ID kinds); the types it fills live in `src/catalogue/`. Descriptions,
//! examples and defaults are emitted only with the `docs` feature, error tables only with `errors`,
//! so the npm build carries names, wire forms, types and limits and nothing else.
//!
//! Every cross-reference of the catalogue is checked here, so a mistake in the JSON fails the
//! build with its place named: a group, an ID kind, a waiter or a lifecycle that does not exist,
//! paging without its parameters, a status that the status field cannot take.
//!
//! - `build/operation.rs`: operations, their kind, group, paging and waiter.
//! - `build/fields.rs`: parameters and response fields, their limits and rules.
//! - `build/pool.rs`: the tables fields are emitted into (their text, the fields, lists, checks and
//!   docs), which fields index with small numbers.
//! - `build/tables.rs`: groups, ID kinds, lifecycles and waiters.

use serde_json::{Map, Value};
use std::fmt::Write as _;
use std::{env, fs, path::Path};

const CATALOGUE: &str = "catalogue/ecs.json";

#[path = "src/catalogue/naming.rs"]
mod naming;
#[path = "src/catalogue/paging.rs"]
#[allow(dead_code)]
mod paging;

#[path = "build/fields.rs"]
mod fields;
#[path = "build/operation.rs"]
mod operation;
#[path = "build/pool.rs"]
mod pool;
#[path = "build/tables.rs"]
mod tables;

use naming::sdk_name as sdk_field;

fn main() {
    println!("cargo:rerun-if-changed={CATALOGUE}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=build");
    println!("cargo:rerun-if-changed=src/catalogue/naming.rs");
    println!("cargo:rerun-if-changed=src/catalogue/paging.rs");
    let text = fs::read_to_string(CATALOGUE).expect("read catalogue");
    let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{CATALOGUE}: {e}"));
    let mut out = String::new();
    emit_catalogue(&mut out, &doc);
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("catalogue.rs");
    fs::write(dest, out).expect("write generated catalogue");
}

fn obj<'a>(v: &'a Value, ctx: &str) -> &'a Map<String, Value> {
    v.as_object().unwrap_or_else(|| panic!("{ctx}: expected an object"))
}

fn str_of<'a>(m: &'a Map<String, Value>, key: &str, ctx: &str) -> &'a str {
    m.get(key).and_then(Value::as_str).unwrap_or_else(|| panic!("{ctx}: missing string `{key}`"))
}

fn array<'a>(v: Option<&'a Value>, ctx: &str) -> &'a [Value] {
    v.map(|v| v.as_array().unwrap_or_else(|| panic!("{ctx}: expected a list")).as_slice()).unwrap_or_default()
}

/// The strings of a list (`[]` when it is missing).
fn strings<'a>(v: Option<&'a Value>, ctx: &str) -> Vec<&'a str> {
    array(v, ctx).iter().map(|x| x.as_str().unwrap_or_else(|| panic!("{ctx}: expected strings"))).collect()
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn opt_lit(s: Option<&str>) -> String {
    match s {
        Some(s) => format!("Some({})", lit(s)),
        None => "None".into(),
    }
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

fn lits(items: &[&str]) -> String {
    let items: Vec<String> = items.iter().map(|s| lit(s)).collect();
    format!("&[{}]", items.join(", "))
}

fn opt_num(v: Option<&Value>) -> String {
    match v {
        Some(Value::Number(n)) => format!("Some({n})"),
        Some(Value::Null) | None => "None".into(),
        Some(other) => panic!("expected a number or null, got {other}"),
    }
}

/// `copy-and-share` → `CopyAndShare`: the Rust variant of a catalogue id.
fn variant(id: &str) -> String {
    id.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}

/// The element of `list` whose `key` is `value`.
fn find<'a>(list: &'a [Value], key: &str, value: &str) -> Option<&'a Map<String, Value>> {
    list.iter().filter_map(Value::as_object).find(|m| m.get(key).and_then(Value::as_str) == Some(value))
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
    writeln!(out, "/// The regions the emulator serves and the console suggests (a real account may use any other).")
        .unwrap();
    writeln!(out, "pub const REGIONS: &[&str] = {};", lits(&strings(root.get("regions"), "regions"))).unwrap();
    writeln!(
        out,
        "pub const ENDPOINT: EndpointRule = EndpointRule {{ pattern: {}, overrides: &[{}] }};",
        lit(str_of(endpoint, "pattern", "endpoint")),
        overrides.join(", ")
    )
    .unwrap();
    let catalogue = tables::Catalogue::new(root);
    tables::emit_groups(out, &catalogue);
    tables::emit_id_kinds(out, &catalogue);
    let mut pool = pool::Pool::new();
    out.push_str("pub static OPERATIONS: &[Operation] = &[\n");
    for op in catalogue.operations {
        operation::emit(out, obj(op, "operation"), &catalogue, &mut pool);
    }
    out.push_str("];\n");
    pool.emit(out);
    tables::emit_lifecycles(out, &catalogue);
    tables::emit_waiters(out, &catalogue);
}
