//! The gateway's checks of who is calling: the signature (V1 or V3, recomputed with the client's
//! own steps from ecsimg-core), the timestamp window, nonce replays and STS tokens.

use crate::accounts::AccessKey;
use crate::error::ServiceError;
use crate::state::{AccountId, Millis};
use ecsimg_core::signing::digest::{hex, sha256};
use ecsimg_core::signing::{v1, v3, Timestamp};
use ecsimg_core::wire::encode::canonical_query;
use std::collections::{HashSet, VecDeque};

/// How far a request's timestamp may be from the server's clock.
pub const WINDOW_MS: Millis = 15 * 60 * 1000;

/// The gateway's message prefix before its string-to-sign.
const SERVER_STRING_TO_SIGN: &str =
    "Specified signature is not matched with our calculation. server string to sign is:";

/// The authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub account: AccountId,
    pub access_key_id: String,
}

/// Nonces seen within the window, per key, to refuse replays. Spread over shards so that no table
/// grows large: growing a table rehashes it while every call waits (20 ms at 100,000 nonces). A
/// nonce is remembered as a 128-bit fingerprint of key and nonce (collisions are out of reach),
/// so a full window at 20,000 calls a second stays within a few hundred bytes per call.
///
/// With `--state`, the server keeps them in a journal beside the state file
/// (`server/nonce_journal.rs`), one line per nonce (`<fingerprint hex> <remembered until>`, never
/// the nonce itself), so that a nonce used before a restart is still refused after it.
#[derive(Debug)]
pub struct NonceCache {
    shards: Vec<NonceShard>,
    /// What was remembered since the last [`NonceCache::take_added`], when a journal keeps it.
    added: Option<String>,
}

#[derive(Debug, Default)]
struct NonceShard {
    seen: HashSet<u128>,
    /// Expiry times in order, to forget the nonces that left the window.
    order: VecDeque<(Millis, u128)>,
}

const NONCE_SHARDS: usize = 256;

impl Default for NonceCache {
    fn default() -> Self {
        NonceCache { shards: (0..NONCE_SHARDS).map(|_| NonceShard::default()).collect(), added: None }
    }
}

impl NonceCache {
    /// Records a nonce until `until`; false when it was already used and is still remembered.
    fn fresh(&mut self, key: &str, nonce: &str, now: Millis, until: Millis) -> bool {
        let digest = sha256(format!("{key}\n{nonce}").as_bytes());
        let id = u128::from_le_bytes(digest[..16].try_into().expect("a SHA-256 digest has 32 bytes"));
        let shard = &mut self.shards[shard_of(id)];
        while let Some(&(expires, old)) = shard.order.front() {
            if expires > now {
                break;
            }
            shard.order.pop_front();
            shard.seen.remove(&old);
        }
        if !shard.seen.insert(id) {
            return false;
        }
        shard.order.push_back((until, id));
        if let Some(added) = &mut self.added {
            push_line(added, until, id);
        }
        true
    }

    /// The cache a journal's text describes, without the entries expired at `now`; from then on it
    /// collects what it remembers for [`NonceCache::take_added`]. Only whole lines count: a last
    /// line without its newline is a write cut short by a crash, and its nonce was never answered.
    pub fn from_journal(text: &str, now: Millis) -> Result<NonceCache, String> {
        let whole = &text[..text.rfind('\n').map_or(0, |end| end + 1)];
        let mut entries = Vec::new();
        for line in whole.lines() {
            let parsed = line.split_once(' ').and_then(|(id, until)| {
                let id = u128::from_str_radix(id, 16).ok().filter(|_| id.len() == 32)?;
                Some((until.parse::<Millis>().ok()?, id))
            });
            entries.push(parsed.ok_or_else(|| format!("not a remembered nonce: {line:?}"))?);
        }
        // In expiry order, as the shards forget them.
        entries.sort_unstable();
        let mut cache = NonceCache { added: Some(String::new()), ..NonceCache::default() };
        for (until, id) in entries.into_iter().filter(|&(until, _)| until > now) {
            let shard = &mut cache.shards[shard_of(id)];
            if shard.seen.insert(id) {
                shard.order.push_back((until, id));
            }
        }
        Ok(cache)
    }

    /// The journal lines of what was remembered since the last call (empty unless made by
    /// [`NonceCache::from_journal`]).
    pub fn take_added(&mut self) -> String {
        self.added.as_mut().map(std::mem::take).unwrap_or_default()
    }

