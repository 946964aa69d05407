#!/usr/bin/env bash
# Size of the console's sandbox wasm as the site ships it: crates/sandbox/build.sh (the pinned
# nightly's lean build, wasm-bindgen --target web, wasm-opt -Oz), then raw and `gzip -9`, against
# the target of 150 KB gzip.
#
#   crates/sandbox/benches/size.sh               # the figures
#   crates/sandbox/benches/size.sh --breakdown   # also: where the bytes go, by crate and function
#                                                # (build.sh's cargo output with names kept,
#                                                # before wasm-opt)
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
. scripts/lib.sh
PATH="$root/tools/node_modules/.bin:$PATH"
TARGET=150000

crates/sandbox/build.sh >/dev/null
wasm=crates/sandbox/pkg/ecsimg-sandbox_bg.wasm
raw=$(wc -c < "$wasm")
gz=$(gzip -9 -n -c < "$wasm" | wc -c)
echo "sandbox wasm (wasm-opt -Oz): $raw B raw, $gz B gzip -9 (target <= $TARGET B: $([ "$gz" -le $TARGET ] && echo met || echo "NOT met, $((gz - TARGET)) B over"))"

if [ "${1:-}" = "--breakdown" ]; then
  # build.sh's own cargo output, bound again with its names kept.
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  wasm-bindgen --keep-debug --target web --out-dir "$tmp/named" target/sandbox/wasm32-unknown-unknown/wasm-release/ecsimg_sandbox.wasm
  node crates/wasm/benches/breakdown.mjs "$tmp/named/ecsimg_sandbox_bg.wasm" --top 30
fi
