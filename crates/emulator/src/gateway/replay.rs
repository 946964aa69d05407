//! ClientToken replays: a create call sent again with the same token gets the first answer rather
//! than a second resource; the same token with other parameters is refused. A record is kept for
//! [`TOKEN_LIFETIME_MS`] after the first call (the service does not document its period; a day
//! covers any client's retries); after that the token is new again.

use crate::error::ServiceError;
use crate::ops::{Body, Call};
use crate::state::{Millis, Replay, Store};
use ecsimg_core::catalogue::Operation;
use ecsimg_core::wire::encode::canonical_query;

/// How long a ClientToken's record is kept after the first call, in the clock's real time (not
/// scaled by `--speed`).
pub const TOKEN_LIFETIME_MS: Millis = 24 * 60 * 60 * 1000;

/// Whether a record made at `at` still answers replays at `now`.
fn alive(replay: &Replay, now: Millis) -> bool {
    now < replay.at.saturating_add(TOKEN_LIFETIME_MS)
}

/// A call's non-empty `ClientToken`, and what tells its replays from new calls.
pub struct ClientToken {
    op: &'static Operation,
    /// `account/action/ClientToken`, the key of [`Store::replays`].
    key: String,
    /// The call's own parameters but the token, canonical.
    fingerprint: String,
    now: Millis,
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
            now: call.now,
        })
    }

    /// The first answer to this token, or `IdempotentParameterMismatch`; `None` for a new call.
    pub fn previous(&self, store: &Store) -> Option<Result<Body, ServiceError>> {
        let replay = store.replays.get(&self.key).filter(|r| alive(r, self.now))?;
        if replay.fingerprint != self.fingerprint {
            return Some(Err(ServiceError::documented(Some(self.op), "IdempotentParameterMismatch")));
        }
        Some(Ok(replay.body.as_object().cloned().unwrap_or_default()))
    }

    /// Records the first answer, and forgets the records that expired (so the table holds about a
    /// day of tokens, not every token ever used).
    pub fn remember(self, store: &mut Store, body: &Body) {
        store.replays.retain(|r| alive(r, self.now));
        let replay = Replay { fingerprint: self.fingerprint, body: body.clone().into(), at: self.now };
        store.replays.insert(self.key, replay);
    }
}
