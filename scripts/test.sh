#!/usr/bin/env bash
# Sets up what is missing, then runs every test: formatting and lints, the Rust suites (core:
# unit, vectors, golden messages, property tests, the official-encoder oracle; emulator: every
# operation, the gateway, the HTTP server), a bounded fuzzing run of every parser of untrusted
# input, the official SDKs (Node and Python) against our
# signer and against the emulator, the npm package (wasm-bindgen tests, Node, Chromium, Vite),
# the production nginx config in front of the emulator, and the console end to end in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

scripts/setup.sh test
# Every suite runs through `suite` (scripts/lib.sh), which fails it when it ran fewer tests than
# its floor in tests/floors.
COUNTS=()

say "rustfmt"
cargo fmt --all -- --check
say "clippy"
cargo clippy --workspace --all-targets --locked -q -- -D warnings
say "cargo test"
suite rust cargo test --workspace --locked -q
say "fuzzing the parsers of untrusted input, 20 s a target (scripts/fuzz.sh; docs/reliability.md)"
scripts/fuzz.sh 20
# The differential suite compares the built npm package too.
npm_package_once
say "the official Node SDK: differential tests, and every operation against the emulator"
suite conformance-node node --test tests/conformance/
say "the official Python SDK against the emulator"
suite conformance-python tests/conformance/.venv/bin/python -m unittest discover -s tests/conformance/python
say "the npm package: its wasm under wasm-bindgen-test, in Node and in headless Chromium"
# (no -q: cargo would pass it on to wasm-bindgen-test-runner, which refuses it)
CHROMEDRIVER=/usr/bin/chromedriver suite wasm-bindgen cargo test --locked -p ecsimg-wasm --target wasm32-unknown-unknown
say "the npm package against the emulator (Node): every operation, faults, retries, waiters, types"
suite npm-node node --test crates/wasm/tests-js/
say "the npm package in Chromium: through a same-origin proxy, and built into an app by Vite"
suite npm-browser node --test crates/wasm/browser-tests/
say "the production nginx config (web/nginx/ecsimg.conf) with Debian's nginx, in front of the emulator"
suite proxy node --test tests/proxy/
say "the console in Chromium: all 23 operations through their forms, the image lifecycle, invalid input, the proxy connection, the secret audit, labels, keyboard, layout, CSP"
trunk_once
need flock "it comes with util-linux"
tests/console/build.sh
suite console node --test tests/console/
printf '  %-20s %5s tests\n' ${COUNTS[@]} >&2
say "all tests passed"
