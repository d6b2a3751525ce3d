#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what is missing (PostgreSQL among it, started
# as a throwaway server for the shared-state tests, and headless Chromium), runs swift test, then proves
# the migrated Swift and Python samples on the wire (scripts/demo.sh, scripts/prove-swift-hosting.sh,
# scripts/prove-python-sample.sh).
# Arguments are passed to swift test; with arguments (a --filter, say) the wire proofs are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/setup-fastmcp.sh  # test-only: Python fastmcp, a server nobody here wrote
bash scripts/setup-browser.sh  # test-only: headless Chromium for the browser.* cases
# Zero compiler warnings in our own targets: the build log is checked (CI's build is clean, so
# it sees every file; locally only what was recompiled).
build_log=$(mktemp)
source scripts/lib/postgres.sh
trap 'rm -f "$build_log"; stop_test_postgres' EXIT
swift build --build-tests 2>&1 | tee "$build_log"
bash scripts/check-warnings.sh "$build_log"
# A throwaway PostgreSQL for MCPPostgresTests (installed from Debian when missing); under CI a
# missing database fails those tests instead of skipping them.
start_test_postgres
# A hung test must fail the run, not eat the CI budget.
timeout --signal=INT 2400 swift test --skip-build "$@"
if [[ $# -eq 0 ]]; then
    timeout --signal=INT 1800 bash scripts/demo.sh
    timeout --signal=INT 1800 bash scripts/prove-swift-hosting.sh
    timeout --signal=INT 600 bash scripts/prove-python-sample.sh
fi
