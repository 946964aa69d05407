//! What a successful call did, in one line of words at the top of its result ("Image m-… created
//! in cn-hangzhou", "Copying m-… to cn-shanghai as m-…", "Found 12 images in cn-hangzhou"). Said
//! from the operation's kind and what its request and answer name (see `subject`); a short table
//! words the few operations the rule says badly.

use super::page::items_kind;
use super::subject::{acted_on, capitalised, given_name, is_thing, made, noun, other_regions, text_of};
use crate::format::count;
use ecsimg_core::catalogue::{Field, Operation, OperationKind, Shape};
use serde_json::Value;

/// Operations worded by hand. `{field}` is the request's field (SDK name), `{answer.field}` the
/// answer's, `{region}` the region the call went to; a `[clause]` is left out when a value it
/// names is missing. A template left empty falls back to the rule.
const PHRASES: &[(&str, &str)] = &[
    (
        "ModifyImageSharePermission",
        "[Shared {imageId} with {addAccount}][; stopped sharing {imageId} with {removeAccount}]",
    ),
    (
        "ModifyImageShareGroupPermission",
        "[Shared {imageId} with the group {addGroup}][; stopped sharing {imageId} with the group {removeGroup}]",
    ),
    (
        "ExportImage",
        "Exporting {imageId} to the OSS bucket {OSSBucket}[ under {OSSPrefix}] in {region} (task {answer.taskId})",
    ),
    ("ImportImage", "Importing image {answer.imageId}[ ({imageName})] in {region} (task {answer.taskId})"),
    (
        "StartImagePipelineExecution",
        "Started build task {answer.executionId} of template {imagePipelineId} in {region}",
    ),
    ("CancelCopyImage", "Cancelled copying {imageId} in {region}"),
    ("CancelImagePipelineExecution", "Cancelling build task {executionId} in {region}"),
];

/// The line for a call of `op` with `request`, answered `answer`, that went to `region`.
pub fn success_line(op: &Operation, request: &Value, answer: &Value, region: &str) -> String {
    let phrase =
        PHRASES.iter().find(|(name, _)| *name == op.name).map(|(_, template)| fill(template, request, answer, region));
    match phrase.filter(|line| !line.is_empty()) {
        Some(line) => line,
        None => by_kind(op, request, answer, region),
    }
}

/// The rule: what a read found, what a create made (or where a copy goes), what a change changed,
/// what a delete deleted.
fn by_kind(op: &Operation, request: &Value, answer: &Value, region: &str) -> String {
    let target = acted_on(op, request);
    let about = target.as_ref().map(|t| t.words()).unwrap_or_else(|| "it".to_string());
    match op.kind {
        OperationKind::Read => found(op, request, answer, region),
        OperationKind::Create => match (made(op, answer), target, other_regions(op, request).first()) {
            (Some(new), Some(source), Some(to)) if new.kind == source.kind => {
                format!("Copying {} to {to} as {}", source.id, new.id)
            }
            (Some(new), _, _) => {
                let name = given_name(op, request).map(|n| format!(" ({n})")).unwrap_or_default();
                format!("{}{name} created in {region}", capitalised(&new.words()))
            }
            (None, _, _) => format!("{} done in {region}", op.name),
        },
        OperationKind::Change => {
            let changed = changed_fields(op, request, target.as_ref().map(|t| t.kind));
            let what = if changed.is_empty() { String::new() } else { format!(": {}", changed.join(", ")) };
            format!("Changed {about} in {region}{what}")
        }
        OperationKind::Delete => format!("Deleted {about} in {region}"),
    }
}

