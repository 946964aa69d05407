//! A form's request object and the paths into it: the core's own `Path`, so a problem (whose path
//! the core renders as `tag[0].key`) finds its field.

use ecsimg_core::validate::{Path, Segment};
use serde_json::{Map, Value};

/// A segment of a path as a step in the request object.
#[derive(Clone, Copy)]
enum Step<'a> {
    /// A field by the official TS SDK's name.
    Key(&'a str),
    Index(usize),
}

fn step(segment: &Segment) -> Step<'_> {
    match segment {
        Segment::Field(field) => Step::Key(field.field()),
        Segment::Unknown(name) => Step::Key(name),
        Segment::Index(i) => Step::Index(*i),
    }
}

/// An HTML id for the path's input: `f-tag-0-key`.
pub fn dom_id(path: &Path) -> String {
    let mut id = String::from("f");
    for segment in &path.0 {
        match step(segment) {
            Step::Key(key) => {
                id.push('-');
                id.push_str(key);
            }
            Step::Index(i) => id.push_str(&format!("-{i}")),
        }
    }
    id
}

/// The HTML id of the input at a path as the core renders it (`tag[0].key` → `f-tag-0-key`), the
/// same as [`dom_id`] of that path.
pub fn dom_id_of(key: &str) -> String {
    format!("f-{}", key.replace("].", "-").replace(['[', '.'], "-").replace(']', ""))
}

pub fn get<'a>(value: &'a Value, path: &Path) -> Option<&'a Value> {
    path.0.iter().try_fold(value, |v, segment| match step(segment) {
        Step::Key(key) => v.get(key),
        Step::Index(i) => v.get(i),
    })
}

pub fn get_mut<'a>(value: &'a mut Value, path: &Path) -> Option<&'a mut Value> {
    path.0.iter().try_fold(value, |v, segment| match step(segment) {
        Step::Key(key) => v.get_mut(key),
        Step::Index(i) => v.get_mut(i),
    })
}

/// Sets (or with `None`, removes) the value at `path`, making objects and arrays on the way; an
/// object left empty by a removal is removed too, so cleared fields leave nothing on the wire.
pub fn set(value: &mut Value, path: &Path, new: Option<Value>) {
    let Some((last, parents)) = path.0.split_last() else {
        *value = new.unwrap_or(Value::Object(Map::new()));
        return;
    };
    let mut node = &mut *value;
    for (i, segment) in parents.iter().enumerate() {
        let next_is_index = matches!(path.0[i + 1], Segment::Index(_));
        node = descend(node, step(segment), next_is_index);
    }
    write(node, step(last), new);
    prune(value);
}

/// The node at `step` below `node`, made (an array when `next_is_index`, else an object) where
/// there is none.
fn descend<'a>(node: &'a mut Value, step: Step, next_is_index: bool) -> &'a mut Value {
    let empty = || if next_is_index { Value::Array(Vec::new()) } else { Value::Object(Map::new()) };
    match step {
        Step::Key(key) => {
            if !node.is_object() {
                *node = Value::Object(Map::new());
            }
            node.as_object_mut().expect("object").entry(key).or_insert_with(empty)
        }
        Step::Index(i) => {
            if !node.is_array() {
                *node = Value::Array(Vec::new());
            }
            let items = node.as_array_mut().expect("array");
            // Rows skipped over take the shape of the row being written (`{}` for a struct).
            while items.len() < i {
                items.push(empty());
            }
            if items.len() == i {
                items.push(Value::Null);
            }
            if items[i].is_null() {
                items[i] = empty();
            }
            &mut items[i]
        }
    }
}

/// Writes (or removes) the value at `step` of `node`.
fn write(node: &mut Value, step: Step, new: Option<Value>) {
    match (step, new) {
        (Step::Key(key), Some(v)) => {
            if !node.is_object() {
                *node = Value::Object(Map::new());
            }
            node.as_object_mut().expect("object").insert(key.to_string(), v);
        }
        (Step::Key(key), None) => {
            if let Some(map) = node.as_object_mut() {
                map.remove(key);
            }
        }
        // A list row: written in place, or added (the "Add" button writes one past the end).
        (Step::Index(i), new) => {
            if !node.is_array() {
                *node = Value::Array(Vec::new());
            }
            let items = node.as_array_mut().expect("array");
            let new = new.unwrap_or(Value::Null);
            while items.len() < i {
                items.push(if new.is_object() { Value::Object(Map::new()) } else { Value::Null });
            }
            match items.get_mut(i) {
                Some(slot) => *slot = new,
                None => items.push(new),
            }
        }
    }
}

