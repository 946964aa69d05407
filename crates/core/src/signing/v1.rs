//! RPC signature V1: `Signature = Base64(HMAC-SHA1(secret + "&", StringToSign))` with
//! `StringToSign = METHOD + "&" + enc("/") + "&" + enc(canonical query)`.

use super::digest::{base64, hmac_sha1};
use super::{Credentials, Secret, SigningContext};
use crate::wire::encode::{canonical_query_encoded, percent_encode_after};

/// The common parameters of a V1 request, as the official SDK sends them (including its lower-case
/// `Format=json`), borrowed: `timestamp` is `ctx.timestamp.text()`, kept by the caller.
pub fn common_params<'a>(
    action: &'a str,
    version: &'a str,
    credentials: &'a Credentials,
    ctx: &SigningContext<'a>,
    timestamp: &'a str,
) -> Vec<(&'static str, &'a str)> {
    let mut params = vec![
        ("Action", action),
        ("Format", "json"),
        ("Version", version),
        ("Timestamp", timestamp),
        ("SignatureNonce", ctx.nonce),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("AccessKeyId", credentials.access_key_id.as_str()),
    ];
    if let Some(token) = credentials.token() {
        params.push(("SecurityToken", token));
    }
    params
}

/// What follows the method in a string to sign, `METHOD&%2F&enc(canonical query)`: `&`, the
/// encoded path `/`, `&`.
const STRING_TO_SIGN_PATH: &str = "&%2F&";

pub fn signature(secret: &Secret, string_to_sign: &str) -> String {
    let key = [secret.expose_secret(), "&"].concat();
    base64(&hmac_sha1(key.as_bytes(), string_to_sign.as_bytes()))
}

/// A V1-signed parameter set.
#[derive(Debug, Clone)]
pub struct Signed {
    pub canonical_query: String,
    pub string_to_sign: String,
    pub signature: String,
}

impl Signed {
    /// The query string to send: the canonical query followed by the signature.
    pub fn query(&self) -> String {
        percent_encode_after(&[&self.canonical_query, "&Signature="], &self.signature)
    }
}

/// Signs a complete parameter set (operation and common parameters, without `Signature`).
pub fn sign(method: &str, params: &[(&str, &str)], secret: &Secret) -> Signed {
    let (canonical_query, string_to_sign) = canonical_query_encoded(params, &[method, STRING_TO_SIGN_PATH]);
    let signature = signature(secret, &string_to_sign);
    Signed { canonical_query, string_to_sign, signature }
}
