//! `operations.ts`: the runtime tables the npm client builds its methods, paginators and waiters
//! from, and where each answer has wrapper objects, which the client unwraps (their shapes are
//! `crates/wasm/js/operation.ts`). SDK field names throughout.

use crate::{quote, HEADER};
use ecsimg_core::catalogue::{
    sdk_name, Field, Lifecycle, Operation, Pagination, Percent, Shape, Until, LIFECYCLES, NOT_FOUND, OPERATIONS,
    VERSION, WAITERS,
};
use std::fmt::Write as _;

pub fn operations() -> String {
    let mut out = String::from(HEADER);
    out.push_str("import type { LifecycleInfo, OperationInfo, WaiterInfo } from '../operation.js';\n\n");
    writeln!(out, "/** The API version. */\nexport const VERSION = {};\n", quote(VERSION)).unwrap();
    writeln!(out, "/** Every operation of ECS {VERSION} that ecsimg speaks. */\nexport const OPERATIONS: readonly OperationInfo[] = [").unwrap();
    for op in OPERATIONS {
        let pagination = op.pagination.map_or_else(|| "null".into(), |p| pagination(op, p));
        writeln!(
            out,
            "  {{ name: {}, method: {}, kind: {}, idempotent: {}, resend: {}, gone: [{}], pagination: {pagination}, wraps: {} }},",
            quote(op.name),
            quote(op.method),
            quote(op.kind.name()),
            op.takes_client_token(),
            op.retry.resend,
            op.retry.gone.iter().map(|code| quote(code)).collect::<Vec<_>>().join(", "),
            wraps(op.response).unwrap_or_else(|| "{}".into())
        )
        .unwrap();
    }
    out.push_str("];\n\n");
    waiters(&mut out);
    out
}

/// The SDK name of a top-level parameter or answer field.
fn param(op: &Operation, wire: &str) -> &'static str {
    op.param(wire).unwrap_or_else(|| panic!("{}: no parameter {wire}", op.name)).field()
}

fn answer(op: &Operation, wire: &str) -> &'static str {
    op.response
        .iter()
        .find(|f| f.name() == wire)
        .unwrap_or_else(|| panic!("{}: no answer field {wire}", op.name))
        .field()
}

fn pagination(op: &Operation, p: Pagination) -> String {
    format!(
        "{{ style: {}, items: {}, cursor: {}, size: {}, more: {}, maxSize: {} }}",
        quote(p.style.name()),
        quote(answer(op, p.items)),
        quote(param(op, p.style.cursor_param())),
        quote(param(op, p.style.size_param())),
        quote(answer(op, p.style.more_field())),
        p.max_size
    )
}

/// `Wraps`: the fields on a path to a wrapped list, by SDK name; `None` when there are none (most
/// fields), so that the table names only those.
fn wraps(fields: &[Field]) -> Option<String> {
    let entries: Vec<String> =
        fields.iter().filter_map(|f| wrap(f).map(|w| format!("{}: {w}", key(f.field())))).collect();
    (!entries.is_empty()).then(|| format!("{{ {} }}", entries.join(", ")))
}

/// `Wrap`: a struct's `Wraps`, or a list's `[key, item]` (the wrapper's key, or `null` for a bare
/// list whose items hold wrappers; `item` left out when they hold none).
fn wrap(field: &Field) -> Option<String> {
    match field.shape() {
        Shape::Scalar(_) => None,
        Shape::Struct(fields) => wraps(fields),
        Shape::List { item, wrap: key, .. } => match (key, wrap(item)) {
            (None, None) => None,
            (key, item) => {
                let key = key.map_or_else(|| "null".into(), |key| quote(&sdk_name(key)));
                Some(item.map_or_else(|| format!("[{key}]"), |item| format!("[{key}, {item}]")))
            }
        },
    }
}

/// `imageLifecycle`: the constant a lifecycle is written to.
pub fn lifecycle_const(l: &Lifecycle) -> String {
    format!("{}Lifecycle", sdk_name(&format!("{:?}", l.kind)))
}

