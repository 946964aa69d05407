//! Reading the service's answers: success bodies into the official TS SDK's response shape
//! (camelCase names, wrapper objects kept as sent), an unwrapped convenience view, and error bodies
//! into [`ApiError`]. Whatever the bytes, the result is a value or an error, never a panic.

mod error;

pub use error::{ApiError, DecodeError, ResponseError};

use crate::catalogue::{operation, sdk_name, Field, Operation, Scalar, Shape};
use crate::request::SignedRequest;
use crate::wire::describe;
use serde_json::{Map, Value};

/// Longest body excerpt kept in a decode error.
const EXCERPT_CHARS: usize = 200;

/// Decodes a response body of `op`. Statuses of 400 and above are errors.
pub fn decode(op: &'static Operation, status: u16, body: &[u8]) -> Result<Value, ResponseError> {
    let fail = |reason: String, truncated: bool| DecodeError {
        operation: op.name,
        http_status: status,
        reason,
        truncated,
        excerpt: String::from_utf8_lossy(body).chars().take(EXCERPT_CHARS).collect(),
    };
    let parsed: Value = serde_json::from_slice(body).map_err(|e| {
        let truncated = e.is_eof();
        let reason = if body.is_empty() {
            "the body is empty".to_string()
        } else if truncated {
            format!("the body ends before the JSON does ({} bytes)", body.len())
        } else {
            format!("the body is not JSON ({e})")
        };
        ResponseError::Decode(fail(reason, truncated))
    })?;
    let Value::Object(map) = parsed else {
        return Err(ResponseError::Decode(fail(format!("expected a JSON object, got {}", describe(&parsed)), false)));
    };
    if status >= 400 {
        return Err(match api_error(status, &map) {
            Some(e) => ResponseError::Api(Box::new(e)),
            None => ResponseError::Decode(fail("an error status without an error code".into(), false)),
        });
    }
    convert_fields(op.response, &map, "")
        .map(Value::Object)
        .map_err(|reason| ResponseError::Decode(fail(reason, false)))
}

/// Decodes the answer to a request built by [`crate::build`]; a signature error then carries both
/// string-to-signs, the server's and ours, side by side.
pub fn decode_for(request: &SignedRequest, status: u16, body: &[u8]) -> Result<Value, ResponseError> {
    let op = operation(request.action).expect("a SignedRequest names a catalogue operation");
    decode(op, status, body).map_err(|e| match e {
        ResponseError::Api(mut api) if api.is_signature_mismatch() => {
            api.client_string_to_sign = Some(request.string_to_sign.clone());
            ResponseError::Api(api)
        }
        other => other,
    })
}

/// The same body with every wrapper object replaced by its list: `images: {image: [...]}` becomes
/// `images: [...]`, at every depth.
pub fn unwrap_lists(op: &'static Operation, body: &Value) -> Value {
    unwrap_fields(op.response, body)
}

fn api_error(status: u16, map: &Map<String, Value>) -> Option<ApiError> {
    let text = |names: [&str; 2]| names.iter().find_map(|n| map.get(*n)).and_then(Value::as_str).map(str::to_string);
    let code = text(["Code", "code"])?;
    let mut error = ApiError::new(status, code, text(["Message", "message"]).unwrap_or_default());
    error.request_id = text(["RequestId", "requestId"]);
    error.host_id = text(["HostId", "hostId"]);
    error.recommend = text(["Recommend", "recommend"]);
    Some(error)
}

fn convert_fields(
    fields: &'static [Field],
    map: &Map<String, Value>,
    path: &str,
) -> Result<Map<String, Value>, String> {
    let mut out = Map::new();
    for (name, value) in map {
        if value.is_null() {
            continue;
        }
        let child = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
        match fields.iter().find(|f| f.name == name) {
            Some(field) => {
                out.insert(field.field.to_string(), convert(field, value, &child)?);
            }
            // A field the service added since the catalogue was written: kept, named by the SDK's rule.
            None => {
                out.insert(sdk_name(name), rename_unknown(value));
            }
        }
    }
    Ok(out)
}