    /// Every nonce remembered, as journal lines: a journal of only these replaces a grown one.
    pub fn journal(&self) -> String {
        let mut text = String::new();
        for &(until, id) in self.shards.iter().flat_map(|shard| shard.order.iter()) {
            push_line(&mut text, until, id);
        }
        text
    }

    /// How many nonces are remembered.
    pub fn len(&self) -> usize {
        self.shards.iter().map(|shard| shard.order.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn push_line(journal: &mut String, until: Millis, id: u128) {
    use std::fmt::Write as _;
    writeln!(journal, "{id:032x} {until}").expect("writing to a String cannot fail");
}

/// The shard of a fingerprint: its low byte (so a fingerprint read back from a journal finds it).
fn shard_of(id: u128) -> usize {
    (id & 0xFF) as usize % NONCE_SHARDS
}

/// Checks the request's time against the window, both ends included: a timestamp exactly 15
/// minutes from the clock is accepted. Returns until when its nonce must be remembered: the first
/// instant at which this check refuses the timestamp (`at + WINDOW_MS + 1`; the cache forgets an
/// entry once the clock reaches that), so there is no instant at which the timestamp passes and
/// the nonce is forgotten.
fn check_time(text: &str, now: Millis) -> Result<Millis, ServiceError> {
    let at = Timestamp::parse(text).ok_or_else(|| ServiceError::documented(None, "InvalidTimeStamp.Format"))?;
    let at = at.unix_seconds().max(0) as Millis * 1000;
    if !within_window(at, now) {
        return Err(ServiceError::documented(None, "InvalidTimeStamp.Expired"));
    }
    Ok(at.saturating_add(WINDOW_MS + 1))
}

/// Whether a request timestamped `at` is accepted at `now`.
fn within_window(at: Millis, now: Millis) -> bool {
    at.abs_diff(now) <= WINDOW_MS
}

fn find_key<'a>(
    keys: &'a [AccessKey],
    id: &str,
    token: Option<&str>,
    now: Millis,
) -> Result<&'a AccessKey, ServiceError> {
    let key = keys
        .iter()
        .find(|k| k.id == id)
        .ok_or_else(|| ServiceError::documented(None, "InvalidAccessKeyId.NotFound"))?;
    match (&key.security_token, token.filter(|t| !t.is_empty())) {
        (None, None) => {}
        (Some(_), None) => return Err(ServiceError::documented(None, "MissingSecurityToken")),
        (Some(expected), Some(given)) if expected == given => {
            if key.expires.is_some_and(|e| now >= e) {
                return Err(ServiceError::documented(None, "InvalidSecurityToken.Expired"));
            }
        }
        _ => return Err(ServiceError::documented(None, "InvalidSecurityToken.MismatchWithAccessKey")),
    }
    Ok(key)
}

/// Compares a computed signature with the one received in time that does not depend on where they
/// first differ (every byte is read, no early exit), so timing reveals nothing of the expected
/// signature. Only the length, which is public (the algorithm's), can end it early.
fn same_bytes(expected: &[u8], given: &[u8]) -> bool {
    if expected.len() != given.len() {
        return false;
    }
    let difference = expected.iter().zip(given).fold(0u8, |acc, (a, b)| acc | (a ^ b));
    std::hint::black_box(difference) == 0
}

fn mismatch(string_to_sign: &str) -> ServiceError {
    ServiceError::documented(None, "SignatureDoesNotMatch")
        .with_message(format!("{SERVER_STRING_TO_SIGN}{string_to_sign}"))
}

fn replay_check(
    nonces: &mut NonceCache,
    key: &AccessKey,
    nonce: &str,
    now: Millis,
    until: Millis,
) -> Result<(), ServiceError> {
    if nonces.fresh(&key.id, nonce, now, until) {
        Ok(())
    } else {
        Err(ServiceError::documented(None, "SignatureNonceUsed"))
    }
}

/// RPC signature V1: every parameter but `Signature` is signed.
pub fn verify_v1(
    keys: &[AccessKey],
    method: &str,
    pairs: &[(String, String)],
    now: Millis,
    nonces: &mut NonceCache,
) -> Result<Caller, ServiceError> {
    let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let require = |name: &str| get(name).ok_or_else(|| ServiceError::missing(name));
    let key_id = require("AccessKeyId")?;
    let signature = require("Signature")?;
    let method_name = require("SignatureMethod")?;
    let nonce = require("SignatureNonce")?;
    let timestamp = require("Timestamp")?;
    if method_name != "HMAC-SHA1" {
        return Err(ServiceError::documented(None, "InvalidSignatureMethod"));
    }
    if get("SignatureVersion").is_some_and(|v| v != "1.0") {
        return Err(ServiceError::documented(None, "IncompleteSignature"));
    }
    let remember_until = check_time(timestamp, now)?;
    let key = find_key(keys, key_id, get("SecurityToken"), now)?;
    let signed: Vec<(&str, &str)> =
        pairs.iter().filter(|(k, _)| k != "Signature").map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let expected = v1::sign(method, &signed, &key.secret);
    if !same_bytes(expected.signature.as_bytes(), signature.as_bytes()) {
        return Err(mismatch(&expected.string_to_sign));
    }
    replay_check(nonces, key, nonce, now, remember_until)?;
    Ok(Caller { account: key.account, access_key_id: key.id.clone() })
}

/// What a V3 check needs from the HTTP request.
pub struct V3Request<'a> {
    pub method: &'a str,
    pub query: &'a [(String, String)],
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

/// The headers a V3 signature must cover, as the official SDK signs them (and
/// `x-acs-security-token` when the call carries one): a signature over fewer would let a replay
/// change the rest.
const SIGNED_AT_LEAST: [&str; 6] =
    ["host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"];

/// ACS3-HMAC-SHA256: the headers named in `Authorization` are signed, with the query and body hash.
///
/// As the service does, it verifies over the `Host` the request arrived with and nothing else:
/// a client that signed another host (the SDK endpoint while a proxy sent another) is refused
/// with `SignatureDoesNotMatch`, so the tests fail where a real call would.
pub fn verify_v3(
    keys: &[AccessKey],
    req: &V3Request,
    now: Millis,
    nonces: &mut NonceCache,
) -> Result<Caller, ServiceError> {
    let header = |name: &str| req.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
    let incomplete = || ServiceError::documented(None, "IncompleteSignature");
    let auth = v3::Authorization::parse(header("authorization").unwrap_or_default()).ok_or_else(incomplete)?;
    let token = header("x-acs-security-token");
    let required = SIGNED_AT_LEAST.iter().copied().chain(token.map(|_| "x-acs-security-token"));
    if let Some(unsigned) = required.into_iter().find(|name| !auth.signed_headers.iter().any(|h| h == name)) {
        return Err(incomplete().with_message(format!("The request signature does not cover the {unsigned} header.")));
    }
    let date = header("x-acs-date").ok_or_else(|| ServiceError::missing("x-acs-date"))?;
    let nonce = header("x-acs-signature-nonce").ok_or_else(|| ServiceError::missing("x-acs-signature-nonce"))?;
    let payload_hash = header("x-acs-content-sha256").ok_or_else(|| ServiceError::missing("x-acs-content-sha256"))?;
    if payload_hash != hex(&sha256(req.body)) {
        return Err(ServiceError::documented(None, "SignatureDoesNotMatch")
            .with_message("The x-acs-content-sha256 header does not match the SHA-256 of the body."));
    }
    let remember_until = check_time(date, now)?;
    let key = find_key(keys, &auth.access_key_id, token, now)?;
    let mut signed = Vec::with_capacity(auth.signed_headers.len());
    for name in &auth.signed_headers {
        signed.push((name.as_str(), header(name).ok_or_else(incomplete)?));
    }
    let (canonical, names) = v3::canonical_headers(&signed);
    let query: Vec<(&str, &str)> = req.query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let request = v3::canonical_request(req.method, "/", &canonical_query(&query), &canonical, &names, payload_hash);
    let string_to_sign = v3::string_to_sign(&request);
    if !same_bytes(v3::signature(&key.secret, &string_to_sign).as_bytes(), auth.signature.as_bytes()) {
        return Err(mismatch(&string_to_sign));
    }
    replay_check(nonces, key, nonce, now, remember_until)?;
    Ok(Caller { account: key.account, access_key_id: key.id.clone() })
}

#[cfg(test)]
mod tests {
    use super::{check_time, same_bytes, within_window, NonceCache, WINDOW_MS};
    use ecsimg_core::signing::Timestamp;

