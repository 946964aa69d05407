//! `types.ts`: the request, body, flat view and response of every operation; the client's method,
//! paginator and waiter signatures; the waiters' targets.

use crate::HEADER;
use ecsimg_core::catalogue::{
    waiters_after, Check, Field, Lifecycle, Operation, Pagination, Scalar, Shape, Until, OPERATIONS,
};
use std::fmt::Write as _;

pub fn types() -> String {
    let mut out = String::from(HEADER);
    out.push_str(
        "import type { CallOptions, EcsResponse, PaginateOptions, Paginator, WaitOptions } from '../options.js';\n\n",
    );
    let mut methods = String::new();
    let mut paginators = String::new();
    let mut requests = String::new();
    for op in OPERATIONS {
        operation_types(&mut out, op);
        let name = op.name;
        writeln!(
            methods,
            "{}  {}(request: {name}Request, options?: CallOptions): Promise<{name}Response>;",
            doc(op.summary, 2),
            op.method
        )
        .unwrap();
        writeln!(requests, "  {name}: {name}Request;").unwrap();
        if let Some(p) = op.pagination {
            paginator(&mut paginators, op, p);
        }
    }
    writeln!(out, "/** One method per operation, named as in the official TS SDK. */\nexport interface Operations {{\n{methods}}}\n").unwrap();
    writeln!(out, "/** A paginator for every paged operation. */\nexport interface Paginators {{\n{paginators}}}\n")
        .unwrap();
    waiters(&mut out);
    writeln!(out, "/** The request type of each action, by wire name (for `presign`). */\nexport interface ActionRequests {{\n{requests}}}\n").unwrap();
    out.push_str("/** Every action's wire name. */\nexport type Action = keyof ActionRequests;\n");
    out
}

/// `{name}Request`, `{name}ResponseBody`, `{name}Result` and `{name}Response`.
fn operation_types(out: &mut String, op: &Operation) {
    let name = op.name;
    interface(out, &format!("{name}Request"), op.params, Naming::Request, op.summary);
    interface(out, &format!("{name}ResponseBody"), op.response, Naming::Body, "The body as the service sends it.");
    interface(out, &format!("{name}Result"), op.response, Naming::Flat, "The body with its wrapper objects unwrapped.");
    writeln!(
        out,
        "/** The answer to {name}: status, headers, the body as sent, and the unwrapped fields. */\n\
         export interface {name}Response extends EcsResponse<{name}ResponseBody>, {name}Result {{}}\n"
    )
    .unwrap();
}

/// The flat type of the items of a paged (or described) list: `DescribeImagesResultImage`.
fn item_type(op: &Operation, list: &'static Field) -> String {
    let Shape::List { item, wrap, .. } = list.shape() else { panic!("{}: {} is not a list", op.name, list.name()) };
    type_of(item, &format!("{}Result{}", op.name, wrap.unwrap_or(list.name())), Naming::Flat)
}

fn paginator(out: &mut String, op: &Operation, p: Pagination) {
    let name = op.name;
    let list = op.response.iter().find(|f| f.name() == p.items).expect("pagination names a response list");
    let key = |wire: &str| format!("'{}'", op.param(wire).expect("checked by the core's build").field());
    writeln!(
        out,
        "  /** Every page of {name} (and, with `.items()`, every item), fetched as they are read; `pageSize` up to {}. */\n  \
         paginate{name}(request: Omit<{name}Request, {} | {}>, options?: PaginateOptions): Paginator<{name}Response, {}>;",
        p.max_size,
        key(p.style.cursor_param()),
        key(p.style.size_param()),
        item_type(op, list),
    )
    .unwrap();
}

/// `ImageTarget`: what a waiter of the lifecycle is given.
fn target_type(l: &Lifecycle) -> String {
    format!("{:?}Target", l.kind)
}

