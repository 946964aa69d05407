#!/usr/bin/env bash
# Builds the npm package `ecsimg` into crates/wasm/pkg (the tests and the console use this one
# command): the core compiled to wasm for size (scripts/lib.sh, lean_wasm_build), bound by
# wasm-bindgen (web target, which also runs in Node), shrunk by wasm-opt -Oz (binaryen from npm:
# Debian's breaks wasm-bindgen output), the TypeScript types generated from the catalogue, and
# the client compiled by tsc.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
. scripts/lib.sh
export PATH="$root/tools/node_modules/.bin:$PATH"
wasm=crates/wasm

# Without reference types: its exports pass only numbers, and the glue needs no externref table
# (-163 B gzip for the two).
lean_wasm_build ecsimg-wasm target/npm -Ctarget-feature=-reference-types
rm -rf "$wasm/js/wasm" "$wasm/js/generated" "$wasm/pkg"
wasm-bindgen --target web --out-dir "$wasm/js/wasm" target/npm/wasm32-unknown-unknown/wasm-release/ecsimg_wasm.wasm
# A client loads a fresh instance after a trap, also from a bundle's one copy of the glue.
node "$wasm/scripts/renewable-glue.mjs" "$wasm/js/wasm/ecsimg_wasm.js"
# Its doc comments stay in its .d.ts only.
node "$wasm/scripts/lean-glue.mjs" "$wasm/js/wasm/ecsimg_wasm.js"
lean_wasm_opt "$wasm/js/wasm/ecsimg_wasm_bg.wasm"
cargo run -q --locked -p ecsimg-codegen -- "$wasm/js/generated"
# The JavaScript without comments (every page downloads it: -30 % gzip), the declarations with them
# (editors and TypeScript read them); tsc's removeComments would strip both.
tsc -p "$wasm/js/tsconfig.json" --removeComments --declaration false
tsc -p "$wasm/js/tsconfig.json" --emitDeclarationOnly
mkdir -p "$wasm/pkg/dist/wasm"
cp "$wasm/js/wasm/ecsimg_wasm.js" "$wasm/js/wasm/ecsimg_wasm.d.ts" "$wasm/js/wasm/ecsimg_wasm_bg.wasm" "$wasm/pkg/dist/wasm/"
cp "$wasm/package/package.json" "$wasm/package/README.md" "$wasm/pkg/"
echo "built $wasm/pkg ($(wc -c < "$wasm/pkg/dist/wasm/ecsimg_wasm_bg.wasm") bytes of wasm)"
