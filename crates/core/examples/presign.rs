//! Signs calls without sending them: one JSON object per input line, one per output line.
//!
//! ```text
//! echo '{"action":"DeleteImage","request":{"regionId":"cn-hangzhou","imageId":"m-1"},
//!        "accessKeyId":"id","accessKeySecret":"secret","signatureVersion":"v3","method":"POST",
//!        "endpoint":"ecs.cn-hangzhou.aliyuncs.com","timestamp":"2026-01-01T00:00:00Z","nonce":"n1"}' \
//!   | cargo run -q -p ecsimg-core --example presign
//! ```
//!
//! Output: `{"method","url","headers","body","stringToSign","canonicalRequest","warnings"}` or
//! `{"error":{...}}`. Optional input keys: `securityToken`, `proxyBaseUrl`, `strictness`
//! (`"strict"` | `"lenient"`). The differential tests against the official SDK drive this.

use ecsimg_core::validate::Violation;
use ecsimg_core::{
    build, BuildError, Credentials, Method, RequestOptions, SignatureVersion, SigningContext, Spelling, Strictness,
    Timestamp,
};
use serde_json::{json, Map, Value};
use std::io::{self, BufRead, Write};

fn main() {
    let stdin = io::stdin();
    let mut stdout = io::stdout().lock();
    for line in stdin.lock().lines() {
        let line = line.expect("read stdin");
        if line.trim().is_empty() {
            continue;
        }
        let answer = match serde_json::from_str::<Value>(&line) {
            Ok(input) => presign(&input).unwrap_or_else(|e| e),
            Err(e) => input_error(format!("the line is not JSON: {e}")),
        };
        writeln!(stdout, "{answer}").expect("write stdout");
        stdout.flush().expect("flush stdout");
    }
}

fn presign(input: &Value) -> Result<Value, Value> {
    let text = |key: &str| -> Result<&str, Value> {
        input.get(key).and_then(Value::as_str).ok_or_else(|| input_error(format!("`{key}` must be a string")))
    };
    let optional = |key: &str| input.get(key).and_then(Value::as_str).map(str::to_string);
    let mut credentials = Credentials::new(text("accessKeyId")?, text("accessKeySecret")?);
    credentials.security_token = optional("securityToken");
    let signature_version = match input.get("signatureVersion").and_then(Value::as_str).unwrap_or("v3") {
        "v1" => SignatureVersion::V1,
        "v3" => SignatureVersion::V3,
        other => return Err(input_error(format!("`signatureVersion` must be \"v1\" or \"v3\", got {other:?}"))),
    };
    let method = match input.get("method").and_then(Value::as_str).unwrap_or("POST") {
        "POST" => Method::Post,
        "GET" => Method::Get,
        other => return Err(input_error(format!("`method` must be \"POST\" or \"GET\", got {other:?}"))),
    };
    let strictness = match input.get("strictness").and_then(Value::as_str).unwrap_or("strict") {
        "strict" => Strictness::Strict,
        "lenient" => Strictness::Lenient,
        other => return Err(input_error(format!("`strictness` must be \"strict\" or \"lenient\", got {other:?}"))),
    };
    let timestamp = text("timestamp")?;
    let timestamp = Timestamp::parse(timestamp)
        .ok_or_else(|| input_error(format!("`timestamp` must look like 2016-02-23T12:46:24Z, got {timestamp:?}")))?;
    let options = RequestOptions {
        signature_version,
        method,
        endpoint: optional("endpoint"),
        proxy_base_url: optional("proxyBaseUrl"),
        strictness,
    };
    let ctx = SigningContext { timestamp, nonce: text("nonce")? };
    let request = input.get("request").cloned().unwrap_or(Value::Null);
    match build(text("action")?, &request, &credentials, &options, &ctx) {
        Ok(signed) => {
            let headers: Map<String, Value> =
                signed.headers.into_iter().map(|(k, v)| (k.to_string(), Value::String(v))).collect();
            let warnings: Vec<Value> = signed.warnings.iter().map(|w| violation(signed_op(input), w)).collect();
            Ok(json!({
                "method": signed.method,
                "url": signed.url,
                "headers": headers,
                "body": signed.body,
                "stringToSign": signed.string_to_sign,
                "canonicalRequest": signed.canonical_request,
                "warnings": warnings,
            }))
        }
        Err(BuildError::Validation(e)) => {
            let violations: Vec<Value> = e.violations.iter().map(|v| violation(e.operation, v)).collect();
            Err(json!({"error": {
                "kind": "validation",
                "operation": e.operation,
                "messages": e.messages(Spelling::Sdk),
                "violations": violations,
            }}))
        }
        Err(other) => Err(json!({"error": {"kind": "request", "message": other.to_string()}})),
    }
}

fn signed_op(input: &Value) -> &str {
    input.get("action").and_then(Value::as_str).unwrap_or("")
}

fn violation(operation: &str, v: &Violation) -> Value {
    json!({
        "path": v.path.render(Spelling::Sdk),
        "wirePath": v.path.render(Spelling::Wire),
        "kind": v.problem.kind().as_str(),
        "message": v.message(operation, Spelling::Sdk),
    })
}

fn input_error(message: String) -> Value {
    json!({"error": {"kind": "input", "message": message}})
}
