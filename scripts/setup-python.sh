#!/usr/bin/env bash
# Creates .venv with the official Python MCP SDK and PyJWT for the interop tests.
# Idempotent: reinstalls only when Tests/Interop/requirements.txt changed.
set -euo pipefail
cd "$(dirname "$0")/.."

requirements=Tests/Interop/requirements.txt
stamp=.venv/.requirements.sha256
wanted=$(sha256sum "$requirements" | cut -d' ' -f1)

if [[ -x .venv/bin/python && -f $stamp && "$(cat "$stamp")" == "$wanted" ]]; then
    exit 0
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' 2>/dev/null; then
    echo "setup-python: need Python 3.10 or newer as '$python' (set PYTHON=...)" >&2
    exit 1
fi
if ! "$python" -m venv --help >/dev/null 2>&1; then
    echo "setup-python: installing python3-venv" >&2
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
fi
echo "setup-python: creating .venv with $(tr '\n' ' ' < <(grep -v '^#' "$requirements"))" >&2
rm -rf .venv
"$python" -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r "$requirements"
echo "$wanted" > "$stamp"
