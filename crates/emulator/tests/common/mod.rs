//! A signing client that talks to an in-process emulator: requests are built and signed by
//! ecsimg-core exactly as on the wire, answers decoded by it, and the clock is the test's.
#![allow(dead_code)]

use ecsimg_core::{
    build, decode, Credentials, RequestOptions, ResponseError, SignatureVersion, SignedRequest, SigningContext,
    Strictness, Timestamp,
};
use ecsimg_emulator::state::lifecycle::Timing;
use ecsimg_emulator::state::Millis;
use ecsimg_emulator::{Config, Emulator, HttpRequest, Outcome};
use serde_json::Value;
use std::cell::Cell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Nonces unique across every client of the test binary (the emulator refuses replays per key).
static NONCES: AtomicU64 = AtomicU64::new(0);

/// A day after the seeded resources were made.
pub const START: Millis = ecsimg_emulator::seed::SEEDED_AT + 86_400_000;

/// Lifecycles run this many times faster than real time in tests (a 20 s create takes 20 ms).
pub const SPEED: f64 = 1000.0;

pub fn emulator() -> Emulator {
    Emulator::fresh(Config { timing: Timing { speed: SPEED }, ..Config::default() })
}

/// A signed request (built for any endpoint) as the emulator receives it.
pub fn http(signed: SignedRequest) -> HttpRequest {
    let after_scheme = signed.url.split_once("://").map_or(signed.url.as_str(), |(_, rest)| rest);
    let path_and_query = after_scheme.find('/').map_or("/", |at| &after_scheme[at..]);
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    HttpRequest {
        method: signed.method.into(),
        path: path.into(),
        query: query.into(),
        headers: signed.headers.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        body: signed.body.into_bytes(),
    }
}

/// An error answer, reduced to what tests compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub status: u16,
    pub code: String,
    pub message: String,
}

pub struct Client<'e> {
    pub emulator: &'e Emulator,
    pub credentials: Credentials,
    pub version: SignatureVersion,
    /// Shared by the clients of one test (see [`Client::other`]).
    pub now: Rc<Cell<Millis>>,
    /// Lenient clients send what the core's strict validation would refuse, to test the server's checks.
    pub strictness: Strictness,
}

impl<'e> Client<'e> {
    pub fn new(emulator: &'e Emulator, id: &str, secret: &str) -> Self {
        Client {
            emulator,
            credentials: Credentials::new(id, secret),
            version: SignatureVersion::V3,
            now: Rc::new(Cell::new(START)),
            strictness: Strictness::Strict,
        }
    }

    /// Account 1000000000000001.
    pub fn demo(emulator: &'e Emulator) -> Self {
        Client::new(emulator, "demo", "demo-secret")
    }

    /// Account 1000000000000002.
    pub fn demo2(emulator: &'e Emulator) -> Self {
        Client::new(emulator, "demo2", "demo2-secret")
    }

    /// Another account's client on the same emulator and the same clock.
    pub fn other(&self, id: &str, secret: &str) -> Client<'e> {
        let mut client = Client::new(self.emulator, id, secret);
        client.now = Rc::clone(&self.now);
        client
    }

    pub fn lenient(mut self) -> Self {
        self.strictness = Strictness::Lenient;
        self
    }

    pub fn v1(mut self) -> Self {
        self.version = SignatureVersion::V1;
        self
    }

    /// Moves the clock forward (for every client sharing it).
    pub fn wait(&self, ms: Millis) {
        self.now.set(self.now.get() + ms);
    }

    /// The signed HTTP request for a call, as a transport would send it.
    pub fn request(&self, action: &str, request: &Value) -> HttpRequest {
        let nonce = format!("nonce-{}", NONCES.fetch_add(1, Ordering::Relaxed));
        let ctx =
            SigningContext { timestamp: Timestamp::from_unix_seconds((self.now.get() / 1000) as i64), nonce: &nonce };
        let options = RequestOptions {
            signature_version: self.version,
            endpoint: Some("http://127.0.0.1:9000".into()),
            strictness: self.strictness,
            ..Default::default()
        };
        http(build(action, request, &self.credentials, &options, &ctx).unwrap_or_else(|e| panic!("{e}")))
    }

    pub fn send(&self, request: &HttpRequest) -> Outcome {
        self.emulator.handle(request, self.now.get())
    }

    /// Calls an operation; the decoded body (official TS SDK shape) or the error.
    pub fn call(&self, action: &str, request: Value) -> Result<Value, Failure> {
        let outcome = self.send(&self.request(action, &request));
        let op = ecsimg_core::request::resolve(action).unwrap();
        decode(op, outcome.response.status, &outcome.response.body)
            .map_err(|e| match e {
                ResponseError::Api(api) => Failure { status: api.http_status, code: api.code, message: api.message },
                ResponseError::Decode(d) => panic!("{action}: undecodable answer: {d}"),
            })
            .map(|text| serde_json::from_str(&text).expect("the decoder writes JSON"))
    }

    /// Calls an operation that must succeed.
    pub fn ok(&self, action: &str, request: Value) -> Value {
        self.call(action, request).unwrap_or_else(|e| panic!("{action}: {e:?}"))
    }

    /// Calls an operation that must fail; its error code.
    pub fn code(&self, action: &str, request: Value) -> String {
        match self.call(action, request) {
            Ok(body) => panic!("{action} succeeded: {body}"),
            Err(e) => e.code,
        }
    }
}
