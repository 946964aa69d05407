//! The front door: one HTTP request in, one answer out, as the ECS RPC gateway does it.
//!
//! Order of checks, as the service applies them: method and path, action and version, signature
//! (V1 or V3), then the operation's parameters (the core catalogue's rules, answered with the
//! service's codes), identity, region, injected faults, DryRun, replays of create calls, and
//! finally the operation.

pub mod auth;
mod incoming;
pub mod params;
mod replay;
mod shape;
mod violations;

use crate::accounts::{demo_keys, AccessKey};
use crate::error::ServiceError;
use crate::faults::{Dice, FaultConfig, NetworkFault};
use crate::http::{HttpRequest, HttpResponse};
use crate::ops::{self, Body, Call};
use crate::seed;
use crate::state::lifecycle::Timing;
use crate::state::{ids, AccountId, Millis, Store};
use auth::{Caller, NonceCache, V3Request};
use ecsimg_core::catalogue::Operation;
use ecsimg_core::wire;
use incoming::Incoming;
use replay::ClientToken;
use serde_json::{json, Value};
use std::sync::Mutex;

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
    /// The call was a ClientToken replay answered with the first call's answer: with `--state`,
    /// that first call's change must be on disk before this answer acknowledges it (its own save
    /// may have failed, or still be under way).
    pub replayed: bool,
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

    /// The whole state as JSON, for `--state` (the nonces are journaled apart: [`NonceCache`]).
    pub fn state_json(&self) -> String {
        self.lock().store.to_json()
    }

    /// Remembers the nonces a journal held (at start, before the first call), and from then on
    /// collects the new ones for [`Emulator::take_new_nonces`].
    pub fn restore_nonces(&self, nonces: NonceCache) {
        self.lock().nonces = nonces;
    }

    /// The journal lines of the nonces remembered since the last call.
    pub fn take_new_nonces(&self) -> String {
        self.lock().nonces.take_added()
    }

    /// Every nonce remembered, as journal lines, and how many there are.
    pub fn nonce_journal(&self) -> (String, usize) {
        let inner = self.lock();
        (inner.nonces.journal(), inner.nonces.len())
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
        let mut outcome = Outcome {
            response: HttpResponse::default(),
            mutated: false,
            replayed: false,
            latency_ms: 0,
            network_fault: None,
        };
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

    /// The gateway's steps in the service's order, the first that refuses the call answering it:
    /// method and path, action and version, signature, parameters, identity, region, injected
    /// faults; then, the lifecycles brought up to `now`, DryRun, a ClientToken replay, or the
    /// operation.
    fn answer(
        &self,
        inner: &mut Inner,
        request: &HttpRequest,
        now: Millis,
        outcome: &mut Outcome,
    ) -> Result<Body, ServiceError> {
        let incoming = Incoming::read(request)?;
        let op = incoming.operation()?;
        let caller = self.authenticate(&incoming, now, &mut inner.nonces)?;
        let own = incoming.into_own_pairs();
        let parameters = parse_parameters(op, &own)?;
        check_identity(op, &parameters, &caller)?;
        let region = check_region(op, &parameters)?;
        inner.inject_faults(op, outcome)?;
        inner.store.tick(now, &self.timing);
        let call = Call { op, account: caller.account, region, request: &parameters, now, timing: self.timing };
        if call.bool("dryRun") == Some(true) {
            return Err(dry_run(&inner.store, &call));
        }
        let token = ClientToken::of(&call, &own);
        if let Some(previous) = token.as_ref().and_then(|t| t.previous(&inner.store)) {
            outcome.replayed = previous.is_ok();
            return previous;
        }
        let body = carry_out(&mut inner.store, &call)?;
        if let Some(token) = token {
            token.remember(&mut inner.store, &body);
        }
        outcome.mutated = ops::mutates(op);
        Ok(body)
    }

    /// Signature: V3 when the call carries `Authorization`, else V1 (whose `Format` must be JSON).
    fn authenticate(&self, incoming: &Incoming, now: Millis, nonces: &mut NonceCache) -> Result<Caller, ServiceError> {
        let request = incoming.request;
        if incoming.v3 {
            let check = V3Request {
                method: &incoming.method,
                query: &incoming.query,
                headers: &request.headers,
                body: &request.body,
            };
            return auth::verify_v3(&self.keys, &check, now, nonces);
        }
        if incoming.get("Format").is_some_and(|f| !f.eq_ignore_ascii_case("json")) {
            return Err(ServiceError::documented(None, "InvalidParameter.Format"));
        }
        auth::verify_v1(&self.keys, &incoming.method, &incoming.pairs, now, nonces)
    }
}

impl Inner {
    /// Injected faults: an error answer instead of the call, or latency and network trouble after it.
    fn inject_faults(&mut self, op: &Operation, outcome: &mut Outcome) -> Result<(), ServiceError> {
        let Some(rule) = self.faults.rule(op.name) else { return Ok(()) };
        outcome.latency_ms = rule.latency_ms;
        for (rate, code) in [
            (rule.throttling, "Throttling.User"),
            (rule.unavailable, "ServiceUnavailable"),
            (rule.internal_error, "InternalError"),
        ] {
            if self.dice.roll(rate) {
                return Err(ServiceError::documented(None, code));
            }
        }
        if self.dice.roll(rule.drop) {
            outcome.network_fault = Some(NetworkFault::Drop);
        } else if self.dice.roll(rule.truncate) {
            outcome.network_fault = Some(NetworkFault::Truncate);
        }
        Ok(())
    }
}

/// Parameters: the catalogue's types and rules, the first broken one answered with the operation's code.
fn parse_parameters(op: &'static Operation, own: &[(String, String)]) -> Result<Value, ServiceError> {
    match wire::parse(op, own) {
        Ok(parsed) => Ok(parsed.request),
        Err(violations) => Err(violations::from_violation(op, &violations[0])),
    }
}

/// Identity: `OwnerId`, when given, must be the caller's own account.
fn check_identity(op: &Operation, parameters: &Value, caller: &Caller) -> Result<(), ServiceError> {
    let claimed: Option<AccountId> = parameters.get("ownerId").and_then(Value::as_u64);
    match claimed {
        Some(id) if id != caller.account => Err(ServiceError::documented(Some(op), "InvalidOwnerId")),
        _ => Ok(()),
    }
}

/// Region: the call's `RegionId` must be one the emulator serves.
fn check_region(op: &Operation, parameters: &Value) -> Result<String, ServiceError> {
    let region = parameters.get("regionId").and_then(Value::as_str).unwrap_or_default();
    if !seed::REGIONS.contains(&region) {
        return Err(ServiceError::documented(Some(op), "InvalidRegionId.NotFound"));
    }
    Ok(region.to_string())
}

/// DryRun: the call is carried out on a scratch copy of the state, which is then dropped, so it
/// answers every error the call would, and `DryRunOperation` where the call would succeed.
fn dry_run(store: &Store, call: &Call) -> ServiceError {
    match ops::run(&mut store.clone(), call) {
        Ok(_) => ServiceError::documented(Some(call.op), "DryRunOperation"),
        Err(e) => e,
    }
}

/// The operation, its answer cut to the operation's documented response shape.
fn carry_out(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let mut body = ops::run(store, call)?;
    shape::project(call.op.response, &mut body);
    Ok(body)
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
