//! The WebAssembly half of the `ecsimg` npm package: ecsimg-core's validation, signing and
//! decoding, exposed to the JavaScript client as a few functions that take and return JSON text.
//!
//! JSON text keeps the boundary thin (no per-type glue, so the module stays small) and every value
//! crossing it is plain data. The JavaScript side owns I/O: fetch, clocks, randomness, timers.

mod json;

use ecsimg_core::catalogue::Operation;
use ecsimg_core::{
    build, request::resolve, response, wire, BuildError, Credentials, Method, RequestOptions, SignatureVersion,
    SigningContext, Spelling, Strictness, Timestamp,
};
use json::{api_error, decode_error, input_error, violations};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

/// Signs one call. `input` is
/// `{action, request, accessKeyId, accessKeySecret, securityToken?, signatureVersion: "v1"|"v3",
///   method: "POST"|"GET", endpoint?, proxyBaseUrl?, strictness?: "strict"|"lenient",
///   timestamp: unix seconds, nonce}`;
/// the answer `{ok: {action, method, url, headers: [[name, value]], body, stringToSign,
/// canonicalRequest, params: [[key, value]], warnings}}` or `{error: {kind, ...}}`.
#[wasm_bindgen]
pub fn sign(input: &str) -> String {
    text(&sign_json(input).unwrap_or_else(|e| e))
}

/// Decodes the answer to a call: `{ok: {body, flat}}` (body in the official TS SDK's shape, flat
/// with the wrapper objects replaced by their lists) or `{error: {kind: "api"|"decode", ...}}`.
/// `string_to_sign` is what the call signed, put beside the server's on signature errors.
#[wasm_bindgen]
pub fn decode(action: &str, status: u16, body: &[u8], string_to_sign: &str) -> String {
    let op = match operation(action) {
        Ok(op) => op,
        Err(e) => return text(&e),
    };
    let answer = match response::decode(op, status, body) {
        Ok(body) => json!({"ok": {"flat": response::unwrap_lists(op, &body), "body": body}}),
        Err(response::ResponseError::Api(mut e)) => {
            if e.is_signature_mismatch() {
                e.client_string_to_sign = Some(string_to_sign.to_string());
            }
            json!({ "error": api_error(op.name, &e) })
        }
        Err(response::ResponseError::Decode(e)) => json!({ "error": decode_error(&e) }),
    };
    text(&answer)
}

/// Every problem of a request, signing nothing: `[{path, wirePath, kind, message, structural}]`.
#[wasm_bindgen]
pub fn validate(action: &str, request: &str) -> String {
    let op = match operation(action) {
        Ok(op) => op,
        Err(e) => return text(&e),
    };
    match serde_json::from_str::<Value>(request) {
        Ok(value) => text(&Value::Array(violations(op.name, &wire::validate(op, &value)))),
        Err(e) => text(&input_error(format!("the request is not JSON: {e}"))),
    }
}

/// The operation an action names (wire or method name), or the input error to answer.
fn operation(action: &str) -> Result<&'static Operation, Value> {
    resolve(action).map_err(|_| input_error(format!("unknown action {action:?}")))
}

/// JSON text of a value: `serde_json::to_string` writes into a `Vec` directly, where `Value`'s
/// `Display` (`.to_string()`) goes through `core::fmt` a piece at a time, several times slower.
fn text(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn sign_json(input: &str) -> Result<Value, Value> {
    let mut input: Value =
        serde_json::from_str(input).map_err(|e| input_error(format!("the input is not JSON: {e}")))?;
    // Taken out of the input rather than copied: the request is the big part.
    let request = input.get_mut("request").map(Value::take).unwrap_or(Value::Null);
    let text = |key: &str| input.get(key).and_then(Value::as_str);
    let required = |key: &str| text(key).ok_or_else(|| input_error(format!("`{key}` must be a string")));
    let mut credentials = Credentials::new(required("accessKeyId")?, required("accessKeySecret")?);
    credentials.security_token = text("securityToken").map(str::to_string);
    let options = RequestOptions {
        signature_version: match text("signatureVersion") {
            Some("v1") => SignatureVersion::V1,
            None | Some("v3") => SignatureVersion::V3,
            Some(other) => {
                return Err(input_error(format!("signatureVersion must be \"v1\" or \"v3\", got {other:?}")))
            }
        },
        method: match text("method") {
            None | Some("POST") => Method::Post,
            Some("GET") => Method::Get,
            Some(other) => return Err(input_error(format!("method must be \"POST\" or \"GET\", got {other:?}"))),
        },
        endpoint: text("endpoint").map(str::to_string),
        proxy_base_url: text("proxyBaseUrl").map(str::to_string),
        strictness: match text("strictness") {
            None | Some("strict") => Strictness::Strict,
            Some("lenient") => Strictness::Lenient,
            Some(other) => {
                return Err(input_error(format!("strictness must be \"strict\" or \"lenient\", got {other:?}")))
            }
        },
    };
    let seconds = input
        .get("timestamp")
        .and_then(Value::as_i64)
        .ok_or_else(|| input_error("`timestamp` must be unix seconds".into()))?;
    let ctx = SigningContext { timestamp: Timestamp::from_unix_seconds(seconds), nonce: required("nonce")? };
    match build(required("action")?, &request, &credentials, &options, &ctx) {
        Ok(signed) => Ok(json!({"ok": {
            "action": signed.action,
            "method": signed.method,
            "url": signed.url,
            "headers": signed.headers,
            "body": signed.body,
            "stringToSign": signed.string_to_sign,
            "canonicalRequest": signed.canonical_request,
            // As owned pairs, like the headers: one serializer for both.
            "params": signed.params.to_vec(),
            "warnings": violations(signed.action, &signed.warnings),
        }})),
        Err(BuildError::Validation(e)) => Err(json!({"error": {
            "kind": "validation",
            "operation": e.operation,
            "message": e.messages(Spelling::Sdk).join("\n"),
            "problems": violations(e.operation, &e.violations),
        }})),
        Err(other) => Err(input_error(other.to_string())),
    }
}
