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

# Fails with a clear message when a tool the project cannot install itself is missing.
need() {
  command -v "$1" >/dev/null 2>&1 || { echo "error: $1 is required ($2)" >&2; exit 1; }
}
