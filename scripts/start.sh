#!/usr/bin/env bash
# The main job. Today: signs a sample call with the core and prints the request that would be
# sent (the emulator and the console that will run here are issues 3 to 5).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

scripts/setup.sh
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
say "signing a sample DescribeImages call (secret 'demo-secret' never leaves this machine)"
printf '%s\n' "{\"action\":\"DescribeImages\",\"request\":{\"regionId\":\"cn-hangzhou\",\"imageOwnerAlias\":\"self\"},\"accessKeyId\":\"demo\",\"accessKeySecret\":\"demo-secret\",\"timestamp\":\"$now\",\"nonce\":\"$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')\"}" \
  | cargo run -q -p ecsimg-core --example presign \
  | python3 -m json.tool
