//! ClientToken replays: a create call sent again with the same token gets the first answer rather
//! than a second resource; the same token with other parameters is refused.

use crate::error::ServiceError;
use crate::ops::{Body, Call};
use crate::state::{Replay, Store};
use ecsimg_core::catalogue::Operation;
use ecsimg_core::wire::encode::canonical_query;

/// A call's non-empty `ClientToken`, and what tells its replays from new calls.
pub struct ClientToken {
    op: &'static Operation,
    /// `account/action/ClientToken`, the key of [`Store::replays`].
    key: String,
    /// The call's own parameters but the token, canonical.
    fingerprint: String,
}

impl ClientToken {
    pub fn of(call: &Call, own: &[(String, String)]) -> Option<Self> {
        let token = call.str("clientToken").filter(|t| !t.is_empty())?;
        let others: Vec<(&str, &str)> =
            own.iter().filter(|(k, _)| k != "ClientToken").map(|(k, v)| (k.as_str(), v.as_str())).collect();
        Some(ClientToken {
            op: call.op,
            key: format!("{}/{}/{token}", call.account, call.op.name),
            fingerprint: canonical_query(&others),
        })
    }

    /// The first answer to this token, or `IdempotentParameterMismatch`; `None` for a new call.
    pub fn previous(&self, store: &Store) -> Option<Result<Body, ServiceError>> {
        let replay = store.replays.get(&self.key)?;
        if replay.fingerprint != self.fingerprint {
            return Some(Err(ServiceError::documented(Some(self.op), "IdempotentParameterMismatch")));
        }
        Some(Ok(replay.body.as_object().cloned().unwrap_or_default()))
    }

    pub fn remember(self, store: &mut Store, body: &Body) {
        store.replays.insert(self.key, Replay { fingerprint: self.fingerprint, body: body.clone().into() });
    }
}
