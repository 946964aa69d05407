//! The catalogue's top-level tables: operation groups, ID kinds, lifecycles and waiters.

use super::{array, find, lit, lits, obj, opt_lit, sdk_field, str_of, strings, variant};
use serde_json::{Map, Value};
use std::fmt::Write as _;

/// The parts of the catalogue that other parts refer to by name.
pub struct Catalogue<'a> {
    pub groups: &'a [Value],
    pub ids: &'a [Value],
    pub lifecycles: &'a [Value],
    pub waiters: &'a [Value],
    pub operations: &'a [Value],
}

impl<'a> Catalogue<'a> {
    pub fn new(root: &'a Map<String, Value>) -> Catalogue<'a> {
        Catalogue {
            groups: array(root.get("groups"), "groups"),
            ids: array(root.get("ids"), "ids"),
            lifecycles: array(root.get("lifecycles"), "lifecycles"),
            waiters: array(root.get("waiters"), "waiters"),
            operations: array(root.get("operations"), "operations"),
        }
    }

    /// `Group::CopyAndShare` for `copy-and-share`, which must be one of `groups`.
    pub fn group(&self, id: &str, ctx: &str) -> String {
        find(self.groups, "id", id).unwrap_or_else(|| panic!("{ctx}: unknown group `{id}` (not in `groups`)"));
        format!("Group::{}", variant(id))
    }

    /// `IdKind::Image` for `image`, which must be one of `ids`.
    pub fn id_kind(&self, kind: &str, ctx: &str) -> String {
        find(self.ids, "kind", kind).unwrap_or_else(|| panic!("{ctx}: unknown ID kind `{kind}` (not in `ids`)"));
        format!("IdKind::{}", variant(kind))
    }

    pub fn has_waiter(&self, name: &str) -> bool {
        find(self.waiters, "name", name).is_some()
    }

    pub fn operation(&self, name: &str, ctx: &str) -> &'a Map<String, Value> {
        find(self.operations, "name", name).unwrap_or_else(|| panic!("{ctx}: unknown operation `{name}`"))
    }
}

fn docs_str(m: &Map<String, Value>) -> String {
    format!("#[cfg(feature = \"docs\")] doc: {},", lit(m.get("doc").and_then(Value::as_str).unwrap_or("")))
}

/// `match self { Enum::A => "a", ... }` over `(variant, value)` pairs, `value` already Rust code.
fn match_arms(name: &str, arms: &[(String, String)]) -> String {
    let arms: Vec<String> = arms.iter().map(|(v, value)| format!("{name}::{v} => {value}")).collect();
    format!("match self {{ {} }}", arms.join(", "))
}

/// An enum with one variant per id, `ALL` (in the catalogue's order) and `from_name`.
fn emit_enum(out: &mut String, name: &str, doc: &str, ids: &[&str]) {
    let variants: Vec<String> = ids.iter().map(|id| variant(id)).collect();
    let all: Vec<String> = variants.iter().map(|v| format!("{name}::{v}")).collect();
    writeln!(
        out,
        "{doc}\n#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\npub enum {name} {{ {} }}",
        variants.join(", ")
    )
    .unwrap();
    let arms: Vec<(String, String)> = variants.iter().zip(ids).map(|(v, id)| (v.clone(), lit(id))).collect();
    let names = match_arms(name, &arms);
    let parse: Vec<String> =
        variants.iter().zip(ids).map(|(v, id)| format!("{} => Some({name}::{v})", lit(id))).collect();
    writeln!(
        out,
        "impl {name} {{\n  /// Every one, in the catalogue's order.\n  pub const ALL: &'static [{name}] = &[{}];\n  \
         /// Its name in the catalogue (`{}`).\n  pub const fn name(self) -> &'static str {{ {names} }}\n  \
         /// The one the catalogue calls `name`.\n  pub fn from_name(name: &str) -> Option<{name}> {{ match name {{ {}, _ => None }} }}\n}}",
        all.join(", "),
        ids.first().copied().unwrap_or_default(),
        parse.join(", ")
    )
    .unwrap();
}

