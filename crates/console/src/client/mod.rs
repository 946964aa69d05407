//! Calling the service: the npm package's client (retries, paginators, waiters, presigning), made
//! for the current connection, with the in-page sandbox as its `fetch` when that is the target.

// `Failure` is made once per failed call, to be shown: boxing it would buy nothing. (Only native
// builds, where the tests run, find it large: on wasm32 it is half the size.)
#![allow(clippy::result_large_err)]

mod inventory;
mod js;
pub mod sandbox;
pub mod workflows;

use crate::model::connection::PROXY_PATH;
use crate::model::page::total_key;
use crate::model::{Connection, Failure, Presigned, Target};
use ecsimg_core::catalogue::Waiter;
use js::JsClient;
use js_sys::{Function, Object, Reflect, Symbol, JSON};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// A failure as the client's `EcsError` says it (anything else thrown: a network failure).
fn failure(error: &JsValue) -> Failure {
    let text = |key: &str| Reflect::get(error, &key.into()).ok().and_then(|v| v.as_string());
    let problems = Reflect::get(error, &"problems".into())
        .ok()
        .map(|list| from_js(&list))
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|p| p.get("message").and_then(Value::as_str).map(str::to_string))
        .collect();
    Failure {
        kind: text("kind").unwrap_or_else(|| "network".into()),
        message: text("message").unwrap_or_else(|| error.as_string().unwrap_or_else(|| "unknown error".into())),
        code: text("code"),
        http_status: Reflect::get(error, &"httpStatus".into()).ok().and_then(|v| v.as_f64()).map(|n| n as u16),
        request_id: text("requestId"),
        recommend: text("recommend"),
        problems,
        server_string_to_sign: text("serverStringToSign"),
        client_string_to_sign: text("clientStringToSign"),
        outcome_unknown: Reflect::get(error, &"outcomeUnknown".into()).ok().and_then(|v| v.as_bool()) == Some(true),
    }
}

fn to_js(value: &Value) -> JsValue {
    JSON::parse(&value.to_string()).unwrap_or(JsValue::NULL)
}

fn from_js(value: &JsValue) -> Value {
    JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or(Value::Null)
}

/// One page of a paged operation, as "Load all" receives it.
pub struct Page {
    pub items: Vec<Value>,
    pub total: Option<u64>,
    pub request_id: Option<String>,
}

