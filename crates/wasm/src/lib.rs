//! The WebAssembly half of the `ecsimg` npm package: ecsimg-core's validation, signing and
//! decoding, exposed to the JavaScript client as a few functions that take and return JSON text.
//!
//! JSON text keeps the boundary thin (no per-type glue, so the module stays small) and every value
//! crossing it is plain data. The text is read in place (`ecsimg_core::json::Doc`) and answers are
//! written straight into a string: no value tree on either side, and no serde_json in the module.
//! The JavaScript side owns I/O: fetch, clocks, randomness, timers.

mod answers;
mod input;
mod problems;

use answers::{api_error, decode_error, input_error, validation_error, violations};
use ecsimg_core::catalogue::Operation;
use ecsimg_core::json::{Doc, Node};
use ecsimg_core::{build, request::resolve, response, wire, BuildError, SigningContext};
use input::{required, Input};
use wasm_bindgen::prelude::*;

// SAFETY: the module runs on one thread (a wasm instance without shared memory).
#[cfg(all(target_arch = "wasm32", feature = "small-allocator"))]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// Signs one call. `input` is
/// `{action, request, accessKeyId, accessKeySecret, securityToken?, signatureVersion: "v1"|"v3",
///   method: "POST"|"GET", endpoint?, proxyBaseUrl?, strictness?: "strict"|"lenient",
///   timestamp: unix seconds, nonce, brief?: boolean}`;
/// the answer `{ok: {action, method, url, headers: [[name, value]], body, stringToSign,
/// canonicalRequest, params: [[key, value]], warnings}}` (without `canonicalRequest` and `params`
/// when `brief`) or `{error: {kind, ...}}`.
#[wasm_bindgen]
pub fn sign(input: &str) -> String {
    match Doc::parse(input) {
        Ok(doc) => sign_input(doc.root()).unwrap_or_else(|e| e),
        Err(e) => input_error(&["the input is not JSON: ", &e.message()].concat()),
    }
}

/// Decodes the answer to a call: `{ok: {body}}` (the body in the official TS SDK's shape; the
/// client unwraps its lists) or `{error: {kind: "api"|"decode", ...}}`. `string_to_sign` is what
/// the call signed, put beside the server's on signature errors.
#[wasm_bindgen]
pub fn decode(action: &str, status: u16, body: &[u8], string_to_sign: &str) -> String {
    let op = match operation(action) {
        Ok(op) => op,
        Err(e) => return e,
    };
    match response::decode(op, status, body) {
        Ok(body) => ["{\"ok\":{\"body\":", &body, "}}"].concat(),
        Err(response::ResponseError::Api(mut e)) => {
            if e.is_signature_mismatch() {
                e.client_string_to_sign = Some(string_to_sign.to_string());
            }
            api_error(op.name, &e)
        }
        Err(response::ResponseError::Decode(e)) => decode_error(&e),
    }
}

/// Every problem of a request, signing nothing: `[{path, wirePath, kind, structural, problem}]`,
/// each `problem` a code and its values (`{code: "length", min: 2, max: 128, got: 1}`), which the
/// client says in words.
#[wasm_bindgen]
pub fn validate(action: &str, request: &str) -> String {
    let op = match operation(action) {
        Ok(op) => op,
        Err(e) => return e,
    };
    match Doc::parse(request) {
        Ok(doc) => {
            let mut out = String::new();
            violations(&mut out, &wire::validate(op, doc.root()));
            out
        }
        Err(e) => input_error(&["the request is not JSON: ", &e.message()].concat()),
    }
}

/// The operation an action names (wire or method name), or the input error to answer.
fn operation(action: &str) -> Result<&'static Operation, String> {
    resolve(action)
        .map_err(|_| input_error(&["unknown action ", &ecsimg_core::validate::problem::quote(action)].concat()))
}

fn sign_input(input: Node) -> Result<String, String> {
    let input = Input::read(input);
    let credentials = input.credentials()?;
    let options = input.options()?;
    let nonce = required(input.nonce, "nonce")?;
    let ctx = SigningContext { timestamp: input.timestamp()?, nonce: &nonce };
    let action = required(input.action, "action")?;
    // An absent request is `null`, which the core reads as an object with no members (parsed
    // only then: a call has its request).
    let absent;
    let request = match input.request {
        Some(request) => request,
        None => {
            absent = Doc::parse("null").map_err(|e| input_error(&e.message()))?;
            absent.root()
        }
    };
    match build(&action, request, &credentials, &options, &ctx) {
        Ok(signed) => Ok(answers::signed(&signed, input.brief())),
        Err(BuildError::Validation(e)) => Err(validation_error(e.operation, &e.violations)),
        Err(other) => Err(input_error(&other.input_message().unwrap_or_default())),
    }
}
