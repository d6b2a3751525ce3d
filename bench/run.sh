#!/usr/bin/env bash
# Throughput, server CPU per request and memory of MCP hosting against the bare-HTTP limit, in
# one run. Release builds, loopback only, about 6 minutes with the defaults. Prints one table
# whose ratios are computed round by round against the bare route of the same round (see
# bench/rounds.py). Knobs: DURATION (10s), CONNECTIONS (64), THREADS (2), ROUNDS (5).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-5}

need wrk
need openssl
bench_build mcp-example bench-bare bench-sdk

bench_workspace


rsa_key_pair "$work"
token=$(bench_tokens "$work/key.pem")


bare_port=$(free_port); start bare "$bare_port" "$bin/bench-bare" "$bare_port"
echo_port=$(free_port); start echo "$echo_port" "$bin/bench-bare" "$echo_port" --echo
stateless_port=$(free_port); start stateless "$stateless_port" "$bin/mcp-example" --port "$stateless_port" --stateless --jwt-public-key "$work/key.public.pem" --audience bench --log-level warning
stateful_port=$(free_port); start stateful "$stateful_port" "$bin/mcp-example" --port "$stateful_port" --jwt-public-key "$work/key.public.pem" --audience bench --log-level warning
sdk_port=$(free_port); start sdk "$sdk_port" "$bin/bench-sdk" "$sdk_port" "$work/key.public.pem" bench

# A pool of sessions for the stateful run, opened before it.
sessions=()
for _ in $(seq 1 32); do
    sessions+=("$(curl -s -D - -o /dev/null -X POST "http://127.0.0.1:$stateful_port/mcp" -H 'Content-Type: application/json' \
        -H "Authorization: Bearer $token" \
        -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}' \
        | tr -d '\r' | awk -F': ' 'tolower($1) == "mcp-session-id" {print $2}')")
done
SESSIONS=$(IFS=,; echo "${sessions[*]}")

# Sanity: every scenario answers 200 with a result before it is measured.
for port in "$stateless_port" "$sdk_port" "$echo_port"; do
    reply=$(curl -s -X POST "http://127.0.0.1:$port/mcp" -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
        -d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3}}}')
    [[ $reply == *'"result"'* ]] || { echo "scenario on port $port does not answer: $reply" >&2; exit 1; }
done

SCENARIOS=(
    --scenario bare "$pid_bare" "http://127.0.0.1:$bare_port/mcp" bench/wrk/tools-call.lua "bare Hummingbird route (fixed JSON)"
    --scenario bare-echo "$pid_echo" "http://127.0.0.1:$echo_port/mcp" bench/wrk/tools-call.lua "bare route reading the body (bare-echo)"
    --scenario stateless "$pid_stateless" "http://127.0.0.1:$stateless_port/mcp" bench/wrk/tools-call.lua "stateless tools/call, RS256 JWT every request (FastMCP)"
    --scenario stateful "$pid_stateful" "http://127.0.0.1:$stateful_port/mcp" bench/wrk/stateful.lua "stateful tools/call, RS256 JWT, 32 sessions rotated"
    --scenario sdk "$pid_sdk" "http://127.0.0.1:$sdk_port/mcp" bench/wrk/tools-call.lua "swift-sdk adapter, stateless, RS256 JWT"
)
TOKEN=$token SESSIONS=$SESSIONS python3 bench/rounds.py --rounds "$ROUNDS" --duration "$DURATION" --connections "$CONNECTIONS" \
    --threads "$THREADS" --memory stateless --also-against bare-echo "${SCENARIOS[@]}"
