#!/usr/bin/env bash
# Security scans against the release server on a fresh SQLite database holding the demo catalog:
# sqlmap on every parameter of the catalog page, the open-data API (JSON and CSV), the stamp
# check and a form server function (sign-in); schemathesis on the OpenAPI description (every
# check, generated and negative inputs); then slow heads and a flood of idle connections from
# twenty loopback addresses while /livez is asked every 50 ms (bench/flood.py). Prints one line
# per target and exits non-zero on any finding. The limits per client are off (--api-rate-limit 0 --page-rate-limit 0): the scanners send
# thousands of requests, and the limit is tested on its own (server/tests/http.rs).
#
#   bench/security_scan.sh        # needs the release build; installs sqlmap and schemathesis
#                                 # from PyPI into ~/.cache/ocop/tools/scan-venv
#   bench/security_scan.sh flood  # the flood alone
set -euo pipefail
source "$(dirname "$0")/common.sh"
VENV="$TOOLS/scan-venv"
ADDR=127.0.0.1:3330
if [ ! -x "$VENV/bin/schemathesis" ] || [ ! -x "$VENV/bin/sqlmap" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet sqlmap==1.10.10 schemathesis==4.32.5
fi
# The flood holds thousands of connections, the server's and the client's: both need the descriptors.
ulimit -n "$(ulimit -Hn)"
work=$(mktemp -d)
server_pid=""
trap 'kill $server_pid 2>/dev/null || true; rm -rf "$work"' EXIT
start_server $ADDR "$work/server.log" --database-url "sqlite://$work/scan.db" serve --addr $ADDR --seed-demo \
  --api-rate-limit 0 --page-rate-limit 0 --files-dir "$work/files"
stamp=$(curl -fsS "http://$ADDR/api/v1/products/1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["stamp_code"])')

findings=0
flood() {
  local started=$SECONDS verdict
  if python3 "$ROOT/bench/flood.py" $ADDR --sources 20 --per-source 300 --slow 100 --seconds 30 >"$work/flood.txt" 2>&1; then
    verdict="held"
  else
    verdict="FINDING"; findings=$((findings + 1))
  fi
  printf "flood    %-58s %-16s %4d s\n" "100 slow heads, 6,000 idle connections, /livez probed" "$verdict" $((SECONDS - started))
  sed 's/^/         /' "$work/flood.txt"
}
if [ "${1:-}" = flood ]; then
  flood
  [ "$findings" = 0 ]
  exit
fi
scan() { # label, then sqlmap's target arguments
  local label=$1; shift
  local started=$SECONDS out
  out=$("$VENV/bin/sqlmap" "$@" --batch --level=3 --risk=2 --time-sec=3 --threads=4 --flush-session \
    --output-dir="$work/sqlmap" --disable-coloring 2>&1 || true)
  local verdict
  if grep -q "identified the following injection point\|is vulnerable" <<<"$out"; then
    verdict="FINDING"; findings=$((findings + 1))
    grep -A8 "identified the following injection point" <<<"$out" >&2
  elif grep -q "do not appear to be injectable\|does not seem to be injectable" <<<"$out"; then
    verdict="not injectable"
  else
    verdict="UNFINISHED"; findings=$((findings + 1)); tail -5 <<<"$out" >&2
  fi
  printf "sqlmap   %-58s %-16s %4d s\n" "$label" "$verdict" $((SECONDS - started))
}
scan "catalog page: q province stars industry page sort status" \
  -u "http://$ADDR/?q=mat+ong&province=48&stars=4&industry=01&page=1&sort=newest&status=all"
scan "search API: q province stars subgroup kind page" \
  -u "http://$ADDR/api/v1/products?q=mat+ong&province=48&stars=4&subgroup=0101&kind=cooperative&page=1"
scan "CSV download: q province" -u "http://$ADDR/api/v1/products.csv?q=tra&province=01"
scan "product by id (path)" -u "http://$ADDR/api/v1/products/1*"
scan "stamp check: ma" -u "http://$ADDR/xac-thuc?ma=$stamp"
scan "sign-in form: sign_in_name password" -u "http://$ADDR/api/sign_in" --data "sign_in_name=lan%40example.vn&password=x"

started=$SECONDS
"$VENV/bin/schemathesis" run "http://$ADDR/api/v1/openapi.json" --url "http://$ADDR" --checks all \
  --max-examples 100 --seed 1 --workers 2 --report-dir "$work/schemathesis" >"$work/schemathesis.txt" 2>&1 && st=0 || st=$?
summary=$(grep -E "^[0-9]+ (passed|failed)|passed|failed" "$work/schemathesis.txt" | tail -1)
if [ "$st" = 0 ]; then verdict="no failure"; else verdict="FINDINGS"; findings=$((findings + 1)); sed -n '/FAILURES/,$p' "$work/schemathesis.txt" | head -80 >&2; fi
printf "schemathesis %-54s %-16s %4d s   %s\n" "OpenAPI: every operation, every check" "$verdict" $((SECONDS - started)) "$summary"
flood
errors=$(grep -c " 500 \|status=500" "$work/server.log" || true)
echo "server errors (500) logged during the scans: $errors"
[ "$findings" = 0 ] && [ "$errors" = 0 ]
