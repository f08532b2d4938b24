"""Slow heads and a connection flood against a server on loopback, while /livez is asked every
50 ms from another address; prints how /livez answered throughout.

    python3 bench/flood.py HOST:PORT [--sources N] [--per-source N] [--slow N] [--seconds S]

Three things at once, each bounded: `--slow` connections from 127.0.0.2 sending a request's
head a byte a second (the server cuts each off at its head deadline); `--sources` ×
`--per-source` idle connections from 127.0.0.10 onwards (the flood: beyond its bounds the
server closes them at once); and the probe, from 127.0.0.1. Standard library only.
"""

import argparse
import asyncio
import time


async def connect(host, port, source):
    return await asyncio.open_connection(host, port, local_addr=(source, 0))


async def slow_head(host, port, seconds, cut):
    """Sends a head a byte a second; records when the server cut the connection."""
    started = time.monotonic()
    try:
        reader, writer = await connect(host, port, "127.0.0.2")
        writer.write(b"GET /livez HTTP/1.1\r\nHost: ocop\r\nX-Slow: ")
        await writer.drain()
        while time.monotonic() - started < seconds:
            writer.write(b"a")
            await writer.drain()
            try:
                data = await asyncio.wait_for(reader.read(64), 1.0)
                if data is not None:  # an answer (408) or the end: cut off
                    cut.append(time.monotonic() - started)
                    break
            except asyncio.TimeoutError:
                pass
        writer.close()
    except (ConnectionError, OSError):
        cut.append(time.monotonic() - started)


async def idle_flood(host, port, sources, per_source, held, refused):
    """Opens idle connections from many addresses and keeps the ones the server keeps."""
    kept = []
    for s in range(sources):
        source = f"127.0.0.{10 + s}"
        for _ in range(per_source):
            try:
                kept.append(await connect(host, port, source))
            except (ConnectionError, OSError):
                refused[0] += 1
    await asyncio.sleep(1)
    for reader, writer in kept:
        try:
            data = await asyncio.wait_for(reader.read(1), 0.01)
            if data == b"":
                refused[0] += 1
            else:
                held[0] += 1
        except asyncio.TimeoutError:
            held[0] += 1
        except (ConnectionError, OSError):
            refused[0] += 1
    return kept


async def probe(host, port, until, latencies, failures):
    """Asks /livez every 50 ms on a fresh connection, as a load balancer would."""
    while time.monotonic() < until:
        started = time.monotonic()
        try:
            reader, writer = await asyncio.wait_for(connect(host, port, "127.0.0.1"), 2)
            writer.write(b"GET /livez HTTP/1.1\r\nHost: ocop\r\nConnection: close\r\n\r\n")
            await writer.drain()
            status = await asyncio.wait_for(reader.readline(), 2)
            writer.close()
            if b" 200 " in status:
                latencies.append((time.monotonic() - started) * 1000)
            else:
                failures[0] += 1
        except (asyncio.TimeoutError, ConnectionError, OSError):
            failures[0] += 1
        await asyncio.sleep(max(0, 0.05 - (time.monotonic() - started)))


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("address")
    parser.add_argument("--sources", type=int, default=20)
    parser.add_argument("--per-source", type=int, default=300)
    parser.add_argument("--slow", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    host, port = args.address.rsplit(":", 1)
    port = int(port)
    until = time.monotonic() + args.seconds
    latencies, failures, cut, held, refused = [], [0], [], [0], [0]
    prober = asyncio.create_task(probe(host, port, until, latencies, failures))
    slow = [asyncio.create_task(slow_head(host, port, args.seconds - 2, cut)) for _ in range(args.slow)]
    kept = await idle_flood(host, port, args.sources, args.per_source, held, refused)
    await asyncio.gather(*slow)
    await prober
    for _, writer in kept:
        writer.close()
    latencies.sort()
    worst = latencies[-1] if latencies else float("nan")
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else float("nan")
    over = sum(1 for ms in latencies if ms > 100)
    print(f"flood: {args.sources * args.per_source} idle connections from {args.sources} addresses: "
          f"{held[0]} held, {refused[0]} closed at once by the server's bounds")
    print(f"slow heads: {len(cut)} of {args.slow} cut off by the server, "
          f"median after {sorted(cut)[len(cut) // 2] if cut else float('nan'):.1f} s")
    print(f"/livez during the flood: {len(latencies)} answers, {failures[0]} failures, "
          f"p99 {p99:.1f} ms, worst {worst:.1f} ms, {over} over 100 ms")
    kept_within = failures[0] == 0 and over == 0 and latencies
    print("/livez kept answering within 100 ms throughout: " + ("yes" if kept_within else "NO"))
    raise SystemExit(0 if kept_within else 1)


asyncio.run(main())
