#!/usr/bin/env bash
# Whole-catalog downloads: the open-data list of 100,000 generated products as CSV and as XLSX,
# one at a time and four at once, with the time of each, the server's peak memory, and how fast
# the search API and a catalog page answer while the four are built. Needs the release server.
#
#   bench/exports.sh [PRODUCTS]
set -euo pipefail
source "$(dirname "$0")/common.sh"
PRODUCTS="${1:-100000}"
ADDR=127.0.0.1:3331
work=$(mktemp -d)
trap 'kill "$server_pid" 2>/dev/null || true; sleep 0.3; rm -rf "$work"' EXIT
export DATABASE_URL="sqlite://$work/exports.db"

"$BIN" generate --products "$PRODUCTS" --seed 7 2>/dev/null | tail -1
start_server "$ADDR" "$work/server.log" serve --addr "$ADDR" --api-rate-limit 0 --files-dir "$work/files"
peak() { awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$server_pid/status"; }
url="http://$ADDR/api/v1/products"

echo "one at a time ($PRODUCTS products, status=all):"
for format in csv xlsx; do
  curl -fsS -o "$work/out.$format" -w "  $format: %{time_total} s, %{size_download} bytes" "$url.$format?status=all"
  echo ", server peak so far $(peak)"
done

echo "four XLSX at once:"
for i in 1 2 3 4; do
  curl -fsS -o /dev/null -w "  xlsx #$i: %{time_total} s\n" "$url.xlsx?status=all" &
done
sleep 0.5
curl -fsS -o /dev/null -w "  search API meanwhile: %{time_total} s\n" "$url?q=mat%20ong"
curl -fsS -o /dev/null -w "  catalog page meanwhile: %{time_total} s\n" "http://$ADDR/?q=tra"
wait $(jobs -p | grep -v "^$server_pid$") 2>/dev/null || true
echo "server peak: $(peak)"
