#!/usr/bin/env bash
# Load test of the ecsimg-emulator server: signed DescribeImages calls per second and their latency
# percentiles, over loopback, for a bounded time; it stops the server and cleans up by itself.
#
#   crates/emulator/benches/load.sh [SECONDS] [CONNECTIONS]      (default 10 s, 16 connections)
#
# The emulator refuses a replayed nonce, so each request must be a different signed call: a pool of
# V1 GET calls (the whole call is in the URL) is presigned by `ecsimg-core --example presign`, and
# benches/load.lua makes wrk send each of them once. Needs wrk (installed with apt-get if missing)
# and python3.
set -euo pipefail

SECONDS_TO_RUN=${1:-10}
CONNECTIONS=${2:-16}
# One wrk thread leaves the other core of a 2-core machine to the server.
WRK_THREADS=${WRK_THREADS:-1}
# Calls per second the pool is sized for; past the pool the run reports non-2xx answers.
# EMULATOR=path measures that binary instead of building the workspace's (to compare builds).
POOL_RATE=${POOL_RATE:-40000}
# STATE=1 runs the emulator with --state in the scratch folder: each call's nonce is then journaled
# beside the state file before it is answered (the figures include that append).
STATE=${STATE:-0}

root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"

if ! command -v wrk >/dev/null; then
  echo "load.sh: installing wrk" >&2
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

if [ -z "${EMULATOR:-}" ]; then
  cargo build -q --release -p ecsimg-emulator --bin ecsimg-emulator
  EMULATOR=target/release/ecsimg-emulator
fi
cargo build -q --release -p ecsimg-core --example presign

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

state_args=()
[ "$STATE" = 1 ] && state_args=(--state "$work/state.json")
"$EMULATOR" --listen 127.0.0.1:0 "${state_args[@]}" >"$work/banner" 2>"$work/server.log" &
server=$!
for _ in $(seq 100); do
  grep -q "listening on" "$work/banner" 2>/dev/null && break
  sleep 0.1
done
url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/banner" | head -1)
[ -n "$url" ] || { cat "$work/server.log" >&2; echo "load.sh: the emulator did not start" >&2; exit 1; }

pool=$((SECONDS_TO_RUN * POOL_RATE))
echo "load.sh: presigning $pool DescribeImages calls" >&2
# One presign input line per call, each with its own nonce.
calls() {
  python3 -c '
import json, sys
count, timestamp, url = int(sys.argv[1]), sys.argv[2], sys.argv[3]
for i in range(count):
    print(json.dumps({
        "action": "DescribeImages", "request": {"regionId": "cn-hangzhou"},
        "accessKeyId": "demo", "accessKeySecret": "demo-secret",
        "signatureVersion": "v1", "method": "GET", "endpoint": url,
        "timestamp": timestamp, "nonce": f"load-{i}",
    }))
' "$@"
}
# The path and query of each presigned URL.
paths() {
  python3 -c '
import json, sys
for line in sys.stdin:
    url = json.loads(line)["url"]
    print(url[url.index("/", len("http://")):])
'
}
calls "$pool" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$url" | target/release/examples/presign | paths >"$work/pool"

echo "load.sh: wrk -t$WRK_THREADS -c$CONNECTIONS -d${SECONDS_TO_RUN}s against $url" >&2
timeout $((SECONDS_TO_RUN + 60)) wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${SECONDS_TO_RUN}s" --latency \
  -s crates/emulator/benches/load.lua "$url" -- "$work/pool" "$WRK_THREADS" | tee "$work/wrk"

if grep -qE "Non-2xx|Socket errors" "$work/wrk"; then
  echo "load.sh: some calls failed (pool exhausted? raise POOL_RATE)" >&2
  exit 1
fi
rate=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk")
p99=$(awk '$1 == "99%" {print $2}' "$work/wrk")
journal=""
[ "$STATE" = 1 ] && journal=", --state: nonce journal $(wc -c <"$work/.state.json.nonces") B, state file $(wc -c <"$work/state.json") B"
echo "DescribeImages (V1 GET, signed, cn-hangzhou, 10 images an answer): $rate req/s, p99 $p99" \
  "($CONNECTIONS connections, ${SECONDS_TO_RUN} s, $(nproc) cores shared with wrk$journal)"
