#!/usr/bin/env bash
# Importing a province's list as provinces lay it out, at the size of the whole country's
# certificates five times over: a workbook of ROWS products (title rows, Vietnamese headers, a
# numbering row, groups by stars, decimal commas, dd/mm/yyyy dates) made by `server export-list`
# from a generated catalog, then imported by `server import` into a fresh database, timed, with
# the importer's peak memory; then imported again (everything already there). On SQLite, and on
# PostgreSQL when OCOP_BENCH_POSTGRES_URL names an empty database to use. Needs the release
# server. Nothing is cached between the runs: each is a new process on a new database.
#
#   bench/import_provincial.sh [ROWS]
set -euo pipefail
source "$(dirname "$0")/common.sh"
ROWS="${1:-100000}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The list: a generated catalog put in one province (48), written as that province's list.
export DATABASE_URL="sqlite://$work/source.db"
"$BIN" generate --products "$ROWS" --seed 11 2>/dev/null | tail -1
python3 - "$work/source.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
# One province's list: every product of the generated country moved to Đà Nẵng, its commune dropped.
db.execute("UPDATE products SET province_code = '48', commune_code = NULL")
db.execute("UPDATE producers SET province_code = '48'")
db.commit()
PY
"$BIN" export-list --province 48 "$work/list.xlsx" >/dev/null
echo "workbook: $(du -k "$work/list.xlsx" | cut -f1) KB, $ROWS products generated (duplicates within one province merge on import)"

# import_into URL LABEL: imports the list twice into the database at URL, timing each.
import_into() {
  local url=$1 label=$2
  export DATABASE_URL="$url"
  "$BIN" migrate >/dev/null 2>&1 || true
  for pass in first again; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$BIN" import --lang en --good-rows-only "$work/list.xlsx" >"$work/out" 2>&1 \
      || { echo "$label $pass import failed:"; tail -5 "$work/out"; return 1; }
    read -r seconds kb <"$work/time"
    echo "$label, $pass import: ${seconds} s, importer peak $((kb / 1024)) MB — $(tail -1 "$work/out")"
  done
}

import_into "sqlite://$work/target.db" "SQLite"
if [ -n "${OCOP_BENCH_POSTGRES_URL:-}" ]; then
  import_into "$OCOP_BENCH_POSTGRES_URL" "PostgreSQL"
fi
