//! Where calls go and as whom: the sandbox (in the page, or the local emulator through the proxy)
//! or an Alibaba Cloud account through the proxy. Credentials live in memory; the form they take
//! in sessionStorage (opt-in, see `crate::session`) is made and read here.

use ecsimg_core::validate::is_region_id;
use serde_json::{json, Value};

/// The same-origin path the proxy serves (Trunk's `[[proxy]]` in development, nginx in production).
pub const PROXY_PATH: &str = "/api/ecs";

const DEFAULT_REGION: &str = "cn-hangzhou";

/// Why `region` is not a region ID, if it is not: the core's rule (`validate::is_region_id`, the one
/// the client signs by), said for people. The region becomes part of the endpoint's host name, so
/// nothing else may pass.
pub fn region_problem(region: &str) -> Option<String> {
    (!is_region_id(region)).then(|| {
        format!(
            "a region ID is lowercase letters, digits and hyphens (cn-hangzhou), not starting or ending \
             with a hyphen, got {region:?}"
        )
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The emulator running in this page.
    InPage,
    /// The local emulator, through the proxy.
    LocalEmulator,
    /// A real account, through the proxy.
    AlibabaCloud,
}

/// One of the credentials a user gives for a real account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    AccessKeyId,
    AccessKeySecret,
    SecurityToken,
}

#[derive(Clone, PartialEq)]
pub struct Connection {
    pub target: Target,
    pub region: String,
    pub signature_v1: bool,
    access_key_id: String,
    access_key_secret: String,
    security_token: String,
    /// When the STS token stops working (milliseconds since the epoch), if the user said so or
    /// "remember" fixed it (an hour from then, when unknown): the end of the remembered copy.
    token_expiry_ms: Option<f64>,
    /// Keep the credentials in sessionStorage (this tab only) across reloads; only STS credentials,
    /// see [`Connection::set_remember`].
    remember: bool,
}

/// How long a remembered STS key is kept when its expiry is not given.
pub const REMEMBER_DEFAULT_MS: f64 = 3_600_000.0;

/// Why "remember" is refused for a key with no security token.
pub const LONG_TERM_REFUSED: &str = "Only STS credentials (with a security token) can be remembered. A long-term \
     AccessKey stays in memory only and is gone when you reload.";

/// The secret never prints, not even in debug output.
impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection").field("target", &self.target).field("region", &self.region).finish_non_exhaustive()
    }
}

impl Default for Connection {
    fn default() -> Self {
        Connection {
            target: Target::InPage,
            region: DEFAULT_REGION.into(),
            signature_v1: false,
            access_key_id: String::new(),
            access_key_secret: String::new(),
            security_token: String::new(),
            token_expiry_ms: None,
            remember: false,
        }
    }
}

impl Connection {
    /// `(id, secret, token)`: the sandbox's demo account, or what the user gave.
    pub fn credentials(&self) -> (String, String, Option<String>) {
        match self.target {
            Target::InPage | Target::LocalEmulator => ("demo".into(), "demo-secret".into(), None),
            Target::AlibabaCloud => (
                self.access_key_id.clone(),
                self.access_key_secret.clone(),
                Some(self.security_token.clone()).filter(|t| !t.is_empty()),
            ),
        }
    }

