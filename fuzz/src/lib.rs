//! What the fuzz targets share: a seeded emulator, and calls built from fuzz input that are signed
//! the way a client signs them (V1 over the query or a form body, or V3 through `ecsimg_core::build`),
//! so that the input reaches the parameter checks and the operations, not only the signature check.

use arbitrary::Arbitrary;
use ecsimg_core::catalogue::{Field, Operation, Shape, VERSION};
use ecsimg_core::signing::{v1, Secret};
use ecsimg_core::{build, Credentials, RequestOptions, SignatureVersion, SigningContext, Strictness, Timestamp};
use ecsimg_emulator::state::lifecycle::Timing;
use ecsimg_emulator::state::{Millis, Store};
use ecsimg_emulator::{Config, Emulator, HttpRequest, Outcome};
use serde_json::Value;
use std::sync::OnceLock;

/// A day after the seeded resources were made (as in the emulator's tests).
pub const START: Millis = ecsimg_emulator::seed::SEEDED_AT + 86_400_000;

/// The seeded state, built once and cloned for each input (so that every input starts afresh and
/// a crash reproduces from its input alone).
pub fn seeded_store() -> Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(ecsimg_emulator::seed::store).clone()
}

/// An emulator over `store` whose lifecycles run 1000 times faster than real time.
pub fn emulator(store: Store) -> Emulator {
    Emulator::new(Config { timing: Timing { speed: 1000.0 }, ..Config::default() }, store)
}

/// IDs and names the seeded state holds, so that calls can name resources that exist.
fn known_names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let store = seeded_store();
        let mut names: Vec<String> =
            store.images.iter().filter_map(|(k, _)| k.split_once('/')).map(|(_, id)| id.to_string()).collect();
        names.sort();
        names.dedup();
        names.truncate(64);
        names.extend(store.instances.iter().map(|(k, _)| k.clone()));
        names.extend(store.snapshots.iter().map(|(k, _)| k.clone()));
        names.extend(store.buckets.iter().map(|(k, _)| k.clone()));
        names.extend(ecsimg_emulator::seed::REGIONS.iter().map(|r| r.to_string()));
        names.extend(
            ["1000000000000001", "1000000000000002", "true", "false", "0", "1", "-1", "100", "501", "2147483648"]
                .map(String::from),
        );
        names
    })
}

/// An operation of the catalogue, by index.
pub fn operation(index: u8) -> &'static Operation {
    let ops = ecsimg_core::OPERATIONS;
    &ops[index as usize % ops.len()]
}

/// A parameter name: one the operation has (flattened as the wire spells it), or any text.
#[derive(Arbitrary, Debug)]
pub enum Name {
    /// The operation's parameter by index; lists and structs get an index and a member.
    Known {
        field: u8,
        index: u8,
        member: u8,
    },
    Free(String),
}

/// A parameter value: any text, a number, or an ID or name the seeded state holds.
#[derive(Arbitrary, Debug)]
pub enum Val {
    Free(String),
    Number(i64),
    Known(u8),
    /// A value the emulator gave in an earlier answer of the same input (an ID it made, a token).
    Earlier(u8),
}

#[derive(Arbitrary, Debug)]
pub struct Param {
    pub name: Name,
    pub value: Val,
}

/// How a call is signed and sent.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Signing {
    V1Get,
    V1Form,
    /// Through `ecsimg_core::build` (lenient), when the parameters can be read as a request at all.
    V3,
}

/// One signed call of an operation of the catalogue.
#[derive(Arbitrary, Debug)]
pub struct SignedCall {
    pub op: u8,
    pub signing: Signing,
    /// `RegionId` is given as `cn-hangzhou` unless a parameter overrides it.
    pub no_region: bool,
    pub params: Vec<Param>,
    /// The clock moves on by this many (emulated) seconds before the call.
    pub wait_s: u8,
}

fn wire_name(op: &'static Operation, name: &Name) -> String {
    match name {
        Name::Free(text) => text.clone(),
        Name::Known { field, index, member } => {
            if op.params.is_empty() {
                return "RegionId".into();
            }
            let f = &op.params[*field as usize % op.params.len()];
            let mut name = f.name().to_string();
            let mut shape: &Field = f;
            loop {
                match shape.shape() {
                    Shape::Scalar(_) => return name,
                    Shape::Struct(members) if !members.is_empty() => {
                        shape = &members[*member as usize % members.len()];
                        name = format!("{name}.{}", shape.name());
                    }
                    Shape::Struct(_) => return name,
                    Shape::List { item, .. } => {
                        // Mostly 1 to 3, sometimes anything (0, 255).
                        let n = if *index < 200 { 1 + *index as u32 % 3 } else { *index as u32 };
                        name = format!("{name}.{n}");
                        shape = item;
                    }
                }
            }
        }
    }
}

/// A call's answer, with what later calls of the same input may reuse.
pub struct Session {
    pub emulator: Emulator,
    pub now: Millis,
    nonce: u64,
    /// Strings the emulator answered with (IDs it made, NextTokens), for [`Val::Earlier`].
    pub earlier: Vec<String>,
}

impl Session {
    pub fn new(emulator: Emulator) -> Self {
        Session { emulator, now: START, nonce: 0, earlier: Vec::new() }
    }

    fn value(&self, value: &Val) -> String {
        match value {
            Val::Free(text) => text.clone(),
            Val::Number(n) => n.to_string(),
            Val::Known(i) => known_names()[*i as usize % known_names().len()].clone(),
            Val::Earlier(i) if self.earlier.is_empty() => i.to_string(),
            Val::Earlier(i) => self.earlier[*i as usize % self.earlier.len()].clone(),
        }
    }

