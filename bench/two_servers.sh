#!/usr/bin/env bash
# Two server processes on one PostgreSQL behind a local nginx, sharing one store of uploaded
# files (the moto S3 bucket the test command installs, else one folder). Shows, with figures:
# a session started on one server is valid on the other; an edit made through one is seen
# through the other (and how soon); nginx spreads requests over both; and one server going down
# leaves the site answering through the other. Needs the release server, nginx, and PostgreSQL
# as the test command sets it up.
#
#   bench/two_servers.sh
set -euo pipefail
source "$(dirname "$0")/common.sh"
PG_BASE="${PG_BASE:-postgres://ocop_test:ocop_test@127.0.0.1:5432}"
DB=ocop_two_servers
PASSWORD="mật khẩu hai máy chủ"
A=127.0.0.1:3321 B=127.0.0.1:3322 PROXY=127.0.0.1:3320
S3_VENV="$TOOLS/s3-venv"
command -v nginx >/dev/null || { echo "nginx is missing: apt-get install nginx-light" >&2; exit 1; }
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; sleep 0.3; rm -rf "$work"' EXIT

runuser -u postgres -- psql -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER ocop_test" >/dev/null
export DATABASE_URL="$PG_BASE/$DB"

files=(--files-dir "$work/files")
store="one folder ($work/files)"
if [ -x "$S3_VENV/bin/moto_server" ]; then
  s3_port=3329
  "$S3_VENV/bin/moto_server" -H 127.0.0.1 -p $s3_port >"$work/s3.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 30); do curl -fsS -o /dev/null "http://127.0.0.1:$s3_port/" 2>/dev/null && break; sleep 0.5; done
  curl -fsS -o /dev/null -X PUT "http://127.0.0.1:$s3_port/ocop-shared"
  files=(--s3-bucket ocop-shared --s3-endpoint "http://127.0.0.1:$s3_port" --s3-access-key drill --s3-secret-key drill)
  store="the S3 bucket ocop-shared (moto)"
fi

serve() { # addr log
  start_server "$1" "$2" serve --addr "$1" --seed-demo --demo-staff-password "$PASSWORD" --behind-proxy "${files[@]}"
  pids+=("$server_pid")
}
serve $A "$work/a.log"   # the first one migrates and seeds
serve $B "$work/b.log"
pid_b=${pids[-1]}

mkdir -p "$work/nginx"
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  client_max_body_size 21m;
  upstream ocop { server $A max_fails=1 fail_timeout=5s; server $B max_fails=1 fail_timeout=5s; keepalive 16; }
  server {
    listen $PROXY;
    location / {
      proxy_pass http://ocop;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout;
      add_header X-Upstream \$upstream_addr always;
    }
  }
}
NGINX
nginx -c "$work/nginx.conf" -g 'daemon off;' &
pids+=($!)
for _ in $(seq 1 30); do curl -fsS "http://$PROXY/livez" >/dev/null 2>&1 && break; sleep 0.3; done

echo "Files shared through $store; database $DB on PostgreSQL."
echo
# 1. A session started on A is valid on B.
jar="$work/cookies"
curl -fsS -o /dev/null -c "$jar" -H 'Accept: application/json' --data-urlencode "sign_in_name=canbo.tinh@ocop.demo" \
  --data-urlencode "password=$PASSWORD" "http://$A/api/sign_in"
on_b=$(curl -fsS -b "$jar" -H 'Accept: application/json' -X POST "http://$B/api/current_account")
grep -q '"id"' <<<"$on_b" && echo "session started on A, valid on B: yes ($(grep -o '"display_name":"[^"]*"' <<<"$on_b"))" \
  || { echo "FAIL: B does not know the session: $on_b"; exit 1; }

# 2. An edit saved through A is seen through B.
product=$(runuser -u postgres -- psql -d $DB -tA -c "SELECT id FROM products WHERE province_code = '48' ORDER BY id LIMIT 1")
version=$(runuser -u postgres -- psql -d $DB -tA -c "SELECT version FROM products WHERE id = $product")
name=$(runuser -u postgres -- psql -d $DB -tA -c "SELECT name FROM products WHERE id = $product")
marker="Bán tại chợ phiên $RANDOM"
word="phienban$RANDOM"   # a word no product has: B's catalog search for it is counted and cached, empty
public="http://$B$(curl -fsS "http://$B/api/v1/products/$product" | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["href"])')"
curl -fsS -o /dev/null "$public"
href="\"/san-pham/$product-"   # a link to the product, whatever its name becomes
curl -fsS "http://$B/?status=all&q=$word" | grep -q "$href" && { echo "FAIL: the word is already found"; exit 1; }
curl -fsS -o /dev/null -b "$jar" -H 'Accept: application/json' --data-urlencode "product_id=$product" \
  --data-urlencode "version=$version" --data-urlencode "name=$name $word" --data-urlencode "description=$marker" \
  --data-urlencode "phone=" --data-urlencode "website=" "http://$A/api/save_product_record"
saved=$(date +%s.%N)
until curl -fsS "$public" | grep -q "$marker"; do
  if (( $(echo "$(date +%s.%N) - $saved > 5" | bc) )); then echo "FAIL: B never showed the edit"; exit 1; fi
  sleep 0.05
done
printf "edit saved through A, shown by B's product page after %.2f s\n" "$(echo "$(date +%s.%N) - $saved" | bc)"
until curl -fsS "http://$B/?status=all&q=$word" | grep -q "$href"; do
  if (( $(echo "$(date +%s.%N) - $saved > 5" | bc) )); then echo "FAIL: B's catalog never found the new name"; exit 1; fi
  sleep 0.05
done
printf "the new name found by B's catalog search (a page it had cached) after %.2f s\n" "$(echo "$(date +%s.%N) - $saved" | bc)"

# 3. A photo added through A is served by B from the shared store.
make_png "$work/photo.png" 800 600 gradient
curl -fsS -o /dev/null -b "$jar" -F "photo=@$work/photo.png;type=image/png" "http://$A/can-bo/san-pham/$product/anh"
photo=$(runuser -u postgres -- psql -d $DB -tA -c "SELECT MAX(id) FROM product_photos WHERE product_id = $product")
echo "photo uploaded through A, served by B: $(curl -fsS -o /dev/null -w '%{http_code} %{content_type}, %{size_download} bytes' "http://$B/anh/$photo/640.jpg")"

# 4. nginx spreads requests over both.
for _ in $(seq 1 20); do curl -fsS -o /dev/null -D - "http://$PROXY/?q=mat+ong" | grep -i '^x-upstream' ; done | sort | uniq -c \
  | awk '{ printf "through nginx, answered by %s: %s of 20\n", $3, $1 }' | tr -d '\r'

# 5. B goes down: the site keeps answering through A.
kill "$pid_b"; wait "$pid_b" 2>/dev/null || true
codes=$(for _ in $(seq 1 20); do curl -s -o /dev/null -w '%{http_code}\n' -b "$jar" "http://$PROXY/can-bo"; done | sort | uniq -c | tr '\n' ' ')
echo "with B stopped, 20 signed-in requests through nginx answered: $codes"
