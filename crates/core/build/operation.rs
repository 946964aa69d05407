//! One operation: its kind, group, parameters, rules, response, paging and waiter.

use super::fields::{fields, rule};
use super::paging::PageStyle;
use super::pool::Pool;
use super::tables::Catalogue;
use super::{array, find, lit, obj, sdk_field, str_of};
use serde_json::{Map, Value};
use std::fmt::Write as _;

pub fn emit(out: &mut String, op: &Map<String, Value>, cat: &Catalogue, pool: &mut Pool) {
    let name = str_of(op, "name", "operation");
    let (at, n) = fields(op.get("params"), name, true, cat, pool);
    let params = format!("fields({at}, {n})");
    let (at, n) = fields(op.get("response"), name, false, cat, pool);
    let response = format!("fields({at}, {n})");
    let rules: Vec<String> = array(op.get("rules"), name).iter().map(|r| rule(obj(r, name), name)).collect();
    writeln!(
        out,
        "Operation {{ name: {}, method: {}, kind: {}, group: {}, params: {params}, rules: &[{}], response: {response}, pagination: {},",
        lit(name),
        lit(&sdk_field(name)),
        kind(op, name),
        cat.group(str_of(op, "group", name), name),
        rules.join(", "),
        pagination(op, name),
    )
    .unwrap();
    writeln!(
        out,
        "  #[cfg(feature = \"docs\")] summary: {},",
        lit(op.get("summary").and_then(Value::as_str).unwrap_or(""))
    )
    .unwrap();
    writeln!(out, "  #[cfg(feature = \"docs\")] waiter: {},", waiter(op, name, cat)).unwrap();
    writeln!(out, "  #[cfg(feature = \"docs\")] retry: {},", retry(op, name)).unwrap();
    writeln!(out, "  #[cfg(feature = \"errors\")] errors: {},", errors(op, name)).unwrap();
    out.push_str("},\n");
}

/// What the operation does; only a create may take a `ClientToken`.
fn kind(op: &Map<String, Value>, name: &str) -> &'static str {
    let kind = match str_of(op, "kind", name) {
        "read" => "OperationKind::Read",
        "create" => "OperationKind::Create",
        "change" => "OperationKind::Change",
        "delete" => "OperationKind::Delete",
        other => panic!("{name}: unknown kind {other} (read, create, change or delete)"),
    };
    let token = find(array(op.get("params"), name), "name", "ClientToken").is_some();
    assert!(!token || kind == "OperationKind::Create", "{name}: takes a ClientToken, so it is a `create`");
    kind
}

/// The paging style, items and page sizes: the keys follow from the style, and the operation must
/// have them; the largest and the default page size are the size parameter's `range` and `default`.
fn pagination(op: &Map<String, Value>, name: &str) -> String {
    let Some(p) = op.get("pagination") else { return "None".into() };
    let p = obj(p, name);
    let style_name = str_of(p, "style", name);
    let style = PageStyle::from_catalogue(style_name)
        .unwrap_or_else(|| panic!("{name}: unknown pagination style {style_name}"));
    let params = array(op.get("params"), name);
    let response = array(op.get("response"), name);
    assert!(find(params, "name", style.cursor_param()).is_some(), "{name}: paged without {}", style.cursor_param());
    assert!(find(response, "name", style.more_field()).is_some(), "{name}: answers without {}", style.more_field());
    let items = str_of(p, "items", name);
    let list = find(response, "name", items).unwrap_or_else(|| panic!("{name}: no response list {items}"));
    assert_eq!(list.get("type").and_then(Value::as_str), Some("list"), "{name}: {items} is not a list");
    let size = find(params, "name", style.size_param()).unwrap_or_else(|| panic!("{name}: no {}", style.size_param()));
    let max = size.get("range").and_then(|r| r.get(1)).and_then(Value::as_u64);
    let default = size.get("default").and_then(Value::as_u64);
    let (Some(max), Some(default)) = (max, default) else {
        panic!("{name}: {} needs a `range` with a maximum and a `default`", style.size_param())
    };
    format!(
        "Some(Pagination {{ style: PageStyle::{style:?}, items: {}, max_size: {max}, default_size: {default}, #[cfg(feature = \"docs\")] noun: {} }})",
        lit(items),
        lit(str_of(p, "noun", name))
    )
}

fn waiter(op: &Map<String, Value>, name: &str, cat: &Catalogue) -> String {
    let Some(w) = op.get("waiter") else { return "None".into() };
    let w = obj(w, name);
    let waiter = str_of(w, "name", name);
    assert!(cat.has_waiter(waiter), "{name}: no waiter {waiter} in `waiters`");
    format!(
        "Some(Waiter {{ name: {}, region: {}, target: {} }})",
        lit(waiter),
        lit(str_of(w, "region", name)),
        lit(str_of(w, "target", name))
    )
}

/// What a retry may do after an attempt that may have reached the service: `resend` marks a change
/// that is safe to send twice (it sets a state); `gone` lists the documented codes that, answered
/// to such a retry of a delete or cancel, mean the earlier attempt did it.
fn retry(op: &Map<String, Value>, name: &str) -> String {
    let Some(r) = op.get("retry") else { return "Retry { resend: false, gone: &[] }".into() };
    let r = obj(r, name);
    for key in r.keys() {
        assert!(key == "resend" || key == "gone", "{name}: unknown retry key `{key}` (resend, gone)");
    }
    let resend = r.get("resend").and_then(Value::as_bool).unwrap_or(false);
    assert!(!resend || str_of(op, "kind", name) == "change", "{name}: only a change is marked `resend`");
    let documented: Vec<&str> =
        array(op.get("errors"), name).iter().map(|e| str_of(obj(e, name), "code", name)).collect();
    let gone: Vec<String> = array(r.get("gone"), name)
        .iter()
        .map(|code| {
            let code = code.as_str().unwrap_or_else(|| panic!("{name}: retry.gone holds error codes"));
            assert!(documented.contains(&code), "{name}: retry.gone names {code}, not among its errors");
            lit(code)
        })
        .collect();
    format!("Retry {{ resend: {resend}, gone: &[{}] }}", gone.join(", "))
}

/// The operation's documented errors, one a line: `404 InvalidImageId.NotFound The specified ...`.
fn errors(op: &Map<String, Value>, name: &str) -> String {
    let mut text = String::new();
    for e in array(op.get("errors"), name) {
        let e = obj(e, name);
        let (code, message) = (str_of(e, "code", name), str_of(e, "message", name));
        let status = e["status"].as_u64().filter(|s| (100..1000).contains(s));
        let status = status.unwrap_or_else(|| panic!("{name}.{code}: `status` is an HTTP status"));
        assert!(!code.contains([' ', '\n']), "{name}.{code}: a code has no space");
        assert!(!message.contains('\n'), "{name}.{code}: a message is one line");
        writeln!(text, "{status} {code} {message}").unwrap();
    }
    format!("Errors({})", lit(&text))
}
