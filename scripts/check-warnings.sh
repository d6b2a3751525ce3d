#!/usr/bin/env bash
# Fails when a build log has a compiler warning that points into our own targets (Sources,
# Tests, Examples, bench; dependencies under .build/ are ignored). Usage: check-warnings.sh LOG
# An incremental build only reports the files it recompiled: CI's clean build sees them all.
set -euo pipefail
log=$1
root=$(cd "$(dirname "$0")/.." && pwd)
# The root is matched as plain text (a clone's path may hold regex characters), the rest by pattern.
ours=$(awk -v root="$root/" 'index($0, root) == 1 { rest = substr($0, length(root) + 1); if (rest ~ /^(Sources|Tests|Examples|bench)\/[^:]+:[0-9]+:[0-9]+: warning:/) print }' "$log" | sort -u)
if [[ -n $ours ]]; then
    echo "check-warnings: compiler warnings in our own targets (zero is the rule):" >&2
    echo "$ours" >&2
    exit 1
fi
