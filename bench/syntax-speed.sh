#!/usr/bin/env bash
# Time and memory of the TS/JS syntax tree per MiB of real input: the example servers and migrate
# fixtures, concatenated to at least MIB (1) MiB and parsed ROUNDS (7) times; peak RSS from
# /usr/bin/time. MIB=8 shows whether time per MiB stays flat (linear).
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build-bench/syntax
rm -rf "$out" && mkdir -p "$out/src"
for f in $(find Sources/ScriptSyntax -name '*.swift'); do sed '/^import ScriptLexer$/d' "$f" > "$out/src/$(basename "$f")"; done
swiftc -O -parse-as-library -module-name SyntaxSpeed bench/syntax/SyntaxSpeed.swift Sources/ScriptLexer/*.swift "$out"/src/*.swift -o "$out/syntax-speed"
# Only files that parse whole (the fixtures broken on purpose would make the input opaque).
mapfile -t files < <(find Examples/downstream Tests/MigrateKitTests/Fixtures -type f \( -name '*.ts' -o -name '*.mts' -o -name '*.cts' \) \
    -not -path '*/node_modules/*' -not -name 'unreadable-*' | sort)
/usr/bin/time -f "peak RSS %M KiB" "$out/syntax-speed" "${files[@]}"
