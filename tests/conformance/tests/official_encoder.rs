//! Our percent-encoder and V1 signer against the official ones (`@alicloud/openapi-util`'s
//! `getEncodeParam` and `getRPCSignature`), on random input. Each test keeps one
//! `node tests/conformance/oracle.mjs` child and asks it for the official answer to every case.

use ecsimg_core::signing::{v1, Secret};
use ecsimg_core::wire::encode::percent_encode;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseResult, TestRunner};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

const CASES: u32 = 10_000;

/// The official encoder and signer, behind the line protocol of `oracle.mjs`.
struct Oracle {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl Oracle {
    fn start() -> Self {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
        let packages = root.join("tests/conformance/node_modules/@alicloud/openapi-util");
        assert!(
            packages.is_dir(),
            "the official SDK packages are not installed: run `npm ci --prefix tests/conformance` first"
        );
        let mut child = Command::new("node")
            .arg("tests/conformance/oracle.mjs")
            .current_dir(&root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("could not run `node` (Node.js 20 or newer must be on PATH)");
        let stdin = child.stdin.take();
        let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        Oracle { child, stdin, stdout }
    }

    fn ask(&mut self, request: &Value) -> String {
        let stdin = self.stdin.as_mut().expect("oracle stdin");
        writeln!(stdin, "{request}").and_then(|()| stdin.flush()).expect("write to the oracle");
        let mut line = String::new();
        self.stdout.read_line(&mut line).expect("read from the oracle");
        let reply: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("oracle answered {line:?}: {e}"));
        match reply.get("ok").and_then(Value::as_str) {
            Some(answer) => answer.to_string(),
            None => panic!("the oracle failed on {request}: {reply}"),
        }
    }
}

impl Drop for Oracle {
    fn drop(&mut self) {
        // Closing its stdin ends the oracle's input loop, and so the process.
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}

/// Runs `CASES` cases of `strategy` through `test`, with one oracle for all of them.
fn check<S: Strategy>(strategy: S, test: impl Fn(&mut Oracle, S::Value) -> TestCaseResult) {
    let oracle = RefCell::new(Oracle::start());
    let mut runner = TestRunner::new(Config { cases: CASES, failure_persistence: None, ..Config::default() });
    if let Err(e) = runner.run(&strategy, |value| test(&mut oracle.borrow_mut(), value)) {
        panic!("{e}");
    }
}

/// Characters where encoders go wrong: ASCII punctuation and controls, `%`, spaces, and
/// characters of every UTF-8 length (2, 3 and 4 bytes, the last being surrogate pairs in JS).
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::sample::select(b"!\"#$&'()*+,-./:;<=>?@[\\]^_`{|}~".to_vec()).prop_map(char::from),
        2 => Just('%'),
        2 => prop_oneof![Just(' '), Just('\t'), Just('\u{a0}'), Just('\u{3000}')],
        1 => proptest::char::range('\0', '\x7f'),
        2 => proptest::char::range('\u{80}', '\u{7ff}'),
        2 => prop_oneof![proptest::char::range('\u{800}', '\u{d7ff}'), proptest::char::range('\u{e000}', '\u{ffff}')],
        2 => proptest::char::range('\u{10000}', '\u{10ffff}'),
    ]
}

fn tricky_string() -> impl Strategy<Value = String> {
    proptest::collection::vec(tricky_char(), 0..32).prop_map(|chars| chars.into_iter().collect())
}

/// Wire keys are ASCII; starting with a capital keeps clear of JS's `__proto__`.
fn wire_key() -> impl Strategy<Value = String> {
    const FIRST: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const REST: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~-";
    let rest = proptest::collection::vec(proptest::sample::select(REST), 0..25);
    (proptest::sample::select(FIRST), rest)
        .prop_map(|(first, rest)| std::iter::once(first).chain(rest).map(char::from).collect())
}

/// Any Unicode text, or text full of tricky characters. (Built from `any::<char>()`, which is far
/// cheaper to generate than `any::<String>()` for the dozen values of each case.)
fn any_text() -> impl Strategy<Value = String> {
    let any_chars = proptest::collection::vec(any::<char>(), 0..32).prop_map(|chars| chars.into_iter().collect());
    prop_oneof![any_chars, tricky_string()]
}

fn check_encoder(strategy: impl Strategy<Value = String>) {
    check(strategy, |oracle, s| {
        prop_assert_eq!(percent_encode(&s), oracle.ask(&json!({ "encode": s })), "input {:?}", s);
        Ok(())
    });
}

#[test]
fn percent_encoding_matches_the_official_encoder_on_any_string() {
    check_encoder(any::<String>());
}

#[test]
fn percent_encoding_matches_the_official_encoder_on_punctuation_and_multibyte_text() {
    check_encoder(tricky_string());
}

#[test]
fn v1_signatures_match_the_official_signer() {
    let params = proptest::collection::btree_map(wire_key(), any_text(), 0..8);
    let method = prop_oneof![Just("GET"), Just("POST")];
    check((params, method, any::<String>()), |oracle, (params, method, secret)| {
        let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let ours = v1::sign(method, &pairs, &Secret::new(secret.clone())).signature;
        let official = oracle.ask(&json!({ "sign": { "params": params, "method": method, "secret": secret } }));
        prop_assert_eq!(ours, official, "params {:?}, method {}, secret {:?}", params, method, secret);
        Ok(())
    });
}