    #[test]
    fn a_journal_reads_back_what_was_remembered_without_the_expired_or_a_torn_last_line() {
        let mut cache = NonceCache::from_journal("", 0).unwrap();
        assert!(cache.fresh("k", "a", 0, 1_000));
        assert!(cache.fresh("k", "b", 0, 2_000));
        let added = cache.take_added();
        assert_eq!(added.lines().count(), 2);
        assert_eq!(cache.take_added(), "", "taken once");
        assert_eq!(added.len(), cache.journal().len());
        let torn = format!("{added}{}", &added[..20]);
        let mut back = NonceCache::from_journal(&torn, 1_000).unwrap();
        assert_eq!(back.len(), 1, "a's entry expired at 1,000; the torn line is no entry");
        assert!(!back.fresh("k", "b", 1_000, 3_000), "b is still remembered");
        assert!(back.fresh("k", "a", 1_000, 3_000));
        let corrupt = NonceCache::from_journal("zz 12\n", 0).unwrap_err();
        assert!(corrupt.contains("not a remembered nonce"), "{corrupt}");
        assert_eq!(NonceCache::default().take_added(), "", "no journal, nothing collected");
    }

    #[test]
    fn a_nonce_is_remembered_as_long_as_its_timestamp_is_accepted() {
        let at = 1_800_000_000_000;
        let text = Timestamp::from_unix_seconds((at / 1000) as i64).to_string();
        // Both edges are inside the window.
        assert!(check_time(&text, at + WINDOW_MS).is_ok());
        assert!(check_time(&text, at - WINDOW_MS).is_ok());
        assert!(check_time(&text, at + WINDOW_MS + 1).is_err());
        assert!(check_time(&text, at - WINDOW_MS - 1).is_err());
        let until = check_time(&text, at).unwrap();
        // At every instant, either the timestamp is refused or the nonce is still remembered.
        for now in [at, at + WINDOW_MS - 1, at + WINDOW_MS, at + WINDOW_MS + 1, until] {
            let mut nonces = NonceCache::default();
            assert!(nonces.fresh("demo", "n", at - WINDOW_MS, until));
            let replay_passes = within_window(at, now) && nonces.fresh("demo", "n", now, now + 1);
            assert!(!replay_passes, "a replay passes at at + {} ms", now - at);
        }
    }

