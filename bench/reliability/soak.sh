#!/usr/bin/env bash
# Soak: SOAK_SECONDS (default 300) of mixed traffic — both eras, valid, invalid and expired tokens —
# on 64 connections against the stateless reliability server. Passes when no status other than
# 200/401 is seen, each status matches what was sent, RSS stays flat and /ready still answers.
source "$(dirname "$0")/common.sh"
SOAK_SECONDS=${SOAK_SECONDS:-300}
CONNECTIONS=${CONNECTIONS:-64}

port=$(free_port)
"$bin/bench-reliability" --port "$port" --jwt-public-key "$work/public.pem" --issuer https://reliability.local \
    --audience reliability >"$work/server.log" 2>&1 &
pids+=($!); server=$!
wait_ready "$port"

export TOKEN=$(mint k1 alice 3600) EXPIRED_TOKEN=$(mint k1 alice -300)
export INVALID_TOKEN="${TOKEN%??????}AAAAAA"
echo "soak: warm-up (10 s)"
wrk -t2 -c"$CONNECTIONS" -d10s -s bench/wrk/mixed.lua "http://127.0.0.1:$port/mcp" >/dev/null
rss_start=$(rss_kib "$server")
echo "soak: ${SOAK_SECONDS}s, $CONNECTIONS connections, RSS after warm-up $((rss_start / 1024)) MiB"
( for _ in $(seq 1 $((SOAK_SECONDS / 30))); do sleep 30; echo "  RSS $(( $(rss_kib "$server") / 1024 )) MiB"; done ) &
sampler=$!
wrk -t2 -c"$CONNECTIONS" -d"${SOAK_SECONDS}s" --timeout 10s -s bench/wrk/mixed.lua "http://127.0.0.1:$port/mcp" | tee "$work/wrk.txt"
wait "$sampler" 2>/dev/null || true
rss_end=$(rss_kib "$server")

unexpected=$(awk -F'unexpected statuses: ' '/unexpected statuses/ {print $2}' "$work/wrk.txt")
ok_sent=$(awk -F'[:,] ' '/sent valid/ {print $2}' "$work/wrk.txt")
refused_sent=$(awk -F'[:,] ' '/sent valid/ {print $4}' "$work/wrk.txt")
got200=$(awk '/^status 200:/ {print $3}' "$work/wrk.txt"); got401=$(awk '/^status 401:/ {print $3}' "$work/wrk.txt")
echo
echo "soak results:"
check "no unexpected status ($unexpected)" test "${unexpected:-1}" -eq 0
check "200s match the valid requests sent ($got200 of $ok_sent, ±$CONNECTIONS in flight)" test $(( ${got200:-0} - ${ok_sent:-0} )) -le "$CONNECTIONS" -a $(( ${ok_sent:-0} - ${got200:-0} )) -le "$CONNECTIONS"
check "401s match the invalid/expired requests sent ($got401 of $refused_sent)" test $(( ${got401:-0} - ${refused_sent:-0} )) -le "$CONNECTIONS" -a $(( ${refused_sent:-0} - ${got401:-0} )) -le "$CONNECTIONS"
ratio=$(python3 -c "print(f'{$rss_end / $rss_start:.2f}')")
check "RSS flat: $((rss_start / 1024)) → $((rss_end / 1024)) MiB (${ratio}×, limit 1.10×)" python3 -c "import sys; sys.exit(0 if $rss_end <= 1.10 * $rss_start else 1)"
check "/ready answers 200 after the soak" curl -sf -o /dev/null -m 2 "http://127.0.0.1:$port/ready"
[[ $failures -eq 0 ]] && echo "soak: passed" || { echo "soak: $failures check(s) failed"; exit 1; }
