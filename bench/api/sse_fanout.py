#!/usr/bin/env python3
"""SSE fan-out: N consumers follow /events while a writer appends; reports delivery and end-to-end lag.

Lag = time a consumer parsed an event - the event's recorded time (stamped by the store at append).
Both clocks are this machine's. Bounded: stops after the writer's events are delivered or a deadline.
Only talks to the loopback address given. Usage: sse_fanout.py URL KEY [consumers] [events] [rate]
"""
import asyncio, json, sys, time, statistics
from datetime import datetime
from urllib.parse import urlparse

url, key = sys.argv[1], sys.argv[2]
consumers = int(sys.argv[3]) if len(sys.argv) > 3 else 100
events = int(sys.argv[4]) if len(sys.argv) > 4 else 200
rate = float(sys.argv[5]) if len(sys.argv) > 5 else 20.0
u = urlparse(url)
host, port = u.hostname, u.port
assert host in ("127.0.0.1", "localhost", "::1"), "loopback only"

lags, delivered, out_of_order = [], [0] * consumers, [0]


async def request(method, path, body=None):
    reader, writer = await asyncio.open_connection(host, port)
    data = json.dumps(body).encode() if body is not None else b""
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {key}\r\nContent-Type: application/json\r\nContent-Length: {len(data)}\r\nConnection: close\r\n\r\n"
    writer.write(head.encode() + data)
    await writer.drain()
    response = await reader.read()
    writer.close()
    return response


async def head_position():
    raw = await request("GET", "/api/revision")
    body = raw.split(b"\r\n\r\n", 1)[1]
    if b"\r\n" in body.split(b"{", 1)[0]:  # chunked
        body = b"{" + body.split(b"{", 1)[1]
    return json.loads(body[: body.rindex(b"}") + 1])["lastGlobalPosition"] or 0


async def consumer(i, after, target, ready):
    reader, writer = await asyncio.open_connection(host, port, limit=1 << 22)
    writer.write(f"GET /events?after={after} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {key}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    ready.append(i)
    last = after
    while last < target:
        line = await reader.readline()
        if not line:
            break
        if line.startswith(b"data: "):
            now = time.time()
            e = json.loads(line[6:])
            recorded = datetime.fromisoformat(e["recorded"].replace("Z", "+00:00")).timestamp()
            lags.append(now - recorded)
            if e["position"] != last + 1:  # a gap or a repeat: positions are gap-free in this store
                out_of_order[0] += 1
            last = e["position"]
            delivered[i] += 1
    writer.close()


async def main():
    after = await head_position()
    target = after + events
    ready = []
    tasks = [asyncio.create_task(consumer(i, after, target, ready)) for i in range(consumers)]
    while len(ready) < consumers:
        await asyncio.sleep(0.05)
    await asyncio.sleep(1.0)
    started = time.time()
    for n in range(events):
        await request("POST", "/api/occurrences", {"dyad": "AZE-IRN", "occurrence": {"id": f"occ-fan-{int(started)}-{n}", "title": "fan-out probe"}})
        await asyncio.sleep(max(0.0, started + (n + 1) / rate - time.time()))
    written = time.time() - started
    try:
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=60)
    except asyncio.TimeoutError:
        pass
    total = sum(delivered)
    q = statistics.quantiles(lags, n=100) if len(lags) > 1 else [0] * 99
    print(f"consumers={consumers} events={events} write_rate={events / written:.1f}/s delivered={total}/{consumers * events} gaps_or_repeats={out_of_order[0]} "
          f"({total / max(written, 1e-9):.0f} deliveries/s) lag_ms p50={q[49] * 1000:.1f} p95={q[94] * 1000:.1f} p99={q[98] * 1000:.1f} max={max(lags) * 1000:.1f}")


asyncio.run(main())
