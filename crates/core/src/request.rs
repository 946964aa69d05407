//! `action + request + credentials + options → SignedRequest`, with no HTTP library: the caller's
//! transport moves the bytes.

use crate::catalogue::{self, Operation, ENDPOINT, OPERATIONS, VERSION};
use crate::json::Json;
use crate::signing::{v1, v3, Credentials, SignatureVersion, SigningContext};
use crate::validate::problem::quote;
use crate::validate::text::is_region_id;
use crate::validate::{Strictness, ValidationError, Violation};
use crate::wire::{self, Pairs};
use std::fmt;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Method {
    /// What the official SDK sends: every parameter in the query string, empty body.
    #[default]
    Post,
    Get,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Post => "POST",
            Method::Get => "GET",
        }
    }
}

/// How to build a request. The defaults are the official SDK's: V3, POST, HTTPS to the regional
/// endpoint, strict validation.
#[derive(Debug, Clone, Default)]
pub struct RequestOptions {
    pub signature_version: SignatureVersion,
    pub method: Method,
    /// The endpoint to sign for: a host (`ecs.cn-hangzhou.aliyuncs.com`, `127.0.0.1:9000`) or a URL
    /// with a scheme (`http://127.0.0.1:9000`). Default: the host the request will carry when it
    /// reaches the service, from the request's own `RegionId` (see [`signed_host`]).
    pub endpoint: Option<String>,
    /// Where to send the request instead (a same-origin proxy path such as `/api/ecs` or
    /// `https://console.example.com/api/ecs`). The proxy sets `Host` itself, so the signed host is
    /// the one it sends (see [`signed_host`]), or `endpoint` when that is given.
    pub proxy_base_url: Option<String>,
    pub strictness: Strictness,
}

