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
work=$(mktemp)
trap 'stop_test_postgres; rm -f "$work"' EXIT
"$bin/bench-fanout" | tee "$work"
python3 bench/fanout_table.py "$work"
