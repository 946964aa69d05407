#!/usr/bin/env bash
# The main job: the console at http://127.0.0.1:8080/ with the local emulator behind it.
#
# It sets up what is missing, then builds the emulator, the npm package and the sandbox (each
# only when its inputs changed). Then it starts the emulator on 127.0.0.1:9080 (lifecycles ten
# times faster than real time, state kept in target/demo/state.json) and `trunk serve --release`
# on 127.0.0.1:8080. Trunk builds the console (cargo skips what is unchanged) and forwards
# /api/ecs/ to the emulator (Trunk.toml [[proxy]]). Arguments go to the emulator (e.g. --fault
# throttling=0.2). Logs are in target/demo/. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

CONSOLE=127.0.0.1:8080    # Trunk.toml [serve]
EMULATOR=127.0.0.1:9080   # Trunk.toml [[proxy]] backend
LOGS=target/demo

scripts/setup.sh start
# wasm-opt 132 from npm, ahead of any other (Debian's 108 breaks the output).
export PATH="$PWD/tools/node_modules/.bin:$PATH"

for address in "$CONSOLE" "$EMULATOR"; do
  if listening "$address"; then
    echo "error: something already listens on $address (another scripts/start.sh?); stop it first" >&2
    exit 1
  fi
done

say "building the emulator"
cargo build -q --locked --release -p ecsimg-emulator
npm_package_once
sandbox_once
mkdir -p "$LOGS"

# Each one runs in its own session, and setsid keeps the pid. So Ctrl-C reaches only this script,
# which then stops each of them with its children: the emulator saves its state and exits, and so
# does trunk, with any cargo it started.
pids=()
stop() {
  trap - INT TERM HUP EXIT
  local pid
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT
trap 'echo >&2; say "stopping"; exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# trunk serve's proxy sets Host to 127.0.0.1 for every call: --proxied-host verifies those calls
# over the Host that web/nginx/ecsimg.conf would send (crates/emulator/README.md, "Signatures").
setsid target/release/ecsimg-emulator --listen "$EMULATOR" --speed 10 --state "$LOGS/state.json" --proxied-host 127.0.0.1 "$@" \
  >"$LOGS/emulator.log" 2>&1 &
emulator=$!
pids+=("$emulator")
# `trunk serve` builds once before it listens, and it listens even when that build fails: watch its log.
say "building the console (about 3 minutes the first time)"
RUST_BACKTRACE=0 setsid trunk serve --release >"$LOGS/trunk.log" 2>&1 &
trunk=$!
pids+=("$trunk")

# Ready when the page answers and a call through the proxy gets the emulator's own answer: an
# error in the service's shape, since the call is not signed. Trunk answers 500 when the backend
# is down.
ready() {
  node --input-type=module -e '
    const base = process.argv[1];
    const page = await fetch(`${base}/`);
    const api = await fetch(`${base}/api/ecs/?RegionId=cn-hangzhou`, { method: "POST" });
    process.exit(page.ok && /"Code"/.test(await api.text()) ? 0 : 1);
  ' "http://$CONSOLE" 2>/dev/null
}
# Says which of the two stopped (with the end of its log); false while both run.
report_stopped() {
  local pid name
  for pid in "$emulator" "$trunk"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      name=$([ "$pid" = "$emulator" ] && echo emulator || echo trunk)
      tail -n 20 "$LOGS/$name.log" >&2
      echo "error: the $name stopped $1; see $LOGS/$name.log" >&2
      return 0
    fi
  done
  return 1
}
deadline=$((SECONDS + 1200))
until listening "$CONSOLE" && ready; do
  if grep -q 'error from build pipeline' "$LOGS/trunk.log"; then
    # The errors (the compiler's, or trunk's with their causes), without trunk's progress lines.
    sed -E -n '/^error/,/ (INFO|ERROR) /p' "$LOGS/trunk.log" | grep -Ev ' (INFO|ERROR) ' | head -n 40 >&2
    echo "error: the console did not build; the whole log is in $LOGS/trunk.log" >&2
    exit 1
  fi
  if report_stopped "while starting"; then exit 1; fi
  if [ "$SECONDS" -gt "$deadline" ]; then
    echo "error: the console did not answer within 20 minutes; see $LOGS/trunk.log and $LOGS/emulator.log" >&2
    exit 1
  fi
  sleep 0.3
done

say "open http://$CONSOLE/ — connection \"local emulator\" calls the emulator; demo credentials demo / demo-secret (or demo2 / demo2-secret); Ctrl-C stops"

# Runs until Ctrl-C, or until one of them stops on its own.
set +e
wait -n "$emulator" "$trunk"
status=$?
set -e
report_stopped "(exit $status)" || true
exit 1
