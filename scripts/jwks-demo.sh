#!/usr/bin/env bash
# The example server against a local JWKS, in one command: makes an RSA key pair,
# publishes its public half as a JWKS on a loopback port, starts mcp-example with
# --jwks-url, mints a token signed by the private key and calls the server with it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
swift build --product mcp-example

work=$(mktemp -d)
trap 'kill ${jwks_pid:-} ${server:-} 2>/dev/null || true; rm -rf "$work"' EXIT

.venv/bin/python - "$work" <<'PY'
import json, sys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
work = sys.argv[1]
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
with open(f"{work}/private.pem", "wb") as handle:
    handle.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
jwk.update({"kid": "local-1", "alg": "RS256", "use": "sig"})
with open(f"{work}/jwks.json", "w") as handle:
    json.dump({"keys": [jwk]}, handle)
PY

.venv/bin/python -m http.server 0 --bind 127.0.0.1 --directory "$work" >"$work/jwks.log" 2>&1 &
jwks_pid=$!
for _ in $(seq 1 100); do
    jwks_port=$(grep -o 'port [0-9]*' "$work/jwks.log" | head -1 | cut -d' ' -f2) && [[ -n $jwks_port ]] && break
    sleep 0.1
done
jwks_url="http://127.0.0.1:$jwks_port/jwks.json"
echo "jwks-demo: JWKS served at $jwks_url"

.build/debug/mcp-example --port 0 --stateless --jwks-url "$jwks_url" --issuer https://local-as.example \
    --audience local-demo 2>"$work/server.log" &
server=$!
for _ in $(seq 1 100); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*/mcp' "$work/server.log" | head -1) && [[ -n $url ]] && break
    sleep 0.1
done
echo "jwks-demo: mcp-example serving $url"

token=$(.build/debug/mcp-example dev-token --jwt-private-key "$work/private.pem" --kid local-1 \
    --sub local-user --scope mcp:read --issuer https://local-as.example --audience local-demo)
.venv/bin/python Tests/Interop/python_client.py "$url" legacy "$token" \
    | .venv/bin/python -c 'import json, sys; r = json.load(sys.stdin); print("jwks-demo: whoami ->", r.get("whoami") or r)'