pub fn emit_groups(out: &mut String, cat: &Catalogue) {
    let groups: Vec<&Map<String, Value>> = cat.groups.iter().map(|g| obj(g, "groups")).collect();
    let ids: Vec<&str> = groups.iter().map(|g| str_of(g, "id", "groups")).collect();
    emit_enum(
        out,
        "Group",
        "/// The console groups operations by the task they serve (`groups` in the catalogue).",
        &ids,
    );
    let titles: Vec<(String, String)> =
        groups.iter().map(|g| (variant(str_of(g, "id", "groups")), lit(str_of(g, "title", "groups")))).collect();
    writeln!(
        out,
        "impl Group {{\n  /// Its `id` in the catalogue (`copy-and-share`).\n  pub const fn id(self) -> &'static str {{ self.name() }}\n  \
         /// Its title (`Copy & share`).\n  pub const fn title(self) -> &'static str {{ {} }}\n}}",
        match_arms("Group", &titles)
    )
    .unwrap();
}

pub fn emit_id_kinds(out: &mut String, cat: &Catalogue) {
    let kinds: Vec<&Map<String, Value>> = cat.ids.iter().map(|k| obj(k, "ids")).collect();
    let names: Vec<&str> = kinds.iter().map(|k| str_of(k, "kind", "ids")).collect();
    emit_enum(
        out,
        "IdKind",
        "/// What an ID names (`ids` in the catalogue): the `id` of a field that holds one.",
        &names,
    );
    let labels: Vec<(String, String)> = kinds
        .iter()
        .map(|k| {
            let label = k.get("label").and_then(Value::as_str).map(sdk_field);
            (variant(str_of(k, "kind", "ids")), opt_lit(label.as_deref()))
        })
        .collect();
    let docs: Vec<(String, String)> =
        kinds.iter().map(|k| (variant(str_of(k, "kind", "ids")), lit(str_of(k, "doc", "ids")))).collect();
    writeln!(
        out,
        "impl IdKind {{\n  /// The field beside the ID that names the thing for people (SDK name: `imageName` beside an image's \
         `imageId`), if any.\n  pub const fn label(self) -> Option<&'static str> {{ {} }}\n  \
         /// What it is (`A disk snapshot (s-...).`).\n  #[cfg(feature = \"docs\")]\n  pub const fn doc(self) -> &'static str {{ {} }}\n}}",
        match_arms("IdKind", &labels),
        match_arms("IdKind", &docs)
    )
    .unwrap();
}

/// The fields of a list's struct items.
fn item_fields<'a>(list: &'a Map<String, Value>, ctx: &str) -> &'a [Value] {
    let item = obj(&list["item"], ctx);
    array(item.get("fields"), ctx)
}

pub fn emit_lifecycles(out: &mut String, cat: &Catalogue) {
    out.push_str("pub static LIFECYCLES: &[Lifecycle] = &[\n");
    let mut seen = Vec::new();
    for l in cat.lifecycles {
        let l = obj(l, "lifecycles");
        let kind = str_of(l, "kind", "lifecycles");
        assert!(!seen.contains(&kind), "lifecycles: `{kind}` twice");
        seen.push(kind);
        lifecycle(out, l, kind, cat);
    }
    out.push_str("];\n");
}

