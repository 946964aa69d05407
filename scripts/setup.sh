#!/usr/bin/env bash
# Installs what the tests and the console need on a fresh machine; skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

need cargo "install Rust with rustup: https://rustup.rs"
need node "install Node.js 20 or newer"
need npm "it comes with Node.js"
need python3 "the independent V3 verifier and the Python SDK tests need it"

# The official Alibaba Cloud SDKs the conformance tests compare against (test-only).
npm_ci_once tests/conformance
venv_once tests/conformance/.venv tests/conformance/python/requirements.txt

say "fetching crates"
cargo fetch --locked -q
