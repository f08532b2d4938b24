#!/usr/bin/env bash
# Fault drill: PostgreSQL stops while the platform serves, then comes back. Prints, for each
# phase, the status and time of a page that needs the database, of a catalog page served before
# (kept in the page cache), and of the readiness check. Not part of the tests: it stops the
# machine's PostgreSQL cluster for a few seconds.
#
#   bench/fault_postgres_down.sh      # needs the release server and PostgreSQL as test.sh sets it up
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${CARGO_TARGET_DIR:-$HOME/.cache/ocop/target}/release/server"
PG_URL="${PG_URL:-postgres://ocop_test:ocop_test@127.0.0.1:5432/ocop_drill}"
CLUSTER="${CLUSTER:-15 main}"
ADDR=127.0.0.1:3310
export LEPTOS_OUTPUT_NAME=ocop LEPTOS_SITE_ROOT="$ROOT/target/site" LEPTOS_SITE_PKG_DIR=pkg
log=$(mktemp)

runuser -u postgres -- psql -q -tA -c "SELECT 'CREATE DATABASE ocop_drill OWNER ocop_test' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ocop_drill')" | runuser -u postgres -- psql -q >/dev/null
"$BIN" --database-url "$PG_URL" serve --addr $ADDR --seed-demo >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; pg_ctlcluster $CLUSTER start 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 60); do curl -fsS "http://$ADDR/readyz" >/dev/null 2>&1 && break; sleep 1; done

probe() { # phase
  local phase=$1
  # The first page was counted before, so the page cache answers it; the second never was.
  for path in "/?q=mat+ong" "/?q=nuoc+mam+$RANDOM" "/readyz"; do
    printf "%-22s %-34s %s\n" "$phase" "$path" "$(curl -s -o /dev/null -w '%{http_code} in %{time_total} s' "http://$ADDR$path")"
  done
}
printf "%-22s %-34s %s\n" phase request answer
probe "database up"
pg_ctlcluster $CLUSTER stop -m fast
probe "database stopped"
pg_ctlcluster $CLUSTER start
sleep 1
probe "database back"
