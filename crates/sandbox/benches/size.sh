#!/usr/bin/env bash
# Size of the console's sandbox wasm (crates/sandbox) as the console's build ships it: the
# wasm-release build, wasm-bindgen --target web, wasm-opt -Oz (as trunk's data-wasm-opt="z"), then
# raw and `gzip -9`, against the target of 150 KB gzip. Builds in its own target dir unless
# CARGO_TARGET_DIR is set.
#
#   crates/sandbox/benches/size.sh               # the figures
#   crates/sandbox/benches/size.sh --breakdown   # also: where the bytes go, by crate and function
#                                                # (the same build with names kept, before wasm-opt)
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
PATH="$root/tools/node_modules/.bin:$PATH"
TARGET=150000
target_dir=${CARGO_TARGET_DIR:-$root/target}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

cargo build -q --locked --target wasm32-unknown-unknown --profile wasm-release -p ecsimg-sandbox
wasm-bindgen --target web --out-dir "$out" "$target_dir/wasm32-unknown-unknown/wasm-release/ecsimg_sandbox.wasm"
wasm-opt -Oz "$out/ecsimg_sandbox_bg.wasm" -o "$out/opt.wasm"
raw=$(wc -c < "$out/opt.wasm")
gz=$(gzip -9 -n -c < "$out/opt.wasm" | wc -c)
echo "sandbox wasm (wasm-opt -Oz): $raw B raw, $gz B gzip -9 (target <= $TARGET B: $([ "$gz" -le $TARGET ] && echo met || echo "NOT met, $((gz - TARGET)) B over"))"

if [ "${1:-}" = "--breakdown" ]; then
  wasm-bindgen --keep-debug --target web --out-dir "$out/named" "$target_dir/wasm32-unknown-unknown/wasm-release/ecsimg_sandbox.wasm"
  node crates/wasm/benches/breakdown.mjs "$out/named/ecsimg_sandbox_bg.wasm" --top 30
fi
