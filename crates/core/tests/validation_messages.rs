//! One negative case for every documented constraint of every parameter, and the exact messages the
//! caller sees, kept in `tests/validation/messages.golden`.
//!
//! The cases are derived from the catalogue, so a new constrained parameter shows up as a new case:
//! the test then fails until the golden file is re-blessed (`ECSIMG_BLESS=1 cargo test -p
//! ecsimg-core --test validation_messages`) and the new messages are reviewed in the diff.
//!
//! The same cases (and a few more) with their messages are written to `tests/validation/messages.json`
//! for the npm package, whose TypeScript says the messages itself from the codes its wasm sends:
//! `crates/wasm/tests-js/messages.test.mjs` checks that it says exactly these.

use ecsimg_core::catalogue::{Field, First, Operation, Pattern, Rule, Scalar, Shape, OPERATIONS};
use ecsimg_core::json::Doc;
use ecsimg_core::wire::{prepare, validate};
use ecsimg_core::{Spelling, Strictness};
use serde_json::{json, Map, Value};
use std::{fs, path::Path};

/// Parameters that the operations' rules require in a minimal valid request.
fn base_extras(op: &str) -> Value {
    match op {
        "CreateImage" => json!({"instanceId": "i-bp1g6zv0ce8oghu7abcd"}),
        "CreateImagePipeline" => json!({"baseImage": "m-bp1g6zv0ce8oghu7abcd"}),
        _ => json!({}),
    }
}

/// A value that satisfies every check of a field.
fn valid(field: &'static Field) -> Value {
    match field.shape() {
        Shape::Struct(fields) => required_fields(fields),
        Shape::List { item, .. } => json!([valid(item)]),
        Shape::Scalar(scalar) => {
            let check = field.check();
            if let Some(first) = check.one_of.first() {
                return json!(first);
            }
            match scalar {
                Scalar::Boolean => json!(true),
                Scalar::Float => json!(1.5),
                Scalar::Integer | Scalar::Long => json!(check.min.unwrap_or(1)),
                Scalar::String => json!(match check.text.and_then(|t| t.pattern) {
                    Some(Pattern::Version) => "1.0.0".to_string(),
                    Some(Pattern::OssBucket) => "ecsimg-bucket".to_string(),
                    Some(Pattern::RegionId) => "cn-hangzhou".to_string(),
                    Some(Pattern::CloudBoxArn) => "arn:acs:cloudbox:cn-hangzhou:1234567890:cloudbox/cb-1".to_string(),
                    None => "v".repeat(check.min_len.unwrap_or(1).max(4) as usize),
                }),
            }
        }
    }
}

fn required_fields(fields: &'static [Field]) -> Value {
    Value::Object(fields.iter().filter(|f| f.required()).map(|f| (f.field().to_string(), valid(f))).collect())
}

fn base(op: &'static Operation) -> Value {
    let mut request = required_fields(op.params);
    for (k, v) in base_extras(op.name).as_object().unwrap() {
        request[k] = v.clone();
    }
    request
}

