#!/usr/bin/env bash
# Installs what a fresh machine lacks for the main job (`setup.sh start`) or for every test
# (`setup.sh test`, the default); skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

need cargo "install Rust with rustup: https://rustup.rs"
say "fetching crates"
cargo fetch --locked -q

# Build tools from npm (wasm-opt, tsc, vite, playwright-core), used by the build and the tests.
need node "install Node.js 20 or newer"
need npm "it comes with Node.js"
npm_ci_once tools
wasm_toolchain

case "${1:-test}" in
  start)
    trunk_once
    need setsid "it comes with util-linux"
    ;;
  test)
    browser_once
    # The production nginx config is tested with Debian's nginx, and a test CA made by openssl.
    nginx_once
    need openssl "apt-get install openssl"
    need python3 "the independent V3 verifier and the Python SDK tests need it"
    # The official Alibaba Cloud SDKs the conformance tests compare against (test-only).
    npm_ci_once tests/conformance
    venv_once tests/conformance/.venv tests/conformance/python/requirements.txt
    ;;
  *) echo "usage: scripts/setup.sh [start|test]" >&2; exit 2 ;;
esac
