#!/usr/bin/env bash
# Scale-out on loopback: INSTANCES (default 3) copies of the example server behind nginx,
# round-robin, no stickiness.
#   stateless: the acceptance suite passes against nginx exactly as against one instance, and a
#              load run shows throughput with 1, 2, … instances behind the same nginx. On one
#              2-core machine every instance shares the same cores, so each instance is capped at
#              INSTANCE_CPU percent of a core (default 25; cgroup v1 cpu controller, root) to stand
#              for one small machine; INSTANCE_CPU=0 runs them uncapped;
#   stateful:  the same set-up loses sessions (a session lives in one instance), which is what
#              makes stickiness necessary there;
#   stateful with PostgreSQL: the same instances sharing a throwaway PostgreSQL
#              (--postgres-url, scripts/lib/postgres.sh) serve every request of a session, and
#              the acceptance suite with --expect stateful passes through nginx.
# Prints a table; results are written up in docs/scaling.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
INSTANCES=${INSTANCES:-3}
INSTANCE_CPU=${INSTANCE_CPU:-25}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-64}

bash scripts/setup.sh >/dev/null
need nginx nginx-light
need wrk
for product in mcp-example migrate; do swift build -c release --product "$product" >&2; done
bin=$(swift build -c release --show-bin-path)

work=$(mktemp -d)
pids=()
cgroups=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    for group in "${cgroups[@]}"; do rmdir "$group" 2>/dev/null || true; done
    rm -rf "$work"
}
cpu_root=/sys/fs/cgroup/cpu
if [[ $INSTANCE_CPU -gt 0 ]] && ! { mkdir -p "$cpu_root/mcp-scale-probe" 2>/dev/null && rmdir "$cpu_root/mcp-scale-probe"; }; then
    echo "scale-out: cannot create cgroups under $cpu_root; running the instances uncapped" >&2
    INSTANCE_CPU=0
fi
cap() { # pid index: at most INSTANCE_CPU percent of one core
    [[ $INSTANCE_CPU -gt 0 ]] || return 0
    local group=$cpu_root/mcp-scale-$$-$2
    mkdir -p "$group"
    cgroups+=("$group")
    echo 100000 >"$group/cpu.cfs_period_us"
    echo $((INSTANCE_CPU * 1000)) >"$group/cpu.cfs_quota_us"
    echo "$1" >"$group/cgroup.procs"
}
trap cleanup EXIT
wait_ready() { for _ in $(seq 1 300); do curl -sf -o /dev/null -m 1 "http://127.0.0.1:$1/ready" && return 0; sleep 0.05; done; echo "port $1 never became ready" >&2; exit 1; }

export MCP_JWT_HS256_SECRET="scale-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
issuer=https://dev.local audience=scale
mint() { "$bin/mcp-example" dev-token --sub "$1" --scope mcp:read --issuer "$issuer" --audience "$audience" --ttl 3600; }

start_instances() { # mode [extra flags…] → sets ports=()
    local mode=$1
    shift
    ports=()
    for i in $(seq 1 "$INSTANCES"); do
        local port; port=$(free_port)
        # Clients call nginx: that URL is the resource every instance advertises.
        local flags=(--port "$port" --issuer "$issuer" --audience "$audience" --resource "http://127.0.0.1:$nginx_port/mcp" --log-level warning)
        [[ $mode == stateless ]] && flags+=(--stateless)
        "$bin/mcp-example" "${flags[@]}" "$@" >"$work/instance-$mode-$i.log" 2>&1 &
        pids+=($!)
        cap "$!" "$mode-$i"
        ports+=("$port")
        wait_ready "$port"
    done
}

nginx_port=$(free_port)
start_nginx() { # count → nginx round-robin over the first `count` instances
    local count=$1 upstreams=""
    for port in "${ports[@]:0:$count}"; do upstreams+="        server 127.0.0.1:$port;"$'\n'; done
    mkdir -p "$work/nginx/logs"
    cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    upstream mcp {
$upstreams        keepalive 64;
    }
    server {
        listen 127.0.0.1:$nginx_port;
        location / {
            proxy_pass http://mcp;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_buffering off;
            proxy_read_timeout 300s;
        }
    }
}
CONF
    if [[ -f $work/nginx/nginx.pid ]] && kill -0 "$(cat "$work/nginx/nginx.pid")" 2>/dev/null; then
        nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -s reload 2>/dev/null
        sleep 0.5
    else
        nginx -p "$work/nginx" -c "$work/nginx/nginx.conf"
        for _ in $(seq 1 100); do [[ -f $work/nginx/nginx.pid ]] && break; sleep 0.05; done
        pids+=("$(cat "$work/nginx/nginx.pid")")
    fi
    wait_ready "$nginx_port"
}

token=$(mint alice); second=$(mint bob)
export TOKEN=$token

echo "== stateless: $INSTANCES instances behind nginx (round-robin, no stickiness)"
start_instances stateless
start_nginx "$INSTANCES"
# The baseline is the same server alone, advertising its own URL as the resource: an instance of
# the pool advertises nginx's URL, so called directly it rightly fails auth.resource-metadata.
alone_port=$(free_port)
"$bin/mcp-example" --port "$alone_port" --issuer "$issuer" --audience "$audience" --resource "http://127.0.0.1:$alone_port/mcp" \
    --log-level warning --stateless >"$work/alone.log" 2>&1 &
