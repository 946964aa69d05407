//! Reading the service's answers: success bodies into the official TS SDK's response shape
//! (camelCase names, wrapper objects kept as sent), written as JSON text in one walk over the
//! parsed body guided by the catalogue, and error bodies into [`ApiError`]. Whatever the bytes, the
//! result is a text or an error, never a panic.

mod error;

pub use error::{ApiError, DecodeError, ResponseError};

use crate::catalogue::{operation, sdk_name, Field, Operation, Scalar, Shape};
use crate::json::write::push_quoted;
use crate::json::{Doc, Json, Kind, Node};
use crate::request::SignedRequest;
use crate::wire::describe;
use crate::wire::number::{js_number, plain_integer, push_decimal, push_integer, with_decimal, Decimal};

/// Longest body excerpt kept in a decode error.
const EXCERPT_CHARS: usize = 200;

/// The first `EXCERPT_CHARS` characters of `body`, each invalid UTF-8 sequence read as one U+FFFD,
/// as `String::from_utf8_lossy` reads it (whose iterator would be another 0.5 KB of the npm wasm).
fn excerpt(body: &[u8]) -> String {
    let (mut out, mut count, mut rest) = (String::new(), 0, body);
    while !rest.is_empty() && count < EXCERPT_CHARS {
        let (valid, skip) = match std::str::from_utf8(rest) {
            Ok(text) => (text, rest.len()),
            Err(e) => {
                let n = e.valid_up_to();
                (std::str::from_utf8(&rest[..n]).unwrap_or_default(), n + e.error_len().unwrap_or(rest.len() - n))
            }
        };
        for c in valid.chars().take(EXCERPT_CHARS - count) {
            out.push(c);
            count += 1;
        }
        if skip > valid.len() && count < EXCERPT_CHARS {
            out.push(char::REPLACEMENT_CHARACTER);
            count += 1;
        }
        rest = &rest[skip..];
    }
    out
}

/// Decodes a response body of `op` into the JSON text of the official TS SDK's response body.
/// Statuses of 400 and above are errors.
pub fn decode(op: &'static Operation, status: u16, body: &[u8]) -> Result<String, ResponseError> {
    let fail = |reason: String, truncated: bool| {
        ResponseError::Decode(DecodeError {
            operation: op.name,
            http_status: status,
            reason,
            truncated,
            excerpt: excerpt(body),
        })
    };
    let cut_short = || fail(with_decimal("the body ends before the JSON does (", body.len() as u64, " bytes)"), true);
    if body.is_empty() {
        return Err(fail("the body is empty".into(), true));
    }
    let text = match std::str::from_utf8(body) {
        Ok(text) => text,
        Err(e) if e.error_len().is_none() => return Err(cut_short()),
        Err(e) => {
            return Err(fail(with_decimal("the body is not UTF-8 (at byte ", e.valid_up_to() as u64, ")"), false))
        }
    };
    let doc = match Doc::parse(text) {
        Ok(doc) => doc,
        Err(e) if e.eof => return Err(cut_short()),
        Err(e) => return Err(fail(["the body is not JSON (", &e.message(), ")"].concat(), false)),
    };
    let root = doc.root();
    if root.kind() != Kind::Object {
        return Err(fail(["expected a JSON object, got ", &describe(root)].concat(), false));
    }
    if status >= 400 {
        return Err(match api_error(status, root) {
            Some(e) => ResponseError::Api(Box::new(e)),
            None => fail("an error status without an error code".into(), false),
        });
    }
    let mut writer = Writer { out: String::with_capacity(body.len() + body.len() / 4), path: String::new() };
    writer.fields(op.response, root).map_err(|reason| fail(reason, false))?;
    Ok(writer.out)
}

