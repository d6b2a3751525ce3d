#!/usr/bin/env bash
# Proves migrate's advice for the Python sample (Examples/downstream/python-fastmcp) on the wire.
# migrate never edits Python; it advises `stateless_http=True` or FASTMCP_STATELESS_HTTP=true for the
# `fastmcp` package. This runs the sample twice with the real fastmcp from PyPI — as committed, then
# with the advice applied — and checks with `migrate accept` that the stateless cases fail before and
# pass after. Exits non-zero when they do not.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
swift build --product migrate
migrate=$(swift build --show-bin-path)/migrate

venv=.venv-fastmcp
bash scripts/setup-fastmcp.sh

work=$(mktemp -d)
server=""
trap 'if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; fi; rm -rf "$work"' EXIT

# The advice migrate gives for this sample.
repo=$work/bookmarks
cp -R Examples/downstream/python-fastmcp "$repo"
git -C "$repo" init -q -b main && git -C "$repo" add -A
git -C "$repo" -c user.name=s -c user.email=s@example.com commit -q -m sample
"$migrate" inspect "$repo" --json | "$venv/bin/python" -c '
import json, sys
report = json.load(sys.stdin)
advice = [f["advice"] for f in report["findings"] if f["kind"] == "python-server"]
assert advice and "FASTMCP_STATELESS_HTTP=true" in advice[0], advice
print("advice:", advice[0])'

# Runs the sample with extra environment, then `migrate accept`; prints the stateless verdicts.
run_case() {
    local label=$1; shift
    local port
    port=$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    env "$@" PORT="$port" "$venv/bin/python" "$repo/server.py" >"$work/$label.log" 2>&1 &
    server=$!
    for _ in $(seq 1 150); do
        if curl -s -o /dev/null "http://127.0.0.1:$port/mcp"; then break; fi
        kill -0 "$server" 2>/dev/null || { cat "$work/$label.log" >&2; exit 1; }
        sleep 0.2
    done
    # The sample serves without authentication on purpose: this proof is about its mode.
    "$migrate" accept --url "http://127.0.0.1:$port/mcp" --era legacy --expect-no-auth --json >"$work/$label.json" || true
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
    "$venv/bin/python" - "$work/$label.json" "$label" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
assert report["authChecked"] is False, report.get("authChecked")
verdicts = {c["id"]: c["verdict"] for c in report["results"] if c["id"].startswith("stateless.")}
print(sys.argv[2] + ":", ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))
open(sys.argv[1] + ".verdicts", "w").write(json.dumps(verdicts))
PY
}

run_case before FASTMCP_LOG_LEVEL=WARNING
run_case after FASTMCP_LOG_LEVEL=WARNING FASTMCP_STATELESS_HTTP=true
"$venv/bin/python" - "$work/before.json.verdicts" "$work/after.json.verdicts" <<'PY'
import json, sys
before, after = (json.load(open(p)) for p in sys.argv[1:3])
assert before.get("stateless.no-session-id") == "fail", f"as committed the sample should be stateful: {before}"
assert all(v == "pass" for v in after.values()) and len(after) == 4, f"with the advice every stateless case should pass: {after}"
print("prove-python-sample: stateful as committed; stateless on the wire with migrate's advice")
PY