fn lifecycle(out: &mut String, l: &Map<String, Value>, kind: &str, cat: &Catalogue) {
    let ctx = format!("lifecycles.{kind}");
    let describe = str_of(l, "describe", &ctx);
    let op = cat.operation(describe, &ctx);
    let params = array(op.get("params"), &ctx);
    let items = str_of(
        obj(op.get("pagination").unwrap_or_else(|| panic!("{ctx}: {describe} is not paged")), &ctx),
        "items",
        &ctx,
    );
    let list = find(array(op.get("response"), &ctx), "name", items).expect("checked with the operation");
    let fields = item_fields(list, &ctx);
    let key: Vec<&str> = params
        .iter()
        .filter_map(Value::as_object)
        .filter(|p| p.get("id").and_then(Value::as_str) == Some(kind))
        .map(|p| str_of(p, "name", &ctx))
        .collect();
    let [key] = key.as_slice() else { panic!("{ctx}: {describe} must have exactly one parameter of ID kind {kind}") };
    let status = str_of(l, "status", &ctx);
    let statuses = strings(find(fields, "name", status).and_then(|f| f.get("enum")), &ctx);
    assert!(!statuses.is_empty(), "{ctx}: {describe}'s {items} have no field {status} with an `enum`");
    let listed = |key: &str| {
        let values = strings(l.get(key), &ctx);
        for v in &values {
            assert!(statuses.contains(v), "{ctx}.{key}: {v} is not a value of {status}");
        }
        values
    };
    let (done, failed, in_progress) = (listed("done"), listed("failed"), listed("in_progress"));
    for v in &done {
        assert!(!failed.contains(v) && !in_progress.contains(v), "{ctx}: {v} listed twice");
    }
    writeln!(
        out,
        "Lifecycle {{ kind: {}, describe: {}, request: {}, key: {}, items: {}, status: {}, done: {}, failed: {}, in_progress: {}, percent: {}, {} }},",
        cat.id_kind(kind, &ctx),
        lit(describe),
        status_filter(l, params, &statuses, &ctx),
        lit(key),
        lit(items),
        lit(status),
        lits(&done),
        lits(&failed),
        lits(&in_progress),
        percent(l, fields, &statuses, &ctx),
        docs_str(l)
    )
    .unwrap();
}

/// The request that sees the thing whatever its status: `status_filter` names the parameter that
/// filters by status, which is given every value the status field can take.
fn status_filter(l: &Map<String, Value>, params: &[Value], statuses: &[&str], ctx: &str) -> String {
    let Some(param) = l.get("status_filter").and_then(Value::as_str) else { return "&[]".into() };
    let p = find(params, "name", param).unwrap_or_else(|| panic!("{ctx}: no parameter {param}"));
    let allowed = strings(p.get("enum"), ctx);
    assert!(p.get("comma").and_then(Value::as_bool) == Some(true), "{ctx}: {param} takes one value, not a list");
    for s in statuses {
        assert!(allowed.contains(s), "{ctx}: {param} cannot filter by {s}");
    }
    format!("&[({}, {})]", lit(param), lit(&statuses.join(",")))
}

fn percent(l: &Map<String, Value>, fields: &[Value], statuses: &[&str], ctx: &str) -> String {
    let p = obj(l.get("percent").unwrap_or_else(|| panic!("{ctx}: missing `percent`")), ctx);
    if let Some(field) = p.get("field").and_then(Value::as_str) {
        assert!(find(fields, "name", field).is_some(), "{ctx}.percent: no field {field}");
        return format!("Percent::Field({})", lit(field));
    }
    let table = obj(p.get("by_status").unwrap_or_else(|| panic!("{ctx}.percent: `field` or `by_status`")), ctx);
    let pairs: Vec<String> = table
        .iter()
        .map(|(status, n)| {
            assert!(statuses.contains(&status.as_str()), "{ctx}.percent: {status} is not a status");
            let n = n.as_u64().filter(|n| *n <= 100).unwrap_or_else(|| panic!("{ctx}.percent.{status}: 0 to 100"));
            format!("({}, {n})", lit(status))
        })
        .collect();
    format!("Percent::ByStatus(&[{}])", pairs.join(", "))
}

pub fn emit_waiters(out: &mut String, cat: &Catalogue) {
    out.push_str("pub static WAITERS: &[WaiterSpec] = &[\n");
    let mut seen = Vec::new();
    for w in cat.waiters {
        let w = obj(w, "waiters");
        let name = str_of(w, "name", "waiters");
        let ctx = format!("waiters.{name}");
        assert!(!seen.contains(&name), "{ctx}: defined twice");
        seen.push(name);
        let kind = str_of(w, "lifecycle", &ctx);
        assert!(find(cat.lifecycles, "kind", kind).is_some(), "{ctx}: no lifecycle `{kind}`");
        let until = match str_of(w, "until", &ctx) {
            "done" => "Until::Done",
            "gone" => "Until::Gone",
            other => panic!("{ctx}: `until` is `done` or `gone`, not {other}"),
        };
        writeln!(
            out,
            "WaiterSpec {{ name: {}, kind: {}, until: {until}, {} }},",
            lit(name),
            cat.id_kind(kind, &ctx),
            docs_str(w)
        )
        .unwrap();
    }
    out.push_str("];\n");
}
