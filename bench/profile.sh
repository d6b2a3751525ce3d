#!/usr/bin/env bash
# Where the CPU of a stateless tools/call goes: `perf record -g` on mcp-example (RS256 token
# reused) and on the bare route under the same wrk load, then bench/components.py attributes
# every sample to a request-path component and prints its share and µs per request. The CPU per
# request of each profiled window is measured from /proc (utime+stime over wrk's completed
# requests), so perf's own overhead is inside both figures alike. Release builds, loopback,
# about 1 minute. Knobs: DURATION (10, seconds), CONNECTIONS (64), FREQUENCY (999 Hz).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
FREQUENCY=${FREQUENCY:-999}

need wrk
need openssl
need perf linux-perf
bench_build mcp-example bench-bare
bench_workspace

rsa_key_pair "$work"
export TOKEN
TOKEN=$(bench_tokens "$work/key.pem")
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

profile() { # name command... (the command gets the port as its last argument)
    local name=$1; shift
    local port
    port=$(free_port)
    "$@" "$port" >"$work/$name.log" 2>&1 &
    local pid=$!
    pids+=("$pid")
    for _ in $(seq 1 200); do curl -s -o /dev/null -X POST "http://127.0.0.1:$port/mcp" -m 1 && break; sleep 0.05; done
    reply=$(curl -s -X POST "http://127.0.0.1:$port/mcp" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
        -H "Authorization: Bearer $TOKEN" -d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3}}}')
    [[ $reply == *'"result"'* ]] || { echo "$name does not answer: $reply" >&2; exit 1; }
    wrk -t2 -c"$CONNECTIONS" -d3s -s bench/wrk/tools-call.lua "http://127.0.0.1:$port/mcp" >/dev/null  # warm-up
    local before after requests
    before=$(ticks "$pid")
    perf record -F "$FREQUENCY" -g -p "$pid" -o "$work/$name.data" -- sleep $((DURATION + 2)) >/dev/null 2>"$work/$name.perf.log" &
    local recorder=$!
    sleep 1
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/wrk/tools-call.lua "http://127.0.0.1:$port/mcp" >"$work/$name.wrk"
    after=$(ticks "$pid")
    wait "$recorder" || { echo "$name: perf record failed: $(cat "$work/$name.perf.log")" >&2; exit 1; }
    kill "$pid"; wait "$pid" 2>/dev/null || true
    requests=$(awk '/requests in/ {print $1}' "$work/$name.wrk")
    # A profile of refusals or broken connections would describe another path: stop instead.
    if grep -qE 'Non-2xx|Socket errors' "$work/$name.wrk" || [[ -z $requests || $requests == 0 ]]; then
        echo "$name: wrk saw errors or no requests:" >&2; cat "$work/$name.wrk" >&2; exit 1
    fi
    # The CPU of the window wrk ran in (ticks are 1/100 s; the second of perf before wrk is idle).
    local cpu_us
    cpu_us=$(python3 -c "print(f'{($after - $before) * 10000 / $requests:.1f}')")
    perf script -i "$work/$name.data" >"$work/$name.txt" 2>/dev/null
    echo "## $name: $requests requests in ${DURATION}s, $cpu_us µs of CPU per request"
    echo
    python3 bench/components.py "$work/$name.txt" "$cpu_us"
    echo
}

profile stateless "$bin/mcp-example" --stateless --jwt-public-key "$work/key.public.pem" --audience bench --log-level warning --port
profile bare "$bin/bench-bare"
