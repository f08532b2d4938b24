#!/usr/bin/env bash
# Runs every test: Rust unit and integration tests against SQLite and PostgreSQL (mandatory:
# the run fails if PostgreSQL cannot be reached) and an S3-compatible store (moto), then
# schemathesis on the open-data API's description and the Playwright end-to-end suite in
# Debian's Chromium against the built server.
source "$(dirname "$0")/common.sh"

ensure_build_tools
apt_install chromium postgresql

# Whole runs on two days: today, and a day well ahead (certificates expire, deadlines pass and
# the sample's ratings age), so that no test passes only because of when it ran: 1 June 2028,
# the day the team agreed on, while it is ahead; two years ahead once it is not.
# OCOP_TEST_DAYS overrides the list ("today" is the system clock).
ahead=2028-06-01
[[ "$(date +%F)" < "$ahead" ]] || ahead=$(date -d '+2 years' +%F)
days="${OCOP_TEST_DAYS:-today $ahead}"

say "Starting PostgreSQL and creating the test role"
if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
  as_root pg_createcluster 15 main >/dev/null 2>&1 || as_root pg_createcluster "$(ls /usr/lib/postgresql | sort -n | tail -1)" main
fi
cluster=$(pg_lsclusters -h | awk 'NR==1 { print $1 " " $2 }')
port=$(pg_lsclusters -h | awk 'NR==1 { print $3 }')
as_root pg_ctlcluster $cluster start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 1; done
if ! pg_isready -q -h 127.0.0.1 -p "$port"; then
  log="/var/log/postgresql/postgresql-${cluster// /-}.log"
  tail -20 "$log" >&2 || true
  fail "PostgreSQL (cluster $cluster, port $port) did not accept connections within 30 s; its log is $log (last lines above)."
fi
as_root runuser -u postgres -- psql -q -p "$port" -v ON_ERROR_STOP=1 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ocop_test') THEN
    CREATE ROLE ocop_test LOGIN CREATEDB PASSWORD 'ocop_test';
  END IF;
END $$;
SELECT 'CREATE DATABASE ocop_test OWNER ocop_test' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ocop_test')\gexec
SQL
# Each test makes its own database next to this one, so tests never share state.
export OCOP_TEST_POSTGRES_URL="postgres://ocop_test:ocop_test@127.0.0.1:$port/ocop_test"
export OCOP_REQUIRE_POSTGRES=1

# pip_tool VENV COMMAND REQUIREMENT: installs a Python tool from PyPI into its own venv unless
# COMMAND runs there. Checked by running it: an install cut short leaves a folder that does not
# run, and is made again from scratch.
pip_tool() {
  local venv=$1 command=$2 requirement=$3
  "$venv/bin/$command" --help >/dev/null 2>&1 && return 0
  say "Installing $requirement from PyPI into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "$requirement"
  "$venv/bin/$command" --help >/dev/null || fail "$requirement was installed into $venv but its $command does not run."
}

say "Starting an S3-compatible store (moto) for the bucket tests"
s3_venv="$TOOLS/s3-venv"
pip_tool "$s3_venv" moto_server 'moto[server]==5.2.5'
workdir=$(mktemp -d)
server_pid="" s3_pid=""
trap 'kill $server_pid $s3_pid 2>/dev/null || true; rm -rf "$workdir"' EXIT
s3_port=$(free_port)
# Signatures checked, as a real store does: only the test user's key is let in.
INITIAL_NO_AUTH_ACTION_COUNT=3 "$s3_venv/bin/moto_server" -H 127.0.0.1 -p "$s3_port" >"$workdir/s3.log" 2>&1 &
s3_pid=$!
s3_key=$("$s3_venv/bin/python" "$ROOT/server/scripts/s3_test_bucket.py" 127.0.0.1 "$s3_port" 2>>"$workdir/s3.log") \
  || { tail -30 "$workdir/s3.log" >&2; fail "The S3-compatible store (moto) did not make the test bucket; its log is $workdir/s3.log."; }
