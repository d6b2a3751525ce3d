#!/usr/bin/env bash
# Everything a fresh Debian machine with the Swift toolchain needs before building and testing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v swift >/dev/null; then
    echo "setup: the Swift toolchain (6.1 or newer) must be on PATH" >&2
    exit 1
fi
bash scripts/setup-python.sh
