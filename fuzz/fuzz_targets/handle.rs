//! The emulator as a whole (`Emulator::handle`) on a seeded state, at `START` (a day after the
//! seeding). A first byte of 0: the rest is one HTTP request as text (`METHOD /path?query`, header
//! lines `name: value`, a blank line, the body; the committed seeds are signed golden requests).
//! Otherwise up to 8 requests, each either raw (any method, path, query, headers, body), signed by the demo key the way a client
//! signs (V1 over the query or a form body, V3 through the core) with parameters mostly the
//! operation's own and values mostly IDs that exist, or such a signed request then tampered with.
//! The clock moves on between calls, so lifecycles and executions run.
//!
//! Checks: never a panic; every answer is a JSON object with a RequestId, status 200 or 4xx, and
//! the client's decoder reads it (a success as the operation's response, an error as an ApiError).
#![no_main]

use arbitrary::Arbitrary;
use ecsimg_emulator::HttpRequest;
use ecsimg_fuzz::{check_answer, Session, SignedCall};
use libfuzzer_sys::fuzz_target;

const HEADERS: &[&str] = &[
    "authorization",
    "content-type",
    "host",
    "x-acs-action",
    "x-acs-version",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-content-sha256",
    "x-acs-security-token",
    "x-acs-accesskey-id",
];

#[derive(Arbitrary, Debug)]
enum Header {
    Known(u8),
    Free(String),
}

impl Header {
    fn name(&self) -> String {
        match self {
            Header::Known(i) => HEADERS[*i as usize % HEADERS.len()].to_string(),
            Header::Free(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Edit {
    SetHeader(Header, String),
    RemoveHeader(u8),
    AppendQuery(String),
    Query(String),
    Body(Vec<u8>),
    Method(String),
    Path(String),
}

#[derive(Arbitrary, Debug)]
enum Call {
    Raw { method: String, path: String, query: String, headers: Vec<(Header, String)>, body: Vec<u8> },
    Signed(SignedCall),
    Tampered(SignedCall, Edit),
}

/// `METHOD /path?query\nname: value\n...\n\nbody` (`\r\n` too).
fn http_text(data: &[u8]) -> HttpRequest {
    let text = String::from_utf8_lossy(data);
    let (head, body) = text.split_once("\r\n\r\n").or_else(|| text.split_once("\n\n")).unwrap_or((&text, ""));
    let mut lines = head.lines();
    let start = lines.next().unwrap_or_default();
    let (method, target) = start.split_once(' ').unwrap_or((start, ""));
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let headers = lines
        .map(|l| l.split_once(':').map_or((l, ""), |(k, v)| (k, v.trim_start())))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    HttpRequest {
        method: method.into(),
        path: path.into(),
        query: query.into(),
        headers,
        body: body.as_bytes().to_vec(),
    }
}

fuzz_target!(|data: &[u8]| {
    let mut session = Session::new(ecsimg_fuzz::emulator(ecsimg_fuzz::seeded_store()));
    if let [0, rest @ ..] = data {
        check_answer(None, &session.emulator.handle(&http_text(rest), session.now));
        return;
    }
    let Ok(calls) = Vec::<Call>::arbitrary_take_rest(arbitrary::Unstructured::new(data)) else { return };
    for call in calls.iter().take(8) {
        match call {
            Call::Raw { method, path, query, headers, body } => {
                let request = HttpRequest {
                    method: method.clone(),
                    path: path.clone(),
                    query: query.clone(),
                    headers: headers.iter().map(|(h, v)| (h.name(), v.clone())).collect(),
                    body: body.clone(),
                };
                check_answer(None, &session.emulator.handle(&request, session.now));
            }
            Call::Signed(call) => {
                if let Some((op, outcome)) = session.send(call) {
                    check_answer(Some(op), &outcome);
                }
            }
            Call::Tampered(call, edit) => {
                let (op, pairs) = session.pairs(call);
                let Some(mut request) = session.sign(op, &pairs, call.signing) else { continue };
                match edit {
                    Edit::SetHeader(h, v) => {
                        let name = h.name();
                        request.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(&name));
                        request.headers.push((name, v.clone()));
                    }
                    Edit::RemoveHeader(i) if !request.headers.is_empty() => {
                        let at = *i as usize % request.headers.len();
                        request.headers.remove(at);
                    }
                    Edit::RemoveHeader(_) => {}
                    Edit::AppendQuery(q) => request.query = format!("{}&{q}", request.query),
                    Edit::Query(q) => request.query = q.clone(),
                    Edit::Body(b) => request.body = b.clone(),
                    Edit::Method(m) => request.method = m.clone(),
                    Edit::Path(p) => request.path = p.clone(),
                }
                check_answer(None, &session.emulator.handle(&request, session.now));
            }
        }
    }
});
