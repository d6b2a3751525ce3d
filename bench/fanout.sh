#!/usr/bin/env bash
# Fan-out latency through PostgreSQL: publish → delivery on another replica, p50/p99, for 3
# replicas and 1,000 2026-era listen streams (REPLICAS, LISTENERS), at each publication rate
# (RATES, per second, SECONDS_PER_RATE each). Release build, loopback only, a throwaway
# PostgreSQL (scripts/lib/postgres.sh). The replicas, the listeners' client and the database
# share this machine's cores: the figures are an upper bound on what separate machines see.
# Prints one JSON line per rate and the highest rate whose p99 stayed within 100 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
swift build -c release --product bench-fanout >&2
bin=$(swift build -c release --show-bin-path)
start_test_postgres >&2
trap stop_test_postgres EXIT
ulimit -n 65536 2>/dev/null || true
"$bin/bench-fanout" | tee /dev/stderr | python3 -c '
import json, sys
rows = [json.loads(line) for line in sys.stdin if line.startswith("{")]
within = [row for row in rows if row["p99_ms"] <= 100 and row["delivered"] == row["expected"]]
best = max(within, key=lambda row: row["rate"]) if within else None
print("| publications/s | deliveries/s (remote listeners) | p50 ms | p99 ms | max ms | delivered/expected |")
print("|---|---|---|---|---|---|")
for row in rows:
    print(f"| {row[\"rate\"]} | {int(row[\"deliveries_per_second\"])} | {row[\"p50_ms\"]:.1f} | {row[\"p99_ms\"]:.1f} | {row[\"max_ms\"]:.1f} | {row[\"delivered\"]}/{row[\"expected\"]} |")
print(f"highest rate with p99 within 100 ms and nothing lost: {best[\"rate\"]}/s ({int(best[\"deliveries_per_second\"])} deliveries/s)" if best else "no rate kept p99 within 100 ms")
'