/// The waiters' targets (one per lifecycle a waiter follows) and their methods.
fn waiters(out: &mut String) {
    let mut methods = String::new();
    let mut targets: Vec<&Lifecycle> = Vec::new();
    for (w, after) in waiters_after() {
        let l = w.lifecycle();
        if !targets.iter().any(|t| t.kind == l.kind) {
            targets.push(l);
        }
        let mut target = target_type(l);
        if after.iter().any(|op| op.waiter.is_some_and(|r| r.names_region())) {
            target.push_str(" & { regionId: string }");
        }
        let result = match w.until {
            Until::Done => item_type(l.describe_op(), l.items_field()),
            Until::Gone => "void".into(),
        };
        writeln!(methods, "{}  {}(target: {target}, options?: WaitOptions): Promise<{result}>;", doc(w.doc, 2), w.name)
            .unwrap();
    }
    for l in targets {
        let kind = l.kind.name();
        writeln!(
            out,
            "/** The {kind} a waiter watches. */\nexport interface {} {{\n  /** The {kind}'s region. Default: the client's. */\n  \
             regionId?: string;\n  {}: string;\n}}\n",
            target_type(l),
            l.key_param().field()
        )
        .unwrap();
    }
    writeln!(out, "/** The waiters: each polls a describe call until the work is done, and reports its progress. */\nexport interface WaiterMethods {{\n{methods}}}\n").unwrap();
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Naming {
    /// Request models: required fields are required.
    Request,
    /// Response bodies as sent: every field optional, wrapper objects kept.
    Body,
    /// Response bodies unwrapped: wrapper objects replaced by their arrays.
    Flat,
}

/// Writes `interface name { ... }` and, before it, the interfaces of its nested structs.
fn interface(out: &mut String, name: &str, fields: &'static [Field], naming: Naming, comment: &str) {
    let mut body = String::new();
    for field in fields {
        let ty = type_of(field, &format!("{name}{}", field.name()), naming);
        nested(out, field, &format!("{name}{}", field.name()), naming);
        let optional = if naming == Naming::Request && field.required() { "" } else { "?" };
        let comment = match (field.shape(), naming) {
            (Shape::List { wrap: Some(key), .. }, Naming::Flat) => format!("The `{}.{key}` list.", field.name()),
            _ => field_doc(field),
        };
        let key = if field.field().chars().all(|c| c.is_ascii_alphanumeric()) {
            field.field().to_string()
        } else {
            format!("'{}'", field.field())
        };
        writeln!(body, "{}  {key}{optional}: {ty};", doc(&comment, 2)).unwrap();
    }
    writeln!(out, "{}export interface {name} {{\n{body}}}\n", doc(comment, 0)).unwrap();
}

/// The interfaces a field's type refers to.
fn nested(out: &mut String, field: &'static Field, name: &str, naming: Naming) {
    match field.shape() {
        Shape::Scalar(_) => {}
        Shape::Struct(fields) => interface(out, name, fields, naming, ""),
        Shape::List { item, wrap, .. } => match (naming, wrap) {
            (Naming::Body, Some(key)) => {
                let item_name = format!("{name}{key}");
                nested(out, item, &item_name, naming);
                let ty = type_of(item, &item_name, naming);
                writeln!(
                    out,
                    "export interface {name} {{\n  {}?: {ty}[];\n}}\n",
                    ecsimg_core::catalogue::sdk_name(key)
                )
                .unwrap();
            }
            (_, Some(key)) => nested(out, item, &format!("{}{key}", strip_suffix(name, field.name())), naming),
            (_, None) => nested(out, item, name, naming),
        },
    }
}

/// `DescribeImagesResultImages` → `DescribeImagesResult`: flat item types are named after the
/// wrapper's key (`DescribeImagesResultImage`), like the official SDK names its item models.
fn strip_suffix<'a>(name: &'a str, suffix: &str) -> &'a str {
    name.strip_suffix(suffix).unwrap_or(name)
}

