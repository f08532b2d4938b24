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

# make_png PATH WIDTH HEIGHT noise|gradient: a real PNG to upload as a product photo. Noise
# barely compresses (JPEG keeps it large, to fill a disk); a gradient gives a small photo.
make_png() {
  python3 - "$@" <<'PY'
import os, struct, sys, zlib
path, w, h, kind = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
def row(y):
    if kind == "noise":
        return os.urandom(w * 3)
    return bytes(v for x in range(w) for v in (x * 7 % 256, y % 256, 90))
raw = b"".join(b"\x00" + row(y) for y in range(h))
def chunk(tag, data):
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))
PY
}
