//! RPC signature V1: `Signature = Base64(HMAC-SHA1(secret + "&", StringToSign))` with
//! `StringToSign = METHOD + "&" + enc("/") + "&" + enc(canonical query)`.

use super::digest::{base64, hmac_sha1};
use super::{Credentials, Secret, SigningContext};
use crate::wire::encode::{canonical_query, percent_encode};

/// The common parameters of a V1 request, as the official SDK sends them (including its lower-case
/// `Format=json`).
pub fn common_params(
    action: &str,
    version: &str,
    credentials: &Credentials,
    ctx: &SigningContext,
) -> Vec<(String, String)> {
    let mut params = vec![
        ("Action".to_string(), action.to_string()),
        ("Format".to_string(), "json".to_string()),
        ("Version".to_string(), version.to_string()),
        ("Timestamp".to_string(), ctx.timestamp.to_string()),
        ("SignatureNonce".to_string(), ctx.nonce.to_string()),
        ("SignatureMethod".to_string(), "HMAC-SHA1".to_string()),
        ("SignatureVersion".to_string(), "1.0".to_string()),
        ("AccessKeyId".to_string(), credentials.access_key_id.clone()),
    ];
    if let Some(token) = credentials.token() {
        params.push(("SecurityToken".to_string(), token.to_string()));
    }
    params
}

/// `METHOD&%2F&enc(canonical query)` over every parameter but `Signature`.
pub fn string_to_sign(method: &str, canonical_query: &str) -> String {
    format!("{method}&%2F&{}", percent_encode(canonical_query))
}

pub fn signature(secret: &Secret, string_to_sign: &str) -> String {
    let key = format!("{}&", secret.expose_secret());
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
        format!("{}&Signature={}", self.canonical_query, percent_encode(&self.signature))
    }
}

/// Signs a complete parameter set (operation and common parameters, without `Signature`).
pub fn sign(method: &str, params: &[(&str, &str)], secret: &Secret) -> Signed {
    let canonical_query = canonical_query(params);
    let string_to_sign = string_to_sign(method, &canonical_query);
    let signature = signature(secret, &string_to_sign);
    Signed { canonical_query, string_to_sign, signature }
}
