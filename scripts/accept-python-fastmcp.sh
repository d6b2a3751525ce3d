#!/usr/bin/env bash
# Runs the acceptance suite against a server nobody here wrote: the Python `fastmcp`
# package (PyPI) in stateless mode with its own JWT verifier. Prints the report and
# writes it to docs/acceptance-fastmcp.txt; exits 0 whatever the verdicts are (they
# are findings about that server, explained in docs/acceptance.md).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
swift build --product migrate && swift build --product mcp-example

venv=.venv-fastmcp
bash scripts/setup-fastmcp.sh

secret="acceptance-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
issuer=https://dev.local
audience=fastmcp-check
port=$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
log=$(mktemp)
trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT

"$venv/bin/python" Tests/Interop/fastmcp_server.py "$port" "$secret" "$issuer" "$audience" >"$log" 2>&1 &
server=$!
for _ in $(seq 1 150); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/mcp"; then break; fi
    if ! kill -0 "$server" 2>/dev/null; then cat "$log" >&2; exit 1; fi
    sleep 0.2
done

mint() { .build/debug/mcp-example dev-token --jwt-hs256-secret "$secret" --sub "$1" --scope mcp:read --issuer "$issuer" --audience "$audience"; }
status=0
.build/debug/migrate accept --url "http://127.0.0.1:$port/mcp" --token "$(mint alice)" --second-token "$(mint bob)" \
    | sed "s/127.0.0.1:$port/127.0.0.1:PORT/g" | tee docs/acceptance-fastmcp.txt || status=$?
echo "accept-python-fastmcp: migrate accept exited $status (fastmcp 4.2.3); report in docs/acceptance-fastmcp.txt"
