#!/usr/bin/env bash
# Lighthouse scores (performance, accessibility, best practices, SEO) of the home page, a
# catalog search and a product page, in Lighthouse's mobile emulation (a mid-range phone on a
# throttled 4G connection, simulated), with Debian's Chromium, against the release server on a
# fresh SQLite database holding the demo catalog.
#
#   bench/lighthouse.sh        # needs the release build and chromium; installs lighthouse 12
#                              # from npm into ~/.cache/ocop/tools
set -euo pipefail
source "$(dirname "$0")/common.sh"
ADDR=127.0.0.1:3340
[ -x "$TOOLS/node_modules/.bin/lighthouse" ] || (cd "$TOOLS" && npm install --no-audit --no-fund --silent lighthouse@12.8.2)
work=$(mktemp -d)
server_pid=""
trap 'kill $server_pid 2>/dev/null || true; rm -rf "$work"' EXIT
start_server $ADDR "$work/server.log" --database-url "sqlite://$work/lh.db" serve --addr $ADDR --seed-demo --files-dir "$work/files"
product=$(curl -fsS "http://$ADDR/api/v1/products?q=mat+ong" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["href"])')

printf "%-34s %12s %14s %15s %6s\n" page performance accessibility "best practices" SEO
for page in "/" "/?q=mat+ong&stars=4" "$product"; do
  CHROME_PATH=/usr/bin/chromium "$TOOLS/node_modules/.bin/lighthouse" "http://$ADDR$page" --quiet \
    --only-categories=performance,accessibility,best-practices,seo --output=json --output-path="$work/report.json" \
    --chrome-flags="--no-sandbox --headless --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
    >/dev/null 2>"$work/lighthouse.log" || { tail -5 "$work/lighthouse.log"; exit 1; }
  python3 - "$work/report.json" "$page" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
score = lambda key: round(report["categories"][key]["score"] * 100)
page = sys.argv[2] if len(sys.argv[2]) <= 34 else sys.argv[2][:31] + "…"
print(f"{page:<34} {score('performance'):>12} {score('accessibility'):>14} {score('best-practices'):>15} {score('seo'):>6}")
failed = [a["title"] for a in report["audits"].values() if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") in ("binary", "numeric")]
metrics = report["audits"]
print(f"{'':<34} FCP {metrics['first-contentful-paint']['displayValue']}, LCP {metrics['largest-contentful-paint']['displayValue']}, TBT {metrics['total-blocking-time']['displayValue']}, CLS {metrics['cumulative-layout-shift']['displayValue']}")
if failed:
    print(f"{'':<34} below 90: " + "; ".join(failed[:6]))
PY
done