fn convert(field: &'static Field, value: &Value, path: &str) -> Result<Value, String> {
    let wrong = |expected: &str| format!("{path} must be {expected}, got {}", describe(value));
    match &field.shape {
        Shape::Scalar(scalar) => scalar_value(*scalar, value).ok_or_else(|| wrong(scalar_phrase(*scalar))),
        Shape::Struct(fields) => match value {
            Value::Object(map) => convert_fields(fields, map, path).map(Value::Object),
            _ => Err(wrong("an object")),
        },
        Shape::List { item, wrap, .. } => {
            let items = match (wrap, value) {
                (Some(key), Value::Object(map)) => {
                    let mut out = Map::new();
                    if let Some(inner) = map.get(*key).filter(|v| !v.is_null()) {
                        let list = list_items(item, inner, &format!("{path}.{key}"))?;
                        out.insert(sdk_name(key), list);
                    }
                    return Ok(Value::Object(out));
                }
                // Some gateways send the list without its wrapper; accept it.
                (_, Value::Array(_)) => list_items(item, value, path)?,
                (Some(_), _) => return Err(wrong("an object wrapping a list")),
                (None, _) => return Err(wrong("an array")),
            };
            Ok(match wrap {
                Some(key) => {
                    let mut out = Map::new();
                    out.insert(sdk_name(key), items);
                    Value::Object(out)
                }
                None => items,
            })
        }
    }
}

fn list_items(item: &'static Field, value: &Value, path: &str) -> Result<Value, String> {
    let Value::Array(elements) = value else {
        return Err(format!("{path} must be an array, got {}", describe(value)));
    };
    elements
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_null())
        .map(|(i, v)| convert(item, v, &format!("{path}[{i}]")))
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

/// A scalar of the declared type, converting what converts without loss (`"20"` for an integer,
/// `123` for a string) because the service is not always consistent about it.
fn scalar_value(scalar: Scalar, value: &Value) -> Option<Value> {
    match (scalar, value) {
        (Scalar::String, Value::String(_)) => Some(value.clone()),
        (Scalar::String, Value::Number(n)) => Some(Value::String(n.to_string())),
        (Scalar::String, Value::Bool(b)) => Some(Value::String(b.to_string())),
        (Scalar::Integer | Scalar::Long | Scalar::Float, Value::Number(_)) => Some(value.clone()),
        (Scalar::Integer | Scalar::Long, Value::String(s)) => s.trim().parse::<i64>().ok().map(Value::from),
        // serde_json's number parser, which the crate carries anyway: `str::parse::<f64>` would add
        // core's dec2flt (about 6 KB of code and a 10 KB table of powers of five to the wasm).
        (Scalar::Float, Value::String(s)) => s
            .trim()
            .parse::<serde_json::Number>()
            .ok()
            .and_then(|n| n.as_f64())
            .filter(|x| x.is_finite())
            .map(Value::from),
        (Scalar::Boolean, Value::Bool(_)) => Some(value.clone()),
        (Scalar::Boolean, Value::String(s)) => match s.as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        _ => None,
    }
}

fn scalar_phrase(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::String => "a string",
        Scalar::Integer | Scalar::Long => "an integer",
        Scalar::Float => "a number",
        Scalar::Boolean => "a boolean",
    }
}

fn rename_unknown(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            // Inserting one by one: collecting into a map sorts first (a driftsort instantiation).
            let mut out = Map::new();
            for (k, v) in map {
                out.insert(sdk_name(k), rename_unknown(v));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(rename_unknown).collect()),
        other => other.clone(),
    }
}

fn unwrap_fields(fields: &'static [Field], body: &Value) -> Value {
    let Value::Object(map) = body else { return body.clone() };
    let mut out = Map::new();
    for (name, value) in map {
        let unwrapped = match fields.iter().find(|f| f.field == name) {
            Some(field) => unwrap_value(field, value),
            None => value.clone(),
        };
        out.insert(name.clone(), unwrapped);
    }
    Value::Object(out)
}

