#!/usr/bin/env bash
# Cold start: time from exec to the first 200 on tools/call (polling every ≤ 1 ms), median of
# RUNS (10) after one uncounted run that warms the page cache, for
#   - mcp-example --stateless with a JWKS URL (a local JWKS server on loopback; the key set is
#     fetched before the first token can be checked, so its fetch is inside the time),
#   - mcp-example --stateless with an HS256 secret,
#   - Python fastmcp (pinned in Tests/Interop/requirements-fastmcp.txt, venv made by
#     scripts/setup-fastmcp.sh) stateless with its HS256 JWT verifier; skipped, saying why, when
#     the venv cannot be made.
# Prints a table; results are written up in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
RUNS=${RUNS:-10}

need openssl
bench_build mcp-example
bench_workspace

# An RS256 key and its JWKS, served by a loopback HTTP server.
openssl genrsa -out "$work/key.pem" 2048 2>/dev/null
modulus=$(openssl rsa -in "$work/key.pem" -noout -modulus 2>/dev/null | cut -d= -f2)
mkdir "$work/jwks"
python3 - "$modulus" > "$work/jwks/jwks.json" <<'PY'
import base64, json, sys
n = bytes.fromhex(sys.argv[1])
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
print(json.dumps({"keys": [{"kty": "RSA", "kid": "bench", "alg": "RS256", "use": "sig", "n": b64(n), "e": b64((65537).to_bytes(3, "big"))}]}))
PY
jwks_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$jwks_port" --bind 127.0.0.1 --directory "$work/jwks" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$jwks_port/jwks.json" && break; sleep 0.05; done

secret=$(openssl rand -hex 32)
rs_token=$("$bin/mcp-example" dev-token --jwt-private-key "$work/key.pem" --kid bench --audience bench --sub bench --ttl 3600)
hs_token=$("$bin/mcp-example" dev-token --jwt-hs256-secret "$secret" --issuer bench-issuer --audience bench --sub bench --ttl 3600)

measure() { python3 bench/coldstart.py "$RUNS" "$@"; }
jwks=$(measure "$rs_token" -- "$bin/mcp-example" --port '{port}' --stateless --jwks-url "http://127.0.0.1:$jwks_port/jwks.json" --audience bench --log-level warning)
hs=$(measure "$hs_token" -- "$bin/mcp-example" --port '{port}' --stateless --jwt-hs256-secret "$secret" --audience bench --log-level warning)
python_row="| Python fastmcp, stateless, HS256 | skipped: %s | | | |"
if bash scripts/setup-fastmcp.sh >"$work/setup.log" 2>&1; then
    python=$(measure "$hs_token" -- .venv-fastmcp/bin/python Tests/Interop/fastmcp_server.py '{port}' "$secret" bench-issuer bench stateless)
    fastmcp_version=$(.venv-fastmcp/bin/python -c 'import fastmcp; print(fastmcp.__version__)')
else
    python=""
    why="scripts/setup-fastmcp.sh failed: $(tail -1 "$work/setup.log")"
fi

printf '\nmachine: %s cores; exec → first 200 on tools/call, polled every ≤ 1 ms; median of %s runs\n\n' "$(nproc)" "$RUNS"
printf '| server | median ms | fastest ms | slowest ms | / mcp-example (JWKS) |\n|---|---|---|---|---|\n'
row() { read -r median low high <<<"$2"; python3 -c "print(f'| $1 | $median | $low | $high | {$median / ${jwks%% *}:.1f}× |')"; }
row "mcp-example --stateless, JWKS URL (fetched at start)" "$jwks"
row "mcp-example --stateless, HS256" "$hs"
if [[ -n $python ]]; then row "Python fastmcp $fastmcp_version, stateless, HS256" "$python"; else printf "$python_row\n" "$why"; fi
