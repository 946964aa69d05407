//! ACS3-HMAC-SHA256:
//! `Authorization: ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<h1;h2>,Signature=<hex>` with
//! `Signature = hex(HMAC-SHA256(secret, "ACS3-HMAC-SHA256\n" + hex(SHA256(CanonicalRequest))))`.

use super::digest::{hex, hmac_sha256, push_hex, sha256};
use super::{Credentials, Secret, SigningContext};
use crate::wire::encode::{canonical_query, small_sort};
use std::borrow::Cow;

pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// `hex(SHA256(""))`, the payload hash of a call without a body (every RPC call the client makes).
pub const EMPTY_PAYLOAD_HASH: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Canonical headers (`name:value\n`, sorted, names lower-case, values trimmed, repeated names
/// joined by commas) and the `;`-joined signed header names, over the headers given (the signer
/// passes the ones it signs; a verifier, the ones the `Authorization` header lists).
pub fn canonical_headers(headers: &[(&str, impl AsRef<str>)]) -> (String, String) {
    let mut sorted = Vec::with_capacity(headers.len());
    for (name, value) in headers {
        // The signer's names are lower-case already: only a verifier's may need a copy.
        let name = match name.bytes().any(|b| b.is_ascii_uppercase()) {
            true => Cow::Owned(name.to_ascii_lowercase()),
            false => Cow::Borrowed(*name),
        };
        sorted.push((name, value.as_ref().trim()));
    }
    // By name, then by value: a repeated name's values are joined in order.
    small_sort(&mut sorted, |a, b| (&a.0, a.1) < (&b.0, b.1));
    write_canonical_headers(sorted.iter().map(|(name, value)| (&**name, *value)))
}

/// [`canonical_headers`] of headers already sorted by name, with lower-case names and trimmed
/// values.
fn write_canonical_headers<'a>(sorted: impl Iterator<Item = (&'a str, &'a str)> + Clone) -> (String, String) {
    let size = sorted.clone().map(|(name, value)| name.len() + value.len() + 2).sum();
    let (mut canonical, mut names) = (String::with_capacity(size), String::with_capacity(size));
    let mut last = None;
    for (name, value) in sorted {
        if last == Some(name) {
            canonical.pop();
            canonical.push(',');
        } else {
            if last.is_some() {
                names.push(';');
            }
            names.push_str(name);
            canonical.push_str(name);
            canonical.push(':');
        }
        canonical.push_str(value);
        canonical.push('\n');
        last = Some(name);
    }
    (canonical, names)
}

/// `METHOD\nPATH\nQUERY\nHEADERS\nSIGNED_HEADERS\nPAYLOAD_HASH`, `QUERY` already canonical
/// ([`canonical_query`]).
pub fn canonical_request(
    method: &str,
    path: &str,
    canonical_query: &str,
    canonical_headers: &str,
    signed_headers: &str,
    payload_hash: &str,
) -> String {
    [method, "\n", path, "\n", canonical_query, "\n", canonical_headers, "\n", signed_headers, "\n", payload_hash]
        .concat()
}

pub fn string_to_sign(canonical_request: &str) -> String {
    let mut out = String::with_capacity(ALGORITHM.len() + 65);
    out.push_str(ALGORITHM);
    out.push('\n');
    push_hex(&mut out, &sha256(canonical_request.as_bytes()));
    out
}

pub fn signature(secret: &Secret, string_to_sign: &str) -> String {
    hex(&hmac_sha256(secret.expose_secret().as_bytes(), string_to_sign.as_bytes()))
}

/// The parts of an `Authorization: ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    pub access_key_id: String,
    /// Lower-case header names, in the order given.
    pub signed_headers: Vec<String>,
    pub signature: String,
}

impl Authorization {
    /// Parses the header value; `None` when it is not an ACS3-HMAC-SHA256 authorization.
    pub fn parse(value: &str) -> Option<Authorization> {
        let rest = value.trim().strip_prefix(ALGORITHM)?.strip_prefix(' ')?;
        let (mut id, mut headers, mut signature) = (None, None, None);
        for part in rest.split(',') {
            let (key, val) = part.trim().split_once('=')?;
            match key {
                "Credential" => id = Some(val.to_string()),
                "SignedHeaders" => headers = Some(val.split(';').map(|h| h.to_ascii_lowercase()).collect()),
                "Signature" => signature = Some(val.to_string()),
                _ => return None,
            }
        }
        Some(Authorization { access_key_id: id?, signed_headers: headers?, signature: signature? })
    }
}

