# Shared by the bench scripts: the release server, its site settings, and starting it.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${CARGO_TARGET_DIR:-$HOME/.cache/ocop/target}/release/server"
TOOLS="${OCOP_CACHE:-$HOME/.cache/ocop}/tools"
export LEPTOS_OUTPUT_NAME=ocop LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_SITE_PKG_DIR=pkg
[ -x "$BIN" ] || { echo "Build the release server first: server/scripts/serve.sh (or cargo leptos build --release --split)." >&2; exit 1; }

# start_server ADDR LOG ARGS…: runs the server with ARGS in the background, its output in LOG,
# and returns once ADDR answers /readyz; the process id is left in $server_pid.
start_server() {
  local addr=$1 log=$2
  shift 2
  "$BIN" "$@" >"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 90); do curl -fsS "http://$addr/readyz" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "The server at $addr did not start; the end of its log:" >&2
  tail -20 "$log" >&2
  return 1
}
