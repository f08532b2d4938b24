#!/usr/bin/env bash
# Fault drill: PostgreSQL stops while the platform serves, then comes back. Prints, for each
# phase, the status and time of a page that needs the database, of a catalog page served before
# (kept in the page cache), and of the readiness check. Not part of the tests: it stops the
# machine's PostgreSQL cluster for a few seconds.
#
#   bench/fault_postgres_down.sh      # needs the release server and PostgreSQL as test.sh sets it up
set -euo pipefail
source "$(dirname "$0")/common.sh"
PG_URL="${PG_URL:-postgres://ocop_test:ocop_test@127.0.0.1:5432/ocop_drill}"
CLUSTER="${CLUSTER:-15 main}"
ADDR=127.0.0.1:3310
log=$(mktemp)

runuser -u postgres -- psql -q -tA -c "SELECT 'CREATE DATABASE ocop_drill OWNER ocop_test' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ocop_drill')" | runuser -u postgres -- psql -q >/dev/null
server_pid=""
trap 'kill $server_pid 2>/dev/null || true; pg_ctlcluster $CLUSTER start 2>/dev/null || true; rm -f "$log"' EXIT
start_server $ADDR "$log" --database-url "$PG_URL" serve --addr $ADDR --seed-demo

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
