//! The answers the JavaScript client reads, written as JSON text: a signed request, problems, and
//! the error objects it turns into `EcsError`s.

use crate::problems;
use ecsimg_core::json::write::{push_quoted, Members};
use ecsimg_core::validate::Violation;
use ecsimg_core::{ApiError, DecodeError, SignedRequest, Spelling};

/// `{error: {kind: "input", message}}`: the input itself was wrong (not JSON, an unknown action).
pub fn input_error(message: &str) -> String {
    let mut out = String::with_capacity(message.len() + 40);
    let mut answer = Members::object(&mut out);
    let mut error = Members::object(answer.key("error"));
    error.str("kind", "input").str("message", message);
    error.close();
    answer.close();
    out
}

/// `[{path, wirePath, kind, structural, problem}]`, `problem` as [`problems::problem`] writes it
/// (the client says each in words).
pub fn violations(out: &mut String, list: &[Violation]) {
    let mut items = Members::array(out);
    for v in list {
        let mut item = Members::object(items.item());
        item.str("path", &v.path.render(Spelling::Sdk))
            .str("wirePath", &v.path.render(Spelling::Wire))
            .str("kind", v.problem.kind().as_str())
            .bool("structural", v.problem.is_structural());
        problems::problem(item.key("problem"), &v.problem);
        item.close();
    }
    items.close();
}

/// `{ok: {action, method, url, headers: [[name, value]], body, stringToSign, canonicalRequest,
/// params: [[key, value]], warnings}}`; `brief` leaves out the canonical request and the params.
pub fn signed(signed: &SignedRequest, brief: bool) -> String {
    let mut out = String::with_capacity(signed.url.len() * 3 + 1024);
    let mut answer = Members::object(&mut out);
    let mut ok = Members::object(answer.key("ok"));
    ok.str("action", signed.action).str("method", signed.method).str("url", &signed.url);
    pairs(ok.key("headers"), signed.headers.iter().map(|(k, v)| (*k, v.as_str())));
    ok.str("body", &signed.body).str("stringToSign", &signed.string_to_sign);
    if !brief {
        ok.opt_str("canonicalRequest", signed.canonical_request.as_deref());
        pairs(ok.key("params"), signed.params.iter());
    }
    violations(ok.key("warnings"), &signed.warnings);
    ok.close();
    answer.close();
    out
}

fn pairs<'a>(out: &mut String, list: impl Iterator<Item = (&'a str, &'a str)>) {
    let mut items = Members::array(out);
    for (key, value) in list {
        let mut pair = Members::array(items.item());
        push_quoted(pair.item(), key);
        push_quoted(pair.item(), value);
        pair.close();
    }
    items.close();
}

/// `{error: {kind: "validation", operation, problems}}`
pub fn validation_error(operation: &str, list: &[Violation]) -> String {
    let mut out = String::with_capacity(512);
    let mut answer = Members::object(&mut out);
    let mut error = Members::object(answer.key("error"));
    error.str("kind", "validation").str("operation", operation);
    violations(error.key("problems"), list);
    error.close();
    answer.close();
    out
}

/// `{error: {kind: "api", ...}}`
pub fn api_error(operation: &str, e: &ApiError) -> String {
    let mut out = String::with_capacity(e.message.len() + 512);
    let mut answer = Members::object(&mut out);
    let mut error = Members::object(answer.key("error"));
    error
        .str("kind", "api")
        .str("operation", operation)
        .raw("httpStatus", &number(e.http_status.into()))
        .str("code", &e.code)
        .str("message", &e.message)
        .opt_str("requestId", e.request_id.as_deref())
        .opt_str("hostId", e.host_id.as_deref())
        .opt_str("recommend", e.recommend.as_deref())
        .bool("retryable", e.retryable())
        .bool("throttling", e.is_throttling())
        .bool("clockSkew", e.is_clock_skew())
        .opt_str("serverStringToSign", e.server_string_to_sign.as_deref())
        .opt_str("clientStringToSign", e.client_string_to_sign.as_deref());
    error.close();
    answer.close();
    out
}

/// `{error: {kind: "decode", ...}}`
pub fn decode_error(e: &DecodeError) -> String {
    let mut out = String::with_capacity(e.excerpt.len() + 256);
    let mut answer = Members::object(&mut out);
    let mut error = Members::object(answer.key("error"));
    error
        .str("kind", "decode")
        .str("operation", e.operation)
        .raw("httpStatus", &number(e.http_status.into()))
        .str("message", &e.message())
        .bool("truncated", e.truncated)
        .bool("retryable", e.retryable())
        .str("excerpt", &e.excerpt);
    error.close();
    answer.close();
    out
}

fn number(n: u64) -> String {
    let mut out = String::new();
    ecsimg_core::wire::number::push_decimal(&mut out, n);
    out
}
