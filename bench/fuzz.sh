#!/usr/bin/env bash
# Builds the libFuzzer targets (-sanitize=fuzzer,address) straight from the dependency-free sources
# and runs each for SECONDS (default 60) from its committed seed corpus. Exits non-zero on a crash.
#   bench/fuzz.sh [SECONDS] [TARGET...]    targets: lexer syntax jsonrpc auth
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(lexer syntax jsonrpc auth)
out=.build-fuzz
mkdir -p "$out"
# libFuzzer and ASan report crashes themselves; Swift's interactive backtracer would only delay them.
export SWIFT_BACKTRACE=enable=no

build() {
    local name=$1 entry=$2; shift 2
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name "Fuzz_$name" "$@" "$entry" -o "$out/fuzz-$name" 2>&1 \
        | { grep -v "Cannot export local symbol" || true; }
    [[ ${PIPESTATUS[0]} -eq 0 ]] || { echo "fuzz: cannot build $name" >&2; exit 1; }
}

for target in "${targets[@]}"; do
    case $target in
        lexer) build lexer bench/fuzz/FuzzLexer.swift Sources/ScriptLexer/*.swift ;;
        syntax)
            # One module for the fuzzer: the parser's `import ScriptLexer` lines are dropped from copies.
            rm -rf "$out/syntax-src" && mkdir -p "$out/syntax-src"
            for f in $(find Sources/ScriptSyntax -name '*.swift'); do
                sed '/^import ScriptLexer$/d' "$f" > "$out/syntax-src/$(basename "$f")"
            done
            build syntax bench/fuzz/FuzzSyntax.swift Sources/ScriptLexer/*.swift "$out"/syntax-src/*.swift ;;
        jsonrpc) build jsonrpc bench/fuzz/FuzzJSONRPC.swift $(find Sources/MCPCore -name '*.swift') ;;
        auth) build auth bench/fuzz/FuzzAuth.swift $(find Sources/MCPCore -name '*.swift') ;;
        *) echo "fuzz: unknown target $target" >&2; exit 2 ;;
    esac
    # Findings and new inputs go to scratch folders; the committed seeds stay as they are.
    work=$out/corpus-$target
    mkdir -p "$work" "$out/artifacts-$target"
    echo "fuzz: $target for ${seconds}s"
    # The parser must stay linear on inputs as large as real files (1 MiB); the others see small inputs.
    max_len=8192
    len_control=()
    [[ $target == syntax ]] && { max_len=1048576; len_control=(-len_control=0); }
    "$out/fuzz-$target" -max_total_time="$seconds" -max_len=$max_len "${len_control[@]}" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$out/artifacts-$target/" -print_final_stats=1 "$work" "bench/fuzz/corpus/$target" 2>&1 \
        | grep -E "^#[0-9]+.*(DONE|pulse)|stat::number_of_executed_units|stat::peak_rss_mb|ERROR|SUMMARY|Done" | tail -5
    status=${PIPESTATUS[0]}
    if [[ $status -ne 0 ]]; then echo "fuzz: $target FAILED (exit $status); see $out/artifacts-$target/" >&2; exit 1; fi
    echo "fuzz: $target: 0 crashes"
done