/// Decodes the answer to a request built by [`crate::build`]; a signature error then carries both
/// string-to-signs, the server's and ours, side by side.
pub fn decode_for(request: &SignedRequest, status: u16, body: &[u8]) -> Result<String, ResponseError> {
    let op = operation(request.action).expect("a SignedRequest names a catalogue operation");
    decode(op, status, body).map_err(|e| match e {
        ResponseError::Api(mut api) if api.is_signature_mismatch() => {
            api.client_string_to_sign = Some(request.string_to_sign.clone());
            ResponseError::Api(api)
        }
        other => other,
    })
}

fn api_error(status: u16, body: Node) -> Option<ApiError> {
    let text = |names: [&str; 2]| names.iter().find_map(|n| body.get(n)).and_then(Json::str).map(|s| s.into_owned());
    let code = text(["Code", "code"])?;
    let mut error = ApiError::new(status, code, text(["Message", "message"]).unwrap_or_default());
    error.request_id = text(["RequestId", "requestId"]);
    error.host_id = text(["HostId", "hostId"]);
    error.recommend = text(["Recommend", "recommend"]);
    Some(error)
}

/// The body's JSON text being written, and the wire path reached (`Images.Image[0]`) for errors.
struct Writer {
    out: String,
    path: String,
}

impl Writer {
    fn enter(&mut self, name: &str) -> usize {
        let len = self.path.len();
        if len > 0 {
            self.path.push('.');
        }
        self.path.push_str(name);
        len
    }

    fn key(&mut self, first: &mut bool, sdk: &str) {
        if !std::mem::take(first) {
            self.out.push(',');
        }
        push_quoted(&mut self.out, sdk);
        self.out.push(':');
    }

    fn wrong(&self, expected: &str, value: Node) -> String {
        [&self.path, " must be ", expected, ", got ", &describe(value)].concat()
    }

    /// An object's members: known fields converted and renamed, unknown ones (a field the
    /// service added since the catalogue was written) kept, named by the SDK's rule.
    fn fields(&mut self, fields: &'static [Field], object: Node) -> Result<(), String> {
        self.out.push('{');
        let mut first = true;
        // The service sends fields in a steady order: the search starts after the last match.
        let mut hint = 0;
        for (name, value) in object.entries() {
            if value.is_null() {
                continue;
            }
            let len = self.enter(&name);
            let n = fields.len();
            match (0..n).map(|k| (hint + k) % n).find(|&i| fields[i].name() == name) {
                Some(i) => {
                    hint = i + 1;
                    self.key(&mut first, fields[i].field());
                    self.convert(&fields[i], value)?;
                }
                None => {
                    self.key(&mut first, &sdk_name(&name));
                    self.renamed(value);
                }
            }
            self.path.truncate(len);
        }
        self.out.push('}');
        Ok(())
    }

    fn convert(&mut self, field: &'static Field, value: Node) -> Result<(), String> {
        match field.shape() {
            Shape::Scalar(scalar) => match self.scalar(scalar, value) {
                true => Ok(()),
                false => Err(self.wrong(scalar_phrase(scalar), value)),
            },
            Shape::Struct(fields) if value.kind() == Kind::Object => self.fields(fields, value),
            Shape::Struct(_) => Err(self.wrong("an object", value)),
            Shape::List { item, wrap: None, .. } => self.list(item, value),
            Shape::List { item, wrap: Some(key), .. } => {
                let inner = match value.kind() {
                    Kind::Object => value.get(key).filter(|v| !v.is_null()),
                    // Some gateways send the list without its wrapper; accept it.
                    Kind::Array => Some(value),
                    _ => return Err(self.wrong("an object wrapping a list", value)),
                };
                self.out.push('{');
                if let Some(inner) = inner {
                    let len = if value.kind() == Kind::Object { self.enter(key) } else { self.path.len() };
                    self.key(&mut true, &sdk_name(key));
                    self.list(item, inner)?;
                    self.path.truncate(len);
                }
                self.out.push('}');
                Ok(())
            }
        }
    }

