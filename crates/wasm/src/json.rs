//! The error and problem objects the JavaScript client turns into `EcsError`s.

use ecsimg_core::validate::Violation;
use ecsimg_core::{ApiError, DecodeError, Spelling};
use serde_json::{json, Value};

pub fn input_error(message: String) -> Value {
    json!({"error": {"kind": "input", "message": message}})
}

pub fn violations(operation: &str, list: &[Violation]) -> Vec<Value> {
    list.iter()
        .map(|v| {
            json!({
                "path": v.path.render(Spelling::Sdk),
                "wirePath": v.path.render(Spelling::Wire),
                "kind": v.problem.kind().as_str(),
                "structural": v.problem.is_structural(),
                "message": v.message(operation, Spelling::Sdk),
            })
        })
        .collect()
}

pub fn api_error(operation: &str, e: &ApiError) -> Value {
    json!({
        "kind": "api",
        "operation": operation,
        "httpStatus": e.http_status,
        "code": e.code,
        "message": e.message,
        "requestId": e.request_id,
        "hostId": e.host_id,
        "recommend": e.recommend,
        "retryable": e.retryable(),
        "throttling": e.is_throttling(),
        "clockSkew": e.is_clock_skew(),
        "serverStringToSign": e.server_string_to_sign,
        "clientStringToSign": e.client_string_to_sign,
    })
}

pub fn decode_error(e: &DecodeError) -> Value {
    json!({
        "kind": "decode",
        "operation": e.operation,
        "httpStatus": e.http_status,
        "message": e.to_string(),
        "truncated": e.truncated,
        "retryable": e.retryable(),
        "excerpt": e.excerpt,
    })
}
