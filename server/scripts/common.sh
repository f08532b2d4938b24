# Shared by serve.sh and test.sh: installs what is missing (idempotent) and sets up paths.
# Build outputs and tools live outside the clone, so a second run is fast.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OCOP_CACHE="${OCOP_CACHE:-$HOME/.cache/ocop}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$OCOP_CACHE/target}"
TOOLS="$OCOP_CACHE/tools"
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"
mkdir -p "$OCOP_CACHE" "$TOOLS"

say() { printf '\n==> %s\n' "$*"; }

# Stops the script with a sentence (on stderr) saying what failed and where to look.
fail() {
  printf '\nFAILED: %s\n' "$*" >&2
  exit 1
}

# Waits up to 60 s for a service to answer at a URL; otherwise names it and shows its log.
wait_for() {
  local name=$1 url=$2 log=$3
  for _ in $(seq 1 60); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    sleep 1
  done
  tail -30 "$log" >&2 || true
  fail "$name did not answer at $url within 60 s; its log is $log (last lines above)."
}

# A TCP port nobody listens on now.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    say "Installing ${missing[*]} from Debian"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}"
  fi
}

ensure_build_tools() {
  rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
  if ! cargo leptos --version 2>/dev/null | grep -q '0\.3\.10'; then
    say "Installing cargo-leptos 0.3.10 (first time only, about 16 minutes)"
    cargo install cargo-leptos --version 0.3.10 --locked --features no_downloads
  fi
  # The CLI must match the wasm-bindgen locked in Cargo.lock exactly.
  local wb
  wb=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb\$"; then
    say "Installing wasm-bindgen-cli $wb (first time only, about 3 minutes)"
    CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback cargo install wasm-bindgen-cli --version "$wb" --force
  fi
  # Checked by running it: an install cut short can leave the file without what it needs.
  if ! "$TOOLS/node_modules/.bin/wasm-opt" --version >/dev/null 2>&1; then
    say "Installing wasm-opt (npm package binaryen)"
    rm -rf "$TOOLS/node_modules" "$TOOLS/package.json" "$TOOLS/package-lock.json"
    (cd "$TOOLS" && npm install --no-audit --no-fund --silent binaryen@132.0.0)
    "$TOOLS/node_modules/.bin/wasm-opt" --version >/dev/null || fail "wasm-opt (npm binaryen) was installed into $TOOLS but does not run."
  fi
}

build_site() {
  say "Building the platform (release)"
  # --split: signed-in screens become WASM chunks fetched on demand (app/src/pages/mod.rs).
  (cd "$ROOT" && cargo leptos build --release --split)
}

# Environment for running the built server directly.
export LEPTOS_OUTPUT_NAME=ocop
export LEPTOS_SITE_ROOT="$ROOT/target/site"
export LEPTOS_SITE_PKG_DIR=pkg
SERVER_BIN="$CARGO_TARGET_DIR/release/server"
