#!/usr/bin/env bash
# Fuzzes the connection pipeline (NIO's HTTP/1 decoder, the HTTPTypes codec, HeaderTimeoutHandler,
# BodyPacingHandler) with libFuzzer for SECONDS (default 600), from the committed seeds in
# bench/pipeline-fuzz/corpus. The harness is its own SwiftPM package (NIO cannot be built with
# plain swiftc as bench/fuzz.sh does); release build, -sanitize=fuzzer, -enable-testing for the
# handlers' internal initialisers. Exits non-zero on a crash. Long: not part of the tests.
#   bench/fuzz-pipeline.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
root=$(pwd)
export MCP_WORKSPACE_IDENTITY
MCP_WORKSPACE_IDENTITY=$(basename "$root" | tr '[:upper:]' '[:lower:]')
export SWIFT_BACKTRACE=enable=no
scratch="$root/.build-pipeline-fuzz"
echo "fuzz-pipeline: building (release, -sanitize=fuzzer; several minutes the first time)"
swift build --package-path bench/pipeline-fuzz --scratch-path "$scratch" -c release \
    -Xswiftc -sanitize=fuzzer -Xswiftc -enable-testing 2>&1 | grep -E "error|warning: .*FuzzPipeline|Compiling FuzzPipeline|Build complete" || true
binary="$scratch/release/FuzzPipeline"
[[ -x $binary ]] || { echo "fuzz-pipeline: the build failed" >&2; exit 1; }
work="$scratch/corpus"
artifacts="$scratch/artifacts"
mkdir -p "$work" "$artifacts"
echo "fuzz-pipeline: running for ${seconds}s"
set +e
"$binary" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$artifacts/" \
    -print_final_stats=1 "$work" bench/pipeline-fuzz/corpus 2>&1 \
    | grep -E "^#[0-9]+.*(DONE|pulse)|stat::number_of_executed_units|stat::peak_rss_mb|ERROR|SUMMARY|Fatal error|Done" | tail -8
status=${PIPESTATUS[0]}
set -e
if [[ $status -ne 0 ]]; then echo "fuzz-pipeline: FAILED (exit $status); see $artifacts/" >&2; exit 1; fi
echo "fuzz-pipeline: 0 crashes"
