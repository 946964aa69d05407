//! Request signing, pure: the clock reading and the nonce come in as values.
//!
//! - [`v1`]: RPC signature V1, HMAC-SHA1 over the canonical query, key `secret + "&"`.
//! - [`v3`]: ACS3-HMAC-SHA256 over a canonical request, in the `Authorization` header.
//!
//! Each signer is built from small public steps (canonical form, string-to-sign, signature) so that
//! the verifying side (the emulator) recomputes exactly what the client computed.

pub mod digest;
#[cfg(any(target_arch = "wasm32", test))]
mod sha;
mod time;
pub mod v1;
pub mod v3;

pub use time::Timestamp;

use std::fmt;

/// An AccessKey secret. It never prints: `Debug` shows `***`, and there is no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(secret: impl Into<String>) -> Self {
        Secret(secret.into())
    }

    /// The secret itself, for computing a signature. Never log or render the result.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// An AccessKey pair, or STS temporary credentials when `security_token` is set.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub access_key_id: String,
    pub access_key_secret: Secret,
    pub security_token: Option<String>,
}

impl Credentials {
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: Secret::new(access_key_secret),
            security_token: None,
        }
    }

    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(token.into());
        self
    }

    /// The STS token, when there is a non-empty one (the official SDK ignores an empty token).
    pub fn token(&self) -> Option<&str> {
        self.security_token.as_deref().filter(|t| !t.is_empty())
    }
}

/// What a signature depends on besides the request: when, and a value never used before.
#[derive(Debug, Clone, Copy)]
pub struct SigningContext<'a> {
    pub timestamp: Timestamp,
    pub nonce: &'a str,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SignatureVersion {
    /// HMAC-SHA1 query signature (`SignatureVersion=1.0`); what the official SDK calls `v2`.
    V1,
    /// ACS3-HMAC-SHA256 header signature; the official SDK's default.
    #[default]
    V3,
}