    #[test]
    fn remembered_nonces_survive_a_round_trip_through_a_journal() {
        let mut nonces = NonceCache::default();
        for i in 0..600 {
            assert!(nonces.fresh("demo", &format!("n-{i}"), 0, 1_000 + i));
        }
        let text = nonces.journal();
        assert!(!text.contains("n-1"), "fingerprints only");
        let mut back = NonceCache::from_journal(&text, 0).unwrap();
        assert!(!back.fresh("demo", "n-0", 500, 2_000), "still remembered");
        assert!(!back.fresh("demo", "n-599", 500, 2_000));
        assert!(back.fresh("demo", "n-600", 500, 2_000));
        // Forgotten at their expiry as before.
        assert!(back.fresh("demo", "n-0", 1_000, 2_000));
    }

    #[test]
    fn signatures_are_compared_byte_by_byte_without_early_exit() {
        assert!(same_bytes(b"", b""));
        assert!(same_bytes(b"q6aFcBkuc5lB1oF4QWMzVdKfgnM=", b"q6aFcBkuc5lB1oF4QWMzVdKfgnM="));
        assert!(!same_bytes(b"q6aFcBkuc5lB1oF4QWMzVdKfgnM=", b"X6aFcBkuc5lB1oF4QWMzVdKfgnM="), "first byte");
        assert!(!same_bytes(b"q6aFcBkuc5lB1oF4QWMzVdKfgnM=", b"q6aFcBkuc5lB1oF4QWMzVdKfgnMX"), "last byte");
        assert!(!same_bytes(b"abc", b"abcd"), "lengths differ");
        assert!(!same_bytes(b"abcd", b"abc"));
        // Every single-bit difference at every position is caught (an OR of XORs, not a sum).
        let base = [0x5au8; 32];
        for i in 0..base.len() {
            for bit in 0..8 {
                let mut other = base;
                other[i] ^= 1 << bit;
                assert!(!same_bytes(&base, &other));
            }
        }
    }

    #[test]
    fn a_nonce_is_refused_again_per_key_until_it_leaves_the_window() {
        let mut nonces = NonceCache::default();
        assert!(nonces.fresh("demo", "n-1", 0, 1_000));
        assert!(!nonces.fresh("demo", "n-1", 999, 1_999));
        assert!(nonces.fresh("demo2", "n-1", 999, 1_999), "another key's nonce is its own");
        assert!(nonces.fresh("demo", "n-2", 999, 1_999));
        // Forgotten once past its expiry (the timestamp check refuses such replays from then on).
        assert!(nonces.fresh("demo", "n-1", 1_000, 2_000));
        assert!(!nonces.fresh("demo", "n-1", 1_500, 2_500));
    }
}
