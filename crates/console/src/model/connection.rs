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
    /// Keep the credentials in sessionStorage (this tab only) across reloads.
    pub remember: bool,
}

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
            Credential::SecurityToken => self.security_token = value,
        }
    }

    /// Why calls cannot be made yet, if they cannot.
    pub fn missing(&self) -> Option<&'static str> {
        (self.target == Target::AlibabaCloud && (self.access_key_id.is_empty() || self.access_key_secret.is_empty()))
            .then_some("Enter an AccessKey ID and secret to call Alibaba Cloud.")
    }

    pub fn describe(&self) -> String {
        let target = match self.target {
            Target::InPage => "Sandbox (in this page)",
            Target::LocalEmulator => "Sandbox (local emulator)",
            Target::AlibabaCloud => "Alibaba Cloud",
        };
        format!("{target} · {} · {}", self.region, if self.signature_v1 { "V1" } else { "V3" })
    }

    /// What sessionStorage keeps of it: only an Alibaba Cloud connection the user asked to remember.
    pub fn to_stored(&self) -> Option<Value> {
        (self.remember && self.target == Target::AlibabaCloud).then(|| {
            json!({
                "region": self.region, "v1": self.signature_v1,
                "id": self.access_key_id, "secret": self.access_key_secret, "token": self.security_token,
            })
        })
    }

    /// The connection sessionStorage kept (see [`Connection::to_stored`]).
    pub fn from_stored(value: &Value) -> Connection {
        let text = |k: &str| value.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
        Connection {
            target: Target::AlibabaCloud,
            region: Some(text("region")).filter(|r| !r.is_empty()).unwrap_or_else(|| DEFAULT_REGION.into()),
            signature_v1: value.get("v1").and_then(|v| v.as_bool()).unwrap_or(false),
            access_key_id: text("id"),
            access_key_secret: text("secret"),
            security_token: text("token"),
            remember: true,
        }
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

    #[test]
    fn only_a_remembered_account_is_stored_and_it_comes_back_whole() {
        let mut connection = Connection { target: Target::AlibabaCloud, ..Connection::default() };
        connection.set_credential(Credential::AccessKeyId, "LTAI".into());
        connection.set_credential(Credential::AccessKeySecret, "s3cret".into());
        assert_eq!(connection.to_stored(), None);
        assert_eq!(connection.missing(), None);
        connection.remember = true;
        connection.region = "cn-shanghai".into();
        let stored = connection.to_stored().expect("remembered");
        assert_eq!(Connection::from_stored(&stored), connection);
        assert_eq!(connection.credentials(), ("LTAI".into(), "s3cret".into(), None));
        assert!(!format!("{connection:?}").contains("s3cret"));
        let sandbox = Connection { remember: true, ..Connection::default() };
        assert_eq!(sandbox.to_stored(), None);
        assert_eq!(Connection::from_stored(&json!({})).region, "cn-hangzhou");
    }
}