    /// The call's wire pairs (operation parameters only).
    pub fn pairs(&self, call: &SignedCall) -> (&'static Operation, Vec<(String, String)>) {
        let op = operation(call.op);
        let mut pairs: Vec<(String, String)> =
            call.params.iter().take(24).map(|p| (wire_name(op, &p.name), self.value(&p.value))).collect();
        if !call.no_region && !pairs.iter().any(|(k, _)| k == "RegionId") {
            pairs.push(("RegionId".into(), "cn-hangzhou".into()));
        }
        (op, pairs)
    }

    /// Signs and sends the call; `None` when V3 was asked for and the core would not build it.
    pub fn send(&mut self, call: &SignedCall) -> Option<(&'static Operation, Outcome)> {
        self.now += u64::from(call.wait_s) * 1000;
        let (op, pairs) = self.pairs(call);
        let request = self.sign(op, &pairs, call.signing)?;
        let outcome = self.emulator.handle(&request, self.now);
        self.remember(&outcome);
        Some((op, outcome))
    }

    /// A request for `pairs`, signed with the demo account's key at the session's clock.
    pub fn sign(
        &mut self,
        op: &'static Operation,
        pairs: &[(String, String)],
        signing: Signing,
    ) -> Option<HttpRequest> {
        self.nonce += 1;
        let nonce = format!("fuzz-{}", self.nonce);
        let timestamp = Timestamp::from_unix_seconds((self.now / 1000) as i64);
        let secret = Secret::new("demo-secret");
        match signing {
            Signing::V1Get | Signing::V1Form => {
                let ts = timestamp.to_string();
                let mut all: Vec<(&str, &str)> = vec![
                    ("Action", op.name),
                    ("Version", VERSION),
                    ("Format", "JSON"),
                    ("AccessKeyId", "demo"),
                    ("SignatureMethod", "HMAC-SHA1"),
                    ("SignatureVersion", "1.0"),
                    ("SignatureNonce", &nonce),
                    ("Timestamp", &ts),
                ];
                all.extend(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                let method = if matches!(signing, Signing::V1Get) { "GET" } else { "POST" };
                let signed = v1::sign(method, &all, &secret);
                Some(if method == "GET" {
                    HttpRequest { method: "GET".into(), path: "/".into(), query: signed.query(), ..Default::default() }
                } else {
                    HttpRequest {
                        method: "POST".into(),
                        path: "/".into(),
                        headers: vec![("content-type".into(), "application/x-www-form-urlencoded".into())],
                        body: signed.query().into_bytes(),
                        ..Default::default()
                    }
                })
            }
            Signing::V3 => {
                let parsed = ecsimg_core::wire::parse(op, pairs).ok()?;
                let options = RequestOptions {
                    signature_version: SignatureVersion::V3,
                    endpoint: Some("http://127.0.0.1:9000".into()),
                    strictness: Strictness::Lenient,
                    ..Default::default()
                };
                let ctx = SigningContext { timestamp, nonce: &nonce };
                let credentials = Credentials::new("demo", "demo-secret");
                let signed = build(op.name, &parsed.request, &credentials, &options, &ctx).ok()?;
                Some(http(signed))
            }
        }
    }

    fn remember(&mut self, outcome: &Outcome) {
        let Ok(Value::Object(body)) = serde_json::from_slice::<Value>(&outcome.response.body) else { return };
        for (key, value) in body {
            if key == "RequestId" || self.earlier.len() >= 32 {
                continue;
            }
            if let Value::String(s) = value {
                if !s.is_empty() {
                    self.earlier.push(s);
                }
            }
        }
    }
}

/// A request built by the core, as the emulator receives it.
pub fn http(signed: ecsimg_core::SignedRequest) -> HttpRequest {
    let after_scheme = signed.url.split_once("://").map_or(signed.url.as_str(), |(_, rest)| rest);
    let path_and_query = after_scheme.find('/').map_or("/", |at| &after_scheme[at..]);
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    HttpRequest {
        method: signed.method.into(),
        path: path.into(),
        query: query.into(),
        headers: signed.headers.into_iter().map(|(name, value)| (name.to_string(), value)).collect(),
        body: signed.body.into_bytes(),
    }
}

/// What every answer of the emulator must be, whatever the request: a JSON object with a
/// `RequestId`, status 200 or an error status below 500 (no fault is injected, so a 5xx is a bug
/// unless the code says the service is at fault), and readable by the client's decoder as a
/// success or an `ApiError` respectively.
pub fn check_answer(op: Option<&'static Operation>, outcome: &Outcome) {
    let response = &outcome.response;
    let body: Value = serde_json::from_slice(&response.body).expect("every answer is JSON");
    assert!(body.get("RequestId").is_some_and(Value::is_string), "no RequestId: {body}");
    assert!(response.status == 200 || (400..500).contains(&response.status), "status {}: {body}", response.status);
    if let Some(op) = op {
        match ecsimg_core::decode(op, response.status, &response.body) {
            Ok(_) => assert_eq!(response.status, 200),
            Err(ecsimg_core::ResponseError::Api(_)) => assert!(response.status >= 400),
            Err(ecsimg_core::ResponseError::Decode(e)) => panic!("the client cannot read the answer: {e:?}"),
        }
    }
}
