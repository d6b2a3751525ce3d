#!/usr/bin/env bash
# Server CPU per stateful tools/call with 2025-era sessions in PostgreSQL (MCPPostgres,
# --postgres-url) against sessions in memory, in one run: interleaved rounds, the ratio computed
# round by round (bench/rounds.py). Release builds, loopback only; starts a throwaway PostgreSQL
# (scripts/lib/postgres.sh). The database server's own CPU is not counted: this is what a
# replica spends. Knobs: DURATION (10s), CONNECTIONS (64), THREADS (2), ROUNDS (5).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
source scripts/lib/postgres.sh

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-5}

need wrk
need openssl
bench_build mcp-example
bench_workspace
start_test_postgres
trap 'bench_cleanup; stop_test_postgres' EXIT


rsa_key_pair "$work"
token=$(bench_tokens "$work/key.pem")


memory_port=$(free_port); start memory "$memory_port" "$bin/mcp-example" --port "$memory_port" --jwt-public-key "$work/key.public.pem" --audience bench --log-level warning
postgres_port=$(free_port); start postgres "$postgres_port" "$bin/mcp-example" --port "$postgres_port" --jwt-public-key "$work/key.public.pem" --audience bench --log-level warning --postgres-url "$MCP_TEST_POSTGRES_URL"

# 32 sessions on each, opened before the run; the wrk script rotates through them.
open_sessions() {
    local port=$1 sessions=()
    for _ in $(seq 1 32); do
        sessions+=("$(curl -s -D - -o /dev/null -X POST "http://127.0.0.1:$port/mcp" -H 'Content-Type: application/json' \
            -H "Authorization: Bearer $token" \
            -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}' \
            | tr -d '\r' | awk -F': ' 'tolower($1) == "mcp-session-id" {print $2}')")
    done
    (IFS=,; echo "${sessions[*]}")
}
memory_sessions=$(open_sessions "$memory_port")
postgres_sessions=$(open_sessions "$postgres_port")
[[ $postgres_sessions == *,* && ${#postgres_sessions} -gt 64 ]] || { echo "no sessions opened on the PostgreSQL server" >&2; exit 1; }

# Both servers share one session list (the wrk script reads SESSIONS): each accepts only its own,
# so every run gets the list of the server it targets through a wrapper script per server.
for name in memory postgres; do
    sessions_var="${name}_sessions"
    { echo "os.getenv = (function(get) return function(k) if k == 'SESSIONS' then return '${!sessions_var}' end return get(k) end end)(os.getenv)"
      cat bench/wrk/stateful.lua; } >"$work/$name.lua"
done

TOKEN=$token python3 bench/rounds.py --rounds "$ROUNDS" --duration "$DURATION" --connections "$CONNECTIONS" --threads "$THREADS" \
    --scenario memory "$pid_memory" "http://127.0.0.1:$memory_port/mcp" "$work/memory.lua" "stateful tools/call, sessions in memory" \
    --scenario postgres "$pid_postgres" "http://127.0.0.1:$postgres_port/mcp" "$work/postgres.lua" "stateful tools/call, sessions in PostgreSQL"
grep -c "" "$work/postgres.log" >/dev/null && grep -iE "error|warning" "$work/postgres.log" | head -5 >&2 || true