/// A request ready for any transport.
#[derive(Debug, Clone, PartialEq)]
pub struct SignedRequest {
    /// Wire name of the operation (`CreateImage`).
    pub action: &'static str,
    pub method: &'static str,
    pub url: String,
    /// Includes `host` (the signed host): a transport that cannot set it (a browser) leaves it to
    /// the proxy, which sets it to the upstream.
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
    /// What was signed; compare it with the server's when it answers `SignatureDoesNotMatch`.
    pub string_to_sign: String,
    /// V3 only: the canonical request behind the string-to-sign.
    pub canonical_request: Option<String>,
    /// The operation's parameters as they travel (`Tag.1.Key`), without the signing ones: what a
    /// CLI command or a form preview shows.
    pub params: Pairs,
    pub warnings: Vec<Violation>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BuildError {
    UnknownOperation { name: String, suggestion: Option<&'static str> },
    Validation(ValidationError),
    InvalidOption { option: &'static str, reason: String },
}

impl BuildError {
    /// What is wrong with the call when it is not the request (an unknown operation, an option);
    /// `None` for a validation error. Apart from `Display`, so that a caller that sends a
    /// validation error's problems as data (the npm package's wasm) carries none of their words.
    pub fn input_message(&self) -> Option<String> {
        match self {
            BuildError::UnknownOperation { name, suggestion } => {
                let known = [&quote(name), " is not an operation of ECS ", VERSION, " that ecsimg knows"].concat();
                Some(match suggestion {
                    Some(s) => [&known, " (did you mean ", s, "?)"].concat(),
                    None => known,
                })
            }
            BuildError::Validation(_) => None,
            BuildError::InvalidOption { option, reason } => Some(["option ", option, ": ", reason].concat()),
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Validation(e) => e.fmt(f),
            other => f.write_str(&other.input_message().unwrap_or_default()),
        }
    }
}

impl std::error::Error for BuildError {}

impl From<ValidationError> for BuildError {
    fn from(e: ValidationError) -> Self {
        BuildError::Validation(e)
    }
}

/// An operation by wire name (`CreateImage`) or SDK method name (`createImage`).
pub fn resolve(action: &str) -> Result<&'static Operation, BuildError> {
    catalogue::operation(action).or_else(|| catalogue::operation_by_method(action)).ok_or_else(|| {
        BuildError::UnknownOperation {
            name: action.to_string(),
            suggestion: catalogue::suggest(action, OPERATIONS.iter().map(|op| op.name)),
        }
    })
}

/// Validates, flattens and signs one call.
pub fn build<'a>(
    action: &str,
    request: impl Json<'a>,
    credentials: &Credentials,
    options: &RequestOptions,
    ctx: &SigningContext,
) -> Result<SignedRequest, BuildError> {
    let op = resolve(action)?;
    let params = wire::prepare(op, request, options.strictness)?;
    let (scheme, host) = match &options.endpoint {
        Some(endpoint) => split_endpoint(endpoint)?,
        None => {
            let region = params.pairs.get("RegionId").unwrap_or("");
            ("https", signed_host(region, options.proxy_base_url.is_some())?)
        }
    };
    let method = options.method.as_str();
    let (query, headers, string_to_sign, canonical_request) = match options.signature_version {
        SignatureVersion::V1 => {
            let timestamp = ctx.timestamp.text();
            // The operation's pairs first: they come mostly sorted, and the few common ones
            // are sorted in among them.
            let common = v1::common_params(op.name, VERSION, credentials, ctx, &timestamp);
            let mut all = params.pairs.to_refs(common.len());
            all.extend(common);
            let signed = v1::sign(method, &all, &credentials.access_key_secret);
            let headers = vec![
                ("host", host.clone()),
                ("x-acs-action", op.name.to_string()),
                ("x-acs-version", VERSION.to_string()),
            ];
            (signed.query(), headers, signed.string_to_sign, None)
        }
        SignatureVersion::V3 => {
            let input = v3::Input {
                method,
                host: &host,
                action: op.name,
                version: VERSION,
                query: &params.pairs.to_refs(0),
                body: b"",
                content_type: None,
            };
            let signed = v3::sign(&input, credentials, ctx);
            (signed.canonical_query, signed.headers, signed.string_to_sign, Some(signed.canonical_request))
        }
    };
    let proxy = options.proxy_base_url.as_deref().map(|p| p.trim_end_matches('/'));
    let mut url = String::with_capacity(proxy.map_or(0, str::len) + host.len() + query.len() + 10);
    match proxy {
        Some(proxy) => url.push_str(proxy),
        None => [scheme, "://", &host].iter().for_each(|part| url.push_str(part)),
    }
    url.push('/');
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query);
    }
    Ok(SignedRequest {
        action: op.name,
        method,
        url,
        headers,
        body: String::new(),
        string_to_sign,
        canonical_request,
        params: params.pairs,
        warnings: params.warnings,
    })
}

/// The host signed for a call with no explicit endpoint: the `Host` the service will receive.
///
/// - direct: the region's endpoint as the official SDK resolves it, `ENDPOINT.host(RegionId)`;
/// - through a proxy: `ecs.<RegionId>.aliyuncs.com`, `ENDPOINT.regional_host(RegionId)`, the host
///   web/nginx/ecsimg.conf sets from the same `RegionId` (one rule for both sides, per call, so a
///   waiter or paginator in another region than the client's signs that region's host).
pub fn signed_host(region: &str, proxied: bool) -> Result<String, BuildError> {
    // Even when lenient validation lets an odd region through, it must not reshape the URL.
    if !is_region_id(region) {
        return Err(BuildError::InvalidOption {
            option: "regionId",
            reason: [&quote(region), " cannot name an endpoint; give an endpoint explicitly"].concat(),
        });
    }
    Ok(if proxied { ENDPOINT.regional_host(region) } else { ENDPOINT.host(region) })
}

