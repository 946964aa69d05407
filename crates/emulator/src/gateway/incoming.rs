//! What a request asks for, read as the gateway reads it: the method and path, the parameters (from
//! the query and, for a form POST, the body), and the action and version.

use super::params::decode_pairs;
use crate::error::ServiceError;
use crate::http::HttpRequest;
use ecsimg_core::catalogue::{operation, Operation, VERSION};

/// Parameters every V1 call carries besides the operation's own.
const COMMON_PARAMS: &[&str] = &[
    "Action",
    "Version",
    "Format",
    "AccessKeyId",
    "Signature",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "SignatureType",
    "Timestamp",
    "SecurityToken",
    "BearerToken",
];

pub struct Incoming<'r> {
    pub request: &'r HttpRequest,
    /// `GET` or `POST`.
    pub method: String,
    /// The query's pairs: what a V3 signature covers besides the headers.
    pub query: Vec<(String, String)>,
    /// The query's and a form body's pairs: what a V1 signature covers.
    pub pairs: Vec<(String, String)>,
    /// Signed with V3 (`Authorization`), whose action and version travel as `x-acs-*` headers.
    pub v3: bool,
}

impl<'r> Incoming<'r> {
    /// Method and path: the API answers `GET` and `POST` on `/` only.
    pub fn read(request: &'r HttpRequest) -> Result<Self, ServiceError> {
        let method = request.method.to_ascii_uppercase();
        if method != "GET" && method != "POST" {
            return Err(ServiceError::documented(None, "UnsupportedHTTPMethod"));
        }
        if request.path != "/" && !request.path.is_empty() {
            return Err(ServiceError::documented(None, "InvalidAction.NotFound"));
        }
        let query = decode_pairs(&request.query);
        let mut pairs = query.clone();
        if method == "POST"
            && request.header("content-type").is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"))
        {
            pairs.extend(decode_pairs(&String::from_utf8_lossy(&request.body)));
        }
        let v3 = request.header("authorization").is_some();
        Ok(Incoming { request, method, query, pairs, v3 })
    }

    /// A parameter by wire name.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Action and version: an operation of the catalogue, called at the catalogue's version.
    pub fn operation(&self) -> Result<&'static Operation, ServiceError> {
        let common = |header: &str, name: &str| if self.v3 { self.request.header(header) } else { self.get(name) };
        let action = common("x-acs-action", "Action").ok_or_else(|| ServiceError::missing("Action"))?;
        let op = operation(action).ok_or_else(|| ServiceError::documented(None, "InvalidAction.NotFound"))?;
        match common("x-acs-version", "Version") {
            None => Err(ServiceError::missing("Version")),
            Some(v) if v != VERSION => Err(ServiceError::documented(None, "InvalidVersion")),
            Some(_) => Ok(op),
        }
    }

    /// The operation's own parameters: all but the common ones.
    pub fn into_own_pairs(self) -> Vec<(String, String)> {
        self.pairs.into_iter().filter(|(k, _)| !COMMON_PARAMS.contains(&k.as_str())).collect()
    }
}
