#!/usr/bin/env bash
# Fails when a build log has a compiler warning that points into our own targets (Sources,
# Tests, Examples, bench; dependencies under .build/ are ignored). Usage: check-warnings.sh LOG
# An incremental build only reports the files it recompiled: CI's clean build sees them all.
set -euo pipefail
log=$1
root=$(cd "$(dirname "$0")/.." && pwd)
ours=$(grep -E "^${root}/(Sources|Tests|Examples|bench)/[^:]+:[0-9]+:[0-9]+: warning:" "$log" | sort -u || true)
if [[ -n $ours ]]; then
    echo "check-warnings: compiler warnings in our own targets (zero is the rule):" >&2
    echo "$ours" >&2
    exit 1
fi