fn waiters(out: &mut String) {
    writeln!(
        out,
        "/** A waiter's status while the describe call finds nothing. */\nexport const NOT_FOUND = {};\n",
        quote(NOT_FOUND)
    )
    .unwrap();
    for l in LIFECYCLES {
        writeln!(out, "const {}: LifecycleInfo = {};\n", lifecycle_const(l), lifecycle(l)).unwrap();
    }
    out.push_str(
        "/** Every waiter, by its method's name. */\nexport const WAITERS: Readonly<Record<string, WaiterInfo>> = {\n",
    );
    for w in WAITERS {
        let until = match w.until {
            Until::Done => "done",
            Until::Gone => "gone",
        };
        writeln!(out, "  {}: {{ lifecycle: {}, until: {} }},", w.name, lifecycle_const(w.lifecycle()), quote(until))
            .unwrap();
    }
    out.push_str("};\n");
}

/// An object key: bare when it is an identifier.
fn key(name: &str) -> String {
    if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !name.starts_with(|c: char| c.is_ascii_digit()) {
        name.to_string()
    } else {
        quote(name)
    }
}

fn list(items: &[&str]) -> String {
    let items: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", items.join(", "))
}

fn lifecycle(l: &Lifecycle) -> String {
    let op = l.describe_op();
    let request: Vec<String> =
        l.request.iter().map(|(wire, value)| format!("{}: {}", param(op, wire), quote(value))).collect();
    let request = if request.is_empty() { "{}".to_string() } else { format!("{{ {} }}", request.join(", ")) };
    let percent = match l.percent {
        Percent::Field(wire) => quote(l.item_field(wire).expect("checked by the build").field()),
        Percent::ByStatus(table) => {
            let pairs: Vec<String> = table.iter().map(|(status, n)| format!("{}: {n}", key(status))).collect();
            format!("{{ {} }}", pairs.join(", "))
        }
    };
    format!(
        "{{\n  describe: {},\n  request: {request},\n  items: {},\n  status: {},\n  done: {},\n  failed: {},\n  percent: {percent},\n}}",
        quote(l.describe),
        quote(l.items_field().field()),
        quote(l.status_field().field()),
        list(l.done),
        list(l.failed),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_carry_kinds_paging_and_waiters() {
        let ts = operations();
        assert!(ts.contains(
            "{ name: 'CreateImage', method: 'createImage', kind: 'create', idempotent: true, resend: false, gone: [], pagination: null, wraps: {} },"
        ));
        assert!(ts.contains(
            "{ name: 'DescribeImages', method: 'describeImages', kind: 'read', idempotent: false, resend: false, gone: [], pagination: \
             { style: 'page', items: 'images', cursor: 'pageNumber', size: 'pageSize', more: 'totalCount', maxSize: 100 }, wraps: "
        ));
        assert!(ts.contains(
            "pagination: { style: 'token', items: 'imagePipeline', cursor: 'nextToken', size: 'maxResults', more: 'nextToken', maxSize: 500 }"
        ));
        assert!(
            ts.contains("  request: { status: 'Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated' },\n")
        );
        assert!(ts.contains("  percent: 'progress',\n"));
        for pair in [
            "PREPARING: 10",
            "BUILDING: 30",
            "TESTING: 60",
            "DISTRIBUTING: 80",
            "RELEASING: 95",
            "SUCCESS: 100",
            "CANCELLING: 100",
        ] {
            assert!(ts.contains(pair), "{pair}");
        }
        assert!(ts.contains("  waitForImageDeleted: { lifecycle: imageLifecycle, until: 'gone' },\n"));
        assert_eq!(ts.matches("{ lifecycle: ").count(), WAITERS.len());
    }

    #[test]
    fn wraps_name_only_the_paths_to_wrapped_lists() {
        let ts = operations();
        assert_eq!(ts.matches(", wraps: ").count(), OPERATIONS.len());
        // Into list items and structs, leaving out the fields that hold no wrapper.
        assert!(ts.contains(
            "wraps: { images: ['image', { detectionOptions: { items: ['item'] }, \
             diskDeviceMappings: ['diskDeviceMapping'], tags: ['tag'] }] } },"
        ));
        assert!(ts.contains("wraps: { image: { diskDeviceMappings: ['diskDeviceMapping'], tags: ['tag'] } } },"));
        assert!(ts.contains(
            "wraps: { availableZones: ['availableZone', { availableResources: ['availableResource', \
             { supportedResources: ['supportedResource'] }] }] } },"
        ));
    }
}
