#!/usr/bin/env bash
# Catalog speed under load: 100,000 generated products, 50 concurrent clients (wrk, a second
# process on loopback), on SQLite and on PostgreSQL; then the ceiling: nginx serving saved copies
# of the same responses, and our throughput as a share of it; then what the catalog page loads
# (WASM, JS, CSS: raw, gzip, brotli) and the Lighthouse scores of home, catalog and product pages
# (bench/lighthouse.sh). Prints the tables; not part of the tests.
#
#   bench/catalog_load.sh            # needs the release server (server/scripts/serve.sh builds it),
#                                    # wrk and nginx (apt-get install wrk nginx-light) and
#                                    # PostgreSQL as test.sh sets it up
# The limits per client are switched off (--api-rate-limit 0 --page-rate-limit 0): wrk is one client, and
# this measures capacity, not the limit.
# Environment: PRODUCTS (100000), SECONDS_EACH (15), CONNECTIONS (50), PG_URL.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${CARGO_TARGET_DIR:-$HOME/.cache/ocop/target}/release/server"
PRODUCTS="${PRODUCTS:-100000}"
SECONDS_EACH="${SECONDS_EACH:-15}"
CONNECTIONS="${CONNECTIONS:-50}"
PG_URL="${PG_URL:-postgres://ocop_test:ocop_test@127.0.0.1:5432/ocop_bench}"
WORK="${BENCH_DIR:-/tmp/ocop-bench}"
ADDR=127.0.0.1:3300
CEILING=127.0.0.1:3309
mkdir -p "$WORK"
declare -A RPS       # "backend|mix" → our requests a second
MIXES=()             # "label|paths", the same for every backend
WEIGHT=""            # what the catalog page loads
export LEPTOS_OUTPUT_NAME=ocop LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_SITE_PKG_DIR=pkg LEPTOS_SITE_ADDR=$ADDR

# Two mixes: what people type (words that match many products, few, none; with a province),
# and the pages they open.
QUERIES="mat+ong nuoc+mam ca+phe tra gao+st25 ruou+nep banh khanh+hoa cha+ca xyzzy nuoc+mamm"
search_paths() { for q in $QUERIES; do echo "/api/v1/products?q=$q"; echo "/api/v1/products?q=$q&province=01"; done; }
catalog_paths() { echo "/"; echo "/?stars=4"; echo "/?status=all&sort=newest"; echo "/?page=7"; for q in $QUERIES; do echo "/?q=$q"; done; }

