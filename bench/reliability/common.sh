# Shared helpers for the reliability scripts (sourced). Release builds, loopback only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

bash scripts/setup.sh >/dev/null
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
swift build -c release --product bench-reliability >&2
bin=$(swift build -c release --show-bin-path)
python=.venv/bin/python

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
wait_ready() { for _ in $(seq 1 300); do curl -sf -o /dev/null -m 1 "http://127.0.0.1:$1/ready" && return 0; sleep 0.05; done; echo "port $1 never became ready" >&2; return 1; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
mint() { "$python" bench/reliability/tokens.py mint "$work" "$@"; }

"$python" bench/reliability/tokens.py keygen "$work"

# POST a JSON-RPC body; prints "STATUS BODY". Extra curl arguments follow the body.
post() { # port token body [curl args...]
    local port=$1 token=$2 body=$3; shift 3
    local auth=()
    [[ -n $token ]] && auth=(-H "Authorization: Bearer $token")
    curl -s -m 30 -o "$work/body" -w '%{http_code}' -X POST "http://127.0.0.1:$port/mcp" -H 'Content-Type: application/json' \
        -H 'Accept: application/json, text/event-stream' -H 'MCP-Protocol-Version: 2025-06-18' "${auth[@]}" -d "$body" "$@" || true
    printf ' %s\n' "$(head -c 300 "$work/body" 2>/dev/null | tr -d '\r\n')"
}
call() { # tool arguments-json id
    printf '{"jsonrpc":"2.0","id":%s,"method":"tools/call","params":{"name":"%s","arguments":%s}}' "${3:-1}" "$1" "$2"
}

issuer=https://reliability.local
# Starts bench-reliability on `port` (sets $server); the scripts' extra flags follow.
start_server() { # port extra-args...
    local port=$1; shift
    "$bin/bench-reliability" --port "$port" --issuer "$issuer" --audience reliability "$@" >>"$work/server.log" 2>&1 &
    server=$!
    pids+=($server)
    wait_ready "$port"
}

failures=0
check() { # description condition...
    local description=$1; shift
    if "$@"; then printf '  ok    %s\n' "$description"; else printf '  FAIL  %s\n' "$description"; failures=$((failures + 1)); fi
}
