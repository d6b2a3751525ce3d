#!/usr/bin/env bash
# Throughput and memory of stateless MCP hosting against the bare-HTTP limit, in one run.
# Release builds, loopback only, bounded in time. Prints one table with ratios to the
# bare route computed in this run. Knobs: DURATION (20s), CONNECTIONS (64), THREADS (2),
# ROUNDS (3): every scenario runs once per round, rounds interleave the scenarios, and the
# table shows each scenario's median round (the bare route's own speed drifts on a shared machine).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-3}

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v openssl >/dev/null || { apt-get update -qq && apt-get install -y -qq openssl >/dev/null; }
for product in mcp-example bench-bare bench-sdk; do swift build -c release --product "$product" >&2; done
bin=$(swift build -c release --show-bin-path)

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 1 200); do curl -s -o /dev/null "http://127.0.0.1:$1/ping" -m 1 && return 0; curl -s -o /dev/null -X POST "http://127.0.0.1:$1/mcp" -m 1 && return 0; sleep 0.05; done; echo "port $1 never opened" >&2; exit 1; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

openssl genrsa -out "$work/key.pem" 2048 2>/dev/null
openssl rsa -in "$work/key.pem" -pubout -out "$work/public.pem" 2>/dev/null
token=$("$bin/mcp-example" dev-token --jwt-private-key "$work/key.pem" --sub bench --scope mcp:read --audience bench --ttl 3600)

start() { # name port command...
    local name=$1 port=$2; shift 2
    "$@" >"$work/$name.log" 2>&1 &
    pids+=($!)
    eval "pid_$name=$!"
    wait_port "$port"
}

bare_port=$(free_port); start bare "$bare_port" "$bin/bench-bare" "$bare_port"
stateless_port=$(free_port); start stateless "$stateless_port" "$bin/mcp-example" --port "$stateless_port" --stateless --jwt-public-key "$work/public.pem" --audience bench --log-level warning
stateful_port=$(free_port); start stateful "$stateful_port" "$bin/mcp-example" --port "$stateful_port" --jwt-public-key "$work/public.pem" --audience bench --log-level warning
sdk_port=$(free_port); start sdk "$sdk_port" "$bin/bench-sdk" "$sdk_port" "$work/public.pem" bench

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
for port in "$stateless_port" "$sdk_port"; do
    reply=$(curl -s -X POST "http://127.0.0.1:$port/mcp" -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
        -d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3}}}')
    [[ $reply == *'"result"'* ]] || { echo "scenario on port $port does not answer: $reply" >&2; exit 1; }
done

run() { # name port script [extra env]
    local name=$1 port=$2 script=$3
    TOKEN=$token SESSIONS=$SESSIONS wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "bench/wrk/$script" \
        "http://127.0.0.1:$port/mcp" >"$work/$name.wrk"
}
metric() { # file → rps p50_ms p99_ms requests errors
    python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(v):
    match = re.match(r"([\d.]+)(us|ms|s|m)$", v)
    if not match:
        sys.exit(f"cannot read latency {v!r} in:\n{text}")
    n, u = match.groups()
    return float(n) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[u]
if "Requests/sec" not in text or "50%" not in text:
    sys.exit(f"wrk output without results:\n{text}")
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50 = ms(re.search(r"^\s*50%\s+(\S+)", text, re.M).group(1)); p99 = ms(re.search(r"^\s*99%\s+(\S+)", text, re.M).group(1))
total = int(re.search(r"(\d+) requests in", text).group(1))
errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors += int(non2xx.group(1)) if non2xx else 0
print(f"{rps:.0f} {p50:.2f} {p99:.2f} {total} {errors}")
PY
}

# Memory: RSS of a fresh stateless server after ~10k requests, then after ~200k.
wrk -t1 -c8 -d2s -s bench/wrk/tools-call.lua "http://127.0.0.1:$stateless_port/mcp" >"$work/warm.wrk" 2>&1 || true
warm_requests=$(grep -o '[0-9]* requests in' "$work/warm.wrk" | cut -d' ' -f1)
rss_10k=$(rss_kib "$pid_stateless")
stateless_total=0
for round in $(seq 1 "$ROUNDS"); do
    run "bare-$round" "$bare_port" tools-call.lua
    TOKEN=$token run "stateless-$round" "$stateless_port" tools-call.lua
    run "stateful-$round" "$stateful_port" stateful.lua
    run "sdk-$round" "$sdk_port" tools-call.lua
    stateless_total=$(( stateless_total + $(metric "$work/stateless-$round.wrk" | cut -d' ' -f4) ))
done
# Each scenario's median round becomes its row.
for name in bare stateless stateful sdk; do
    median=$(for round in $(seq 1 "$ROUNDS"); do echo "$(metric "$work/$name-$round.wrk" | cut -d' ' -f1) $round"; done | sort -n \
        | awk '{a[NR]=$2} END {print a[int((NR+1)/2)]}')
    cp "$work/$name-$median.wrk" "$work/$name.wrk"
done
served=$(( warm_requests + stateless_total ))
while (( served < 200000 )); do
    TOKEN=$token wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s bench/wrk/tools-call.lua "http://127.0.0.1:$stateless_port/mcp" >"$work/more.wrk"
    served=$(( served + $(grep -o '[0-9]* requests in' "$work/more.wrk" | cut -d' ' -f1) ))
done
rss_200k=$(rss_kib "$pid_stateless")

read -r bare_rps bare_p50 bare_p99 bare_total bare_errors < <(metric "$work/bare.wrk")
printf '\nmachine: %s cores, %s; wrk -t%s -c%s -d%s; %s rounds (median shown); release builds; loopback\n\n' "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$THREADS" "$CONNECTIONS" "$DURATION" "$ROUNDS"
printf '| scenario | requests/s | p50 ms | p99 ms | errors | rps / bare | p99 / bare |\n|---|---|---|---|---|---|---|\n'
for name in bare stateless stateful sdk; do
    read -r rps p50 p99 total errors < <(metric "$work/$name.wrk")
    label=$name
    case $name in
        bare) label="bare Hummingbird route (fixed JSON)";;
        stateless) label="stateless tools/call, RS256 JWT every request (FastMCP)";;
        stateful) label="stateful tools/call, RS256 JWT, 32 sessions rotated";;
        sdk) label="swift-sdk adapter, stateless, RS256 JWT";;
    esac
    python3 -c "print(f'| $label | $rps | $p50 | $p99 | $errors | {$rps/$bare_rps:.2f}× | {$p99/$bare_p99:.2f}× |')"
done
python3 -c "print(f'\nRSS of the stateless server: {$rss_10k/1024:.1f} MiB after $warm_requests requests, {$rss_200k/1024:.1f} MiB after $served (ratio {$rss_200k/$rss_10k:.2f}×)')"
for name in stateless stateful sdk; do
    ratios=$(for round in $(seq 1 "$ROUNDS"); do
        python3 -c "print(f'{$(metric "$work/$name-$round.wrk" | cut -d' ' -f1) / $(metric "$work/bare-$round.wrk" | cut -d' ' -f1):.2f}')"
    done | paste -sd' ')
    echo "$name / bare, round by round: $ratios"
done
