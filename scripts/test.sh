#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what is missing, then runs swift test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
swift build --build-tests
# A hung test must fail the run, not eat the CI budget.
timeout --signal=INT 2400 swift test --skip-build "$@"
