#!/usr/bin/env bash
# Builds the console's sandbox into crates/sandbox/pkg, which web/index.html copies into the site
# (ecsimg-sandbox.js and ecsimg-sandbox_bg.wasm, imported by web/sandbox-worker.js): the emulator
# compiled for size (scripts/lib.sh, sandbox_wasm_build: the npm package's lean build, with more of
# the standard library built for size), bound by wasm-bindgen (web target), shrunk by wasm-opt -Oz.
# Built here rather than by trunk, which builds every wasm of the page with one toolchain and one
# set of flags: the console keeps stable Rust and its panic messages.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
. scripts/lib.sh
export PATH="$root/tools/node_modules/.bin:$PATH"
pkg=crates/sandbox/pkg

sandbox_wasm_build target/sandbox
rm -rf "$pkg"
wasm-bindgen --target web --out-name ecsimg-sandbox --out-dir "$pkg" \
  target/sandbox/wasm32-unknown-unknown/wasm-release/ecsimg_sandbox.wasm
# Its doc comments stay in its .d.ts, which the site leaves out.
node crates/wasm/scripts/lean-glue.mjs "$pkg/ecsimg-sandbox.js"
lean_wasm_opt "$pkg/ecsimg-sandbox_bg.wasm"
echo "built $pkg ($(wc -c < "$pkg/ecsimg-sandbox_bg.wasm") bytes of wasm)"