fn unwrap_value(field: &'static Field, value: &Value) -> Value {
    match &field.shape {
        Shape::Scalar(_) => value.clone(),
        Shape::Struct(fields) => unwrap_fields(fields, value),
        Shape::List { item, wrap, .. } => {
            let list = match (wrap, value) {
                (Some(key), Value::Object(map)) => map.get(&sdk_name(key)).cloned().unwrap_or(Value::Array(Vec::new())),
                _ => value.clone(),
            };
            match list {
                Value::Array(items) => Value::Array(items.iter().map(|v| unwrap_value(item, v)).collect()),
                other => other,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::operation;
    use serde_json::json;

    fn describe_images() -> &'static Operation {
        operation("DescribeImages").unwrap()
    }

    #[test]
    fn keeps_wrappers_in_sdk_names_and_unwraps_on_request() {
        let body = br#"{"RequestId":"r-1","TotalCount":1,"PageNumber":1,"PageSize":10,"RegionId":"cn-hangzhou",
            "Images":{"Image":[{"ImageId":"m-1","OSType":"linux","Size":"40","Tags":{"Tag":[{"TagKey":"k","TagValue":"v"}]},
            "DiskDeviceMappings":{"DiskDeviceMapping":[{"Size":20}]},"NewField":{"InnerThing":1}}]}}"#;
        let decoded = decode(describe_images(), 200, body).unwrap();
        assert_eq!(decoded["images"]["image"][0]["imageId"], "m-1");
        assert_eq!(decoded["images"]["image"][0]["OSType"], "linux");
        assert_eq!(decoded["images"]["image"][0]["size"], 40);
        assert_eq!(decoded["images"]["image"][0]["diskDeviceMappings"]["diskDeviceMapping"][0]["size"], "20");
        assert_eq!(decoded["images"]["image"][0]["newField"], json!({"innerThing": 1}));
        let flat = unwrap_lists(describe_images(), &decoded);
        assert_eq!(flat["images"][0]["tags"], json!([{"tagKey": "k", "tagValue": "v"}]));
        assert_eq!(flat["totalCount"], 1);
    }

    #[test]
    fn empty_wrappers_unwrap_to_empty_lists() {
        let decoded = decode(describe_images(), 200, br#"{"RequestId":"r","Images":{}}"#).unwrap();
        assert_eq!(decoded["images"], json!({}));
        assert_eq!(unwrap_lists(describe_images(), &decoded)["images"], json!([]));
    }

    #[test]
    fn error_bodies_become_api_errors() {
        let body = br#"{"RequestId":"r-2","HostId":"ecs.aliyuncs.com","Code":"SignatureDoesNotMatch",
            "Message":"Specified signature is not matched with our calculation. server string to sign is:POST&%2F&A%3D1",
            "Recommend":"https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch"}"#;
        let ResponseError::Api(e) = decode(describe_images(), 400, body).unwrap_err() else { panic!() };
        assert_eq!(e.code, "SignatureDoesNotMatch");
        assert_eq!(e.server_string_to_sign.as_deref(), Some("POST&%2F&A%3D1"));
        assert_eq!(e.request_id.as_deref(), Some("r-2"));
        assert!(e.is_signature_mismatch() && !e.retryable());
        let throttled =
            decode(describe_images(), 400, br#"{"Code":"Throttling.User","Message":"slow down"}"#).unwrap_err();
        assert!(throttled.retryable());
        let unavailable =
            decode(describe_images(), 503, br#"{"Code":"ServiceUnavailable","Message":"x"}"#).unwrap_err();
        assert!(unavailable.retryable());
    }

    #[test]
    fn signature_errors_carry_both_strings_to_sign() {
        use crate::{build, Credentials, RequestOptions, SigningContext, Timestamp};
        let ctx = SigningContext { timestamp: Timestamp(0), nonce: "n" };
        let request = json!({"regionId": "cn-hangzhou", "imageId": "m-1"});
        let signed =
            build("DeleteImage", &request, &Credentials::new("id", "s"), &RequestOptions::default(), &ctx).unwrap();
        let body = br#"{"Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation. server string to sign is:ACS3-HMAC-SHA256\nabc"}"#;
        let ResponseError::Api(e) = decode_for(&signed, 400, body).unwrap_err() else { panic!() };
        assert_eq!(e.server_string_to_sign.as_deref(), Some("ACS3-HMAC-SHA256\nabc"));
        assert_eq!(e.client_string_to_sign.as_deref(), Some(signed.string_to_sign.as_str()));
    }

    #[test]
    fn bad_bodies_become_decode_errors() {
        let cases: [(&[u8], &str, bool); 5] = [
            (b"", "the body is empty", true),
            (br#"{"RequestId":"r","Images":{"Ima"#, "the body ends before the JSON does (31 bytes)", true),
            (b"<html>502</html>", "the body is not JSON (expected value at line 1 column 1)", false),
            (b"[1,2]", "expected a JSON object, got an array", false),
            (br#"{"Images":{"Image":"m-1"}}"#, "Images.Image must be an array, got string \"m-1\"", false),
        ];
        for (body, reason, truncated) in cases {
            let ResponseError::Decode(e) = decode(describe_images(), 200, body).unwrap_err() else { panic!() };
            assert_eq!((e.reason.as_str(), e.truncated), (reason, truncated));
        }
    }
}
