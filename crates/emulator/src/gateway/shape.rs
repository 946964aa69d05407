//! Answers carry exactly the fields the service documents for the operation: whatever an operation
//! builds (a shared image view, say) is cut down to the catalogue's response shape on the way out.

use ecsimg_core::catalogue::{Field, Shape};
use serde_json::{Map, Value};

/// `body` restricted to `fields` (wire names), recursively, wrappers included. In place: the kept
/// values are neither copied nor re-sorted.
pub fn project(fields: &'static [Field], body: &mut Map<String, Value>) {
    body.retain(|name, value| match fields.iter().find(|f| f.name() == name) {
        Some(field) => {
            project_value(field, value);
            true
        }
        None => false,
    });
}

fn project_value(field: &'static Field, value: &mut Value) {
    match (field.shape(), value) {
        (Shape::Struct(fields), Value::Object(map)) => project(fields, map),
        (Shape::List { item, wrap: Some(key), .. }, Value::Object(map)) => {
            // The wrapper keeps its list alone. (Not by `retain`: a second instantiation of it.)
            let mut list = map.remove(key).unwrap_or_else(|| Value::Array(Vec::new()));
            project_list(item, &mut list);
            map.clear();
            map.insert(key.to_string(), list);
        }
        (Shape::List { item, .. }, list) => project_list(item, list),
        _ => {}
    }
}

fn project_list(item: &'static Field, list: &mut Value) {
    if let Value::Array(items) = list {
        for value in items {
            project_value(item, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecsimg_core::catalogue::operation;
    use serde_json::json;

    #[test]
    fn keeps_documented_fields_only() {
        let op = operation("DescribeImageFromFamily").unwrap();
        let body = json!({"Image": {"ImageId": "m-1", "BootMode": "UEFI", "Tags": {"Tag": [{"TagKey": "k", "TagValue": "v", "X": 1}]}}, "Extra": 1});
        let mut projected = body.as_object().unwrap().clone();
        project(op.response, &mut projected);
        assert_eq!(
            Value::Object(projected),
            json!({"Image": {"ImageId": "m-1", "Tags": {"Tag": [{"TagKey": "k", "TagValue": "v"}]}}})
        );
    }

    #[test]
    fn a_list_wrapper_holds_its_list_alone_empty_when_missing() {
        let op = operation("DescribeImageFromFamily").unwrap();
        for (tags, kept) in [
            (json!({"Tag": [{"TagKey": "k", "X": 1}], "Extra": 1}), json!({"Tag": [{"TagKey": "k"}]})),
            (json!({"Extra": 1}), json!({"Tag": []})),
        ] {
            let mut body = json!({"Image": {"Tags": tags}}).as_object().unwrap().clone();
            project(op.response, &mut body);
            assert_eq!(Value::Object(body), json!({"Image": {"Tags": kept}}));
        }
    }
}