run_backend() { # name database-url
  local name=$1 url=$2
  "$BIN" --database-url "$url" migrate >"$WORK/migrate-$name.log" 2>&1 || { cat "$WORK/migrate-$name.log"; exit 1; }
  "$BIN" --database-url "$url" serve --addr $ADDR --api-rate-limit 0 --page-rate-limit 0 >"$WORK/server-$name.log" 2>&1 &
  local pid=$!
  trap 'kill $pid 2>/dev/null || true' RETURN
  for _ in $(seq 1 60); do curl -fsS "http://$ADDR/healthz" >/dev/null 2>&1 && break; sleep 1; done
  local have
  have=$(curl -s "http://$ADDR/api/v1/products?status=all" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
  if [ "$have" -lt "$PRODUCTS" ]; then
    kill $pid; wait $pid 2>/dev/null || true
    echo "generating $((PRODUCTS - have)) products on $name…" >&2
    "$BIN" --database-url "$url" generate --products $((PRODUCTS - have)) >&2
    "$BIN" --database-url "$url" serve --addr $ADDR --api-rate-limit 0 --page-rate-limit 0 >"$WORK/server-$name.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 60); do curl -fsS "http://$ADDR/healthz" >/dev/null 2>&1 && break; sleep 1; done
  fi
  local product stamp
  product=$(curl -s "http://$ADDR/api/v1/products?status=all&sort=newest" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  stamp=$(curl -s "http://$ADDR/api/v1/products/$product" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("stamp_code") or d.get("stamp", {}).get("code", ""))')
  MIXES=(
    "search API (11 queries ×2)|$(search_paths | tr '\n' ' ')"
    "catalog page (15 URLs)|$(catalog_paths | tr '\n' ' ')"
    "product page|/san-pham/$product"
    "stamp verification|/xac-thuc/$stamp"
  )
  for mix in "${MIXES[@]}"; do
    local label=${mix%%|*} paths=${mix#*|}
    # A cold pass first (each distinct URL once, uncached), reported on its own line.
    local cold_max=0
    for path in $paths; do
      local t
      t=$(curl -s -o /dev/null -w '%{time_total}' "http://$ADDR$path")
      cold_max=$(python3 -c "print(max($cold_max, $t * 1000))")
    done
    local figures
    figures=$(PATHS="$paths" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -s "$ROOT/bench/catalog_load.lua" "http://$ADDR" | grep '^FIGURES')
    read -r _ requests rps p50 p95 p99 errors <<<"$figures"
    local rss
    rss=$(ps -o rss= -p $pid | awk '{printf "%.0f", $1/1024}')
    printf "%-10s %-28s %8s %8s %7s %7s %7s %10.0f %6s %7s\n" "$name" "$label" "$requests" "$rps" "$p50" "$p95" "$p99" "$cold_max" "$errors" "$rss"
    RPS["$name|$label"]=$rps
  done
  if [ "$name" = sqlite ]; then
    save_copies
    # What the catalog page loads, as Chromium fetches it until hydrated (needs end2end's npm ci).
    WEIGHT=$(node "$ROOT/bench/page_weight.mjs" "http://$ADDR" / 2>&1 || echo "page weight not measured: run (cd end2end && npm ci) first")
  fi
  return 0
}

# The ceiling: every URL of the mixes saved as a file, served by nginx (one worker per core),
# which does no work but reading a file from the page cache and writing it out.
save_copies() {
  rm -rf "$WORK/copies" && mkdir -p "$WORK/copies"
  local n=0 map=""
  for mix in "${MIXES[@]}"; do
    for path in ${mix#*|}; do
      n=$((n + 1))
      curl -s -o "$WORK/copies/$n" "http://$ADDR$path"
      map+="    \"$path\" /$n;"$'\n'
    done
  done
  cat >"$WORK/nginx.conf" <<NGINX
worker_processes $(nproc);
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-tmp;
  proxy_temp_path $WORK/nginx-tmp;
  fastcgi_temp_path $WORK/nginx-tmp;
  uwsgi_temp_path $WORK/nginx-tmp;
  scgi_temp_path $WORK/nginx-tmp;
  map \$request_uri \$copy {
$map  }
  server {
    listen $CEILING;
    root $WORK/copies;
    default_type text/html;
    location / { try_files \$copy =404; }
  }
}
NGINX
}

run_ceiling() {
  command -v nginx >/dev/null || { echo "nginx is missing (apt-get install nginx-light): no ceiling measured." >&2; return 0; }
  nginx -c "$WORK/nginx.conf" -g 'daemon off;' &
  local pid=$!
  trap 'kill $pid 2>/dev/null || true' RETURN
  for _ in $(seq 1 30); do curl -fsS -o /dev/null "http://$CEILING/" 2>/dev/null && break; sleep 0.2; done
  echo
  printf "%-28s %12s %8s %8s %16s %16s\n" "nginx, saved copies" "req/s" "p50 ms" "p99 ms" "SQLite share" "PostgreSQL share"
  for mix in "${MIXES[@]}"; do
    local label=${mix%%|*} paths=${mix#*|} figures
    figures=$(PATHS="$paths" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -s "$ROOT/bench/catalog_load.lua" "http://$CEILING" | grep '^FIGURES')
    read -r _ _ rps p50 _ p99 _ <<<"$figures"
    share() { [ -n "${RPS[$1|$label]:-}" ] && python3 -c "print(f'{${RPS[$1|$label]} / $rps:.1%}')" || echo "-"; }
    printf "%-28s %12s %8s %8s %16s %16s\n" "$label" "$rps" "$p50" "$p99" "$(share sqlite)" "$(share postgres)"
  done
}

printf "%-10s %-28s %8s %8s %7s %7s %7s %10s %6s %7s\n" backend request requests req/s "p50 ms" "p95 ms" "p99 ms" "cold max ms" errors "RSS MB"
run_backend sqlite "sqlite://$WORK/bench.db"
if pg_isready -q -h 127.0.0.1; then
  runuser -u postgres -- psql -q -c "SELECT 'CREATE DATABASE ocop_bench OWNER ocop_test' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ocop_bench')" -tA | runuser -u postgres -- psql -q >/dev/null 2>&1 || true
  run_backend postgres "$PG_URL"
else
  echo "PostgreSQL is not running: start it (pg_ctlcluster 15 main start) for the second half." >&2
fi
run_ceiling
echo
echo "${WEIGHT:-}"
echo
"$ROOT/bench/lighthouse.sh" || echo "Lighthouse not measured (it needs chromium and npm)."
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; $CONNECTIONS connections, ${SECONDS_EACH} s each; $PRODUCTS products"