read -r OCOP_TEST_S3_ACCESS_KEY OCOP_TEST_S3_SECRET_KEY <<<"$s3_key"
export OCOP_TEST_S3_ENDPOINT="http://127.0.0.1:$s3_port" OCOP_TEST_S3_ACCESS_KEY OCOP_TEST_S3_SECRET_KEY
export OCOP_REQUIRE_S3=1

# Holds what runs next on `day`, through the clock's variable ("today" leaves it unset).
hold_on() {
  if [ "$1" = today ]; then unset OCOP_TODAY; else export OCOP_TODAY="$1"; fi
}

# Every clone at a new path links its own test binaries into the shared target folder; left
# alone they filled the disk (70 GB over a few days). Those not touched for two hours go: the
# next run relinks whatever it needs.
find "$CARGO_TARGET_DIR/debug/deps" -maxdepth 1 -type f \( -perm -u+x -o -name 'libserver-*' -o -name 'libapp-*' \) \
  -mmin +120 -delete 2>/dev/null || true
rm -rf "$CARGO_TARGET_DIR/debug/incremental"
export CARGO_INCREMENTAL=0
for day in $days; do
  say "Rust tests on $day (SQLite and PostgreSQL; files in a folder and in a bucket)"
  hold_on "$day"
  (cd "$ROOT" && cargo test --workspace)
done
unset OCOP_TODAY

build_site

(cd "$ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
api_venv="$TOOLS/schemathesis-venv"
pip_tool "$api_venv" schemathesis 'schemathesis==4.32.5'
# A free port, not a fixed one: a server an interrupted earlier run left behind cannot answer
# for this one.
export LEPTOS_SITE_ADDR="127.0.0.1:$(free_port)"
# The demo staff (administrator, commune and province officers, a council) sign in with this.
export STAFF_PASSWORD="mật khẩu cán bộ demo"
for day in $days; do
  say "End-to-end tests in Chromium on $day"
  run="$workdir/$day"
  mkdir -p "$run"
  export MAIL_DIR="$run/mail"
  hold_on "$day"
  # Started directly (not through a function), so that $! is the server itself and the trap
  # stops it whatever happens.
  DATABASE_URL="sqlite://$run/e2e.db" "$SERVER_BIN" serve --seed-demo --demo-staff-password "$STAFF_PASSWORD" \
    --mail-dir "$MAIL_DIR" --files-dir "$run/files" >"$run/server.log" 2>&1 &
  server_pid=$!
  unset OCOP_TODAY
  wait_for "The platform's server" "http://$LEPTOS_SITE_ADDR/healthz" "$run/server.log"
  # The open-data API against its own description, once (the description does not change with
  # the day): every check, under the API's limit per client (20 a second) so that answers are
  # the operations' own and not 429s. About a minute.
  if [ "$day" = "${days%% *}" ]; then
    say "schemathesis on the open-data API's OpenAPI description on $day"
    if ! (cd "$run" && "$api_venv/bin/schemathesis" run "http://$LEPTOS_SITE_ADDR/api/v1/openapi.json" \
      --checks all --max-examples 20 --rate-limit 18/s >"$run/schemathesis.log" 2>&1); then
      say "The server's last lines"
      sed 's/\x1b\[[0-9;]*m//g' "$run/server.log" | tail -20
      say "schemathesis's findings"
      sed -n '/FAILURES/,$p' "$run/schemathesis.log" | head -80
      fail "schemathesis found the open-data API answering otherwise than its description says (findings above, from $run/schemathesis.log)."
    fi
    tail -1 "$run/schemathesis.log"
  fi
  # On failure the server's last lines come first and Playwright's summary last, so that the end of
  # the output (all a CI record keeps) names the failing test.
  if ! (cd "$ROOT/end2end" && BASE_URL="http://$LEPTOS_SITE_ADDR" npx playwright test 2>&1 | tee "$run/e2e.log"; exit "${PIPESTATUS[0]}"); then
    say "The server's last lines"
    sed 's/\x1b\[[0-9;]*m//g' "$run/server.log" | grep -v 'status=304' | tail -40
    say "Failed end-to-end tests on $day"
    sed -n '/^  [0-9]* failed/,$p' "$run/e2e.log"
    grep -E '✘|Error:|expect\(' "$run/e2e.log" | head -40
    exit 1
  fi
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
done
say "All tests passed on: $days"