/// Removes empty objects inside objects (not inside lists: a list row stays while it is shown).
fn prune(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for v in map.values_mut() {
                prune(v);
            }
            map.retain(|_, v| !matches!(v, Value::Object(m) if m.is_empty()));
        }
        Value::Array(items) => items.iter_mut().for_each(prune),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecsimg_core::catalogue::{operation, Field, Shape};
    use ecsimg_core::Spelling;
    use serde_json::json;

    /// A parameter of an operation, or a field of a struct or list-of-structs parameter.
    fn param(fields: &'static [Field], name: &str) -> &'static Field {
        fields.iter().find(|f| f.field() == name).unwrap_or_else(|| panic!("no {name}"))
    }

    fn inner(field: &'static Field) -> &'static [Field] {
        match field.shape() {
            Shape::Struct(fields) => fields,
            Shape::List { item, .. } => match item.shape() {
                Shape::Struct(fields) => fields,
                _ => &[],
            },
            Shape::Scalar(_) => &[],
        }
    }

    fn path(segments: Vec<Segment>) -> Path {
        Path(segments)
    }

    #[test]
    fn sets_and_clears_nested_values() {
        let params = operation("CreateImage").unwrap().params;
        let (features, tag) = (param(params, "features"), param(params, "tag"));
        let imds = path(vec![Segment::Field(features), Segment::Field(param(inner(features), "imdsSupport"))]);
        let tag_key = path(vec![Segment::Field(tag), Segment::Index(1), Segment::Field(param(inner(tag), "key"))]);
        let mut v = json!({"regionId": "cn-hangzhou"});
        set(&mut v, &imds, Some(json!("v2")));
        set(&mut v, &tag_key, Some(json!("k")));
        assert_eq!(v, json!({"regionId": "cn-hangzhou", "features": {"imdsSupport": "v2"}, "tag": [{}, {"key": "k"}]}));
        assert_eq!(tag_key.render(Spelling::Sdk), "tag[1].key");
        assert_eq!(dom_id(&tag_key), "f-tag-1-key");
        assert_eq!(dom_id_of(&tag_key.render(Spelling::Sdk)), dom_id(&tag_key));
        assert_eq!(dom_id_of(&imds.render(Spelling::Sdk)), dom_id(&imds));
        assert_eq!(dom_id_of("addAccount[0]"), "f-addAccount-0");
        assert_eq!(get(&v, &tag_key), Some(&json!("k")));
        set(&mut v, &imds, None);
        assert_eq!(v, json!({"regionId": "cn-hangzhou", "tag": [{}, {"key": "k"}]}));
    }

    #[test]
    fn adds_list_rows_past_the_end() {
        let key = |k: &str| Segment::Unknown(k.to_string());
        let mut v = json!({"regionId": "cn-hangzhou"});
        set(&mut v, &path(vec![key("diskDeviceMapping"), Segment::Index(0)]), Some(json!({})));
        assert_eq!(v["diskDeviceMapping"], json!([{}]));
        set(&mut v, &path(vec![key("diskDeviceMapping"), Segment::Index(1)]), Some(json!({})));
        set(&mut v, &path(vec![key("diskDeviceMapping"), Segment::Index(1), key("OSSBucket")]), Some(json!("b")));
        assert_eq!(v["diskDeviceMapping"], json!([{}, {"OSSBucket": "b"}]));
        set(&mut v, &path(vec![key("addAccount"), Segment::Index(0)]), Some(json!("")));
        set(&mut v, &path(vec![key("addAccount"), Segment::Index(0)]), None);
        assert_eq!(v["addAccount"], json!([null]));
    }
}
