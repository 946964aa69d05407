//! The wasm functions of the npm package in a real browser (headless Chromium through chromedriver):
//! the shared suite in `common/`, plus a check that this really is a browser.
//!
//! Run (from the repository root):
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p ecsimg-wasm --target wasm32-unknown-unknown --test web`
//! (`.cargo/config.toml` names `wasm-bindgen-test-runner` as the wasm32 runner).

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

mod common;

#[wasm_bindgen(inline_js = "export function user_agent() { \
    return typeof window === 'object' && typeof navigator === 'object' ? navigator.userAgent : ''; }")]
extern "C" {
    fn user_agent() -> String;
}

#[wasm_bindgen_test]
fn runs_in_a_browser() {
    let agent = user_agent();
    assert!(agent.contains("Chrome"), "not a browser: {agent:?}");
}

#[wasm_bindgen_test]
fn signs_with_the_browser_clock() {
    let now = (js_now() / 1000.0) as i64;
    let input = serde_json::json!({
        "action": "DescribeImages", "request": {"regionId": "cn-hangzhou"},
        "accessKeyId": "demo", "accessKeySecret": "demo-secret", "timestamp": now, "nonce": "browser-clock",
    });
    let answer: serde_json::Value = serde_json::from_str(&ecsimg_wasm::sign(&input.to_string())).unwrap();
    let date = answer["ok"]["headers"].as_array().unwrap().iter().find(|h| h[0] == "x-acs-date").unwrap()[1].clone();
    assert!(date.as_str().unwrap().starts_with("20"), "{date}");
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn js_now() -> f64;
}