    fn list(&mut self, item: &'static Field, value: Node) -> Result<(), String> {
        if value.kind() != Kind::Array {
            return Err(self.wrong("an array", value));
        }
        self.out.push('[');
        let mut first = true;
        for (i, element) in value.items().enumerate().filter(|(_, v)| !v.is_null()) {
            if !std::mem::take(&mut first) {
                self.out.push(',');
            }
            let len = self.path.len();
            self.path.push('[');
            push_decimal(&mut self.path, i as u64);
            self.path.push(']');
            self.convert(item, element)?;
            self.path.truncate(len);
        }
        self.out.push(']');
        Ok(())
    }

    /// Writes a scalar of the declared type, converting what converts without loss (`"20"` for
    /// an integer, `123` for a string) because the service is not always consistent about it;
    /// false when it does not.
    fn scalar(&mut self, scalar: Scalar, value: Node) -> bool {
        let text = value.str();
        match (scalar, value.kind()) {
            (Scalar::String, Kind::String) | (Scalar::Boolean, Kind::Bool(_)) => self.out.push_str(value.raw()),
            (Scalar::Integer | Scalar::Long | Scalar::Float, Kind::Number) => self.out.push_str(value.raw()),
            (Scalar::String, Kind::Number | Kind::Bool(_)) => push_quoted(&mut self.out, value.raw()),
            (Scalar::Integer | Scalar::Long, Kind::String) => match text.as_deref().and_then(integer) {
                Some(n) => self.out.push_str(&n),
                None => return false,
            },
            (Scalar::Float, Kind::String) => match text.as_deref().and_then(finite_number) {
                Some(n) => self.out.push_str(&n),
                None => return false,
            },
            (Scalar::Boolean, Kind::String) if matches!(text.as_deref(), Some("true" | "false")) => {
                self.out.push_str(text.as_deref().unwrap_or_default())
            }
            _ => return false,
        }
        true
    }

    /// A value passed on as it is, with its objects' keys named by the SDK's rule.
    fn renamed(&mut self, value: Node) {
        match value.kind() {
            Kind::Object => {
                self.out.push('{');
                let mut first = true;
                for (name, inner) in value.entries() {
                    self.key(&mut first, &sdk_name(&name));
                    self.renamed(inner);
                }
                self.out.push('}');
            }
            Kind::Array => {
                self.out.push('[');
                for (i, inner) in value.items().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.renamed(inner);
                }
                self.out.push(']');
            }
            _ => self.out.push_str(value.raw()),
        }
    }
}

/// A string of an integer (`" 20"`, `"-3"`) as a JSON number.
fn integer(text: &str) -> Option<String> {
    let text = text.trim();
    let signed = match text.strip_prefix('+') {
        Some(rest) if rest.starts_with('-') => return None,
        Some(rest) => rest,
        None => text,
    };
    if signed.strip_prefix('-').unwrap_or(signed).len() > 19 {
        return None;
    }
    let n = i64::try_from(plain_integer(signed)?).ok()?;
    let mut out = String::with_capacity(20);
    push_integer(&mut out, n);
    Some(out)
}

/// A string of a finite JSON number (`"0.50"`) as a JSON number (`0.5`).
fn finite_number(text: &str) -> Option<String> {
    let doc = Doc::parse(text.trim()).ok()?;
    let number = doc.root().number()?;
    // Beyond 1.8e308 a double is infinite.
    (Decimal::parse(&number).point <= 309).then(|| js_number(&number))
}

