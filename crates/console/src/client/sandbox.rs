//! The sandbox connection. Its calls go to the emulator in a module worker (crates/sandbox, started
//! by web/sandbox.js when a form is first used, or on the first call), so the console loads
//! without the emulator and works from a static host. Once up, the worker says what it started from
//! (the state saved in this browser, or the demo state) and names the demo account's instances and
//! snapshots, which the ID fields offer. "Reset sandbox" brings back the demo state.

use crate::model::sandbox::SandboxStart;
use crate::model::DemoResource;
use ecsimg_core::catalogue::IdKind;
use js_sys::{Array, Promise, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// web/sandbox.js's `sandboxFetch`, which web/boot.js puts on `window.ecsimg`.
    #[wasm_bindgen(thread_local_v2, js_namespace = ecsimg, js_name = sandboxFetch)]
    static SANDBOX_FETCH: JsValue;

    /// Starts the sandbox's worker (a no-op once it runs); resolves to what it started from, with
    /// the demo resources (`{demo, from, saves}`).
    #[wasm_bindgen(js_namespace = ecsimg, js_name = warmSandbox)]
    fn warm_sandbox() -> Promise;

    /// Brings back the demo state and deletes the saved copy.
    #[wasm_bindgen(js_namespace = ecsimg, js_name = resetSandbox)]
    fn reset_sandbox() -> Promise;
}

thread_local! {
    static WARMED: Cell<bool> = const { Cell::new(false) };
}

/// A `fetch(url, init)` that answers from the sandbox's emulator.
pub fn fetch() -> JsValue {
    SANDBOX_FETCH.with(JsValue::clone)
}

/// Starts the sandbox's worker ahead of the first call, once; when it is up, its demo resources
/// land in `fleet` and what it started from in `start`.
pub fn warm(fleet: RwSignal<Vec<DemoResource>>, start: RwSignal<Option<SandboxStart>>) {
    if WARMED.with(|w| w.replace(true)) {
        return;
    }
    let promise = warm_sandbox();
    spawn_local(async move {
        let Ok(ready) = JsFuture::from(promise).await else { return };
        let field = |key: &str| Reflect::get(&ready, &key.into()).unwrap_or(JsValue::UNDEFINED);
        fleet.set(Array::from(&field("demo")).iter().filter_map(|entry| demo_resource(&entry)).collect());
        start.set(Some(SandboxStart::new(&field("from").as_string().unwrap_or_default(), field("saves").is_truthy())));
    });
}

/// Resets the sandbox to its demo state (starting its worker if need be); whether it worked.
pub async fn reset() -> bool {
    JsFuture::from(reset_sandbox()).await.is_ok()
}

fn demo_resource(entry: &JsValue) -> Option<DemoResource> {
    let field = |key: &str| Reflect::get(entry, &key.into()).ok();
    Some(DemoResource {
        kind: if field("snapshot")?.as_bool()? { IdKind::Snapshot } else { IdKind::Instance },
        region: field("region")?.as_string()?,
        id: field("id")?.as_string()?,
        label: field("label")?.as_string()?,
    })
}
