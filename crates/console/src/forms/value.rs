//! A form's request object and the paths into it, spelled as the core spells problems
//! (`tag[0].key`), so a problem finds its field.

use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    Key(&'static str),
    Index(usize),
}

pub type FormPath = Vec<Step>;

/// `tag[0].key`, like `ecsimg_core::validate::Path::render(Spelling::Sdk)`.
pub fn render(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// An HTML id for the path's input.
pub fn dom_id(path: &[Step]) -> String {
    let mut id = String::from("f");
    for step in path {
        match step {
            Step::Key(key) => {
                id.push('-');
                id.push_str(key);
            }
            Step::Index(i) => id.push_str(&format!("-{i}")),
        }
    }
    id
}

pub fn get<'a>(value: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Key(key) => v.get(*key),
        Step::Index(i) => v.get(*i),
    })
}

/// Sets (or with `None`, removes) the value at `path`, making objects and arrays on the way; an
/// object left empty by a removal is removed too, so cleared fields leave nothing on the wire.
pub fn set(value: &mut Value, path: &[Step], new: Option<Value>) {
    let Some((last, parents)) = path.split_last() else {
        *value = new.unwrap_or(Value::Object(Map::new()));
        return;
    };
    let mut node = &mut *value;
    for (i, step) in parents.iter().enumerate() {
        let next_is_index = matches!(path[i + 1], Step::Index(_));
        let empty = || if next_is_index { Value::Array(Vec::new()) } else { Value::Object(Map::new()) };
        node = match step {
            Step::Key(key) => {
                if !node.is_object() {
                    *node = Value::Object(Map::new());
                }
                node.as_object_mut().expect("object").entry(*key).or_insert_with(empty)
            }
            Step::Index(i) => {
                if !node.is_array() {
                    *node = Value::Array(Vec::new());
                }
                let items = node.as_array_mut().expect("array");
                // Rows skipped over take the shape of the row being written (`{}` for a struct).
                while items.len() < *i {
                    items.push(empty());
                }
                if items.len() == *i {
                    items.push(Value::Null);
                }
                if items[*i].is_null() {
                    items[*i] = empty();
                }
                &mut items[*i]
            }
        };
    }
    match (last, new) {
        (Step::Key(key), Some(v)) => {
            if !node.is_object() {
                *node = Value::Object(Map::new());
            }
            node.as_object_mut().expect("object").insert(key.to_string(), v);
        }
        (Step::Key(key), None) => {
            if let Some(map) = node.as_object_mut() {
                map.remove(*key);
            }
        }
        // A list row: written in place, or added (the "Add" button writes one past the end).
        (Step::Index(i), new) => {
            if !node.is_array() {
                *node = Value::Array(Vec::new());
            }
            let items = node.as_array_mut().expect("array");
            let new = new.unwrap_or(Value::Null);
            while items.len() < *i {
                items.push(if new.is_object() { Value::Object(Map::new()) } else { Value::Null });
            }
            match items.get_mut(*i) {
                Some(slot) => *slot = new,
                None => items.push(new),
            }
        }
    }
    prune(value);
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
    use serde_json::json;

    #[test]
    fn sets_and_clears_nested_values() {
        let mut v = json!({"regionId": "cn-hangzhou"});
        set(&mut v, &[Step::Key("features"), Step::Key("imdsSupport")], Some(json!("v2")));
        set(&mut v, &[Step::Key("tag"), Step::Index(1), Step::Key("key")], Some(json!("k")));
        assert_eq!(v, json!({"regionId": "cn-hangzhou", "features": {"imdsSupport": "v2"}, "tag": [{}, {"key": "k"}]}));
        assert_eq!(render(&[Step::Key("tag"), Step::Index(1), Step::Key("key")]), "tag[1].key");
        set(&mut v, &[Step::Key("features"), Step::Key("imdsSupport")], None);
        assert_eq!(v, json!({"regionId": "cn-hangzhou", "tag": [{}, {"key": "k"}]}));
    }

    #[test]
    fn adds_list_rows_past_the_end() {
        let mut v = json!({"regionId": "cn-hangzhou"});
        set(&mut v, &[Step::Key("diskDeviceMapping"), Step::Index(0)], Some(json!({})));
        assert_eq!(v["diskDeviceMapping"], json!([{}]));
        set(&mut v, &[Step::Key("diskDeviceMapping"), Step::Index(1)], Some(json!({})));
        set(&mut v, &[Step::Key("diskDeviceMapping"), Step::Index(1), Step::Key("OSSBucket")], Some(json!("b")));
        assert_eq!(v["diskDeviceMapping"], json!([{}, {"OSSBucket": "b"}]));
        set(&mut v, &[Step::Key("addAccount"), Step::Index(0)], Some(json!("")));
        set(&mut v, &[Step::Key("addAccount"), Step::Index(0)], None);
        assert_eq!(v["addAccount"], json!([null]));
    }
}
