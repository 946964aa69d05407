#!/usr/bin/env bash
# Builds what the console's browser tests and benchmark serve: the npm package and the sandbox
# (each only when its inputs changed) and the console in release mode into target/console (only
# when the console's inputs changed since this script last built it, or target/console is
# incomplete). Offline, with the pinned tools of tools/node_modules first on PATH (wasm-opt 132).
# Serialised with flock, so test files that start at once build it once.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib.sh
export PATH="$PWD/tools/node_modules/.bin:$PATH"

mkdir -p target
exec 9>target/.ecsimg-console-build.lock
flock 9

npm_package_once
sandbox_once

stamp=target/.ecsimg-console-build.sha256
sum=$(files_sum Cargo.toml Cargo.lock .cargo Trunk.toml web crates/console crates/core crates/sandbox/pkg \
  crates/wasm/Cargo.toml crates/wasm/src crates/wasm/pkg/dist -path crates/console/benches -prune -o)
if [ -f target/console/index.html ] && [ -f target/console/ecsimg-console_bg.wasm ] && [ -f "$stamp" ] \
  && [ "$(cat "$stamp")" = "$sum" ]; then
  exit 0
fi
say "building the console (trunk build --release, into target/console)"
RUST_BACKTRACE=0 trunk build --release
echo "$sum" > "$stamp"
