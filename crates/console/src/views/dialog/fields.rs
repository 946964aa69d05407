//! A dialog's fields: the ones it names, with their labels, then the operation's other documented
//! parameters folded under "More options". Each is the API view's editor (`forms::editor`): the
//! catalogue's help and limits below it, the core's problems beside it as the user types, the
//! label in words with the SDK name beside it.

use crate::forms::{editor, set, FormCtx};
use crate::model::plan::Target;
use ecsimg_core::catalogue::{Field, Operation, Shape};
use ecsimg_core::validate::{Path, Segment};
use ecsimg_core::Spelling;
use leptos::prelude::*;
use serde_json::{Map, Value};

/// The path of a parameter the dialog names by its SDK names, dotted (`imageOptions.imageName`),
/// a list's row by its position from 0 (`diskDeviceMapping.0.OSSBucket`).
pub fn resolve(op: &'static Operation, dotted: &str) -> Option<Path> {
    let mut fields: &'static [Field] = op.params;
    // The item of the list named last: the next name is a row.
    let mut item: Option<&'static Field> = None;
    let mut path = Vec::new();
    for name in dotted.split('.') {
        if let (Some(row), Ok(i)) = (item.take(), name.parse::<usize>()) {
            path.push(Segment::Index(i));
            fields = inner(row);
            continue;
        }
        let field = fields.iter().find(|f| f.field() == name)?;
        path.push(Segment::Field(field));
        (fields, item) = match field.shape() {
            Shape::List { item, .. } => (&[][..], Some(item)),
            _ => (inner(field), None),
        };
    }
    Some(Path(path))
}

/// The fields of a struct (none for anything else).
fn inner(field: &'static Field) -> &'static [Field] {
    match field.shape() {
        Shape::Struct(inner) => inner,
        _ => &[],
    }
}

/// The path of a named field as the core renders it (`diskDeviceMapping[0].OSSBucket`), which
/// its problems and its label are found by.
pub fn rendered(op: &'static Operation, dotted: &str) -> String {
    resolve(op, dotted).map_or_else(|| dotted.to_string(), |p| p.render(Spelling::Sdk))
}

/// The documented defaults of the named fields that take one of a few values (a component's type:
/// `Build`), as their first values: the select says what the service would do anyway.
pub fn defaults(op: &'static Operation, shown: &[&str]) -> Value {
    let mut out = Value::Object(Map::new());
    for path in shown.iter().filter_map(|dotted| resolve(op, dotted)) {
        let Some(Segment::Field(field)) = path.0.last() else { continue };
        if let (Some(default), false) = (field.docs().default, field.check().one_of.is_empty()) {
            set(&mut out, &path, Some(Value::from(default)));
        }
    }
    out
}

/// The parameters the dialog gives itself: those of `base` and of a target's request (the region,
/// the target's ID).
pub fn given(base: &Value, targets: &[Target]) -> Vec<String> {
    [base, targets.first().map_or(&Value::Null, |t| &t.request)]
        .iter()
        .filter_map(|v| v.as_object())
        .flat_map(|m| m.keys().cloned())
        .collect()
}

/// The parameters under "More options": documented (not hidden, not deprecated), not among the
/// dialog's own fields (`shown`, a whole struct when one of its fields is), not given by the
/// dialog itself (`given`: the region, the target's ID), and not the ClientToken the client
/// makes for every create.
pub fn others(op: &'static Operation, shown: &[&str], given: &[String]) -> Vec<&'static Field> {
    let root = |dotted: &&str| dotted.split('.').next().unwrap_or_default().to_string();
    let taken: Vec<String> = shown.iter().map(root).chain(given.iter().cloned()).collect();
    op.params
        .iter()
        .filter(|f| {
            !f.hidden() && !f.deprecated() && f.name() != "ClientToken" && !taken.iter().any(|t| t == f.field())
        })
        .collect()
}

/// The editors of the fields the dialog names, in its order.
pub fn named_editors(op: &'static Operation, shown: &[&'static str], ctx: FormCtx) -> impl IntoView {
    shown
        .iter()
        .filter_map(|dotted| resolve(op, dotted))
        .map(|path| match path.0.last() {
            Some(Segment::Field(field)) => editor(field, path.clone(), ctx),
            _ => ().into_any(),
        })
        .collect_view()
}

/// "More options": the editors of `fields`, folded.
pub fn more_options(fields: Vec<&'static Field>, ctx: FormCtx) -> impl IntoView {
    (!fields.is_empty()).then(|| {
        view! {
            <details class="more-options">
                <summary>"More options"</summary>
                {fields.into_iter().map(|f| editor(f, Path(vec![Segment::Field(f)]), ctx)).collect_view()}
            </details>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecsimg_core::catalogue::operation;

    #[test]
    fn fields_are_found_by_their_dotted_sdk_names() {
        let op = operation("CreateImagePipeline").unwrap();
        assert_eq!(resolve(op, "imageOptions.imageName").unwrap().render(Spelling::Sdk), "imageOptions.imageName");
        assert_eq!(resolve(op, "name").unwrap().render(Spelling::Sdk), "name");
        assert!(resolve(op, "imageOptions.nothing").is_none() && resolve(op, "name.inner").is_none());
        let import = operation("ImportImage").unwrap();
        assert_eq!(rendered(import, "diskDeviceMapping.0.OSSBucket"), "diskDeviceMapping[0].OSSBucket");
        assert_eq!(rendered(import, "tag.1.key"), "tag[1].key");
        assert!(resolve(import, "diskDeviceMapping.OSSBucket").is_none() && resolve(import, "regionId.0").is_none());
    }

    #[test]
    fn the_named_fields_start_at_their_documented_defaults() {
        let op = operation("CreateImageComponent").unwrap();
        let first = defaults(op, &["name", "componentType", "systemType"]);
        assert_eq!(first, serde_json::json!({"componentType": "Build", "systemType": "Linux"}));
    }

    #[test]
    fn more_options_are_the_other_documented_parameters() {
        let op = operation("CreateImagePipeline").unwrap();
        let more = others(op, &["name", "imageOptions.imageName"], &["regionId".into()]);
        let names: Vec<&str> = more.iter().map(|f| f.field()).collect();
        for gone in ["name", "imageOptions", "regionId", "clientToken", "ownerId", "imageName", "nvmeSupport"] {
            assert!(!names.contains(&gone), "{gone} in {names:?}");
        }
        for kept in ["toRegionId", "addAccount", "systemDiskSize", "tag", "testContent"] {
            assert!(names.contains(&kept), "{kept} not in {names:?}");
        }
    }
}
