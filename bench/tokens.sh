#!/usr/bin/env bash
# The token check under load it cannot cache: a stateless run with 4× the verified-token cache's
# capacity of distinct valid RS256 tokens (minted before the run), and a run where tokens with
# invalid signatures arrive alongside valid traffic (valid p99 must stay within 2× its baseline).
# Release build, loopback. Knobs: ROUNDS (3), DURATION (10s), CONNECTIONS (64),
# HOSTILE_CONNECTIONS (8), DISTINCT (40000 = 4 × the default cache capacity of 10,000).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
HOSTILE_CONNECTIONS=${HOSTILE_CONNECTIONS:-8}
DISTINCT=${DISTINCT:-40000}

need wrk
need openssl
bench_build mcp-example
bench_workspace

rsa_key_pair "$work"
rsa_key_pair "$work" other
echo "minting $DISTINCT distinct valid tokens and 10000 with a signature of another key" >&2
bench_tokens "$work/key.pem" "$DISTINCT" > "$work/distinct.txt"
bench_tokens "$work/other.pem" 10000 > "$work/invalid.txt"
token=$(bench_tokens "$work/key.pem")

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin/mcp-example" --port "$port" --stateless --jwt-public-key "$work/key.public.pem" --audience bench --log-level warning >"$work/server.log" 2>&1 &
pid=$!
pids+=("$pid")
for _ in $(seq 1 200); do curl -s -o /dev/null -X POST "http://127.0.0.1:$port/mcp" -m 1 && break; sleep 0.05; done
for each in "$token" "$(head -1 "$work/distinct.txt")"; do
    reply=$(curl -s -X POST "http://127.0.0.1:$port/mcp" -H 'Content-Type: application/json' -H "Authorization: Bearer $each" \
        -d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3}}}')
    [[ $reply == *'"result"'* ]] || { echo "a valid token is refused: $reply" >&2; exit 1; }
done
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/mcp" -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $(head -1 "$work/invalid.txt")" -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}')
[[ $status == 401 ]] || { echo "an invalid signature answered $status, not 401" >&2; exit 1; }

python3 bench/tokens.py --pid "$pid" --url "http://127.0.0.1:$port/mcp" --token "$token" --distinct "$work/distinct.txt" \
    --invalid "$work/invalid.txt" --rounds "$ROUNDS" --duration "$DURATION" --connections "$CONNECTIONS" \
    --hostile-connections "$HOSTILE_CONNECTIONS"
