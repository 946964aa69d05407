//! The wasm functions of the npm package in Node (no `run_in_browser`: wasm-bindgen-test-runner
//! runs this binary in Node): the shared suite in `common/`, plus a check that this really is Node.
//!
//! Run (from the repository root):
//! `cargo test -p ecsimg-wasm --target wasm32-unknown-unknown --test node`
//! (`.cargo/config.toml` names `wasm-bindgen-test-runner` as the wasm32 runner).

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

mod common;

#[wasm_bindgen(inline_js = "export function node_version() { \
    return typeof process === 'object' && process.versions && process.versions.node || ''; }")]
extern "C" {
    fn node_version() -> String;
}

#[wasm_bindgen_test]
fn runs_in_node() {
    let version = node_version();
    assert!(!version.is_empty(), "not Node");
}
