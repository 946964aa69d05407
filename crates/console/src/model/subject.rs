//! What a call is about, read from its request and answer through the catalogue: the thing it acts
//! on (an ID its request names), the thing it makes (an ID its answer returns), the name given to
//! it, and each kind of thing in words. The outcome lines, the explanations of errors and the
//! history's labels all say it the same way.

use ecsimg_core::catalogue::{Field, IdKind, Operation, Shape};
use serde_json::Value;

/// The kinds of ID that name a thing a call acts on or makes. The others (a region, a zone, an
/// account, a resource group, a key, a vSwitch, an instance type, a dedicated host) only say where
/// or for whom.
const THINGS: [IdKind; 7] = [
    IdKind::Image,
    IdKind::Snapshot,
    IdKind::Instance,
    IdKind::Component,
    IdKind::Pipeline,
    IdKind::Execution,
    IdKind::Task,
];

/// A thing named by its ID: `image m-…`.
#[derive(Debug, Clone, PartialEq)]
pub struct Thing {
    pub kind: IdKind,
    pub id: String,
}

impl Thing {
    /// `image m-…`, `Image Builder template ip-…`.
    pub fn words(&self) -> String {
        format!("{} {}", noun(self.kind), self.id)
    }
}

/// What a kind of thing is called, from the catalogue's description of it (`An image (m-...)` →
/// `image`, `An Image Builder template (ip-...)` → `Image Builder template`).
pub fn noun(kind: IdKind) -> &'static str {
    let doc = kind.doc();
    let doc = doc.split(" (").next().unwrap_or(doc).trim_end_matches('.');
    doc.strip_prefix("An ").or_else(|| doc.strip_prefix("A ")).unwrap_or(doc)
}

/// The first letter in upper case (`image m-1` → `Image m-1`): the catalogue's words are ASCII.
pub fn capitalised(text: &str) -> String {
    let mut text = text.to_string();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

/// Whether IDs of a kind name a thing (an image, a template, ...), not a place or an owner.
pub fn is_thing(kind: IdKind) -> bool {
    THINGS.contains(&kind)
}

/// An ID field's kind, if it names a thing.
fn thing_kind(field: &Field) -> Option<IdKind> {
    field.id_kind().filter(|kind| is_thing(*kind))
}

/// A top-level field's value as text (a list's items joined with commas), if it has one.
pub fn text_of(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::Array(items) => {
            let texts: Vec<String> = items.iter().filter_map(scalar_text).collect();
            (!texts.is_empty()).then(|| texts.join(", "))
        }
        other => scalar_text(other),
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The thing a request acts on: its first required ID parameter naming a thing, else its first
/// optional one (`DeleteImage`'s `imageId`, `CreateImage`'s `instanceId`).
pub fn acted_on(op: &Operation, request: &Value) -> Option<Thing> {
    let visible = || op.params.iter().filter(|f| !f.hidden() && matches!(f.shape(), Shape::Scalar(_)));
    visible()
        .filter(|f| f.required())
        .chain(visible().filter(|f| !f.required()))
        .find_map(|f| Some(Thing { kind: thing_kind(f)?, id: text_of(request, f.field())? }))
}

/// The thing an answer returns the ID of (`CreateImage`'s new image, `ExportImage`'s task): the
/// first top-level answer field naming a thing.
pub fn made(op: &Operation, answer: &Value) -> Option<Thing> {
    op.response.iter().find_map(|f| Some(Thing { kind: thing_kind(f)?, id: text_of(answer, f.field())? }))
}

/// The name a request gives or looks for (`imageName`, a template's `name`): the field the
/// catalogue says names things of the kind the operation is about.
pub fn given_name(op: &Operation, request: &Value) -> Option<String> {
    op.response
        .iter()
        .chain(op.params)
        .filter_map(thing_kind)
        .filter_map(IdKind::label)
        .find_map(|label| text_of(request, label))
}

/// The regions a request names besides its own (`destinationRegionId`): where the work ends.
pub fn other_regions(op: &Operation, request: &Value) -> Vec<String> {
    op.params
        .iter()
        .filter(|f| f.id_kind() == Some(IdKind::Region) && f.field() != super::region::REGION_FIELD)
        .filter_map(|f| text_of(request, f.field()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecsimg_core::catalogue::operation;
    use serde_json::json;

    #[test]
    fn kinds_in_words() {
        assert_eq!(noun(IdKind::Image), "image");
        assert_eq!(noun(IdKind::Pipeline), "Image Builder template");
        assert_eq!(noun(IdKind::Task), "import or export task");
        assert_eq!(capitalised("image m-1"), "Image m-1");
        assert_eq!(capitalised(""), "");
    }

    #[test]
    fn what_a_call_acts_on_and_makes() {
        let op = |name| operation(name).unwrap();
        let delete = json!({"regionId": "cn-hangzhou", "imageId": "m-1"});
        assert_eq!(acted_on(op("DeleteImage"), &delete), Some(Thing { kind: IdKind::Image, id: "m-1".into() }));
        assert_eq!(acted_on(op("DeleteImage"), &delete).unwrap().words(), "image m-1");
        let create = json!({"regionId": "cn-hangzhou", "instanceId": "i-1", "imageName": "web"});
        assert_eq!(acted_on(op("CreateImage"), &create).map(|t| t.kind), Some(IdKind::Instance));
        assert_eq!(given_name(op("CreateImage"), &create).as_deref(), Some("web"));
        assert_eq!(made(op("CreateImage"), &json!({"imageId": "m-2"})).map(|t| t.id), Some("m-2".into()));
        assert_eq!(
            made(op("ExportImage"), &json!({"taskId": "t-1", "regionId": "cn-hangzhou"})).map(|t| t.kind),
            Some(IdKind::Task)
        );
        assert_eq!(made(op("CreateImage"), &json!({})), None);
        let copy = json!({"regionId": "cn-hangzhou", "imageId": "m-1", "destinationRegionId": "cn-shanghai"});
        assert_eq!(other_regions(op("CopyImage"), &copy), ["cn-shanghai"]);
        assert_eq!(text_of(&json!({"addAccount": ["1", "2"]}), "addAccount").as_deref(), Some("1, 2"));
        assert_eq!(text_of(&json!({"addAccount": [null]}), "addAccount"), None);
    }
}
