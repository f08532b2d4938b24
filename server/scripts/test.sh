#!/usr/bin/env bash
# Runs every test: Rust unit and integration tests against SQLite and PostgreSQL (mandatory:
# the run fails if PostgreSQL cannot be reached) and an S3-compatible store (moto), then the Playwright end-to-end suite in
# Debian's Chromium against the built server.
source "$(dirname "$0")/common.sh"

ensure_build_tools
apt_install chromium postgresql

say "Starting PostgreSQL and creating the test role"
if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
  as_root pg_createcluster 15 main >/dev/null 2>&1 || as_root pg_createcluster "$(ls /usr/lib/postgresql | sort -n | tail -1)" main
fi
cluster=$(pg_lsclusters -h | awk 'NR==1 { print $1 " " $2 }')
port=$(pg_lsclusters -h | awk 'NR==1 { print $3 }')
as_root pg_ctlcluster $cluster start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 1; done
pg_isready -h 127.0.0.1 -p "$port"
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

say "Starting an S3-compatible store (moto) for the bucket tests"
s3_venv="${XDG_CACHE_HOME:-$HOME/.cache}/ocop/tools/s3-venv"
if [ ! -x "$s3_venv/bin/moto_server" ]; then
  python3 -m venv "$s3_venv"
  "$s3_venv/bin/pip" install --quiet 'moto[server]==5.2.5'
fi
workdir=$(mktemp -d)
server_pid="" s3_pid=""
trap 'kill $server_pid $s3_pid 2>/dev/null || true; rm -rf "$workdir"' EXIT
s3_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$s3_venv/bin/moto_server" -H 127.0.0.1 -p "$s3_port" >"$workdir/s3.log" 2>&1 &
s3_pid=$!
for _ in $(seq 1 30); do curl -fsS -o /dev/null "http://127.0.0.1:$s3_port/" 2>/dev/null && break; sleep 1; done
curl -fsS -o /dev/null -X PUT "http://127.0.0.1:$s3_port/ocop-test"
export OCOP_TEST_S3_ENDPOINT="http://127.0.0.1:$s3_port"
export OCOP_REQUIRE_S3=1

say "Rust tests (SQLite and PostgreSQL; files in a folder and in a bucket)"
# Every clone at a new path links its own test binaries into the shared target folder; left
# alone they filled the disk (70 GB over a few days). Those not touched for two hours go: the
# next run relinks whatever it needs.
find "$CARGO_TARGET_DIR/debug/deps" -maxdepth 1 -type f \( -perm -u+x -o -name 'libserver-*' -o -name 'libapp-*' \) \
  -mmin +120 -delete 2>/dev/null || true
rm -rf "$CARGO_TARGET_DIR/debug/incremental"
export CARGO_INCREMENTAL=0
# One test at a time: each #[tokio::test] has its own runtime, and router tests running side by
# side hung about one run in ten (a Leptos render waiting on a task of a finished test's
# runtime, it seems); 30 of 30 runs passed one at a time. Production has a single runtime.
(cd "$ROOT" && cargo test --workspace -- --test-threads=1)

build_site

say "End-to-end tests in Chromium"
(cd "$ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
export LEPTOS_SITE_ADDR=127.0.0.1:3101
export MAIL_DIR="$workdir/mail"
# The demo staff (administrator, commune and province officers, a council) sign in with this.
export STAFF_PASSWORD="mật khẩu cán bộ demo"
DATABASE_URL="sqlite://$workdir/e2e.db" "$SERVER_BIN" serve --seed-demo --demo-staff-password "$STAFF_PASSWORD" \
  --mail-dir "$MAIL_DIR" --files-dir "$workdir/files" >"$workdir/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 60); do curl -fsS "http://$LEPTOS_SITE_ADDR/healthz" >/dev/null 2>&1 && break; sleep 1; done
if ! curl -fsS "http://$LEPTOS_SITE_ADDR/healthz" >/dev/null; then
  cat "$workdir/server.log"
  echo "The server did not become healthy; its log is above." >&2
  exit 1
fi
# On failure the server's last lines come first and Playwright's summary last, so that the end of
# the output (all a CI record keeps) names the failing test.
if ! (cd "$ROOT/end2end" && BASE_URL="http://$LEPTOS_SITE_ADDR" npx playwright test 2>&1 | tee "$workdir/e2e.log"; exit "${PIPESTATUS[0]}"); then
  say "The server's last lines"
  sed 's/\x1b\[[0-9;]*m//g' "$workdir/server.log" | grep -v 'status=304' | tail -40
  say "Failed end-to-end tests"
  sed -n '/^  [0-9]* failed/,$p' "$workdir/e2e.log"
  grep -E '✘|Error:|expect\(' "$workdir/e2e.log" | head -40
  exit 1
fi
say "All tests passed"
