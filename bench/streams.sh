#!/usr/bin/env bash
# Memory per idle stream and tools/call latency while they are held: COUNT (5000) 2026-era
# `subscriptions/listen` streams on a stateless server, then COUNT 2025-era GET streams on a
# stateful server (one session each; the session's own cost is reported separately).
# Release build, loopback, HS256 tokens minted by the script. Knobs: COUNT, DURATION (10s),
# CONNECTIONS (64). See bench/streams.py.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
COUNT=${COUNT:-5000}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}

ulimit -n "$(ulimit -Hn)"
(( $(ulimit -n) > COUNT + 1000 )) || { echo "streams: need more than $((COUNT + 1000)) open files, have $(ulimit -n)" >&2; exit 1; }
need wrk
bench_build mcp-example
bench_workspace

secret=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
serve() { # port flags...
    local port=$1; shift
    "$bin/mcp-example" --port "$port" --jwt-hs256-secret "$secret" --audience bench --log-level warning "$@" >"$work/$port.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 200); do curl -s -o /dev/null -X POST "http://127.0.0.1:$port/mcp" -m 1 && return 0; sleep 0.05; done
    echo "server on $port never answered" >&2; exit 1
}

printf 'machine: %s cores; %s streams; wrk -c%s -d%s for tools/call\n' "$(nproc)" "$COUNT" "$CONNECTIONS" "$DURATION"
port=$(free_port); serve "$port" --stateless
python3 bench/streams.py --pid "${pids[-1]}" --port "$port" --secret "$secret" --audience bench --kind modern \
    --count "$COUNT" --duration "$DURATION" --connections "$CONNECTIONS"
port=$(free_port); serve "$port"
python3 bench/streams.py --pid "${pids[-1]}" --port "$port" --secret "$secret" --audience bench --kind legacy \
    --count "$COUNT" --duration "$DURATION" --connections "$CONNECTIONS"
