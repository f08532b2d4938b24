#!/usr/bin/env bash
# Search as people type: distinct queries (prefixes of the catalog's own words, a slip now and
# then, filters, orders and pages mixed in, none sent twice), on SQLite and on PostgreSQL: 50
# connections each asking again as soon as answered (the server's ceiling), beside the same
# server answering a fixed set of 22 queries from its page cache; then 50 people typing (a
# request every 150–450 ms each) and larger crowds of them. Then the worst single requests of
# odd shapes, how soon a change made by another process (an import on the command line) shows
# in search, and the server's memory.
# Prints the tables; not part of the tests.
#
#   bench/typing.sh       # needs the release server (server/scripts/serve.sh builds it), wrk,
#                         # and PostgreSQL as test.sh sets it up
# Environment: PRODUCTS (100000), SECONDS_EACH (15), CONNECTIONS (50), PAUSE_MS (300), CROWD
# (500), PAGE_CROWD (150), PG_URL, BENCH_DIR, BACKENDS ("sqlite postgres").
# A catalog of PRODUCTS is generated once per database and kept in BENCH_DIR (and ocop_bench
# on PostgreSQL, or ocop_bench_<PRODUCTS> beyond 100,000) for the next run.
set -euo pipefail
source "$(dirname "$0")/common.sh"
PRODUCTS="${PRODUCTS:-100000}"
SECONDS_EACH="${SECONDS_EACH:-15}"
CONNECTIONS="${CONNECTIONS:-50}"
# People typing: the mean pause between one person's requests, and larger crowds of them.
PAUSE_MS="${PAUSE_MS:-300}"
CROWD="${CROWD:-500}"
PAGE_CROWD="${PAGE_CROWD:-150}"
WORK="${BENCH_DIR:-/tmp/ocop-bench}"
SUFFIX=$([ "$PRODUCTS" -le 100000 ] && echo "" || echo "_$PRODUCTS")
PG_URL="${PG_URL:-postgres://ocop_test:ocop_test@127.0.0.1:5432/ocop_bench$SUFFIX}"
ADDR=127.0.0.1:3301
mkdir -p "$WORK"
export LEPTOS_SITE_ADDR=$ADDR

# The fixed queries of bench/catalog_load.sh: answered from the page cache after the first time.
QUERIES="mat+ong nuoc+mam ca+phe tra gao+st25 ruou+nep banh khanh+hoa cha+ca xyzzy nuoc+mamm"
fixed_paths() { for q in $QUERIES; do echo "/api/v1/products?q=$q"; echo "/api/v1/products?q=$q&province=01"; done; }

# wrk_line LABEL FILE SCRIPT [CONNECTIONS] [PAUSE_MS]: one line of figures for the paths of
# FILE. Without PAUSE_MS each connection asks again as soon as it is answered (the server's
# ceiling: its p95 is mostly the queue); with it each connection is a person typing, a request
# every PAUSE_MS on average (bench/typing.lua).
wrk_line() {
  local label=$1 file=$2 script=$3 connections=${4:-$CONNECTIONS} figures
  figures=$(PAUSE_MS=${5:-0} PATHS_FILE=$file THREADS=2 wrk -t2 -c"$connections" -d"${SECONDS_EACH}s" --timeout 10s \
    -s "$ROOT/bench/$script" "http://$ADDR" | grep '^FIGURES')
  read -r _ requests rps p50 p95 p99 errors repeated <<<"$figures"
  local rss
  rss=$(ps -o rss= -p "$server_pid" | awk '{printf "%.0f", $1/1024}')
  printf "%-10s %-50s %9s %8s %7s %7s %7s %6s %8s %7s\n" "$NAME" "$label" "$requests" "$rps" "$p50" "$p95" "$p99" "$errors" "${repeated:--}" "$rss"
}

# The worst single requests: each of an odd shape, sent once (uncached), on an idle server.
odd_shapes() {
  local long words many filters
  long=$(python3 -c "import random; r=random.Random(7); print(''.join(r.choice('abcdefghiklmnopqrstuvxy') for _ in range(200)))")
  words=$(python3 -c "print('+'.join('abcdefghiklmnopqrstuvxy0123456789'))")
  many=$(python3 -c "print('+'.join(['nuoc','mam','mat','ong','banh','tra','ca','phe','gao','ruou','nep','cha']*5)[:199])")
  filters="province=48&commune=20194&stars=4&industry=I&group=I.3&kind=cooperative&status=all&sort=newest&page=3"
  local worst=0 line=""
  for path in "/api/v1/products?q=$long" "/api/v1/products?q=$words&status=all" "/api/v1/products?q=$many" \
    "/api/v1/products?q=a&status=all" "/api/v1/products?q=t&status=all&sort=name&page=4000" \
    "/api/v1/products?q=banh+dau&$filters" "/?q=$long" "/?q=n&status=all" "/?status=all&page=5000"; do
    local ms
    ms=$(curl -s -o /dev/null -w '%{time_total}' "http://$ADDR$path" | awk '{printf "%.1f", $1 * 1000}')
    line+=" $ms"
    worst=$(python3 -c "print(max($worst, $ms))")
  done
  printf "%-10s worst single request of odd shapes: %s ms (each:%s)\n" "$NAME" "$worst" "$line"
}

