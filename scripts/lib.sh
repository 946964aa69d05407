# Shared by the scripts: logging and idempotent installs. Source it; do not run it.

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# `npm ci` in a folder, skipped when its node_modules already matches its package-lock.json.
npm_ci_once() {
  local dir=$1 stamp="$1/node_modules/.ecsimg-lock.sha256" sum
  sum=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    return 0
  fi
  say "npm ci in $dir"
  npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  echo "$sum" > "$stamp"
}

# A Python venv at $1 with the pinned requirements file $2, skipped when already installed.
venv_once() {
  local venv=$1 requirements=$2 stamp="$1/.ecsimg-requirements.sha256" sum
  sum=$(sha256sum "$requirements" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    return 0
  fi
  say "python venv in $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
  echo "$sum" > "$stamp"
}

# The wasm toolchain: the target, and wasm-bindgen-cli at the exact version Cargo.lock pins
# (trunk and the npm build both need them to match).
wasm_toolchain() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  local version
  version=$(cargo pkgid --locked wasm-bindgen 2>/dev/null | sed 's/.*@//')
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ]; then
    say "installing wasm-bindgen-cli $version (about 3 minutes)"
    # Not --locked: its lockfile pins a crate version this registry does not have.
    cargo install -q wasm-bindgen-cli --version "$version" --force
  fi
}

# Debian's Chromium and ChromeDriver, for the browser tests. Debian's binaryen must not be there:
# its wasm-opt 108 silently breaks wasm-bindgen output (the npm binaryen in tools/ is used instead).
browser_once() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing chromium and chromium-driver from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  if dpkg -s binaryen >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq binaryen >/dev/null
  fi
}

# Debian's nginx, for the test of the production config (web/nginx/ecsimg.conf) in front of the
# emulator. The test runs its own non-daemon nginx on a free loopback port; the system service is
# not used (in a container policy-rc.d keeps it from starting).
nginx_once() {
  if [ ! -x /usr/sbin/nginx ]; then
    say "installing nginx from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null
  fi
}

# Trunk, which builds and serves the console, at the version that builds with this Rust (0.22
# needs a newer rustc); about 8 minutes the first time.
TRUNK_VERSION=0.21.14
trunk_once() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (about 8 minutes)"
    cargo install -q trunk --locked --version "$TRUNK_VERSION" --force
  fi
}

