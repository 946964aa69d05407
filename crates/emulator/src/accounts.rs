//! Who may call: AccessKey pairs (and STS temporary keys) mapped to accounts.

use crate::state::{AccountId, Millis};
use ecsimg_core::signing::{Secret, Timestamp};
use serde::Deserialize;

/// One key the emulator accepts.
#[derive(Debug, Clone)]
pub struct AccessKey {
    pub id: String,
    pub secret: Secret,
    pub account: AccountId,
    /// STS keys: the token every call must carry, and when it stops working.
    pub security_token: Option<String>,
    pub expires: Option<Millis>,
}

/// The accounts a fresh emulator knows, like LocalStack's test/test: two, so sharing can be shown.
pub fn demo_keys() -> Vec<AccessKey> {
    vec![
        AccessKey {
            id: "demo".into(),
            secret: Secret::new("demo-secret"),
            account: 1_000_000_000_000_001,
            security_token: None,
            expires: None,
        },
        AccessKey {
            id: "demo2".into(),
            secret: Secret::new("demo2-secret"),
            account: 1_000_000_000_000_002,
            security_token: None,
            expires: None,
        },
    ]
}

/// `--config FILE`: `{"accessKeys": [{"accessKeyId", "accessKeySecret", "accountId", "securityToken"?, "expiration"?}]}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeysFile {
    pub access_keys: Vec<KeyEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeyEntry {
    pub access_key_id: String,
    pub access_key_secret: String,
    pub account_id: AccountId,
    #[serde(default)]
    pub security_token: Option<String>,
    /// `yyyy-MM-ddTHH:mm:ssZ`.
    #[serde(default)]
    pub expiration: Option<String>,
}

impl KeysFile {
    pub fn parse(text: &str) -> Result<Vec<AccessKey>, String> {
        let file: KeysFile = serde_json::from_str(text).map_err(|e| format!("config: {e}"))?;
        file.access_keys
            .into_iter()
            .map(|k| {
                let expires = match &k.expiration {
                    Some(t) => Some(
                        Timestamp::parse(t)
                            .ok_or_else(|| {
                                format!("config: expiration of {} must look like 2026-01-01T00:00:00Z", k.access_key_id)
                            })?
                            .unix_seconds() as Millis
                            * 1000,
                    ),
                    None => None,
                };
                Ok(AccessKey {
                    id: k.access_key_id,
                    secret: Secret::new(k.access_key_secret),
                    account: k.account_id,
                    security_token: k.security_token,
                    expires,
                })
            })
            .collect()
    }
}