/// A path into a request: fields, each flagged when the step goes into the list's first item.
type Steps = Vec<(&'static Field, bool)>;

/// Sets (or with `None`, removes) the value at `steps`, creating parents as needed.
fn set(request: &mut Value, steps: &[(&'static Field, bool)], value: Option<Value>) {
    let ((field, into_list), rest) = steps.split_first().unwrap();
    let map = request.as_object_mut().unwrap();
    if rest.is_empty() && !into_list {
        match value {
            Some(v) => map.insert(field.field().to_string(), v),
            None => map.remove(field.field()),
        };
        return;
    }
    let slot = map.entry(field.field().to_string()).or_insert_with(|| valid(field));
    let target = if *into_list {
        if let Value::Array(items) = slot {
            if items.is_empty() {
                items.push(Value::Object(Map::new()));
            }
        }
        &mut slot[0]
    } else {
        slot
    };
    if rest.is_empty() {
        match value {
            Some(v) => *target = v,
            None => unreachable!("removing a list item"),
        }
    } else {
        set(target, rest, value);
    }
}

/// Values that break each check of a scalar field, with a label for the golden file.
fn breakers(field: &'static Field, scalar: Scalar) -> Vec<(String, Value)> {
    let check = field.check();
    let mut out = Vec::new();
    if !check.one_of.is_empty() {
        let bad = if check.comma { format!("{},Nope", check.one_of.first().unwrap()) } else { "Nope".to_string() };
        out.push(("enum".to_string(), json!(bad)));
    }
    let letters = |n: u32| "a".repeat(n as usize);
    if let Some(min) = check.min_len.filter(|m| *m > 0) {
        out.push(("min length".into(), json!(letters(min - 1))));
    }
    if let Some(max) = check.max_len {
        out.push(("max length".into(), json!(letters(max + 1))));
    }
    if let Some(min) = check.min {
        out.push(("minimum".into(), json!(min - 1)));
    }
    if let Some(max) = check.max {
        out.push(("maximum".into(), json!(max + 1)));
    }
    if let Some(text) = check.text {
        if text.ascii {
            out.push(("ascii".into(), json!("abcé")));
        }
        match text.first {
            First::Letter => out.push(("first letter".into(), json!("1abc"))),
            First::AsciiLetter => out.push(("first letter".into(), json!("镜像abc"))),
            First::Any => {}
        }
        if text.chars.is_some() {
            out.push(("characters".into(), json!("ab c#d")));
        }
        for prefix in text.not_prefix {
            let value = format!("{prefix}abc");
            out.push((format!("prefix {prefix}"), json!(value)));
        }
        for part in text.not_contains {
            out.push((format!("contains {part}"), json!(format!("abc{part}def"))));
        }
        if text.pattern.is_some() {
            out.push(("pattern".into(), json!("Not-A-Valid-Value-")));
        }
    }
    let wrong_type = match scalar {
        Scalar::String => json!(12),
        Scalar::Boolean => json!("true"),
        Scalar::Integer | Scalar::Long => json!(1.5),
        Scalar::Float => json!("1.5"),
    };
    out.push(("type".into(), wrong_type));
    out
}

fn cases_for(op: &'static Operation, fields: &'static [Field], steps: &Steps, out: &mut Vec<(String, Value)>) {
    for field in fields {
        let mut here = steps.clone();
        here.push((field, false));
        let name = render(&here);
        if field.required() {
            let mut request = base(op);
            set(&mut request, &here, None);
            out.push((format!("{name} missing"), request));
        }
        match field.shape() {
            Shape::Scalar(scalar) => {
                for (label, value) in breakers(field, scalar) {
                    let mut request = base(op);
                    set(&mut request, &here, Some(value));
                    out.push((format!("{name} {label}"), request));
                }
            }
            Shape::Struct(inner) => cases_for(op, inner, &here, out),
            Shape::List { item, max_items, .. } => {
                if let Some(max) = max_items {
                    let mut request = base(op);
                    let items = vec![valid(item); max as usize + 1];
                    set(&mut request, &here, Some(Value::Array(items)));
                    out.push((format!("{name} too many items"), request));
                }
                if field.required() {
                    let mut request = base(op);
                    set(&mut request, &here, Some(json!([])));
                    out.push((format!("{name} empty"), request));
                }
                let mut into = steps.clone();
                into.push((field, true));
                match item.shape() {
                    Shape::Struct(inner) => cases_for(op, inner, &into, out),
                    Shape::Scalar(scalar) => {
                        for (label, value) in breakers(item, scalar) {
                            let mut request = base(op);
                            set(&mut request, &into, Some(value));
                            out.push((format!("{name}[0] {label}"), request));
                        }
                    }
                    Shape::List { .. } => unreachable!("lists of lists"),
                }
            }
        }
    }
}

fn render(steps: &[(&'static Field, bool)]) -> String {
    let parts: Vec<String> = steps
        .iter()
        .map(|(field, into_list)| if *into_list { format!("{}[0]", field.field()) } else { field.field().to_string() })
        .collect();
    parts.join(".")
}

/// Cases for the operation's cross-parameter rules, built by hand: each names its rule.
fn rule_cases(op: &'static Operation) -> Vec<(String, Value)> {
    let with = |extra: Value| {
        let mut request = base(op);
        for (k, v) in extra.as_object().unwrap() {
            if v.is_null() {
                request.as_object_mut().unwrap().remove(k);
            } else {
                request[k] = v.clone();
            }
        }
        request
    };
    op.rules
        .iter()
        .map(|rule| match (op.name, rule) {
            ("CreateImage", Rule::OneOf(_)) => ("rule one_of".into(), with(json!({"instanceId": null}))),
            ("CreateImage", Rule::Unique { .. }) => (
                "rule unique".into(),
                with(json!({"diskDeviceMapping": [{"device": "/dev/xvdb"}, {"device": "/dev/xvdb"}]})),
            ),
            (_, Rule::Exclusive(_)) => ("rule exclusive".into(), with(json!({"ownerId": 1, "ownerAccount": "acct"}))),
            ("CreateImagePipeline", Rule::Require { param: "BaseImage", .. }) => {
                ("rule require baseImage".into(), with(json!({"baseImage": null})))
            }
            ("CreateImagePipeline", Rule::Require { param: "ImportImageOptions", .. }) => {
                ("rule require importImageOptions".into(), with(json!({"baseImageType": "OSS", "baseImage": null})))
            }
            ("CreateImagePipeline", Rule::Require { param: "ImportImageOptions.DiskDeviceMappings", .. }) => (
                "rule require importImageOptions.diskDeviceMappings".into(),
                with(json!({"baseImageType": "OSS", "baseImage": null, "importImageOptions": {"OSType": "linux"}})),
            ),
            ("CreateImagePipeline", Rule::Require { param: "RepairItem", .. }) => {
                ("rule require repairItem".into(), with(json!({"repairMode": "Customized"})))
            }
            ("CreateImagePipeline", Rule::Restrict { .. }) => (
                "rule restrict importImageOptions.bootMode".into(),
                with(json!({"importImageOptions": {"architecture": "arm64", "bootMode": "BIOS"}})),
            ),
            ("DescribeImages", Rule::Require { .. }) => ("rule require status".into(), with(json!({"usable": true}))),
            ("CopyImage", Rule::Restrict { when, .. }) if when[0].param == "KMSKeyId" => {
                ("rule restrict encrypted (KMSKeyId)".into(), with(json!({"KMSKeyId": "key-1", "encrypted": false})))
            }
            ("CopyImage", Rule::Restrict { .. }) => {
                ("rule restrict encrypted (encryptAlgorithm)".into(), with(json!({"encryptAlgorithm": "AES-256"})))
            }
            ("ImportImage", Rule::Require { .. }) => {
                ("rule require licenseType".into(), with(json!({"OSType": "windows"})))
            }
            ("ImportImage", Rule::Restrict { .. }) => {
                ("rule restrict bootMode".into(), with(json!({"architecture": "arm64", "bootMode": "BIOS"})))
            }
            ("DescribeAvailableResource", Rule::Require { param: "InstanceType", .. }) => {
                ("rule require instanceType".into(), with(json!({"destinationResource": "SystemDisk"})))
            }
            ("DescribeAvailableResource", Rule::Require { .. }) => (
                "rule require systemDiskCategory".into(),
                with(json!({"destinationResource": "DataDisk", "resourceType": "instance"})),
            ),
            (name, rule) => panic!("{name}: no negative case for {rule:?}; add one here"),
        })
        .collect()
}

/// One invalid request and the messages it gets.
struct Case {
    op: &'static Operation,
    label: String,
    request: Value,
    messages: Vec<String>,
}

impl Case {
    fn new(op: &'static Operation, label: String, request: Value) -> Case {
        let messages =
            prepare(op, &request, Strictness::Strict).err().map(|e| e.messages(Spelling::Sdk)).unwrap_or_default();
        assert!(!messages.is_empty(), "{} {label}: the request was accepted: {request}", op.name);
        // The same request as JSON text, read in place as the npm package's core reads it.
        let text = request.to_string();
        let doc = Doc::parse(&text).unwrap();
        let from_text = prepare(op, doc.root(), Strictness::Strict).err().map(|e| e.messages(Spelling::Sdk));
        assert_eq!(from_text.as_ref(), Some(&messages), "{} {label}: read from its text", op.name);
        Case { op, label, request, messages }
    }
}

/// A negative case for every constraint of every operation.
fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for op in OPERATIONS {
        let base = base(op);
        assert!(
            validate(op, &base).is_empty(),
            "{}: the minimal request is not valid: {:?}",
            op.name,
            prepare(op, &base, Strictness::Strict).unwrap_err().messages(Spelling::Sdk)
        );
        let mut cases = Vec::new();
        cases_for(op, op.params, &Vec::new(), &mut cases);
        cases.extend(rule_cases(op));
        out.extend(cases.into_iter().map(|(label, request)| Case::new(op, label, request)));
    }
    out
}

/// Cases for what the catalogue's constraints do not reach: unknown keys, values of every JSON type
/// where another is expected, values quoted with escapes or cut for their length (by characters,
/// not UTF-16 units), numbers past what JavaScript holds exactly.
fn extra_cases() -> Vec<Case> {
    let op = ecsimg_core::catalogue::operation("CreateImage").unwrap();
    let long = "镜像🙂".repeat(50);
    let long_url = ["http://", &long].concat();
    let extras = [
        ("unknown keys", json!({"imageNme": "x", "zzzzzzzz": 1, "": 2, "tag": [{"key": "a", "valu": "b"}]})),
        ("values of other types", json!({"imageName": true, "description": [1], "platform": {}, "features": 5})),
        ("a list of null, and an object for a list", json!({"diskDeviceMapping": [null], "tag": {"key": "a"}})),
        ("a string for a number", json!({"diskDeviceMapping": [{"size": "12"}], "ownerId": "12x"})),
        ("a 64-bit number out of range", json!({"ownerId": "99999999999999999999", "resourceOwnerId": -1.5})),
        ("values quoted with escapes", json!({"architecture": "a\"b\\c\nd\t\u{1}\u{7f}\u{2028}", "imageName": "a🙂b"})),
        ("long values cut", json!({"architecture": long, "description": long_url})),
        ("a non-ASCII character", json!({"clientToken": "ab🙂"})),
    ];
    let mut base = base(op);
    base["regionId"] = json!("cn-hangzhou");
    extras
        .into_iter()
        .map(|(label, extra)| {
            let mut request = base.clone();
            for (k, v) in extra.as_object().unwrap() {
                request[k] = v.clone();
            }
            Case::new(op, format!("extra: {label}"), request)
        })
        .collect()
}

fn golden(cases: &[Case]) -> String {
    let mut out = String::new();
    for case in cases {
        out.push_str(&format!("{} {}\n", case.op.name, case.label));
        for message in &case.messages {
            out.push_str(&format!("    {message}\n"));
        }
    }
    out
}

/// The cases as JSON for the npm package's test (`crates/wasm/tests-js/messages.test.mjs`), one a
/// line: the TypeScript renders its messages from the wasm's codes, and must say exactly these.
fn fixture(cases: &[Case]) -> String {
    let lines: Vec<String> = cases
        .iter()
        .map(|c| {
            let case = json!({"operation": c.op.name, "label": c.label, "request": c.request, "messages": c.messages});
            case.to_string()
        })
        .collect();
    format!("[\n{}\n]\n", lines.join(",\n"))
}

/// Compares `produced` with the file, or writes it there under `ECSIMG_BLESS`.
fn check_or_bless(name: &str, produced: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/validation").join(name);
    if std::env::var_os("ECSIMG_BLESS").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, produced).unwrap();
    }
    let expected = fs::read_to_string(&path).unwrap_or_default();
    if produced != expected {
        let first = produced.lines().zip(expected.lines()).position(|(a, b)| a != b);
        panic!(
            "{name} changed (first difference at line {}); review and re-bless with ECSIMG_BLESS=1",
            first.map_or(produced.lines().count().min(expected.lines().count()), |i| i) + 1
        );
    }
}

#[test]
fn every_constraint_has_a_negative_case_with_its_exact_message() {
    check_or_bless("messages.golden", &golden(&cases()));
}

#[test]
fn the_npm_package_is_given_the_same_cases_and_messages() {
    let mut cases = cases();
    cases.extend(extra_cases());
    check_or_bless("messages.json", &fixture(&cases));
}
