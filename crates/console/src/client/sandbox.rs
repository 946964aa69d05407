//! The sandbox in the page: the emulator's service logic compiled into the console, served to the
//! client as a `fetch` function. No server is needed, so the console works from a static host.

use ecsimg_emulator::faults::NetworkFault;
use ecsimg_emulator::state::lifecycle::Timing;
use ecsimg_emulator::{Config, Emulator, HttpRequest};
use js_sys::{Array, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

/// Lifecycles run ten times faster than on the service: an image is ready in about two seconds,
/// slow enough to watch its progress.
const SPEED: f64 = 10.0;

thread_local! {
    static EMULATOR: Emulator = Emulator::fresh(Config { timing: Timing { speed: SPEED }, ..Config::default() });
    static FETCH: JsValue = Closure::<dyn Fn(JsValue, JsValue) -> Promise>::new(fetch_impl).into_js_value();
}

/// A `fetch(url, init)` that answers from the in-page emulator.
pub fn fetch() -> JsValue {
    FETCH.with(JsValue::clone)
}

fn fetch_impl(url: JsValue, init: JsValue) -> Promise {
    match answer(&url, &init) {
        Ok(promise) => promise,
        Err(e) => Promise::reject(&e),
    }
}

fn answer(url: &JsValue, init: &JsValue) -> Result<Promise, JsValue> {
    let url = web_sys::Url::new(&url.as_string().unwrap_or_default())?;
    let field = |key: &str| Reflect::get(init, &key.into()).unwrap_or(JsValue::UNDEFINED);
    if let Some(signal) = field("signal").dyn_ref::<web_sys::AbortSignal>() {
        if signal.aborted() {
            return Err(signal.reason());
        }
    }
    let mut headers: Vec<(String, String)> = Array::from(&field("headers"))
        .iter()
        .filter_map(|pair| {
            let pair = Array::from(&pair);
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect();
    // What a real connection carries: the host of the URL.
    headers.push(("host".into(), url.host()));
    let request = HttpRequest {
        method: field("method").as_string().unwrap_or_else(|| "GET".into()),
        path: url.pathname(),
        query: url.search().trim_start_matches('?').to_string(),
        headers,
        body: field("body").as_string().unwrap_or_default().into_bytes(),
    };
    let outcome = EMULATOR.with(|emulator| emulator.handle(&request, js_sys::Date::now() as u64));
    if let Some(fault) = outcome.network_fault {
        let what = if fault == NetworkFault::Drop { "connection closed" } else { "answer cut off" };
        return Err(js_sys::TypeError::new(&format!("sandbox: {what}")).into());
    }
    let init = web_sys::ResponseInit::new();
    init.set_status(outcome.response.status);
    let response_headers = web_sys::Headers::new()?;
    for (name, value) in &outcome.response.headers {
        response_headers.append(name, value)?;
    }
    init.set_headers(&response_headers);
    let body = Uint8Array::from(outcome.response.body.as_slice());
    let response = web_sys::Response::new_with_opt_buffer_source_and_init(Some(&body), &init)?;
    let response: JsValue = response.into();
    Ok(Promise::resolve(&response))
}
