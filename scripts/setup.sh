#!/usr/bin/env bash
# Everything a fresh Debian machine with the Swift toolchain needs before building and testing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v swift >/dev/null; then
    echo "setup: the Swift toolchain (6.1 or newer) must be on PATH" >&2
    exit 1
fi
# libgit2 (migrate's git layer) from Debian.
if ! pkg-config --exists libgit2 2>/dev/null; then
    echo "setup: installing libgit2-dev and pkg-config" >&2
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    $sudo apt-get update -qq >/dev/null
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgit2-dev pkg-config >/dev/null
fi
bash scripts/setup-python.sh
