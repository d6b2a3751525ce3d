#!/usr/bin/env bash
# Hostile clients and key servers at full size (docs/reliability.md, "Hostile clients"):
# 1,100 unauthenticated slow bodies, 5,000 simultaneous requests, a JWKS server trickling
# its body for 60 s during a key rotation. Each check prints ok/FAIL; exits non-zero when any fails.
# SLOW_CONNECTIONS (1100), SLOW_SECONDS (45), FLOOD_CONNECTIONS (5000).
source "$(dirname "$0")/common.sh"
slow_connections=${SLOW_CONNECTIONS:-1100}
slow_seconds=${SLOW_SECONDS:-45}
flood_connections=${FLOOD_CONNECTIONS:-5000}
json() { "$python" -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

echo "1. $slow_connections unauthenticated clients send chunked bodies at 1 byte / 20 s ($slow_seconds s)"
port=$(free_port)
start_server "$port" --jwt-public-key "$work/public.pem" --max-concurrent 64
token=$(mint k1 alice 3600)
result=$("$python" bench/reliability/hostile.py slow-bodies "$port" "$token" "$slow_connections" "$slow_seconds")
echo "    $result"
legit_ok=$(json 'd["legit"].get("200", 0)' <<<"$result")
legit_all=$(json 'sum(d["legit"].values())' <<<"$result")
check "every legitimate call meanwhile got 200 ($legit_ok of $legit_all)" test "$legit_ok" -eq "$legit_all" -a "$legit_all" -gt 0
check "the slow bodies were cut or refused, none held to the end" \
    test "$(json 'd["slow"].get("held to the end", 0)' <<<"$result")" -eq 0
kill "$server"; wait "$server" 2>/dev/null || true

echo "2. $flood_connections simultaneous valid requests (gate 64, backlog 1024)"
port=$(free_port)
start_server "$port" --jwt-public-key "$work/public.pem" --max-concurrent 64
token=$(mint k1 alice 3600)
result=$("$python" bench/reliability/hostile.py flood "$port" "$token" "$flood_connections")
echo "    $result"
answered=$(json 'd.get("200", 0) + d.get("503", 0)' <<<"$result")
check "every request answered 200 or 503 with Retry-After ($answered of $flood_connections)" test "$answered" -eq "$flood_connections"
check "the server still answers /ready" curl -sf -o /dev/null -m 2 "http://127.0.0.1:$port/ready"
kill "$server"; wait "$server" 2>/dev/null || true

echo "3. the JWKS server trickles its body (1 byte / 2 s) during a key rotation"
jwks_dir="$work/jwks"; mkdir -p "$jwks_dir"; cp "$work/jwks.json" "$jwks_dir/jwks.json"; echo healthy >"$jwks_dir/mode"
jwks_port=$(free_port)
"$python" bench/reliability/hostile.py jwks-server "$jwks_port" "$jwks_dir" &
pids+=($!)
for _ in $(seq 1 100); do curl -sf -o /dev/null -m 1 "http://127.0.0.1:$jwks_port/jwks.json" && break; sleep 0.05; done
port=$(free_port)
start_server "$port" --jwks-url "http://127.0.0.1:$jwks_port/jwks.json"
old=$(mint k1 alice 3600)
new=$(mint k2 alice 3600)   # the same key published later under a new kid: a rotation
check "a token with the loaded kid is accepted" test "$(json 'd["status"]' <<<"$("$python" bench/reliability/hostile.py timed "$port" "$old")")" = 200
"$python" - "$jwks_dir" <<'PY'
import json, sys
folder = sys.argv[1]
document = json.load(open(f"{folder}/jwks.json"))
rotated = dict(document["keys"][0], kid="k2")
json.dump({"keys": document["keys"] + [rotated]}, open(f"{folder}/jwks.json", "w"))
open(f"{folder}/mode", "w").write("trickle")
PY
first=$("$python" bench/reliability/hostile.py timed "$port" "$new")
check "the new kid during the trickle → 503 within the 5 s fetch deadline ($first)" \
    "$python" -c "import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if d['status']=='503' and d['seconds']<6.5 else 1)" "$first"
check "the loaded kid keeps verifying meanwhile" test "$(json 'd["status"]' <<<"$("$python" bench/reliability/hostile.py timed "$port" "$old")")" = 200
worst=0
for _ in $(seq 1 12); do  # 60 s of trickle: every answer bounded by the deadline
    sleep 5
    reply=$("$python" bench/reliability/hostile.py timed "$port" "$new")
    seconds=$(json 'int(d["seconds"] + 0.999)' <<<"$reply")
    ((seconds > worst)) && worst=$seconds
done
check "over 60 s of trickle no request waited more than 6 s (worst ${worst} s)" test "$worst" -le 6
echo healthy >"$jwks_dir/mode"
recovered=no
for _ in $(seq 1 40); do
    [[ $(json 'd["status"]' <<<"$("$python" bench/reliability/hostile.py timed "$port" "$new")") == 200 ]] && { recovered=yes; break; }
    sleep 1
done
check "once the JWKS server is healthy the new kid is accepted (the stuck refresh was abandoned)" test "$recovered" = yes
kill "$server"; wait "$server" 2>/dev/null || true

echo
if ((failures > 0)); then echo "$failures check(s) failed"; exit 1; fi
echo "all checks passed"