/// What a read found: the number of items of a paged answer (`Found 12 images in cn-hangzhou`,
/// `Found 1 account for image m-… in cn-hangzhou`), the one thing an answer holds, else the size
/// of its first list.
fn found(op: &Operation, request: &Value, answer: &Value, region: &str) -> String {
    let target = acted_on(op, request);
    if let Some(pagination) = op.pagination {
        let listed = items_kind(&pagination);
        let total = answer.get(super::page::total_key()).and_then(Value::as_u64);
        let items =
            answer.get(ecsimg_core::catalogue::sdk_name(pagination.items)).and_then(Value::as_array).map(Vec::len);
        let n = total.or(items.map(|n| n as u64)).unwrap_or(0);
        let of = target.filter(|t| Some(t.kind) != listed).map(|t| format!(" for {}", t.words())).unwrap_or_default();
        return format!("Found {}{of} in {region}", count(n, pagination.noun));
    }
    if let Some(one) = op.response.iter().find(|f| holds_a_thing(f)) {
        return match answer.get(one.field()).and_then(|inner| made_in(one, inner)) {
            Some(words) => format!("Found {words} in {region}"),
            None => format!("Found no {} in {region}", one.field()),
        };
    }
    let list = op.response.iter().find_map(|f| Some((f.field(), answer.get(f.field())?.as_array()?.len())));
    match list {
        Some((key, n)) => {
            let of = target.map(|t| format!(" for {}", t.words())).unwrap_or_default();
            format!("Found {n} {key}{of} in {region}")
        }
        None => format!("{} answered from {region}", op.name),
    }
}

/// The field of a struct answer field that holds the ID of one thing (`DescribeImageFromFamily`'s
/// `image.imageId`).
fn thing_id_field(field: &Field) -> Option<&'static Field> {
    match field.shape() {
        Shape::Struct(inner) => inner.iter().find(|g| g.id_kind().is_some_and(is_thing)),
        _ => None,
    }
}

/// Whether an answer field is one thing with an ID.
fn holds_a_thing(field: &Field) -> bool {
    thing_id_field(field).is_some()
}

/// `image m-… (its name)` from a struct answer field holding one thing.
fn made_in(field: &Field, value: &Value) -> Option<String> {
    let id_field = thing_id_field(field)?;
    let kind = id_field.id_kind()?;
    let id = text_of(value, id_field.field())?;
    let name = kind.label().and_then(|label| text_of(value, label)).map(|n| format!(" ({n})")).unwrap_or_default();
    Some(format!("{} {id}{name}", noun(kind)))
}

/// The parameters a change sets: the visible ones given, but the region and the thing changed.
fn changed_fields(
    op: &Operation,
    request: &Value,
    target: Option<ecsimg_core::catalogue::IdKind>,
) -> Vec<&'static str> {
    op.params
        .iter()
        .filter(|f| !f.hidden() && f.field() != super::region::REGION_FIELD)
        .filter(|f| target.is_none() || f.id_kind() != target)
        .filter(|f| request.get(f.field()).is_some_and(|v| !v.is_null()))
        .map(|f| f.field())
        .collect()
}

/// Fills a template: `[clauses]` with a missing value are left out; a value missing outside any
/// clause leaves the whole line empty.
fn fill(template: &str, request: &Value, answer: &Value, region: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('[') {
        let Some(end) = rest[start..].find(']').map(|e| start + e) else { break };
        match (
            placeholders(&rest[..start], request, answer, region),
            placeholders(&rest[start + 1..end], request, answer, region),
        ) {
            (None, _) => return String::new(),
            (Some(before), clause) => {
                out.push_str(&before);
                out.push_str(&clause.unwrap_or_default());
            }
        }
        rest = &rest[end + 1..];
    }
    match placeholders(rest, request, answer, region) {
        Some(tail) => out.push_str(&tail),
        None => return String::new(),
    }
    // A line whose first clause was left out starts at the next one.
    match out.strip_prefix("; ") {
        Some(rest) => capitalised(rest),
        None => out,
    }
}

