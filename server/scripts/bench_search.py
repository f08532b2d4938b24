#!/usr/bin/env python3
"""Catalog search latency over a generated catalog: prints p50/p95/p99 per kind of request.

A benchmark that prints figures, not a test: run it against a server that holds a catalog made
with `server generate --products 100000`, for example:
    server/scripts/bench_search.py http://127.0.0.1:3200 200
"""
import statistics
import sys
import time
import urllib.request

QUERIES = ["mat ong", "nuoc mam", "ca phe", "tra", "gao st25", "ruou nep", "banh", "khanh hoa", "cha ca", "xyzzy"]
KINDS = {
    "search API (q)": lambda i: f"/api/v1/products?q={QUERIES[i % len(QUERIES)].replace(' ', '+')}",
    "search API (q + province)": lambda i: f"/api/v1/products?q={QUERIES[i % len(QUERIES)].replace(' ', '+')}&province=01",
    "catalog page (no q)": lambda i: "/" if i % 2 == 0 else "/?stars=4",
    "catalog page (q)": lambda i: f"/?q={QUERIES[i % len(QUERIES)].replace(' ', '+')}",
}


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:3000"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    print(f"{'request':28} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'mean ms':>8}")
    for name, url in KINDS.items():
        timings = []
        for i in range(rounds):
            started = time.perf_counter()
            with urllib.request.urlopen(base + url(i)) as response:
                response.read()
            timings.append((time.perf_counter() - started) * 1000)
        print(f"{name:28} {rounds:>5} {percentile(timings, 50):8.1f} {percentile(timings, 95):8.1f} "
              f"{percentile(timings, 99):8.1f} {statistics.mean(timings):8.1f}")


if __name__ == "__main__":
    main()