/// `(scheme, host)` of an endpoint given as a host or as a URL.
fn split_endpoint(endpoint: &str) -> Result<(&'static str, String), BuildError> {
    let (scheme, rest) = if let Some(rest) = endpoint.strip_prefix("https://") {
        ("https", rest)
    } else if let Some(rest) = endpoint.strip_prefix("http://") {
        ("http", rest)
    } else if crate::search::find(endpoint, "://").is_some() {
        return Err(BuildError::InvalidOption {
            option: "endpoint",
            reason: ["unsupported scheme in ", &quote(endpoint)].concat(),
        });
    } else {
        ("https", endpoint)
    };
    let host = rest.trim_end_matches('/');
    let valid = !host.is_empty()
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    if !valid {
        return Err(BuildError::InvalidOption {
            option: "endpoint",
            reason: ["expected a host such as ecs.cn-hangzhou.aliyuncs.com, got ", &quote(endpoint)].concat(),
        });
    }
    Ok((scheme, host.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::Timestamp;
    use serde_json::json;

    fn ctx() -> SigningContext<'static> {
        SigningContext { timestamp: Timestamp::parse("2026-01-02T03:04:05Z").unwrap(), nonce: "n-1" }
    }

    #[test]
    fn signs_for_the_real_host_while_sending_to_the_proxy() {
        let options = RequestOptions { proxy_base_url: Some("/api/ecs/".into()), ..Default::default() };
        let req = json!({"regionId": "cn-beijing", "imageId": "m-1"});
        let creds = Credentials::new("id", "secret");
        let signed = build("DeleteImage", &req, &creds, &options, &ctx()).unwrap();
        assert_eq!(signed.url, "/api/ecs/?ImageId=m-1&RegionId=cn-beijing");
        assert!(signed.headers.contains(&("host", "ecs.cn-beijing.aliyuncs.com".into())));
        assert!(signed.canonical_request.unwrap().contains("\nhost:ecs.cn-beijing.aliyuncs.com\n"));
    }

    #[test]
    fn through_a_proxy_signs_the_host_the_proxy_sends_for_the_requests_own_region() {
        // cn-hangzhou's SDK endpoint is ecs-cn-hangzhou.aliyuncs.com; the proxy sends
        // ecs.cn-hangzhou.aliyuncs.com, built from the request's RegionId.
        let options = RequestOptions { proxy_base_url: Some("/api/ecs".into()), ..Default::default() };
        let creds = Credentials::new("id", "secret");
        for region in ["cn-hangzhou", "cn-shanghai", "ap-southeast-1"] {
            let req = json!({"regionId": region, "imageId": "m-1"});
            let signed = build("DeleteImage", &req, &creds, &options, &ctx()).unwrap();
            let host = format!("ecs.{region}.aliyuncs.com");
            assert!(signed.headers.contains(&("host", host)), "{region}: {:?}", signed.headers);
        }
        assert_eq!(signed_host("cn-hangzhou", false).unwrap(), "ecs-cn-hangzhou.aliyuncs.com");
        assert!(signed_host("cn-hangzhou.evil.com", true).is_err());
    }

    #[test]
    fn resolves_endpoints_like_the_official_sdk() {
        let creds = Credentials::new("id", "secret");
        let req = json!({"regionId": "cn-hangzhou", "imageId": "m-1"});
        let signed = build("deleteImage", &req, &creds, &RequestOptions::default(), &ctx()).unwrap();
        assert!(signed.url.starts_with("https://ecs-cn-hangzhou.aliyuncs.com/?"));
    }

    #[test]
    fn refuses_unknown_actions_and_bad_endpoints() {
        let creds = Credentials::new("id", "secret");
        let err = build("CreateImages", &json!({}), &creds, &RequestOptions::default(), &ctx()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"CreateImages\" is not an operation of ECS 2014-05-26 that ecsimg knows (did you mean CreateImage?)"
        );
        let options = RequestOptions { endpoint: Some("ftp://x".into()), ..Default::default() };
        let req = json!({"regionId": "cn-hangzhou", "imageId": "m-1"});
        assert!(matches!(build("DeleteImage", &req, &creds, &options, &ctx()), Err(BuildError::InvalidOption { .. })));
    }

    #[test]
    fn never_sends_the_secret() {
        let creds = Credentials::new("id", "TOP-SECRET").with_security_token("tok");
        for version in [SignatureVersion::V1, SignatureVersion::V3] {
            let options = RequestOptions { signature_version: version, ..Default::default() };
            let req = json!({"regionId": "cn-hangzhou", "imageId": "m-1"});
            let signed = build("DeleteImage", &req, &creds, &options, &ctx()).unwrap();
            assert!(!format!("{signed:?}").contains("TOP-SECRET"));
            assert!(!format!("{creds:?}").contains("TOP-SECRET"));
        }
    }
}
