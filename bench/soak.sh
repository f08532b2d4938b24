#!/usr/bin/env bash
# The soak: 10 minutes of mixed traffic (searches, catalog, product and stamp pages, sign-ins,
# council members saving their sheets) from 50 clients at once against the release server, on
# SQLite (or PostgreSQL with SOAK_POSTGRES=1). Prints a line a minute; fails on any error or if
# memory at the end is more than 10% above memory after the first minute.
#
#   bench/soak.sh                      # MINUTES=10 by default; needs the release build
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ocop/target}"
export OCOP_SOAK_SERVER="$CARGO_TARGET_DIR/release/server" OCOP_SOAK_MINUTES="${MINUTES:-10}"
export OCOP_SOAK_POSTGRES="${SOAK_POSTGRES:-0}"
export OCOP_TEST_POSTGRES_URL="${OCOP_TEST_POSTGRES_URL:-postgres://ocop_test:ocop_test@127.0.0.1:5432/ocop_test}"
export LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_SITE_PKG_DIR=pkg
[ -x "$OCOP_SOAK_SERVER" ] || { echo "Build the release server first (server/scripts/serve.sh or cargo leptos build --release)." >&2; exit 1; }
cd "$ROOT"
cargo test -q -p server --test soak -- --ignored --nocapture 2>&1 | grep -v '^running\|^$\|^test result'