/// A V3-signed request: the headers to send (signed ones plus `Authorization`) and the steps.
#[derive(Debug, Clone)]
pub struct Signed {
    /// The signed headers followed by `Authorization` (names as sent: the signer's own).
    pub headers: Vec<(&'static str, String)>,
    /// The query as signed, which is also the query to send.
    pub canonical_query: String,
    pub canonical_request: String,
    pub string_to_sign: String,
    pub signature: String,
}

/// What a V3 signature covers besides the credentials and the context.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub method: &'a str,
    pub host: &'a str,
    pub action: &'a str,
    pub version: &'a str,
    pub query: &'a [(&'a str, &'a str)],
    pub body: &'a [u8],
    /// Set when there is a body.
    pub content_type: Option<&'a str>,
}

/// The headers a V3 signature covers, in the order their names sort (so none needs sorting).
fn headers(
    input: &Input,
    credentials: &Credentials,
    ctx: &SigningContext,
    payload_hash: &str,
) -> Vec<(&'static str, String)> {
    let mut headers: Vec<(&'static str, String)> = Vec::with_capacity(10);
    if let Some(content_type) = input.content_type {
        headers.push(("content-type", content_type.into()));
    }
    headers.push(("host", input.host.into()));
    let token = credentials.token();
    if token.is_some() {
        // The official SDK names the key id in a header too when it sends a token.
        headers.push(("x-acs-accesskey-id", credentials.access_key_id.clone()));
    }
    headers.extend([
        ("x-acs-action", input.action.into()),
        ("x-acs-content-sha256", payload_hash.into()),
        ("x-acs-date", ctx.timestamp.text()),
    ]);
    if let Some(token) = token {
        headers.push(("x-acs-security-token", token.into()));
    }
    headers.extend([("x-acs-signature-nonce", ctx.nonce.into()), ("x-acs-version", input.version.into())]);
    debug_assert!(headers.windows(2).all(|pair| pair[0].0 < pair[1].0), "signed headers in order");
    headers
}

pub fn sign(input: &Input, credentials: &Credentials, ctx: &SigningContext) -> Signed {
    let payload_hash = match input.body {
        b"" => Cow::Borrowed(EMPTY_PAYLOAD_HASH),
        body => Cow::Owned(hex(&sha256(body))),
    };
    let mut headers = headers(input, credentials, ctx, &payload_hash);
    let (canonical, signed_names) = write_canonical_headers(headers.iter().map(|(name, value)| (*name, value.trim())));
    let query = canonical_query(input.query);
    let canonical_request = canonical_request(input.method, "/", &query, &canonical, &signed_names, &payload_hash);
    let string_to_sign = string_to_sign(&canonical_request);
    let signature = signature(&credentials.access_key_secret, &string_to_sign);
    let authorization = [
        ALGORITHM,
        " Credential=",
        &credentials.access_key_id,
        ",SignedHeaders=",
        &signed_names,
        ",Signature=",
        &signature,
    ]
    .concat();
    headers.push(("Authorization", authorization));
    Signed { headers, canonical_query: query, canonical_request, string_to_sign, signature }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_authorization_headers() {
        let auth =
            Authorization::parse("ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host;X-Acs-Date,Signature=abc").unwrap();
        assert_eq!(auth.access_key_id, "id");
        assert_eq!(auth.signed_headers, ["host", "x-acs-date"]);
        assert_eq!(auth.signature, "abc");
        assert!(Authorization::parse("ACS3-HMAC-SHA1 Credential=id,SignedHeaders=host,Signature=abc").is_none());
        assert!(Authorization::parse("ACS3-HMAC-SHA256 Credential=id").is_none());
    }

    #[test]
    fn canonical_headers_group_sort_and_trim() {
        let (canonical, names) =
            canonical_headers(&[("X-Acs-B", " 2 "), ("host", "h"), ("x-acs-b", "1"), ("X-ACS-A", "a")]);
        assert_eq!(canonical, "host:h\nx-acs-a:a\nx-acs-b:1,2\n");
        assert_eq!(names, "host;x-acs-a;x-acs-b");
    }
}
