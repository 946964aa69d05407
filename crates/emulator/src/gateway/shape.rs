//! Answers carry exactly the fields the service documents for the operation: whatever an operation
//! builds (a shared image view, say) is cut down to the catalogue's response shape on the way out.

use ecsimg_core::catalogue::{Field, Shape};
use serde_json::{Map, Value};

/// `body` restricted to `fields` (wire names), recursively, wrappers included.
pub fn project(fields: &'static [Field], body: &Map<String, Value>) -> Map<String, Value> {
    body.iter()
        .filter_map(|(name, value)| {
            let field = fields.iter().find(|f| f.name == name)?;
            Some((name.clone(), project_value(field, value)))
        })
        .collect()
}

fn project_value(field: &'static Field, value: &Value) -> Value {
    match (&field.shape, value) {
        (Shape::Struct(fields), Value::Object(map)) => Value::Object(project(fields, map)),
        (Shape::List { item, wrap: Some(key), .. }, Value::Object(map)) => {
            let items = map.get(*key).map(|list| project_value_list(item, list)).unwrap_or(Value::Array(Vec::new()));
            Value::Object(Map::from_iter([(key.to_string(), items)]))
        }
        (Shape::List { item, .. }, list) => project_value_list(item, list),
        _ => value.clone(),
    }
}

fn project_value_list(item: &'static Field, list: &Value) -> Value {
    match list {
        Value::Array(items) => Value::Array(items.iter().map(|v| project_value(item, v)).collect()),
        other => other.clone(),
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
        let projected = project(op.response, body.as_object().unwrap());
        assert_eq!(
            Value::Object(projected),
            json!({"Image": {"ImageId": "m-1", "Tags": {"Tag": [{"TagKey": "k", "TagValue": "v"}]}}})
        );
    }
}
