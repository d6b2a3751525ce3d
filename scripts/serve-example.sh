#!/usr/bin/env bash
# Serve the example: build the example server,
# start it stateless with JWT verification (a development HS256 secret) on a free
# loopback port, mint a token with `mcp-example dev-token`, make real MCP calls
# with the official Python client, show the refusals, then stop it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
swift build --product mcp-example

export MCP_JWT_HS256_SECRET="demo-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
issuer=https://dev.local
audience=mcp-example-demo
log=$(mktemp)
trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT

.build/debug/mcp-example --port 0 --stateless --issuer "$issuer" --audience "$audience" 2>"$log" &
server=$!
for _ in $(seq 1 100); do
    if url=$(grep -o 'http://127.0.0.1:[0-9]*/mcp' "$log" | head -1) && [[ -n $url ]]; then break; fi
    if ! kill -0 "$server" 2>/dev/null; then cat "$log" >&2; exit 1; fi
    sleep 0.1
done
[[ -n ${url:-} ]] || { echo "demo: the server did not start" >&2; cat "$log" >&2; exit 1; }
echo "demo: mcp-example is serving $url (stateless, JWT verified on every request)"

token=$(.build/debug/mcp-example dev-token --sub demo-user --scope "mcp:read" --ttl 300 --issuer "$issuer" --audience "$audience")
echo "demo: minted a development token for demo-user"
echo "demo: calling it with the official Python MCP client"
.venv/bin/python Tests/Interop/python_client.py "$url" legacy "$token" \
    | .venv/bin/python -c 'import json, sys; r = json.load(sys.stdin); r.pop("schemas", None); print(json.dumps(r, indent=2, ensure_ascii=False))'

for case in "no token" "tampered token"; do
    auth=()
    [[ $case == "tampered token" ]] && auth=(-H "Authorization: Bearer ${token%?????}AAAAA")
    echo "demo: a request with $case is refused:"
    curl -s -o /dev/null -w '  HTTP %{http_code}, WWW-Authenticate: %header{www-authenticate}\n' \
        -X POST "$url" -H 'Content-Type: application/json' "${auth[@]}" \
        -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'
done

kill -TERM "$server"
wait "$server" || true
echo "demo: server stopped (SIGTERM, drained)"
