//! The way back: wire pairs, as a server receives them, into a request object with the official TS
//! SDK's field names and typed values, checked by the very rules the client applies before signing.

use super::flatten;
use super::number::parse_f64;
use crate::catalogue::{Field, Operation, Scalar, Shape};
use crate::validate::path::{Path, Segment};
use crate::validate::problem::{Expected, Got, Problem};
use crate::validate::{rules, Violation};
use serde_json::{Map, Value};

/// A request read off the wire.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// Official TS SDK field names, typed values, lists in index order.
    pub request: Value,
    /// Keys that are not parameters of the operation (the service ignores them).
    pub ignored: Vec<String>,
}

/// Reads `pairs` (decoded keys and values, common parameters already removed) as parameters of `op`.
pub fn parse(op: &'static Operation, pairs: &[(String, String)]) -> Result<Parsed, Vec<Violation>> {
    let mut root = Vec::new();
    let mut ignored = Vec::new();
    let mut violations = Vec::new();
    for (key, value) in pairs {
        let segments: Vec<&str> = key.split('.').collect();
        match insert(op.params, &mut root, &segments, value, Path::default()) {
            Ok(()) => {}
            Err(Rejected::Unknown) => ignored.push(key.clone()),
            Err(Rejected::Invalid(violation)) => violations.push(violation),
        }
    }
    let request = Value::Object(finish_struct(root));
    let mut flat = flatten::flatten(op, &request);
    violations.append(&mut flat.violations);
    violations.extend(rules::check(op, &flat.pairs));
    if violations.is_empty() {
        Ok(Parsed { request, ignored })
    } else {
        Err(violations)
    }
}

