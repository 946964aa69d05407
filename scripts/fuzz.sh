#!/usr/bin/env bash
# Fuzzes the parsers of untrusted input (fuzz/, cargo-fuzz on nightly; docs/reliability.md,
# "Fuzzing"): builds every target, then runs each for SECONDS (default 20) from its committed seeds
# (fuzz/corpus/TARGET) and what earlier runs found (fuzz/target/corpus/TARGET), and prints each
# target's executions. Stops by itself; fails naming every target that crashed (the input that did
# it is kept in fuzz/artifacts/TARGET/; `cargo +nightly-2026-05-20 fuzz run TARGET FILE` in fuzz/ replays it).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

seconds=${1:-20}
shift || true
[[ $seconds =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2; }

fuzz_once
cd fuzz
# No sanitizer (the code under test is safe Rust: a panic is what is looked for); debug
# assertions on, so that an arithmetic overflow panics too.
FLAGS=(--sanitizer none --debug-assertions)
say "building the fuzz targets"
cargo "+$NIGHTLY" fuzz build "${FLAGS[@]}"
# The seed writer (examples/seeds.rs) reads the core's and the emulator's API too, and nothing
# else builds it: checked here, so that it cannot rot unseen.
say "checking the fuzz crate's examples"
cargo "+$NIGHTLY" check --quiet --examples
if [ $# -gt 0 ]; then targets=("$@"); else mapfile -t targets < <(cargo "+$NIGHTLY" fuzz list); fi

failed=()
for target in "${targets[@]}"; do
  say "fuzzing $target for ${seconds}s"
  mkdir -p "target/corpus/$target" "corpus/$target"
  log=$(mktemp)
  # -timeout: an input that takes over 10 s is a hang, reported like a crash. The outer timeout
  # only guards against libFuzzer itself not stopping.
  if ! timeout --kill-after=10 $((seconds + 120)) \
    cargo "+$NIGHTLY" fuzz run "${FLAGS[@]}" "$target" "target/corpus/$target" "corpus/$target" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    grep -v '^#[0-9]' "$log" | tail -40 >&2
    failed+=("$target")
  fi
  runs=$(awk '/stat::number_of_executed_units:/ { print $2 }' "$log")
  # libFuzzer's last line: coverage (edges), features and the corpus it kept.
  done_line=$({ grep -E '^#[0-9]+[[:space:]]+DONE' "$log" || true; } | tail -1 |
    sed -E 's/^#[0-9]+[[:space:]]+DONE[[:space:]]+//; s/[[:space:]]+(lim|exec\/s|rss|L|MS):.*//')
  rm -f "$log"
  printf '%-14s %12s executions in %ss  %s\n' "$target" "${runs:-?}" "$seconds" "$done_line"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "error: fuzz target(s) crashed: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
  exit 1
fi