# How soon a product imported by another process shows in this server's search.
freshness() {
  local name="Kẹo thử độ tươi $RANDOM$RANDOM" list="$WORK/fresh.csv"
  printf 'product_name,producer_name,address,province,stars,recognized_year,decision\n"%s",HTX Thử Tươi,"Xã thử, Hà Nội",Hà Nội,3,2026,1/QĐ-UBND\n' "$name" >"$list"
  local q
  q=$(python3 -c "import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))" "$name")
  "$BIN" --database-url "$URL" import "$list" >/dev/null
  local started now
  started=$(date +%s%N)
  for _ in $(seq 1 400); do
    if curl -s "http://$ADDR/api/v1/products?q=$q&status=all" | grep -q '"total":1'; then
      now=$(date +%s%N)
      printf "%-10s an import on the command line shows in search after %s ms\n" "$NAME" $(((now - started) / 1000000))
      return 0
    fi
    sleep 0.05
  done
  printf "%-10s an import on the command line did not show in search within 20 s\n" "$NAME"
}

run_backend() { # name database-url
  NAME=$1 URL=$2
  "$BIN" --database-url "$URL" migrate >"$WORK/typing-migrate-$NAME.log" 2>&1 || { cat "$WORK/typing-migrate-$NAME.log"; exit 1; }
  local have
  start_server $ADDR "$WORK/typing-server-$NAME.log" --database-url "$URL" serve --addr $ADDR --api-rate-limit 0 --page-rate-limit 0 \
    --max-connections-per-client 5000
  have=$(curl -s "http://$ADDR/api/v1/products?status=all" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
  if [ "$have" -lt "$PRODUCTS" ]; then
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
    echo "generating $((PRODUCTS - have)) products on $NAME…" >&2
    "$BIN" --database-url "$URL" generate --products $((PRODUCTS - have)) >&2
    start_server $ADDR "$WORK/typing-server-$NAME.log" --database-url "$URL" serve --addr $ADDR --api-rate-limit 0 \
      --page-rate-limit 0 --max-connections-per-client 5000
  fi
  # Waited for: the next backend's server listens on the same address.
  trap 'kill $server_pid 2>/dev/null && wait $server_pid 2>/dev/null || true' RETURN
  # The index is read at start; the first search waits for it if it is not yet.
  curl -s -o /dev/null "http://$ADDR/api/v1/products?q=warm"
  sed 's/\x1b\[[0-9;]*m//g' "$WORK/typing-server-$NAME.log" | sed -n "s/.*\(search index read.*\)/$NAME     \1/p" | tail -1
  curl -s "http://$ADDR/api/v1/products.csv?status=all" >"$WORK/typing-catalog.csv"
  python3 "$ROOT/bench/typing_queries.py" /api/v1/products 150000 1 <"$WORK/typing-catalog.csv" >"$WORK/typing-api.txt"
  python3 "$ROOT/bench/typing_queries.py" / 60000 2 <"$WORK/typing-catalog.csv" >"$WORK/typing-page.txt"
  python3 "$ROOT/bench/typing_queries.py" /api/v1/suggestions 150000 3 <"$WORK/typing-catalog.csv" >"$WORK/typing-suggest.txt"
  fixed_paths >"$WORK/typing-fixed.txt"
  while read -r path; do curl -s -o /dev/null "http://$ADDR$path"; done <"$WORK/typing-fixed.txt"
  wrk_line "search API, 22 fixed (cached)" "$WORK/typing-fixed.txt" typing.lua
  wrk_line "search API, typing (uncached)" "$WORK/typing-api.txt" typing.lua
  wrk_line "catalog page, typing (uncached)" "$WORK/typing-page.txt" typing.lua
  wrk_line "suggestions, typing (uncached; 1–2 letters kept)" "$WORK/typing-suggest.txt" typing.lua
  # People typing: a request every 150–450 ms a person (one to three keys, then the debounce).
  wrk_line "search API, $CONNECTIONS typists (uncached)" "$WORK/typing-api.txt" typing.lua "$CONNECTIONS" "$PAUSE_MS"
  wrk_line "catalog page, $CONNECTIONS typists (uncached)" "$WORK/typing-page.txt" typing.lua "$CONNECTIONS" "$PAUSE_MS"
  wrk_line "suggestions, $CONNECTIONS typists (uncached; 1–2 letters kept)" "$WORK/typing-suggest.txt" typing.lua "$CONNECTIONS" "$PAUSE_MS"
  wrk_line "search API, $CROWD typists (uncached)" "$WORK/typing-api.txt" typing.lua "$CROWD" "$PAUSE_MS"
  wrk_line "suggestions, $CROWD typists (uncached; 1–2 letters kept)" "$WORK/typing-suggest.txt" typing.lua "$CROWD" "$PAUSE_MS"
  wrk_line "catalog page, $PAGE_CROWD typists (uncached)" "$WORK/typing-page.txt" typing.lua "$PAGE_CROWD" "$PAUSE_MS"
  odd_shapes
  freshness
}

printf "%-10s %-50s %9s %8s %7s %7s %7s %6s %8s %7s\n" backend requests sent req/s "p50 ms" "p95 ms" "p99 ms" errors repeated "RSS MB"
BACKENDS="${BACKENDS:-sqlite postgres}"
[[ " $BACKENDS " == *" sqlite "* ]] && run_backend sqlite "sqlite://$WORK/bench$SUFFIX.db"
if [[ " $BACKENDS " != *" postgres "* ]]; then
  :
elif pg_isready -q -h 127.0.0.1; then
  runuser -u postgres -- psql -q -tA -c "SELECT 'CREATE DATABASE ocop_bench$SUFFIX OWNER ocop_test' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ocop_bench$SUFFIX')" | runuser -u postgres -- psql -q >/dev/null 2>&1 || true
  run_backend postgres "$PG_URL"
else
  echo "PostgreSQL is not running: start it (pg_ctlcluster 15 main start) for the second half." >&2
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; $CONNECTIONS connections, ${SECONDS_EACH} s each; $PRODUCTS products; $(date -u +%F)"
