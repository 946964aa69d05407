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

# Fails with a clear message when a tool the project cannot install itself is missing.
need() {
  command -v "$1" >/dev/null 2>&1 || { echo "error: $1 is required ($2)" >&2; exit 1; }
}
