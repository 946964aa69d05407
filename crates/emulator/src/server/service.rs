//! One HTTP request: the admin endpoint, or the emulator, whose answer is saved, delayed, dropped
//! or cut as the outcome says.

use super::admin;
use super::body::Answer;
use super::state_file::StateFile;
use crate::faults::NetworkFault;
use crate::gateway::error_body;
use crate::{Emulator, HttpRequest, HttpResponse, ServiceError};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper::body::{Body, Incoming};
use hyper::{Request, Response};
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The largest request body accepted (API calls send parameters, never payloads).
pub const MAX_BODY: usize = 1 << 20;

pub struct App {
    pub emulator: Emulator,
    pub state: Option<StateFile>,
    pub admin: bool,
    /// `--proxied-host`: the development proxy's `Host` (see `server/dev_proxy.rs`).
    pub proxied_host: Option<String>,
    /// `--body-timeout`: how long a request body may take to arrive.
    pub body_timeout: Duration,
}

/// Makes the connection close without any answer: the `drop` fault, or a client that went away
/// while sending its body.
#[derive(Debug)]
pub struct Dropped;

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("connection dropped")
    }
}

impl std::error::Error for Dropped {}

pub async fn serve(app: Arc<App>, request: Request<Incoming>) -> Result<Response<Answer>, Dropped> {
    let (parts, body) = request.into_parts();
    // A too long body is refused on its announced length when it has one, before it is read.
    if body.size_hint().lower() > MAX_BODY as u64 {
        return Ok(too_long());
    }
    // A body that never finishes must not hold the connection: past the timeout, 408 (and hyper
    // closes the connection, whose body was not read to its end).
    let body = match tokio::time::timeout(app.body_timeout, Limited::new(body, MAX_BODY).collect()).await {
        Err(_elapsed) => return Ok(too_slow(app.body_timeout)),
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(e)) if e.is::<LengthLimitError>() => return Ok(too_long()),
        Ok(Err(_)) => return Err(Dropped),
    };
    let path = parts.uri.path();
    if app.admin && path.starts_with(admin::PREFIX) {
        let (status, value) = admin::answer(&app.emulator, parts.method.as_str(), path, &body);
        let json = serde_json::to_vec(&value).expect("JSON values serialise");
        return Ok(respond(status, vec![("content-type".into(), "application/json".into())], Answer::whole(json)));
    }
    let mut request = HttpRequest {
        method: parts.method.as_str().into(),
        path: path.into(),
        query: parts.uri.query().unwrap_or_default().into(),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| (name.as_str().into(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
            .collect(),
        body: body.into(),
    };
    if let Some(host) = &app.proxied_host {
        super::dev_proxy::as_proxied(&mut request, host);
    }
    let outcome = app.emulator.handle(&request, now_ms());
    let mut response = outcome.response;
    if let Some(state) = &app.state {
        // Not a reason to fail the call: its effect is done; only a replay after a restart would pass.
        if let Err(e) = state.record_nonces(&app.emulator) {
            eprintln!("ecsimg-emulator: journaling nonces failed: {e}");
        }
    }
    // A change is acknowledged only once on disk; so is a ClientToken replay's, whose first call
    // may have failed to save (and answered InternalError): the replay saves it again, or fails too.
    if (outcome.mutated || outcome.replayed) && app.state.is_some() {
        if let Err(e) = save(&app, outcome.mutated).await {
            eprintln!("ecsimg-emulator: saving the state failed, answering InternalError: {e}");
            response = unsaved(&request, &response);
        }
    }
    if outcome.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(outcome.latency_ms)).await;
    }
    let body = match outcome.network_fault {
        Some(NetworkFault::Drop) => return Err(Dropped),
        Some(NetworkFault::Truncate) => Answer::truncated(response.body),
        None => Answer::whole(response.body),
    };
    Ok(respond(response.status, response.headers, body))
}

/// Saves on a blocking thread (the write ends with fsync calls): this call's change, or (`changed`
/// false) whatever is not on disk yet.
async fn save(app: &Arc<App>, changed: bool) -> std::io::Result<()> {
    let app = Arc::clone(app);
    tokio::task::spawn_blocking(move || match &app.state {
        Some(state) if changed => state.save_changes(&app.emulator),
        Some(state) => state.save_pending(&app.emulator),
        None => Ok(()),
    })
    .await
    .map_err(std::io::Error::other)?
}

/// A change that could not be saved is not acknowledged.
fn unsaved(request: &HttpRequest, response: &HttpResponse) -> HttpResponse {
    let request_id = response.headers.iter().find(|(k, _)| k == "x-acs-request-id").map_or("", |(_, v)| v.as_str());
    let error = ServiceError::documented(None, "InternalError");
    HttpResponse::json(error.status, &error_body(&error, request_id, request), request_id)
}

fn too_long() -> Response<Answer> {
    let text = format!("request body larger than {MAX_BODY} bytes\n");
    respond(413, vec![("content-type".into(), "text/plain".into())], Answer::whole(text))
}

fn too_slow(timeout: Duration) -> Response<Answer> {
    let text = format!("request body not received within {timeout:?}\n");
    let headers = vec![("content-type".into(), "text/plain".into()), ("connection".into(), "close".into())];
    respond(408, headers, Answer::whole(text))
}

fn respond(status: u16, headers: Vec<(String, String)>, body: Answer) -> Response<Answer> {
    let mut response = Response::builder().status(status);
    for (name, value) in headers {
        response = response.header(name, value);
    }
    response.body(body).expect("the gateway answers with valid statuses and ASCII headers")
}

pub fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}