fn scalar_phrase(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::String => "a string",
        Scalar::Integer | Scalar::Long => "an integer",
        Scalar::Float => "a number",
        Scalar::Boolean => "a boolean",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::operation;
    use serde_json::{json, Value};

    fn describe_images() -> &'static Operation {
        operation("DescribeImages").unwrap()
    }

    fn decoded(body: &[u8]) -> Value {
        serde_json::from_str(&decode(describe_images(), 200, body).unwrap()).unwrap()
    }

    #[test]
    fn keeps_wrappers_in_sdk_names() {
        let body = br#"{"RequestId":"r-1","TotalCount":1,"PageNumber":1,"PageSize":10,"RegionId":"cn-hangzhou",
            "Images":{"Image":[{"ImageId":"m-1","OSType":"linux","Size":"40","Tags":{"Tag":[{"TagKey":"k","TagValue":"v"}]},
            "DiskDeviceMappings":{"DiskDeviceMapping":[{"Size":20}, null]},"NewField":{"InnerThing":[1,{"A":null}]},"Gone":null}]}}"#;
        let decoded = decoded(body);
        let image = &decoded["images"]["image"][0];
        assert_eq!(image["imageId"], "m-1");
        assert_eq!(image["OSType"], "linux");
        assert_eq!(image["size"], 40);
        assert_eq!(image["diskDeviceMappings"]["diskDeviceMapping"], json!([{"size": "20"}]));
        assert_eq!(image["tags"], json!({"tag": [{"tagKey": "k", "tagValue": "v"}]}));
        assert_eq!(image["newField"], json!({"innerThing": [1, {"a": null}]}));
        assert!(image.get("gone").is_none());
        assert_eq!(decoded["totalCount"], 1);
    }

    #[test]
    fn converts_scalars_that_convert_without_loss() {
        let body = br#"{"Images":{"Image":[{"Size":" -3","IsSelfShared":"true","ImageName":12.50,"DiskDeviceMappings":[{"Size":"7"}]}]}}"#;
        let image = &decoded(body)["images"]["image"][0];
        assert_eq!(image["size"], -3);
        assert_eq!(image["isSelfShared"], "true");
        assert_eq!(image["imageName"], "12.50");
        assert_eq!(image["diskDeviceMappings"], json!({"diskDeviceMapping": [{"size": "7"}]}));
        let wrong = br#"{"Images":{"Image":[{"Size":"4x"}]}}"#;
        let ResponseError::Decode(e) = decode(describe_images(), 200, wrong).unwrap_err() else { panic!() };
        assert_eq!(e.reason, r#"Images.Image[0].Size must be an integer, got string "4x""#);
    }

    #[test]
    fn empty_wrappers_stay_empty() {
        assert_eq!(decoded(br#"{"RequestId":"r","Images":{}}"#)["images"], json!({}));
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
        let cases: [(&[u8], &str, bool); 8] = [
            (b"", "the body is empty", true),
            (br#"{"RequestId":"r","Images":{"Ima"#, "the body ends before the JSON does (31 bytes)", true),
            (b"{\"RequestId\":\"\xc3", "the body ends before the JSON does (15 bytes)", true),
            (b"<html>502</html>", "the body is not JSON (expected value at line 1 column 1)", false),
            (b"{\"a\":\"\xff\"}", "the body is not UTF-8 (at byte 6)", false),
            (b"[1,2]", "expected a JSON object, got an array", false),
            // Found by the decode fuzz target: `JSON.parse` reads it as Infinity, serde_json refuses it.
            (
                br#"{"":1122200000855e9216486890}"#,
                "the body is not JSON (number out of range at line 1 column 29)",
                false,
            ),
            (br#"{"Images":{"Image":"m-1"}}"#, "Images.Image must be an array, got string \"m-1\"", false),
        ];
        for (body, reason, truncated) in cases {
            let ResponseError::Decode(e) = decode(describe_images(), 200, body).unwrap_err() else { panic!() };
            assert_eq!((e.reason.as_str(), e.truncated), (reason, truncated));
        }
    }

    #[test]
    fn excerpts_as_from_utf8_lossy_does() {
        let long = "é".repeat(150) + "x".repeat(100).as_str();
        let bodies: [&[u8]; 7] = [
            b"",
            b"<html>502</html>",
            b"a\xffb\xc3(c\xe2\x82",
            b"\xf0\x9f\x98\x80\xf0\x9f\x98",
            b"\xed\xa0\x80 surrogate, \xc0\xaf overlong",
            long.as_bytes(),
            &[0xff; 300],
        ];
        for body in bodies {
            let want: String = String::from_utf8_lossy(body).chars().take(EXCERPT_CHARS).collect();
            assert_eq!(excerpt(body), want, "{body:?}");
        }
    }
}
