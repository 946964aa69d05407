#!/usr/bin/env bash
# Sets up what is missing, then runs every test: formatting and lints, the Rust suites (unit,
# vectors, golden messages, property tests, the official-encoder oracle) and the differential
# suite against the official SDK.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

scripts/setup.sh

say "rustfmt"
cargo fmt --all -- --check
say "clippy"
cargo clippy --workspace --all-targets --locked -q -- -D warnings
say "cargo test"
cargo test --workspace --locked -q
say "differential tests against the official SDK"
node --test tests/conformance/
say "all tests passed"