    /// The AccessKey ID as given (the secret and the token are never read back into the page).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    pub fn set_credential(&mut self, which: Credential, value: String) {
        match which {
            Credential::AccessKeyId => self.access_key_id = value,
            Credential::AccessKeySecret => self.access_key_secret = value,
            Credential::SecurityToken => {
                self.security_token = value;
                // A key without a token is long-term: never remembered.
                if self.security_token.is_empty() {
                    self.remember = false;
                }
            }
        }
    }

    /// Whether the credentials are (to be) remembered in this tab.
    pub fn remember(&self) -> bool {
        self.remember
    }

    /// Whether a security token was given: STS credentials, which alone may be remembered.
    pub fn has_token(&self) -> bool {
        !self.security_token.is_empty()
    }

    /// When the token expires (ms since the epoch), as given or as "remember" fixed it.
    pub fn token_expiry_ms(&self) -> Option<f64> {
        self.token_expiry_ms
    }

    /// Sets the token's expiry the user gave (`None`: unknown).
    pub fn set_token_expiry(&mut self, expiry_ms: Option<f64>, now_ms: f64) {
        self.token_expiry_ms = expiry_ms;
        if self.remember && self.token_expiry_ms.is_none() {
            self.token_expiry_ms = Some(now_ms + REMEMBER_DEFAULT_MS);
        }
    }

    /// Turns "remember" on or off. On is refused for a key with no security token (a long-term
    /// AccessKey) and for a token already expired; with no expiry given it is kept an hour.
    pub fn set_remember(&mut self, on: bool, now_ms: f64) -> Result<(), &'static str> {
        if !on {
            self.remember = false;
            return Ok(());
        }
        if !self.has_token() {
            self.remember = false;
            return Err(LONG_TERM_REFUSED);
        }
        if self.token_expiry_ms.is_some_and(|e| e <= now_ms) {
            self.remember = false;
            return Err("The STS token has already expired: it is not remembered.");
        }
        self.token_expiry_ms.get_or_insert(now_ms + REMEMBER_DEFAULT_MS);
        self.remember = true;
        Ok(())
    }

    /// Why calls cannot be made yet, if they cannot.
    pub fn missing(&self) -> Option<&'static str> {
        (self.target == Target::AlibabaCloud && (self.access_key_id.is_empty() || self.access_key_secret.is_empty()))
            .then_some("Enter an AccessKey ID and secret to call Alibaba Cloud.")
    }

    /// `Sandbox (in this page) · V3`: where calls go and how they are signed (the region is each
    /// call's own).
    pub fn describe(&self) -> String {
        let target = match self.target {
            Target::InPage => "Sandbox (in this page)",
            Target::LocalEmulator => "Sandbox (local emulator)",
            Target::AlibabaCloud => "Alibaba Cloud",
        };
        format!("{target} · {}", if self.signature_v1 { "V1" } else { "V3" })
    }

    /// Forgets STS credentials whose expiry has passed at `now_ms` (the key, the secret and the
    /// token: none of them works any more), so no call is signed with them; whether it did. The
    /// caller clears the stored copy.
    pub fn forget_expired(&mut self, now_ms: f64) -> bool {
        let expired = self.has_token() && self.token_expiry_ms.is_some_and(|e| e <= now_ms);
        if expired {
            self.access_key_id.clear();
            self.access_key_secret.clear();
            self.security_token.clear();
            self.token_expiry_ms = None;
            self.remember = false;
        }
        expired
    }

    /// What sessionStorage keeps of it: only STS credentials of an Alibaba Cloud connection the
    /// user asked to remember, with the time they stop being kept (`expires`, ms since the epoch).
    pub fn to_stored(&self) -> Option<Value> {
        let expires = self.token_expiry_ms?;
        (self.remember && self.target == Target::AlibabaCloud && self.has_token()).then(|| {
            json!({
                "region": self.region, "v1": self.signature_v1,
                "id": self.access_key_id, "secret": self.access_key_secret, "token": self.security_token,
                "expires": expires,
            })
        })
    }

    /// The connection sessionStorage kept (see [`Connection::to_stored`]), unless it has expired at
    /// `now_ms` or is not STS credentials with an expiry (then the caller deletes it).
    pub fn from_stored(value: &Value, now_ms: f64) -> Option<Connection> {
        let text = |k: &str| value.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
        let expires = value.get("expires").and_then(Value::as_f64).filter(|e| e.is_finite() && *e > now_ms)?;
        let token = Some(text("token")).filter(|t| !t.is_empty())?;
        Some(Connection {
            target: Target::AlibabaCloud,
            region: Some(text("region")).filter(|r| !r.is_empty()).unwrap_or_else(|| DEFAULT_REGION.into()),
            signature_v1: value.get("v1").and_then(|v| v.as_bool()).unwrap_or(false),
            access_key_id: text("id"),
            access_key_secret: text("secret"),
            security_token: token,
            token_expiry_ms: Some(expires),
            remember: true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_is_one_lowercase_dns_label() {
        for ok in ["cn-hangzhou", "ap-northeast-1", "me-central-1"] {
            assert_eq!(region_problem(ok), None, "{ok}");
        }
        for bad in ["", "cn_hangzhou", "CN-HANGZHOU", "cn-hangzhou.evil.com", "a/b", &"a".repeat(64), "-cn", "cn-"] {
            assert!(region_problem(bad).is_some(), "{bad}");
        }
        assert_eq!(
            region_problem("cn_hangzhou").unwrap(),
            "a region ID is lowercase letters, digits and hyphens (cn-hangzhou), not starting or ending \
             with a hyphen, got \"cn_hangzhou\""
        );
    }

    const NOW: f64 = 1_800_000_000_000.0;

    fn account(token: &str) -> Connection {
        let mut connection = Connection { target: Target::AlibabaCloud, ..Connection::default() };
        connection.set_credential(Credential::AccessKeyId, "LTAI".into());
        connection.set_credential(Credential::AccessKeySecret, "s3cret".into());
        connection.set_credential(Credential::SecurityToken, token.into());
        connection
    }

    #[test]
    fn a_long_term_key_is_never_remembered() {
        let mut connection = account("");
        assert_eq!(connection.missing(), None);
        assert_eq!(connection.set_remember(true, NOW), Err(LONG_TERM_REFUSED));
        assert!(!connection.remember());
        assert_eq!(connection.to_stored(), None);
        assert_eq!(connection.credentials(), ("LTAI".into(), "s3cret".into(), None));
        assert!(!format!("{connection:?}").contains("s3cret"));
        // Remembered STS credentials whose token is then cleared are forgotten.
        let mut sts = account("tok");
        sts.set_remember(true, NOW).unwrap();
        sts.set_credential(Credential::SecurityToken, String::new());
        assert!(!sts.remember());
        assert_eq!(sts.to_stored(), None);
        // Nor is a stored copy without a token or an expiry read back.
        assert_eq!(Connection::from_stored(&json!({"id": "LTAI", "secret": "s", "expires": NOW + 1.0}), NOW), None);
        assert_eq!(Connection::from_stored(&json!({"id": "LTAI", "secret": "s", "token": "t"}), NOW), None);
    }

    #[test]
    fn sts_credentials_are_remembered_until_their_expiry_or_an_hour() {
        let mut connection = account("tok");
        assert_eq!(connection.to_stored(), None, "not asked to");
        connection.region = "cn-shanghai".into();
        connection.set_remember(true, NOW).unwrap();
        let stored = connection.to_stored().expect("remembered");
        assert_eq!(stored["expires"], json!(NOW + REMEMBER_DEFAULT_MS));
        assert_eq!(Connection::from_stored(&stored, NOW + 1000.0), Some(connection.clone()));
        assert_eq!(Connection::from_stored(&stored, NOW + REMEMBER_DEFAULT_MS), None, "expired");
        // The expiry the user gives.
        connection.set_token_expiry(Some(NOW + 60_000.0), NOW);
        let stored = connection.to_stored().unwrap();
        assert!(Connection::from_stored(&stored, NOW + 59_000.0).is_some());
        assert_eq!(Connection::from_stored(&stored, NOW + 61_000.0), None);
        // Cleared while remembered: an hour from then.
        connection.set_token_expiry(None, NOW + 5.0);
        assert_eq!(connection.token_expiry_ms(), Some(NOW + 5.0 + REMEMBER_DEFAULT_MS));
        // An expired token is not remembered.
        let mut old = account("tok");
        old.set_token_expiry(Some(NOW - 1.0), NOW);
        assert!(old.set_remember(true, NOW).is_err());
        assert_eq!(old.to_stored(), None);
        let sandbox = Connection { remember: true, token_expiry_ms: Some(NOW), ..Connection::default() };
        assert_eq!(sandbox.to_stored(), None);
        let bare = Connection::from_stored(&json!({"token": "t", "expires": NOW + 1.0}), NOW).unwrap();
        assert_eq!(bare.region, "cn-hangzhou");
    }

    #[test]
    fn expired_sts_credentials_are_forgotten_while_the_page_is_open() {
        let mut connection = account("tok");
        connection.set_token_expiry(Some(NOW + 60_000.0), NOW);
        connection.set_remember(true, NOW).unwrap();
        assert!(!connection.forget_expired(NOW + 59_000.0), "not yet");
        assert!(connection.to_stored().is_some());
        assert!(connection.forget_expired(NOW + 60_000.0));
        assert_eq!(connection.credentials(), (String::new(), String::new(), None));
        assert!(!connection.remember() && connection.to_stored().is_none());
        assert_eq!(connection.missing(), Some("Enter an AccessKey ID and secret to call Alibaba Cloud."));
        // A long-term key (no token) has no expiry to pass.
        let mut long_term = account("");
        assert!(!long_term.forget_expired(f64::MAX));
        assert_eq!(long_term.access_key_id(), "LTAI");
        assert_eq!(Connection::default().describe(), "Sandbox (in this page) · V3");
    }
}
