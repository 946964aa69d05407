//! The front door: one HTTP request in, one answer out, as the ECS RPC gateway does it.
//!
//! Order of checks, as the service applies them: method and path, action and version, signature
//! (V1 or V3), then the operation's parameters (the core catalogue's rules, answered with the
//! service's codes), region, injected faults, replays of create calls, and finally the operation.

pub mod auth;
pub mod errors;
pub mod params;
mod shape;

pub use errors::ServiceError;

use crate::accounts::{demo_keys, AccessKey};
use crate::faults::{Dice, FaultConfig, NetworkFault};
use crate::http::{HttpRequest, HttpResponse};
use crate::ops::{self, Call};
use crate::seed;
use crate::state::lifecycle::Timing;
use crate::state::{ids, AccountId, Millis, Replay, Store};
use auth::{Caller, NonceCache, V3Request};
use ecsimg_core::catalogue::{operation, Operation, VERSION};
use ecsimg_core::wire::{self, encode::canonical_query};
use serde_json::{json, Map, Value};
use std::sync::Mutex;

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

#[derive(Debug, Clone)]
pub struct Config {
    pub keys: Vec<AccessKey>,
    pub timing: Timing,
    pub faults: FaultConfig,
    /// Seeds the fault dice, so a run with faults can be repeated.
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config { keys: demo_keys(), timing: Timing::default(), faults: FaultConfig::default(), seed: 1 }
    }
}

/// The answer and what the transport must do about it.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub response: HttpResponse,
    /// The call changed state: with `--state`, save before answering.
    pub mutated: bool,
    pub latency_ms: u64,
    pub network_fault: Option<NetworkFault>,
}

pub struct Emulator {
    keys: Vec<AccessKey>,
    timing: Timing,
    inner: Mutex<Inner>,
}

struct Inner {
    store: Store,
    nonces: NonceCache,
    faults: FaultConfig,
    dice: Dice,
    requests: u64,
}

impl Emulator {
    /// An emulator over `store` (a saved state, or [`seed::store`] for a fresh one).
    pub fn new(config: Config, store: Store) -> Self {
        let inner = Inner {
            store,
            nonces: NonceCache::default(),
            faults: config.faults,
            dice: Dice::new(config.seed),
            requests: config.seed.wrapping_mul(1_000_003),
        };
        Emulator { keys: config.keys, timing: config.timing, inner: Mutex::new(inner) }
    }

    /// A fresh emulator with the seeded public images, instances, snapshots and buckets.
    pub fn fresh(config: Config) -> Self {
        Emulator::new(config, seed::store())
    }

    pub fn faults(&self) -> FaultConfig {
        self.lock().faults.clone()
    }

    pub fn set_faults(&self, faults: FaultConfig) {
        self.lock().faults = faults;
    }

