//! A real `ecsimg-emulator` process on a free loopback port, and a tiny HTTP/1.1 client over
//! `std::net::TcpStream` that sends requests signed by ecsimg-core at the wall-clock time.

use ecsimg_core::{
    build, decode, Credentials, Method, RequestOptions, ResponseError, SignatureVersion, SignedRequest, SigningContext,
    Timestamp,
};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub const BINARY: &str = env!("CARGO_BIN_EXE_ecsimg-emulator");

pub struct Server {
    child: Child,
    pub port: u16,
    /// What it printed at start.
    pub banner: String,
}

impl Server {
    /// Starts the binary on a free port (`--listen 127.0.0.1:0`), lifecycles at `--speed 1000`.
    pub fn start(args: &[&str]) -> Server {
        let mut child = Command::new(BINARY)
            .args(["--listen", "127.0.0.1:0", "--speed", "1000"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start ecsimg-emulator");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout is piped")).lines();
        let mut banner = String::new();
        // The banner ends with the example call, whose last line runs curl.
        while !banner.contains("xargs curl") {
            match lines.next() {
                Some(Ok(line)) => {
                    banner.push_str(&line);
                    banner.push('\n');
                }
                _ => panic!("ecsimg-emulator stopped before listening ({:?}); it printed:\n{banner}", child.wait()),
            }
        }
        let port = banner
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|digits| digits.parse().ok())
            .unwrap_or_else(|| panic!("no URL in the banner:\n{banner}"));
        Server { child, port, banner }
    }

    /// SIGKILL: no chance to save anything more.
    pub fn kill_9(mut self) {
        self.child.kill().expect("kill -9");
        self.child.wait().expect("reap");
    }

    /// SIGTERM, and the exit status once it stopped.
    pub fn terminate(mut self) -> ExitStatus {
        let sent = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().expect("run kill");
        assert!(sent.success());
        self.child.wait().expect("wait for the emulator")
    }

    pub fn client(&self) -> Client {
        Client::new(self.port, "demo", "demo-secret")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs the binary to completion (for flags it refuses): exit status and stderr.
pub fn run_to_end(args: &[&str]) -> (ExitStatus, String) {
    let output = Command::new(BINARY).args(args).output().expect("run ecsimg-emulator");
    (output.status, String::from_utf8_lossy(&output.stderr).into_owned())
}

/// A fresh directory for a test's files, removed when dropped.
pub struct Scratch(PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("ecsimg-server-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("make a scratch directory");
        Scratch(dir)
    }

    pub fn join(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What came back on a connection.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// The connection closed before a single byte.
    Nothing,
    Answer {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        content_length: Option<usize>,
    },
}

impl Reply {
    pub fn status(&self) -> u16 {
        match self {
            Reply::Answer { status, .. } => *status,
            Reply::Nothing => panic!("no answer"),
        }
    }

    pub fn body(&self) -> &[u8] {
        match self {
            Reply::Answer { body, .. } => body,
            Reply::Nothing => panic!("no answer"),
        }
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(self.body())
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(self.body())))
    }
}

/// One request on its own connection (`Connection: close`), read to the end. A `content-length`
/// among `headers` replaces the body's own.
pub fn exchange(port: u16, method: &str, target: &str, headers: &[(String, String)], body: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("set a timeout");
    let mut head = format!("{method} {target} HTTP/1.1\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("host: 127.0.0.1:{port}\r\n"));
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-length")) {
        head.push_str(&format!("content-length: {}\r\n", body.len()));
    }
    head.push_str("connection: close\r\n\r\n");
    stream.write_all(head.as_bytes()).expect("send the head");
    stream.write_all(body).expect("send the body");
    let mut raw = Vec::new();
    // A connection the server breaks may end in a reset rather than a clean close.
    let _ = stream.read_to_end(&mut raw);
    parse(&raw)
}

fn parse(raw: &[u8]) -> Reply {
    if raw.is_empty() {
        return Reply::Nothing;
    }
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete head") + 4;
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let content_length = headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.parse().ok());
    Reply::Answer { status, headers, body: raw[end..].to_vec(), content_length }
}

/// Nonces unique across the test binary.
static NONCES: AtomicU64 = AtomicU64::new(0);

/// An error answer, reduced to what tests compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub status: u16,
    pub code: String,
}

#[derive(Debug, Clone)]
pub struct Client {
    pub port: u16,
    pub credentials: Credentials,
    pub version: SignatureVersion,
    pub method: Method,
}

impl Client {
    pub fn new(port: u16, id: &str, secret: &str) -> Self {
        Client { port, credentials: Credentials::new(id, secret), version: SignatureVersion::V3, method: Method::Post }
    }

    pub fn with(mut self, version: SignatureVersion, method: Method) -> Self {
        self.version = version;
        self.method = method;
        self
    }

    /// A call signed now, for this server.
    pub fn sign(&self, action: &str, request: &Value) -> SignedRequest {
        let nonce = format!("live-{}-{}", std::process::id(), NONCES.fetch_add(1, Ordering::Relaxed));
        let now = SystemTime::now().duration_since(UNIX_EPOCH).expect("after 1970").as_secs();
        let ctx = SigningContext { timestamp: Timestamp::from_unix_seconds(now as i64), nonce: &nonce };
        let options = RequestOptions {
            signature_version: self.version,
            method: self.method,
            endpoint: Some(format!("http://127.0.0.1:{}", self.port)),
            ..Default::default()
        };
        build(action, request, &self.credentials, &options, &ctx).unwrap_or_else(|e| panic!("{e}"))
    }

    pub fn send(&self, signed: &SignedRequest) -> Reply {
        let target = signed.url.split_once("://").and_then(|(_, rest)| rest.find('/').map(|at| &rest[at..]));
        let headers: Vec<(String, String)> = signed.headers.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        exchange(self.port, signed.method, target.unwrap_or("/"), &headers, signed.body.as_bytes())
    }

    /// Calls an operation: the decoded body (official TS SDK shape) or the error.
    pub fn call(&self, action: &str, request: Value) -> Result<Value, Failure> {
        let reply = self.send(&self.sign(action, &request));
        let op = ecsimg_core::request::resolve(action).expect("a known action");
        decode(op, reply.status(), reply.body())
            .map_err(|e| match e {
                ResponseError::Api(api) => Failure { status: api.http_status, code: api.code },
                ResponseError::Decode(d) => panic!("{action}: undecodable answer: {d}"),
            })
            .map(|text| serde_json::from_str(&text).expect("the decoder writes JSON"))
    }

    pub fn ok(&self, action: &str, request: Value) -> Value {
        self.call(action, request).unwrap_or_else(|e| panic!("{action}: {e:?}"))
    }
}

/// Every image of the demo account in `region`, by ID → name (all statuses, every page).
pub fn own_images(client: &Client, region: &str) -> std::collections::BTreeMap<String, String> {
    let mut images = std::collections::BTreeMap::new();
    for page in 1.. {
        let body = client.ok(
            "DescribeImages",
            serde_json::json!({"regionId": region, "imageOwnerAlias": "self", "status": "ALL",
                               "pageSize": 100, "pageNumber": page}),
        );
        let list = body["images"]["image"].as_array().cloned().unwrap_or_default();
        for image in &list {
            let name = image["imageName"].as_str().unwrap_or_default().to_string();
            images.insert(image["imageId"].as_str().expect("an ID").to_string(), name);
        }
        if list.len() < 100 {
            break;
        }
    }
    images
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