# `built_once NAME OUTPUT SUM BUILD...`: runs BUILD (saying "building the NAME") unless the file
# OUTPUT exists and the function SUM prints what it printed after BUILD last ran here (a digest
# of the build's inputs and output).
built_once() {
  local name=$1 output=$2 sum=$3 stamp="target/.ecsimg-${1// /-}.sha256"
  shift 3
  if [ -f "$output" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$("$sum")" ]; then
    return 0
  fi
  say "building the $name"
  "$@"
  mkdir -p target
  "$sum" > "$stamp"
}

# The npm package (crates/wasm/build.sh, about 30 s warm), skipped when neither its inputs nor
# its output (crates/wasm/pkg) changed since it was last built here.
npm_package_once() {
  built_once "npm package" crates/wasm/pkg/dist/node.js npm_package_sum crates/wasm/build.sh
}

npm_package_sum() {
  files_sum Cargo.toml Cargo.lock scripts/lib.sh tools/package-lock.json crates/core crates/codegen crates/wasm/Cargo.toml \
    crates/wasm/build.sh crates/wasm/src crates/wasm/package crates/wasm/js crates/wasm/pkg \
    \( -path crates/wasm/js/wasm -o -path crates/wasm/js/generated \) -prune -o
}

# The console's sandbox (crates/sandbox/build.sh, about a minute), skipped when neither its inputs
# nor its output (crates/sandbox/pkg) changed since it was last built here.
sandbox_once() {
  built_once sandbox crates/sandbox/pkg/ecsimg-sandbox_bg.wasm sandbox_sum crates/sandbox/build.sh
}

sandbox_sum() {
  files_sum Cargo.toml Cargo.lock scripts/lib.sh tools/package-lock.json crates/core crates/emulator/Cargo.toml \
    crates/emulator/src crates/sandbox crates/wasm/scripts/lean-glue.mjs -path crates/sandbox/benches -prune -o
}

# One digest of the files `find ARGS -type f` lists (ARGS: paths, then any pruning ending in -o),
# to tell whether a build's inputs changed since it last ran.
files_sum() {
  { find "$@" -type f -print0 2>/dev/null || true; } | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
}

# Whether something accepts TCP connections at HOST:PORT.
listening() {
  (exec 3<>"/dev/tcp/${1%:*}/${1##*:}") 2>/dev/null
}

# Fails with a clear message when a tool the project cannot install itself is missing.
need() {
  command -v "$1" >/dev/null 2>&1 || { echo "error: $1 is required ($2)" >&2; exit 1; }
}

# Runs one test suite (`suite NAME COMMAND...`), showing its output, and fails naming NAME when it
# fails or when it ran fewer tests than its floor in tests/floors (a runner that finds no test
# exits 0: node --test and unittest discover on an empty folder do). Counts what the runners
# print: cargo's and wasm-bindgen-test's "test result: ok. N passed", node's "pass N", unittest's
# "Ran N tests".
suite() {
  local name=$1 log floor count
  shift
  floor=$(awk -v n="$name" '$1 == n { print $2 }' tests/floors)
  [ -n "$floor" ] || { echo "error: suite $name has no floor in tests/floors" >&2; exit 1; }
  log=$(mktemp)
  if ! "$@" 2>&1 | tee "$log"; then
    rm -f "$log"
    echo "error: suite $name failed" >&2
    exit 1
  fi
  count=$(awk '
    /test result: ok\. [0-9]+ passed/ { for (i = 1; i <= NF; i++) if ($i == "passed;") n += $(i - 1) }
    /^(# |ℹ )pass [0-9]+$/ { n += $NF }
    /^Ran [0-9]+ tests? in / { n += $2 }
    END { print n + 0 }' "$log")
  rm -f "$log"
  if [ "$count" -lt "$floor" ]; then
    echo "error: suite $name ran $count tests, fewer than its floor of $floor (tests/floors)" >&2
    exit 1
  fi
  [ "$count" -eq "$floor" ] || say "$name: $count tests (floor $floor: raise it in tests/floors)"
  COUNTS+=("$name $count")
}

# The pinned nightly toolchain (minimal profile, with the standard library's source; stable stays
# the default): the npm package's and the sandbox's wasm are built by it (lean_wasm_build), and
# the fuzz targets.
NIGHTLY=nightly-2026-05-20
nightly_once() {
  if [ ! -d "$(rustc "+$NIGHTLY" --print sysroot 2>/dev/null)/lib/rustlib/src/rust/library" ]; then
    say "installing the $NIGHTLY toolchain (minimal profile, rust-src)"
    rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src
  fi
}

# The wasm of package $1 as it ships (the npm package's, the sandbox's), into the target dir $2
# (more rustflags in $3): the pinned nightly rebuilds the standard library (build-std) and makes a
# panic a bare trap (panic=immediate-abort), so that the module carries no panic messages, source
# locations or the formatting machinery they need. A panic was a trap already: the npm client
# loads a fresh instance after one, the console a fresh sandbox worker. The standard library's
# crates named in $4 (default: std core alloc) keep opt-level 3, the others the profile's "z",
# with its smaller algorithms (optimize_for_size). For the npm package all three: at "z" or "s"
# signing is 40 % slower, and at 3 the module is also smaller (wasm 55.9 -> 48.3 KB gzip as first
# built with std at "z", 44.3 KB at 3 with the code changes since; signing 3-5 % faster than the
# stable build). The sandbox: see sandbox_wasm_build.
lean_wasm_build() {
  nightly_once
  local std_opt=() krate
  for krate in ${4:-std core alloc}; do std_opt+=(--config "profile.wasm-release.package.$krate.opt-level=3"); done
  CARGO_TARGET_DIR=$2 RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none ${3:-}" \
    cargo "+$NIGHTLY" build -q --locked --target wasm32-unknown-unknown --profile wasm-release -p "$1" \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size "${std_opt[@]}"
}

# The sandbox's wasm into the target dir $1: lean_wasm_build with only `core` at opt-level 3. With
# alloc and std at "z" too the module is 4.3 KB gzip smaller (165.2 -> 160.9 KB), for a worker
# whose speed no one waits on: a 3,000-image listing 5 % slower, seeding 24,000 images 100 -> 135
# ms, a saved state read 15 % slower (written 8 % faster). core at "z" as well is larger and
# slower still (crates/sandbox/benches/size.sh).
sandbox_wasm_build() {
  lean_wasm_build ecsimg-sandbox "$1" "" core
}

# wasm-opt -Oz over the module $1, in place, with the features rustc enables for
# wasm32-unknown-unknown and no more (browsers must run the output). --low-memory-unused lets it
# fold a constant into a load's or store's offset, which is exact unless an address computation
# wraps around below 1 KiB: Rust code never wraps a pointer (it is undefined behaviour), and
# rustc puts the stack first, so the lowest KiB is the bottom of a 1 MiB stack that the
# module's bounded recursion never reaches (-202 B gzip for the npm package).
lean_wasm_opt() {
  wasm-opt -Oz --converge --low-memory-unused --strip-debug --strip-producers --enable-bulk-memory --enable-bulk-memory-opt \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types \
    --enable-multivalue "$1" -o "$1"
}

# cargo-fuzz on the pinned nightly, for scripts/fuzz.sh; about a minute the first time, nothing
# once present.
CARGO_FUZZ_VERSION=0.13.2
fuzz_once() {
  nightly_once
  if [ "$(cargo "+$NIGHTLY" fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION (about a minute)"
    cargo "+$NIGHTLY" install -q cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION" --force
  fi
}
