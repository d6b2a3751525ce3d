#!/usr/bin/env bash
# Faults: the JWKS server killed mid-run, clients aborting mid-SSE, handlers that never return,
# SIGTERM under load. Each check prints ok/FAIL; exits non-zero when any fails.
source "$(dirname "$0")/common.sh"
status_of() { cut -d' ' -f1 <<<"$1"; }

echo "1. the JWKS server dies mid-run"
jwks_port=$(free_port)
"$python" -m http.server "$jwks_port" --bind 127.0.0.1 --directory "$work" >/dev/null 2>&1 &
jwks=$!; pids+=($jwks)
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$jwks_port/jwks.json" && break; sleep 0.05; done
port=$(free_port)
start_server "$port" --jwks-url "http://127.0.0.1:$jwks_port/jwks.json"
token=$(mint k1 alice 600)
check "a token signed by the JWKS key is accepted" test "$(status_of "$(post "$port" "$token" "$(call whoami '{}')")")" = 200
export TOKEN=$token
wrk -t2 -c16 -d8s -s bench/wrk/tools-call.lua "http://127.0.0.1:$port/mcp" >"$work/wrk-jwks.txt" 2>&1 &
load=$!
sleep 3
kill "$jwks"; wait "$jwks" 2>/dev/null || true
check "the JWKS server is down" bash -c "! curl -s -o /dev/null -m 1 http://127.0.0.1:$jwks_port/jwks.json"
wait "$load"
requests=$(awk '/requests in/ {print $1}' "$work/wrk-jwks.txt")
bad=$(awk '/Non-2xx/ {print $5}' "$work/wrk-jwks.txt")
check "under load across the kill: $requests requests, ${bad:-0} non-2xx (cached keys keep working)" test "${bad:-0}" -eq 0 -a "${requests:-0}" -gt 0
check "after the kill, a cached key still verifies" test "$(status_of "$(post "$port" "$token" "$(call whoami '{}')")")" = 200
foreign=$("$python" bench/reliability/tokens.py foreign "$work" mallory)
reply=$(post "$port" "$foreign" "$(call whoami '{}')" -D "$work/headers")
check "an unknown kid while the JWKS server is down → 503, never 500 or a guess (got $(status_of "$reply"))" test "$(status_of "$reply")" = 503
check "… with Retry-After" grep -qi '^retry-after: ' "$work/headers"
kill "$server"; wait "$server" 2>/dev/null || true

echo "2. clients abort in the middle of an SSE reply"
port=$(free_port)
start_server "$port" --jwt-public-key "$work/public.pem" --timeout 30
token=$(mint k1 alice 600)
rss_before=$(rss_kib "$server")
aborted=0
for i in $(seq 1 20); do
    curl -s -N -m 0.5 -o "$work/sse-$i" -X POST "http://127.0.0.1:$port/mcp" -H 'Content-Type: application/json' \
        -H 'Accept: application/json, text/event-stream' -H "Authorization: Bearer $token" \
        -d "$(printf '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"slow","arguments":{"steps":50,"delayMs":100},"_meta":{"progressToken":"p%s"}}}' "$i")" \
        || { [[ $? -eq 28 ]] && aborted=$((aborted + 1)); }
done
check "20 clients left mid-stream ($aborted cut off by the client, each after receiving progress)" bash -c "test $aborted -eq 20 && grep -q 'notifications/progress' $work/sse-1"
check "the server still answers /ready" curl -sf -o /dev/null -m 2 "http://127.0.0.1:$port/ready"
check "and a normal call" test "$(status_of "$(post "$port" "$token" "$(call echo '{"text":"after"}')")")" = 200
rss_after=$(rss_kib "$server")
check "RSS after the aborts: $((rss_before / 1024)) → $((rss_after / 1024)) MiB" test "$rss_after" -le $((rss_before * 3 / 2 + 4096))
kill "$server"; wait "$server" 2>/dev/null || true

echo "3. handlers that never return (deadline 2 s)"
port=$(free_port)
start_server "$port" --jwt-public-key "$work/public.pem" --timeout 2
token=$(mint k1 alice 600)
started=$(date +%s%N)
reply=$(post "$port" "$token" "$(call hang '{}')")
elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
timed_out() { grep -q 'timed out' <<<"$1"; }
check "hang: the client gets the deadline error after ${elapsed} ms (limit 2 s + 1 s)" test "$elapsed" -lt 3000
check "… a JSON-RPC error saying the request timed out" timed_out "$reply"
reply=$(post "$port" "$token" "$(call stubborn '{}')")
check "stubborn (ignores cancellation): the client still gets the deadline error" timed_out "$reply"
count=$(post "$port" "$token" "$(call stubborn_count '{}')")
check "… and its task keeps running after the deadline (documented): $(grep -o '"text":"[0-9]*"' <<<"$count")" grep -q '"text":"1"' <<<"$count"
check "the server keeps answering meanwhile" test "$(status_of "$(post "$port" "$token" "$(call echo '{"text":"x"}')")")" = 200
kill "$server"; wait "$server" 2>/dev/null || true

echo "4. SIGTERM under load"
port=$(free_port)
start_server "$port" --jwt-public-key "$work/public.pem" --timeout 30
token=$(mint k1 alice 600)
export TOKEN=$token
wrk -t2 -c32 -d6s -s bench/wrk/tools-call.lua "http://127.0.0.1:$port/mcp" >"$work/wrk-term.txt" 2>&1 &
load=$!
sleep 1
inflight=()
for i in 1 2 3 4; do
    post "$port" "$token" "$(call slow '{"steps":15,"delayMs":100}' "$i")" >"$work/inflight-$i" &
    inflight+=($!)
done
sleep 0.3
kill -TERM "$server"
sleep 0.3
refused=0
curl -s -o /dev/null -m 1 "http://127.0.0.1:$port/ready" || refused=$?
for pid in "${inflight[@]}"; do wait "$pid" || true; done
exit_code=0
wait "$server" || exit_code=$?
wait "$load" || true
finished=$(grep -l '^200 .*done after 15 steps' "$work"/inflight-* | wc -l)
check "4 slow calls in flight when SIGTERM arrived all finished with their result ($finished/4)" test "$finished" -eq 4
check "a new connection during the drain is refused (curl exit $refused: 7 = connection refused)" test "$refused" -eq 7
check "the server exited with status 0 (got $exit_code)" test "$exit_code" -eq 0
pids=("${pids[@]/$server}")

echo
[[ $failures -eq 0 ]] && echo "faults: all checks passed" || { echo "faults: $failures check(s) failed"; exit 1; }