pids+=($!)
wait_ready "$alone_port"
"$bin/migrate" accept --url "http://127.0.0.1:$alone_port/mcp" --token "$token" --second-token "$second" --json >"$work/one.json" || true
"$bin/migrate" accept --url "http://127.0.0.1:$nginx_port/mcp" --token "$token" --second-token "$second" | tee "$work/accept-nginx.txt" \
    | sed "s/127.0.0.1:$nginx_port/127.0.0.1:NGINX/"
"$bin/migrate" accept --url "http://127.0.0.1:$nginx_port/mcp" --token "$token" --second-token "$second" --json >"$work/nginx.json" || true
python3 - "$work/one.json" "$work/nginx.json" <<'PY'
import json, sys
one, lb = (json.load(open(p)) for p in sys.argv[1:3])
verdicts = lambda r: {c["id"]: c["verdict"] for c in r["results"]}
same = verdicts(one) == verdicts(lb)
for case in sorted(set(verdicts(one)) | set(verdicts(lb))):
    if verdicts(one).get(case) != verdicts(lb).get(case):
        print(f"  {case}: one instance {verdicts(one).get(case)}, through nginx {verdicts(lb).get(case)}")
print(f"acceptance verdicts through nginx {'identical to' if same else 'DIFFER from'} one instance "
      f"({lb['summary']['passed']} passed, {lb['summary']['failed']} failed, {lb['summary']['skipped']} skipped)")
sys.exit(0 if same and lb["summary"]["failed"] == 0 else 1)
PY

echo
[[ $INSTANCE_CPU -gt 0 ]] && echo "each instance capped at ${INSTANCE_CPU}% of one core (cgroup), nginx and wrk uncapped"
echo "| upstream instances | requests/s through nginx | p99 ms | non-2xx | ratio to 1 instance |"
echo "|---|---|---|---|---|"
base=""
for count in $(seq 1 "$INSTANCES"); do
    start_nginx "$count"
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/wrk/tools-call.lua "http://127.0.0.1:$nginx_port/mcp" >"$work/wrk-$count.txt"
    rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk-$count.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$work/wrk-$count.txt")
    bad=$(awk '/Non-2xx/ {print $5}' "$work/wrk-$count.txt")
    base=${base:-$rps}
    echo "| $count | ${rps%.*} | $p99 | ${bad:-0} | $(python3 -c "print(f'{$rps / $base:.2f}×')") |"
done
for pid in "${pids[@]}"; do [[ $pid == "$(cat "$work/nginx/nginx.pid")" ]] || kill "$pid" 2>/dev/null || true; done

init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"scale","version":"1"}}}'
one_session() { # one session through nginx: initialize, then 12 tools/list → sets ok, lost
    local session status statuses=""
    session=$(curl -s -D - -o /dev/null -X POST "http://127.0.0.1:$nginx_port/mcp" -H 'Content-Type: application/json' \
        -H 'Accept: application/json, text/event-stream' -H "Authorization: Bearer $token" -d "$init" \
        | tr -d '\r' | awk -F': ' 'tolower($1) == "mcp-session-id" {print $2}')
    ok=0; lost=0
    for i in $(seq 1 12); do
        status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$nginx_port/mcp" -H 'Content-Type: application/json' \
            -H 'Accept: application/json, text/event-stream' -H "Authorization: Bearer $token" -H "Mcp-Session-Id: $session" \
            -H 'MCP-Protocol-Version: 2025-06-18' -d "{\"jsonrpc\":\"2.0\",\"id\":$((i + 1)),\"method\":\"tools/list\"}")
        statuses+="$status "
        [[ $status == 200 ]] && ok=$((ok + 1)) || lost=$((lost + 1))
    done
    echo "one session, 12 requests through nginx: $ok answered, $lost refused (statuses: $statuses)"
}

echo
echo "== stateful: the same $INSTANCES instances, stateful, behind the same nginx"
start_instances stateful
start_nginx "$INSTANCES"
one_session
echo "(a session lives in the instance that created it: round-robin sends the rest elsewhere, which answers 404)"
"$bin/migrate" accept --url "http://127.0.0.1:$nginx_port/mcp" --token "$token" --second-token "$second" --expect stateful --era legacy \
    | sed "s/127.0.0.1:$nginx_port/127.0.0.1:NGINX/" | grep -E "FAIL|passed" || true
for pid in "${pids[@]}"; do [[ $pid == "$(cat "$work/nginx/nginx.pid")" ]] || kill "$pid" 2>/dev/null || true; done

echo
echo "== stateful with PostgreSQL: the same $INSTANCES instances sharing one database, behind the same nginx"
source scripts/lib/postgres.sh
start_test_postgres >&2
trap 'stop_test_postgres; cleanup' EXIT
start_instances stateful --postgres-url "$MCP_TEST_POSTGRES_URL"
start_nginx "$INSTANCES"
one_session
"$bin/migrate" accept --url "http://127.0.0.1:$nginx_port/mcp" --token "$token" --second-token "$second" --expect stateful \
    | tee "$work/accept-postgres.txt" | sed "s/127.0.0.1:$nginx_port/127.0.0.1:NGINX/" | grep -E "FAIL|SKIP .*counts|passed" || true
if [[ $lost -ne 0 ]] || ! grep -q ": PASS" "$work/accept-postgres.txt"; then
    echo "scale-out: the stateful round with PostgreSQL did not pass" >&2
    exit 1
fi