/// Gives the main thread back to the browser (a `setTimeout(0)`): it can paint and handle input.
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = web_sys::window().is_some_and(|w| w.set_timeout_with_callback(&resolve).is_ok());
        if !scheduled {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// A client for one connection (cheap to make: made per call, so settings always apply).
pub struct Client {
    js: JsClient,
}

impl Client {
    pub fn new(connection: &Connection, lenient: bool) -> Result<Client, Failure> {
        let options = Object::new();
        let set = |key: &str, value: JsValue| {
            let _ = Reflect::set(&options, &key.into(), &value);
        };
        set("regionId", connection.region.clone().into());
        set("signatureVersion", if connection.signature_v1 { "v1" } else { "v3" }.into());
        set("strictness", if lenient { "lenient" } else { "strict" }.into());
        // No endpoint: every call signs the Host it will arrive with, from its own RegionId (the
        // core's rule): through the proxy, the ecs.<RegionId>.aliyuncs.com it sends; in the page,
        // the SDK endpoint of the URL the sandbox's fetch receives.
        let credentials = Object::new();
        let (id, secret, token) = connection.credentials();
        let _ = Reflect::set(&credentials, &"accessKeyId".into(), &id.into());
        let _ = Reflect::set(&credentials, &"accessKeySecret".into(), &secret.into());
        if let Some(token) = token {
            let _ = Reflect::set(&credentials, &"securityToken".into(), &token.into());
        }
        set("credentials", credentials.into());
        match connection.target {
            Target::InPage => set("fetch", sandbox::fetch()),
            Target::LocalEmulator | Target::AlibabaCloud => set("proxyBaseUrl", PROXY_PATH.into()),
        }
        JsClient::new(&options).map(|js| Client { js }).map_err(|e| failure(&e))
    }

    /// Calls an operation; the answer (flat fields, `body`, `statusCode`) as JSON.
    pub async fn call(
        &self,
        action: &str,
        request: &Value,
        signal: Option<&web_sys::AbortSignal>,
    ) -> Result<Value, Failure> {
        let options = Object::new();
        if let Some(signal) = signal {
            let _ = Reflect::set(&options, &"abortSignal".into(), signal);
        }
        self.js.call(action, to_js(request), options.into()).await.map(|v| from_js(&v)).map_err(|e| failure(&e))
    }

    /// The signed request, not sent (it holds no secret).
    pub async fn presign(&self, action: &str, request: &Value) -> Result<Presigned, Failure> {
        let js = self.js.presign(action, to_js(request)).await.map_err(|e| failure(&e))?;
        absolute_url(&js);
        Ok(presigned(&js))
    }

    /// Every page of a paged operation through the npm client's paginator (`paginate<Action>`),
    /// pages of `page_size` items, handed to `on_page` as they arrive: only a page's items
    /// (`items_key` of the flat view) are copied out of JavaScript. Between pages the browser gets
    /// the main thread back, so the page stays responsive however many pages there are (the
    /// sandbox answers without waiting).
    pub async fn load_all(
        &self,
        action: &str,
        items_key: &str,
        page_size: u32,
        request: &Value,
        signal: &web_sys::AbortSignal,
        mut on_page: impl FnMut(Page),
    ) -> Result<(), Failure> {
        let options = Object::new();
        let _ = Reflect::set(&options, &"pageSize".into(), &page_size.into());
        let _ = Reflect::set(&options, &"abortSignal".into(), signal);
        let paginator = self
            .method(&format!("paginate{action}"))?
            .call2(&self.js, &to_js(request), &options)
            .map_err(|e| failure(&e))?;
        let start: Function =
            Reflect::get(&paginator, &Symbol::async_iterator()).map_err(|e| failure(&e))?.unchecked_into();
        let iterator = start.call0(&paginator).map_err(|e| failure(&e))?;
        let next: Function = Reflect::get(&iterator, &"next".into()).map_err(|e| failure(&e))?.unchecked_into();
        loop {
            let step = next.call0(&iterator).map_err(|e| failure(&e))?;
            let step = JsFuture::from(js_sys::Promise::from(step)).await.map_err(|e| failure(&e))?;
            if Reflect::get(&step, &"done".into()).ok().and_then(|d| d.as_bool()) == Some(true) {
                return Ok(());
            }
            if signal.aborted() {
                return Err(Failure::aborted(action));
            }
            let page = Reflect::get(&step, &"value".into()).unwrap_or(JsValue::NULL);
            let field = |key: &str| Reflect::get(&page, &key.into()).ok().filter(|v| !v.is_undefined() && !v.is_null());
            let items = match field(items_key).map(|v| from_js(&v)) {
                Some(Value::Array(items)) => items,
                _ => Vec::new(),
            };
            on_page(Page {
                items,
                total: field(&total_key()).and_then(|v| v.as_f64()).map(|n| n as u64),
                request_id: field("requestId").and_then(|v| v.as_string()),
            });
            yield_to_browser().await;
            if signal.aborted() {
                return Err(Failure::aborted(action));
            }
        }
    }

    /// Runs the npm client's waiter of the catalogue's `waiter` (`waitForImageAvailable`, ...) with
    /// progress reports; the final object.
    pub async fn wait(
        &self,
        waiter: &Waiter,
        target: &Value,
        signal: &web_sys::AbortSignal,
        on_progress: impl Fn(String, u8) + 'static,
    ) -> Result<Value, Failure> {
        let progress = Closure::<dyn Fn(JsValue)>::new(move |p: JsValue| {
            let status = Reflect::get(&p, &"status".into()).ok().and_then(|s| s.as_string()).unwrap_or_default();
            let percent = Reflect::get(&p, &"percent".into()).ok().and_then(|s| s.as_f64()).unwrap_or(0.0);
            on_progress(status, percent.clamp(0.0, 100.0) as u8);
        });
        let options = Object::new();
        let _ = Reflect::set(&options, &"abortSignal".into(), signal);
        let _ = Reflect::set(&options, &"minDelayMs".into(), &500.into());
        let _ = Reflect::set(&options, &"maxDelayMs".into(), &5000.into());
        let _ = Reflect::set(&options, &"onProgress".into(), progress.as_ref());
        let promise = self.method(waiter.name)?.call2(&self.js, &to_js(target), &options).map_err(|e| failure(&e))?;
        let result = JsFuture::from(js_sys::Promise::from(promise)).await;
        drop(progress);
        result.map(|v| from_js(&v)).map_err(|e| failure(&e))
    }

    fn method(&self, name: &str) -> Result<Function, Failure> {
        Reflect::get(&self.js, &name.into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .ok_or_else(|| Failure::local(format!("the client has no {name}")))
    }
}

/// What the client's `presign` gave, with the snippets of the same request.
fn presigned(js: &JsValue) -> Presigned {
    let value = from_js(js);
    let text = |k: &str| value.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
    let headers = value
        .get("headers")
        .and_then(Value::as_array)
        .map(|h| {
            h.iter()
                .filter_map(|pair| Some((pair.get(0)?.as_str()?.to_string(), pair.get(1)?.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    Presigned {
        method: text("method"),
        url: text("url"),
        headers,
        string_to_sign: text("stringToSign"),
        canonical_request: value.get("canonicalRequest").and_then(Value::as_str).map(str::to_string),
        body: value.get("body").and_then(Value::as_str).filter(|b| !b.is_empty()).map(str::to_string),
        curl: js::to_curl(js),
        cli: js::to_aliyun_cli(js),
    }
}

/// Makes a proxy-relative URL (`/api/ecs/?...`) absolute, so the curl command runs as shown.
fn absolute_url(presigned: &JsValue) {
    let url = Reflect::get(presigned, &"url".into()).ok().and_then(|u| u.as_string()).unwrap_or_default();
    let origin = web_sys::window().and_then(|w| w.location().origin().ok());
    if let (true, Some(origin)) = (url.starts_with('/'), origin) {
        let _ = Reflect::set(presigned, &"url".into(), &format!("{origin}{url}").into());
    }
}