fn type_of(field: &'static Field, name: &str, naming: Naming) -> String {
    match field.shape() {
        Shape::Scalar(scalar) => scalar_type(scalar, field.check(), naming),
        Shape::Struct(_) => name.to_string(),
        Shape::List { item, wrap, .. } => match (naming, wrap) {
            (Naming::Body, Some(_)) => name.to_string(),
            (_, Some(key)) => {
                format!(
                    "{}[]",
                    array_item(type_of(item, &format!("{}{key}", strip_suffix(name, field.name())), naming))
                )
            }
            (_, None) => format!("{}[]", array_item(type_of(item, name, naming))),
        },
    }
}

fn array_item(ty: String) -> String {
    if ty.contains('|') {
        format!("({ty})")
    } else {
        ty
    }
}

/// Requests take exactly the documented values; answers may carry values added since, so their
/// unions stay open (`'a' | 'b' | (string & {})` still completes the known ones).
fn scalar_type(scalar: Scalar, check: &Check, naming: Naming) -> String {
    match scalar {
        Scalar::String if !check.one_of.is_empty() && !check.comma => {
            let mut values: Vec<String> = check.one_of.iter().map(|v| format!("'{v}'")).collect();
            if naming != Naming::Request {
                values.push("(string & {})".into());
            }
            values.join(" | ")
        }
        Scalar::String => "string".into(),
        Scalar::Integer | Scalar::Long | Scalar::Float => "number".into(),
        Scalar::Boolean => "boolean".into(),
    }
}

/// A field's description followed by its limits (in the core's words), unit, default and example.
fn field_doc(field: &Field) -> String {
    let mut text = field.docs().text.to_string();
    let mut facts = field.limits_in_words();
    if let Some(unit) = field.docs().unit {
        facts.push(format!("unit: {unit}"));
    }
    if let Some(default) = field.docs().default {
        facts.push(format!("default: {default}"));
    }
    if let Some(example) = field.docs().example {
        facts.push(format!("example: `{example}`"));
    }
    if field.deprecated() {
        text.insert_str(0, "@deprecated ");
    }
    if !facts.is_empty() {
        let _ = write!(text, " ({}).", facts.join("; "));
    }
    text
}

fn doc(text: &str, indent: usize) -> String {
    if text.trim().is_empty() {
        return String::new();
    }
    let pad = " ".repeat(indent);
    format!("{pad}/** {} */\n", text.replace("*/", "*\\/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiters_are_typed_from_the_catalogue() {
        let ts = types();
        assert!(ts.contains("export interface ImageTarget {\n  /** The image's region. Default: the client's. */\n  regionId?: string;\n  imageId: string;\n}"));
        assert!(ts.contains("export interface ExecutionTarget {"));
        assert!(ts.contains(
            "  waitForImageAvailable(target: ImageTarget, options?: WaitOptions): Promise<DescribeImagesResultImage>;"
        ));
        assert!(ts.contains("  waitForImageCopied(target: ImageTarget & { regionId: string }, options?: WaitOptions): Promise<DescribeImagesResultImage>;"));
        assert!(ts.contains("  waitForImageDeleted(target: ImageTarget, options?: WaitOptions): Promise<void>;"));
        assert!(ts.contains(
            "  waitForPipelineExecution(target: ExecutionTarget, options?: WaitOptions): Promise<DescribeImagePipelineExecutionsResultImagePipelineExecutionSet>;"
        ));
    }

    #[test]
    fn paginators_leave_the_paging_keys_to_the_client() {
        let ts = types();
        assert!(ts.contains("paginateDescribeImages(request: Omit<DescribeImagesRequest, 'pageNumber' | 'pageSize'>, options?: PaginateOptions)"));
        assert!(ts.contains(
            "paginateDescribeImageComponents(request: Omit<DescribeImageComponentsRequest, 'nextToken' | 'maxResults'>"
        ));
    }

    #[test]
    fn field_docs_say_the_limits_in_the_cores_words() {
        let ts = types();
        assert!(ts.contains("(2 to 128 characters; example: `"), "image names");
        assert!(ts.contains("(between 1 and 100; default: 10; example: `10`)."), "page sizes");
    }
}