/// A request under construction: lists are keyed by their 1-based wire index until finished.
/// Members and items are Vecs kept in key order (a request has a handful), not B-trees: each
/// B-tree instantiation costs the console's wasm kilobytes.
enum Node {
    Leaf(Value),
    Struct(Vec<(&'static str, Node)>),
    List(Vec<(usize, Node)>),
}

/// The node under `key` in `entries` (kept in key order), made by `make` when there is none yet.
fn entry<K: Ord + Copy>(entries: &mut Vec<(K, Node)>, key: K, make: impl FnOnce() -> Node) -> &mut Node {
    let at = entries.partition_point(|(k, _)| *k < key);
    if entries.get(at).is_none_or(|(k, _)| *k != key) {
        entries.insert(at, (key, make()));
    }
    &mut entries[at].1
}

enum Rejected {
    Unknown,
    Invalid(Violation),
}

fn insert(
    fields: &'static [Field],
    target: &mut Vec<(&'static str, Node)>,
    segments: &[&str],
    value: &str,
    path: Path,
) -> Result<(), Rejected> {
    let (name, rest) = segments.split_first().ok_or(Rejected::Unknown)?;
    let field = fields.iter().find(|f| f.name() == *name).ok_or(Rejected::Unknown)?;
    let path = path.child(Segment::Field(field));
    place(field, target, rest, value, path)
}

fn place(
    field: &'static Field,
    target: &mut Vec<(&'static str, Node)>,
    rest: &[&str],
    value: &str,
    path: Path,
) -> Result<(), Rejected> {
    match field.shape() {
        Shape::Scalar(scalar) if rest.is_empty() => {
            let leaf = typed(scalar, value, &path)?;
            entry(target, field.field(), || Node::Leaf(leaf));
            Ok(())
        }
        Shape::Struct(inner) if !rest.is_empty() => match entry(target, field.field(), || Node::Struct(Vec::new())) {
            Node::Struct(map) => insert(inner, map, rest, value, path),
            _ => Err(Rejected::Unknown),
        },
        Shape::List { item, max_items, .. } if !rest.is_empty() => {
            let index: usize = rest[0].parse().ok().filter(|n| *n >= 1).ok_or(Rejected::Unknown)?;
            if let Some(max) = max_items.filter(|max| index > *max as usize) {
                let problem = Problem::TooManyItems { max, got: index };
                return Err(Rejected::Invalid(Violation { path, problem }));
            }
            let Node::List(items) = entry(target, field.field(), || Node::List(Vec::new())) else {
                return Err(Rejected::Unknown);
            };
            let item_path = path.child(Segment::Index(index - 1));
            match (item.shape(), &rest[1..]) {
                (Shape::Scalar(scalar), []) => {
                    let leaf = typed(scalar, value, &item_path)?;
                    entry(items, index, || Node::Leaf(leaf));
                    Ok(())
                }
                (Shape::Struct(inner), more) if !more.is_empty() => {
                    match entry(items, index, || Node::Struct(Vec::new())) {
                        Node::Struct(map) => insert(inner, map, more, value, item_path),
                        _ => Err(Rejected::Unknown),
                    }
                }
                _ => Err(Rejected::Unknown),
            }
        }
        _ => Err(Rejected::Unknown),
    }
}

/// A wire string as the declared type.
fn typed(scalar: Scalar, text: &str, path: &Path) -> Result<Value, Rejected> {
    let parsed = match scalar {
        Scalar::String => Some(Value::String(text.to_string())),
        Scalar::Integer | Scalar::Long => text.parse::<i64>().ok().map(Value::from),
        Scalar::Float => parse_f64(text).map(Value::from),
        Scalar::Boolean => match text.to_ascii_lowercase().as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
    };
    parsed.ok_or_else(|| {
        let problem =
            Problem::Type { expected: Expected::of(&Shape::Scalar(scalar)), got: Got::Text(text.to_string()) };
        Rejected::Invalid(Violation { path: path.clone(), problem })
    })
}

/// A struct or list that only ignored keys made (`Tag.1.Colour`) is left out, as if never sent:
/// an ignored key leaves no trace in the request.
fn finish(node: Node) -> Option<Value> {
    match node {
        Node::Leaf(v) => Some(v),
        Node::Struct(map) => Some(finish_struct(map)).filter(|m| !m.is_empty()).map(Value::Object),
        Node::List(items) => {
            let values: Vec<Value> = items.into_iter().filter_map(|(_, item)| finish(item)).collect();
            Some(values).filter(|v| !v.is_empty()).map(Value::Array)
        }
    }
}

fn finish_struct(members: Vec<(&'static str, Node)>) -> Map<String, Value> {
    let mut map = Map::new();
    for (key, node) in members {
        if let Some(value) = finish(node) {
            map.insert(key.to_string(), value);
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::operation;
    use crate::validate::Spelling;
    use serde_json::json;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn reads_nested_and_repeated_parameters() {
        let op = operation("CreateImagePipeline").unwrap();
        let parsed = parse(
            op,
            &pairs(&[
                ("RegionId", "cn-hangzhou"),
                ("BaseImageType", "OSS"),
                ("ImportImageOptions.DiskDeviceMappings.2.OSSBucket", "b-two"),
                ("ImportImageOptions.DiskDeviceMappings.2.OSSObject", "two.raw"),
                ("ImportImageOptions.DiskDeviceMappings.1.OSSBucket", "b-one"),
                ("ImportImageOptions.DiskDeviceMappings.1.OSSObject", "one.raw"),
                ("ImportImageOptions.DiskDeviceMappings.1.DiskImageSize", "40"),
                ("AddAccount.1", "1000000000000002"),
                ("DeleteInstanceOnFailure", "false"),
                ("Colour", "blue"),
            ]),
        )
        .unwrap();
        assert_eq!(
            parsed.request["importImageOptions"]["diskDeviceMappings"],
            json!([{"OSSBucket": "b-one", "OSSObject": "one.raw", "diskImageSize": 40}, {"OSSBucket": "b-two", "OSSObject": "two.raw"}])
        );
        assert_eq!(parsed.request["addAccount"], json!([1000000000000002i64]));
        assert_eq!(parsed.request["deleteInstanceOnFailure"], json!(false));
        assert_eq!(parsed.ignored, vec!["Colour".to_string()]);
    }

    /// Found by fuzzing (`fuzz/fuzz_targets/wire_parse.rs`): `Tag.1.V` was ignored but left an
    /// empty tag behind, a request the client would never send (it does not round-trip).
    #[test]
    fn an_ignored_key_leaves_no_empty_struct_or_list_behind() {
        let op = operation("DescribeImages").unwrap();
        let parsed = parse(
            op,
            &pairs(&[("RegionId", "cn-hangzhou"), ("Tag.1.V", "197"), ("Tag.2.Key", "k"), ("Tag.3.Key.X", "x")]),
        )
        .unwrap();
        assert_eq!(parsed.request, json!({"regionId": "cn-hangzhou", "tag": [{"key": "k"}]}));
        assert_eq!(parsed.ignored, ["Tag.1.V", "Tag.3.Key.X"]);
        let parsed = parse(op, &pairs(&[("RegionId", "cn-hangzhou"), ("Tag.1.V", "197")])).unwrap();
        assert_eq!(parsed.request, json!({"regionId": "cn-hangzhou"}));
    }

    #[test]
    fn reports_problems_in_wire_spelling() {
        let op = operation("DescribeImages").unwrap();
        let errors =
            parse(op, &pairs(&[("RegionId", "cn-hangzhou"), ("PageSize", "abc"), ("Tag.21.Key", "k")])).unwrap_err();
        let messages: Vec<String> = errors.iter().map(|v| v.message(op.name, Spelling::Wire)).collect();
        assert_eq!(
            messages,
            [
                "DescribeImages.PageSize: must be an integer, got \"abc\"",
                "DescribeImages.Tag: must have at most 20 items, got 21"
            ]
        );
        let errors = parse(op, &pairs(&[("PageSize", "500")])).unwrap_err();
        let messages: Vec<String> = errors.iter().map(|v| v.message(op.name, Spelling::Wire)).collect();
        assert_eq!(
            messages,
            ["DescribeImages.PageSize: must be between 1 and 100, got 500", "DescribeImages.RegionId: is required"]
        );
    }
}
