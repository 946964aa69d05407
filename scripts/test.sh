#!/usr/bin/env bash
# Sets up what is missing, then runs every test: formatting and lints, the Rust suites (core:
# unit, vectors, golden messages, property tests, the official-encoder oracle; emulator: every
# operation, the gateway, the HTTP server), the official SDKs (Node and Python) against our
# signer and against the emulator, the npm package (wasm-bindgen tests, Node, Chromium, Vite),
# the production nginx config in front of the emulator, and the console end to end in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

scripts/setup.sh test

say "rustfmt"
cargo fmt --all -- --check
say "clippy"
cargo clippy --workspace --all-targets --locked -q -- -D warnings
say "cargo test"
cargo test --workspace --locked -q
say "the official Node SDK: differential tests, and every operation against the emulator"
node --test tests/conformance/
say "the official Python SDK against the emulator"
tests/conformance/.venv/bin/python -m unittest discover -s tests/conformance/python
npm_package_once
say "the npm package: its wasm under wasm-bindgen-test, in Node and in headless Chromium"
# (no -q: cargo would pass it on to wasm-bindgen-test-runner, which refuses it)
CHROMEDRIVER=/usr/bin/chromedriver cargo test --locked -p ecsimg-wasm --target wasm32-unknown-unknown
say "the npm package against the emulator (Node): every operation, faults, retries, waiters, types"
node --test crates/wasm/tests-js/
say "the npm package in Chromium: through a same-origin proxy, and built into an app by Vite"
node --test crates/wasm/browser-tests/
say "the production nginx config (web/nginx/ecsimg.conf) with Debian's nginx, in front of the emulator"
node --test tests/proxy/
say "the console in Chromium: all 23 operations through their forms, the image lifecycle, invalid input, the proxy connection, the secret audit, labels, keyboard, layout, CSP"
trunk_once
need flock "it comes with util-linux"
tests/console/build.sh
node --test tests/console/
say "all tests passed"
