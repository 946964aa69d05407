#!/usr/bin/env bash
# The main job. Today: the emulator, the local stand-in for the ECS image API, with lifecycles ten
# times faster than real time and its state kept across restarts (the console that will run
# against it is issue 5). Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

scripts/setup.sh start
say "building the emulator"
cargo build -q --release -p ecsimg-emulator
mkdir -p target/demo
exec target/release/ecsimg-emulator --listen 127.0.0.1:9080 --speed 10 --state target/demo/state.json "$@"
