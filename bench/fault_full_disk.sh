#!/usr/bin/env bash
# Fault drill: the disk of uploaded files fills up. An officer adds product photos to a files
# folder on a 2 MB tmpfs until it is full, then: the page says the server has no room (not a
# bare error), no partial or orphan file is left (every file on the disk is one a photo row
# refers to), and after room is made the next upload succeeds. Needs root (it mounts the tmpfs)
# and the release server.
#
#   sudo bench/fault_full_disk.sh
set -euo pipefail
source "$(dirname "$0")/common.sh"
ADDR=127.0.0.1:3311
PASSWORD="mật khẩu drill"
work=$(mktemp -d)
mkdir -p "$work/files"
mount -t tmpfs -o size=2m tmpfs "$work/files"
server_pid=""
trap 'kill $server_pid 2>/dev/null || true; sleep 0.5; umount "$work/files" 2>/dev/null || true; rm -rf "$work"' EXIT
start_server $ADDR "$work/server.log" --database-url "sqlite://$work/drill.db" serve --addr $ADDR --seed-demo \
  --demo-staff-password "$PASSWORD" --files-dir "$work/files"

# A photo of noise (JPEG barely shrinks it): about 0.6 MB kept across its sizes.
make_png "$work/noise.png" 700 500 noise

jar="$work/cookies"
curl -fsS -o /dev/null -c "$jar" -H 'Accept: application/json' --data-urlencode "sign_in_name=canbo.tinh@ocop.demo" \
  --data-urlencode "password=$PASSWORD" "http://$ADDR/api/sign_in"
product=$(sqlite3 "$work/drill.db" "SELECT id FROM products WHERE province_code = '48' ORDER BY id LIMIT 1")
upload() {
  curl -sS -o /dev/null -b "$jar" -w '%{http_code} %{redirect_url}' -F "photo=@$work/noise.png;type=image/png" \
    "http://$ADDR/can-bo/san-pham/$product/anh"
}
files_on_disk() { find "$work/files" -type f | wc -l; }
rows() { sqlite3 "$work/drill.db" "SELECT COUNT(*) FROM product_photo_files pf JOIN product_photos p ON p.id = pf.photo_id WHERE p.product_id = $product"; }

printf "%-8s %-60s %-14s %-10s %s\n" upload answer "files on disk" "rows" "disk used"
full=""
for n in 1 2 3 4 5; do
  answer=$(upload)
  printf "%-8s %-60s %-14s %-10s %s\n" "$n" "${answer#* http://$ADDR}" "$(files_on_disk)" "$(rows)" "$(df --output=pcent "$work/files" | tail -1)"
  case "$answer" in *het-cho-luu*) full=$n; break ;; esac
done
page=$(curl -fsS -b "$jar" "http://$ADDR/can-bo/san-pham/$product?anh=het-cho-luu")
partial=$(find "$work/files" -name '*.partial' | wc -l)
echo
if [ -z "$full" ]; then echo "FAIL: the disk never filled"; exit 1; fi
grep -q "Máy chủ tạm thời hết chỗ lưu tệp" <<<"$page" && echo "the page says: Máy chủ tạm thời hết chỗ lưu tệp nên ảnh chưa được lưu…" || { echo "FAIL: no sentence on the page"; exit 1; }
[ "$partial" = 0 ] && echo "partial files left: 0" || { echo "FAIL: $partial partial files left"; exit 1; }
[ "$(files_on_disk)" = "$(rows)" ] && echo "files on disk = files the records refer to: $(rows)" || { echo "FAIL: orphan files"; exit 1; }

# Room is made (an officer removes a photo); the next upload goes through.
photo=$(sqlite3 "$work/drill.db" "SELECT MIN(id) FROM product_photos WHERE product_id = $product")
curl -fsS -o /dev/null -b "$jar" -X POST "http://$ADDR/can-bo/san-pham/$product/anh/$photo/xoa"
answer=$(upload)
echo "after a photo is removed: ${answer#* http://$ADDR}"
case "$answer" in *da-them*) echo "recovered: yes" ;; *) echo "FAIL: no recovery"; exit 1 ;; esac
