#!/usr/bin/env bash
# Measures bt serve on loopback from separate processes (wrk, python): GET /api/state and POST
# /api/claims throughput, and SSE fan-out with end-to-end lag. Bounded in time; loopback only.
# Needs: a built bt.dll (dotnet build -c Release), wrk (apt-get install -y wrk), python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
BT=src/BilateralTimeline.Cli/bin/Release/net10.0/bt.dll
PORT=${PORT:-5093}
URL=http://127.0.0.1:$PORT
DURATION=${DURATION:-10s}
work=$(mktemp -d)
export BT_DB=$work/bench.db
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet "$BT" import samples/iran-azerbaijan/*.claims.json >/dev/null 2>&1
KEY=$(dotnet "$BT" keys create --role analyst --name bench 2>/dev/null)
dotnet "$BT" serve --urls "$URL" --quiet --writes-per-second 1000000 > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs "$URL/health" >/dev/null 2>&1 && break; sleep 0.2; done

echo "== GET /api/state (wrk, 2 threads, 16 connections, $DURATION)"
wrk -t2 -c16 -d"$DURATION" -H "Authorization: Bearer $KEY" "$URL/api/state?asOf=2023-02-01" | grep -E "Requests/sec|Latency|Non-2xx|requests in"

echo "== GET /api/projections/state (the stored, checkpointed state rows; wrk, 2 threads, 16 connections, $DURATION)"
wrk -t2 -c16 -d"$DURATION" -H "Authorization: Bearer $KEY" "$URL/api/projections/state" | grep -E "Requests/sec|Latency|Non-2xx|requests in"

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
curl -fs -X POST -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' "$URL/api/sources" \
  -d '{"dyad":"AZE-IRN","source":{"id":"src-bench","outlet":"bench","language":"en","title":"bench","text":"The two ministers met in Baku on Monday."}}' >/dev/null
before=$(curl -fs -H "Authorization: Bearer $KEY" "$URL/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["headPosition"])')
echo "== POST /api/claims (wrk, 1 thread, ${POST_CONNECTIONS:-4} connections, $DURATION; no If-Match, so a writer that loses a race re-decides)"
KEY=$KEY wrk -t1 -c"${POST_CONNECTIONS:-4}" -d"$DURATION" -s bench/api/post-claim.lua "$URL" | grep -E "Requests/sec|Latency|Non-2xx|requests in"
after=$(curl -fs -H "Authorization: Bearer $KEY" "$URL/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["headPosition"])')
echo "claims appended: $((after - before))"

echo "== SSE fan-out (python asyncio, ${CONSUMERS:-100} consumers)"
python3 bench/api/sse_fanout.py "$URL" "$KEY" "${CONSUMERS:-100}" "${EVENTS:-200}" "${RATE:-20}"