/// Replaces every `{…}` in `text`; `None` when a value is missing.
fn placeholders(text: &str, request: &Value, answer: &Value, region: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let end = start + rest[start..].find('}')?;
        out.push_str(&rest[..start]);
        let key = &rest[start + 1..end];
        let value = match key {
            "region" => Some(region.to_string()),
            _ => match key.strip_prefix("answer.") {
                Some(field) => text_of(answer, field),
                None => text_of(request, key),
            },
        };
        out.push_str(&value?);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecsimg_core::catalogue::{operation, OPERATIONS};
    use serde_json::json;

    fn line(action: &str, request: Value, answer: Value) -> String {
        success_line(operation(action).unwrap(), &request, &answer, "cn-hangzhou")
    }

    #[test]
    fn creates_say_what_they_made_and_where() {
        assert_eq!(
            line("CreateImage", json!({"instanceId": "i-1", "imageName": "web"}), json!({"imageId": "m-9"})),
            "Image m-9 (web) created in cn-hangzhou"
        );
        assert_eq!(
            line("CreateImage", json!({"snapshotId": "s-1"}), json!({"imageId": "m-9"})),
            "Image m-9 created in cn-hangzhou"
        );
        assert_eq!(
            line(
                "CopyImage",
                json!({"imageId": "m-1", "destinationRegionId": "cn-shanghai"}),
                json!({"imageId": "m-2"})
            ),
            "Copying m-1 to cn-shanghai as m-2"
        );
        assert_eq!(
            line("CreateImagePipeline", json!({"name": "nightly"}), json!({"imagePipelineId": "ip-1"})),
            "Image Builder template ip-1 (nightly) created in cn-hangzhou"
        );
        assert_eq!(
            line("ExportImage", json!({"imageId": "m-1", "OSSBucket": "b"}), json!({"taskId": "t-1"})),
            "Exporting m-1 to the OSS bucket b in cn-hangzhou (task t-1)"
        );
    }

    #[test]
    fn changes_and_deletes_say_what_they_changed() {
        assert_eq!(
            line(
                "ModifyImageSharePermission",
                json!({"imageId": "m-1", "addAccount": ["1000000000000002"]}),
                json!({})
            ),
            "Shared m-1 with 1000000000000002"
        );
        assert_eq!(
            line("ModifyImageSharePermission", json!({"imageId": "m-1", "removeAccount": ["1", "2"]}), json!({})),
            "Stopped sharing m-1 with 1, 2"
        );
        // Neither list: the rule says what was given.
        assert_eq!(
            line("ModifyImageSharePermission", json!({"imageId": "m-1", "isPublic": true}), json!({})),
            "Changed image m-1 in cn-hangzhou: isPublic"
        );
        let renamed =
            line("ModifyImageAttribute", json!({"imageId": "m-1", "imageName": "new", "description": "d"}), json!({}));
        assert!(renamed.starts_with("Changed image m-1 in cn-hangzhou: "), "{renamed}");
        assert!(
            renamed.contains("imageName") && renamed.contains("description") && !renamed.contains("imageId"),
            "{renamed}"
        );
        assert_eq!(line("DeleteImage", json!({"imageId": "m-1"}), json!({})), "Deleted image m-1 in cn-hangzhou");
        assert_eq!(
            line("CancelCopyImage", json!({"imageId": "m-2"}), json!({})),
            "Cancelled copying m-2 in cn-hangzhou"
        );
    }

    #[test]
    fn reads_say_what_they_found() {
        assert_eq!(
            line("DescribeImages", json!({}), json!({"totalCount": 12, "images": []})),
            "Found 12 images in cn-hangzhou"
        );
        assert_eq!(
            line("DescribeImages", json!({"imageId": "m-1"}), json!({"totalCount": 1})),
            "Found 1 image in cn-hangzhou"
        );
        assert_eq!(
            line("DescribeImageSharePermission", json!({"imageId": "m-1"}), json!({"totalCount": 1})),
            "Found 1 account for image m-1 in cn-hangzhou"
        );
        assert_eq!(
            line(
                "DescribeImageFromFamily",
                json!({"imageFamily": "f"}),
                json!({"image": {"imageId": "m-1", "imageName": "web"}})
            ),
            "Found image m-1 (web) in cn-hangzhou"
        );
        assert_eq!(
            line("DescribeImageFromFamily", json!({"imageFamily": "f"}), json!({})),
            "Found no image in cn-hangzhou"
        );
    }

    #[test]
    fn every_operation_says_something_whatever_its_answer() {
        for op in OPERATIONS {
            for answer in [json!({}), json!(null), json!({"images": "no list"})] {
                let said = success_line(op, &json!({}), &answer, "r-1");
                assert!(!said.is_empty() && !said.contains('{') && !said.contains('['), "{}: {said}", op.name);
            }
        }
    }

    #[test]
    fn templates_leave_out_clauses_without_values() {
        let request = json!({"a": "x", "list": ["1", "2"]});
        assert_eq!(fill("[A {a}][; B {b}]", &request, &json!({}), "r"), "A x");
        assert_eq!(fill("[a {b}][; c {list}] in {region}", &request, &json!({}), "r"), "C 1, 2 in r");
        assert_eq!(fill("{missing} here", &request, &json!({}), "r"), "");
        assert_eq!(fill("{answer.id}", &request, &json!({"id": "m-1"}), "r"), "m-1");
    }
}