    /// The whole state as JSON, for `--state`.
    pub fn state_json(&self) -> String {
        serde_json::to_string(&self.lock().store).expect("the state serialises")
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic in one call must not take the emulator down with it: the state is only changed
        // by complete operations, so it is still consistent.
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Answers one request received at `now`.
    pub fn handle(&self, request: &HttpRequest, now: Millis) -> Outcome {
        let mut inner = self.lock();
        inner.requests += 1;
        // The time keeps RequestIds unique across restarts; the counter, within one millisecond.
        let request_id = ids::request_id(now.wrapping_shl(20) ^ inner.requests);
        let mut outcome =
            Outcome { response: HttpResponse::default(), mutated: false, latency_ms: 0, network_fault: None };
        let result = self.answer(&mut inner, request, now, &mut outcome);
        // The answer is complete: serialise it without holding up other calls.
        drop(inner);
        let (status, body) = match result {
            Ok(mut body) => {
                body.insert("RequestId".into(), Value::String(request_id.clone()));
                (200, Value::Object(body))
            }
            Err(mut e) => {
                // A documented message whose placeholder nobody filled must not show `%s`.
                e.message = e.message.replace("%s", "");
                (e.status, error_body(&e, &request_id, request))
            }
        };
        outcome.response = HttpResponse::json(status, &body, &request_id);
        outcome
    }

    fn answer(
        &self,
        inner: &mut Inner,
        request: &HttpRequest,
        now: Millis,
        outcome: &mut Outcome,
    ) -> Result<Map<String, Value>, ServiceError> {
        let method = request.method.to_ascii_uppercase();
        if method != "GET" && method != "POST" {
            return Err(ServiceError::documented(None, "UnsupportedHTTPMethod"));
        }
        if request.path != "/" && !request.path.is_empty() {
            return Err(ServiceError::documented(None, "InvalidAction.NotFound"));
        }
        let query = params::decode_pairs(&request.query);
        let mut all = query.clone();
        if method == "POST"
            && request.header("content-type").is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"))
        {
            all.extend(params::decode_pairs(&String::from_utf8_lossy(&request.body)));
        }
        let get = |name: &str| all.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
        let v3 = request.header("authorization").is_some();
        let action = if v3 { request.header("x-acs-action") } else { get("Action") };
        let action = action.ok_or_else(|| missing_common("Action"))?;
        let op = operation(action).ok_or_else(|| ServiceError::documented(None, "InvalidAction.NotFound"))?;
        let version = if v3 { request.header("x-acs-version") } else { get("Version") };
        match version {
            None => return Err(missing_common("Version")),
            Some(v) if v != VERSION => return Err(ServiceError::documented(None, "InvalidVersion")),
            Some(_) => {}
        }
        let caller = if v3 {
            let check = V3Request { method: &method, query: &query, headers: &request.headers, body: &request.body };
            auth::verify_v3(&self.keys, &check, now, &mut inner.nonces)?
        } else {
            if get("Format").is_some_and(|f| !f.eq_ignore_ascii_case("json")) {
                return Err(ServiceError::documented(None, "InvalidParameter.Format"));
            }
            auth::verify_v1(&self.keys, &method, &all, now, &mut inner.nonces)?
        };
        let own: Vec<(String, String)> =
            all.into_iter().filter(|(k, _)| !COMMON_PARAMS.contains(&k.as_str())).collect();
        let parsed = wire::parse(op, &own).map_err(|violations| errors::from_violation(op, &violations[0]))?;
        let request_value = parsed.request;
        self.check_identity(op, &request_value, &caller)?;
        let region = request_value.get("regionId").and_then(Value::as_str).unwrap_or_default().to_string();
        if !seed::REGIONS.contains(&region.as_str()) {
            return Err(ServiceError::documented(Some(op), "InvalidRegionId.NotFound"));
        }
        if let Some(rule) = inner.faults.rule(op.name).cloned() {
            outcome.latency_ms = rule.latency_ms;
            for (rate, code) in [
                (rule.throttling, "Throttling.User"),
                (rule.unavailable, "ServiceUnavailable"),
                (rule.internal_error, "InternalError"),
            ] {
                if inner.dice.roll(rate) {
                    return Err(ServiceError::documented(None, code));
                }
            }
            if inner.dice.roll(rule.drop) {
                outcome.network_fault = Some(NetworkFault::Drop);
            } else if inner.dice.roll(rule.truncate) {
                outcome.network_fault = Some(NetworkFault::Truncate);
            }
        }
        inner.store.tick(now, &self.timing);
        let call = Call { op, account: caller.account, region, request: &request_value, now, timing: self.timing };
        let dry_run = request_value.get("dryRun").and_then(Value::as_bool) == Some(true);
        if dry_run {
            let mut scratch = inner.store.clone();
            ops::run(&mut scratch, &call)?;
            return Err(ServiceError::documented(Some(op), "DryRunOperation"));
        }
        let token = request_value.get("clientToken").and_then(Value::as_str).filter(|t| !t.is_empty());
        let replay_key = token.map(|t| format!("{}/{}/{t}", caller.account, op.name));
        let fingerprint = canonical_query(
            &own.iter().filter(|(k, _)| k != "ClientToken").map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>(),
        );
        if let Some(key) = &replay_key {
            if let Some(replay) = inner.store.replays.get(key) {
                if replay.fingerprint != fingerprint {
                    return Err(ServiceError::documented(Some(op), "IdempotentParameterMismatch"));
                }
                return Ok(replay.body.as_object().cloned().unwrap_or_default());
            }
        }
        let mut body = ops::run(&mut inner.store, &call)?;
        shape::project(op.response, &mut body);
        if let Some(key) = replay_key {
            inner.store.replays.insert(key, Replay { fingerprint, body: Value::Object(body.clone()) });
        }
        outcome.mutated = ops::mutates(op);
        Ok(body)
    }

    /// `OwnerId`, when given, must be the caller's own account.
    fn check_identity(&self, op: &Operation, request: &Value, caller: &Caller) -> Result<(), ServiceError> {
        let claimed: Option<AccountId> = request.get("ownerId").and_then(Value::as_u64);
        match claimed {
            Some(id) if id != caller.account => Err(ServiceError::documented(Some(op), "InvalidOwnerId")),
            _ => Ok(()),
        }
    }
}

fn missing_common(name: &str) -> ServiceError {
    ServiceError::documented(None, "MissingParameter").with_message(format!(
        "The input parameter \"{name}\" that is mandatory for processing this request is not supplied."
    ))
}

/// The service's error body (also used by the server for the errors it adds).
pub fn error_body(error: &ServiceError, request_id: &str, request: &HttpRequest) -> Value {
    let host = request.header("host").unwrap_or("ecs.aliyuncs.com");
    json!({
        "RequestId": request_id,
        "HostId": host,
        "Code": error.code,
        "Message": error.message,
        "Recommend": format!("https://api.aliyun.com/troubleshoot?q={}&product=Ecs&requestId={request_id}", error.code),
    })
}
