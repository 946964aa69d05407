//! The input of `sign`, read in one pass over its members (a lookup per member would scan the
//! object each time), with an input error that names the member for anything malformed.

use crate::answers::input_error;
use ecsimg_core::json::{Json, Kind, Node};
use ecsimg_core::validate::problem::quote;
use ecsimg_core::wire::number::Decimal;
use ecsimg_core::{Credentials, Method, RequestOptions, SignatureVersion, Strictness, Timestamp};
use std::borrow::Cow;

/// The members `sign` reads; the others are ignored.
#[derive(Default)]
pub struct Input<'a> {
    pub action: Option<Node<'a>>,
    pub request: Option<Node<'a>>,
    access_key_id: Option<Node<'a>>,
    access_key_secret: Option<Node<'a>>,
    security_token: Option<Node<'a>>,
    signature_version: Option<Node<'a>>,
    method: Option<Node<'a>>,
    endpoint: Option<Node<'a>>,
    proxy_base_url: Option<Node<'a>>,
    strictness: Option<Node<'a>>,
    timestamp: Option<Node<'a>>,
    pub nonce: Option<Node<'a>>,
    brief: Option<Node<'a>>,
}

impl<'a> Input<'a> {
    pub fn read(object: Node<'a>) -> Input<'a> {
        let mut input = Input::default();
        for (key, value) in object.entries() {
            let slot = match &*key {
                "action" => &mut input.action,
                "request" => &mut input.request,
                "accessKeyId" => &mut input.access_key_id,
                "accessKeySecret" => &mut input.access_key_secret,
                "securityToken" => &mut input.security_token,
                "signatureVersion" => &mut input.signature_version,
                "method" => &mut input.method,
                "endpoint" => &mut input.endpoint,
                "proxyBaseUrl" => &mut input.proxy_base_url,
                "strictness" => &mut input.strictness,
                "timestamp" => &mut input.timestamp,
                "nonce" => &mut input.nonce,
                "brief" => &mut input.brief,
                _ => continue,
            };
            *slot = Some(value);
        }
        input
    }

    pub fn credentials(&self) -> Result<Credentials, String> {
        let id = required(self.access_key_id, "accessKeyId")?.into_owned();
        let mut credentials = Credentials::new(id, required(self.access_key_secret, "accessKeySecret")?.into_owned());
        credentials.security_token = text(self.security_token).map(Cow::into_owned);
        Ok(credentials)
    }

    pub fn options(&self) -> Result<RequestOptions, String> {
        let version = [("v1", SignatureVersion::V1), ("v3", SignatureVersion::V3)];
        let methods = [("POST", Method::Post), ("GET", Method::Get)];
        let strictness = [("strict", Strictness::Strict), ("lenient", Strictness::Lenient)];
        Ok(RequestOptions {
            signature_version: choice(self.signature_version, "signatureVersion", &version)?
                .unwrap_or(SignatureVersion::V3),
            method: choice(self.method, "method", &methods)?.unwrap_or(Method::Post),
            endpoint: text(self.endpoint).map(Cow::into_owned),
            proxy_base_url: text(self.proxy_base_url).map(Cow::into_owned),
            strictness: choice(self.strictness, "strictness", &strictness)?.unwrap_or(Strictness::Strict),
        })
    }

    /// `brief: true`: the answer leaves out what only a presigned request shows (the canonical
    /// request and the parameters), which a call does not read.
    pub fn brief(&self) -> bool {
        self.brief.is_some_and(|b| b.kind() == Kind::Bool(true))
    }

    /// Unix seconds: an integer number.
    pub fn timestamp(&self) -> Result<Timestamp, String> {
        let seconds = self
            .timestamp
            .filter(|t| t.kind() == Kind::Number)
            .and_then(Json::number)
            .and_then(|n| Decimal::parse(&n).integer())
            .and_then(|n| i64::try_from(n).ok());
        seconds.map(Timestamp::from_unix_seconds).ok_or_else(|| input_error("`timestamp` must be unix seconds"))
    }
}

/// A string member's value, if it is one.
fn text(member: Option<Node>) -> Option<Cow<str>> {
    member.and_then(Json::str)
}

pub fn required<'a>(member: Option<Node<'a>>, key: &str) -> Result<Cow<'a, str>, String> {
    text(member).ok_or_else(|| input_error(&["`", key, "` must be a string"].concat()))
}

/// One of a few words, `None` when absent; anything else is an input error that lists them.
fn choice<T: Copy>(member: Option<Node>, key: &str, words: &[(&str, T)]) -> Result<Option<T>, String> {
    let Some(given) = text(member) else { return Ok(None) };
    match words.iter().find(|(word, _)| *word == given) {
        Some((_, value)) => Ok(Some(*value)),
        None => {
            let allowed: Vec<String> = words.iter().map(|(w, _)| ["\"", w, "\""].concat()).collect();
            Err(input_error(&[key, " must be ", &allowed.join(" or "), ", got ", &quote(&given)].concat()))
        }
    }
}
