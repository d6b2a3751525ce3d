#!/usr/bin/env bash
# Creates .venv-fastmcp with the Python `fastmcp` package pinned in
# Tests/Interop/requirements-fastmcp.txt: a server nobody here wrote, for the tests
# (ThirdPartyServerTests), scripts/prove-python-sample.sh and scripts/accept-python-fastmcp.sh.
# Test-only: the main job (scripts/demo.sh) never runs this. Idempotent: reinstalls only when
# the requirements file changed.
set -euo pipefail
cd "$(dirname "$0")/.."

requirements=Tests/Interop/requirements-fastmcp.txt
venv=.venv-fastmcp
stamp=$venv/.requirements.sha256
wanted=$(sha256sum "$requirements" | cut -d' ' -f1)

if [[ -x $venv/bin/python && -f $stamp && "$(cat "$stamp")" == "$wanted" ]]; then
    exit 0
fi
python=${PYTHON:-python3}
if ! "$python" -m venv --help >/dev/null 2>&1; then
    echo "setup-fastmcp: installing python3-venv" >&2
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
fi
echo "setup-fastmcp: creating $venv with $(grep -v '^#' "$requirements" | tr '\n' ' ')" >&2
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
echo "$wanted" > "$stamp"
