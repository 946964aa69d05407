#!/usr/bin/env bash
# Size of the npm package `ecsimg` as crates/wasm/build.sh leaves it in crates/wasm/pkg: the wasm
# and its wasm-bindgen glue (what a page downloads besides the client), raw and `gzip -9`, against
# the target of 45 KiB gzip for the two; then all of dist's JavaScript and the npm tarball.
#
#   crates/wasm/benches/size.sh               # figures for crates/wasm/pkg (build it first)
#   crates/wasm/benches/size.sh --breakdown   # also: where the wasm's bytes go, by crate and
#                                             # function (a build with names kept, in a temp dir)
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
dist=crates/wasm/pkg/dist
TARGET=$((45 * 1024))

if [ ! -f "$dist/wasm/ecsimg_wasm_bg.wasm" ]; then
  echo "no $dist/wasm/ecsimg_wasm_bg.wasm: run crates/wasm/build.sh first" >&2
  exit 1
fi

raw() { cat "$@" | wc -c; }
# Each file compressed on its own, as a server sends it (-n: no name or time in the header).
gz() { local total=0 f; for f in "$@"; do total=$((total + $(gzip -9 -n -c < "$f" | wc -c))); done; echo $total; }
kib() { awk -v b="$1" 'BEGIN { printf "%.1f KiB", b / 1024 }'; }
row() { printf '  %-38s %9s B  %10s   gzip -9 %8s B  %10s\n' "$1" "$2" "($(kib "$2"))" "$3" "($(kib "$3"))"; }

wasm=$dist/wasm/ecsimg_wasm_bg.wasm
glue=$dist/wasm/ecsimg_wasm.js
mapfile -t js < <(find "$dist" -name '*.js' | sort)
mapfile -t client < <(find "$dist" -name '*.js' ! -path "$dist/wasm/*" | sort)

echo "ecsimg npm package ($dist), $(date -u +%Y-%m-%d)"
row "wasm (ecsimg_wasm_bg.wasm)" "$(raw "$wasm")" "$(gz "$wasm")"
row "glue (ecsimg_wasm.js)" "$(raw "$glue")" "$(gz "$glue")"
both_gz=$(gz "$wasm" "$glue")
row "wasm + glue" "$(raw "$wasm" "$glue")" "$both_gz"
row "client JS (dist/*.js, generated/*.js)" "$(raw "${client[@]}")" "$(gz "${client[@]}")"
row "all dist JS (${#js[@]} files, glue included)" "$(raw "${js[@]}")" "$(gz "${js[@]}")"
row "all dist JS + wasm" "$(raw "${js[@]}" "$wasm")" "$(gz "${js[@]}" "$wasm")"
if command -v npm >/dev/null; then
  tarball=$(cd crates/wasm/pkg && npm pack --dry-run --json 2>/dev/null | node -e 'const [p] = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(`${p.size} ${p.unpackedSize} ${p.entryCount}`)' || true)
  if [ -n "$tarball" ]; then
    read -r size unpacked entries <<< "$tarball"
    printf '  %-38s %9s B  %10s   (npm pack: %s files, %s B unpacked)\n' "npm tarball" "$size" "($(kib "$size"))" "$entries" "$unpacked"
  fi
fi
if [ "$both_gz" -le "$TARGET" ]; then
  echo "target: wasm + glue <= 45 KiB gzip ($TARGET B): met ($both_gz B)"
else
  echo "target: wasm + glue <= 45 KiB gzip ($TARGET B): NOT met, $((both_gz - TARGET)) B over ($(awk -v a="$both_gz" -v t="$TARGET" 'BEGIN { printf "%.2f", a / t }')x)"
fi

if [ "${1:-}" = "--breakdown" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  # The same build as build.sh, with the names kept and no wasm-opt; data segments left unmerged
  # so that named statics (tables of core, serde_json, ...) show up by symbol.
  echo
  echo "breakdown: build.sh's cargo build (data segments unmerged), wasm-bindgen --keep-debug, no wasm-opt"
  . scripts/lib.sh
  lean_wasm_build ecsimg-wasm "$tmp/target" "-C link-arg=--no-merge-data-segments"
  wasm-bindgen --keep-debug --target web --out-dir "$tmp/out" "$tmp/target/wasm32-unknown-unknown/wasm-release/ecsimg_wasm.wasm"
  node crates/wasm/benches/breakdown.mjs "$tmp/out/ecsimg_wasm_bg.wasm" --top 30
fi
