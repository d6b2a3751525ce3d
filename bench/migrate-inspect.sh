#!/usr/bin/env bash
# `migrate inspect` on a generated repository of FILES (default 50000) tracked files against
# `git grep -l fastmcp` on the same repository. Release build; each command runs RUNS times
# (default 5) in interleaved rounds after one warm-up; the median of the rounds' ratios is the
# result. Prints one table.
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${FILES:-50000}
RUNS=${RUNS:-5}

swift build -c release --product migrate >&2
migrate=$(swift build -c release --show-bin-path)/migrate
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo=$work/monorepo

# A monorepo shaped like a large TypeScript codebase: packages of source files, 1 in 200
# mentioning fastmcp, one real fastmcp server, tests and build output that are skipped.
python3 - "$repo" "$FILES" <<'PY'
import json, os, sys
root, total = sys.argv[1], int(sys.argv[2])
os.makedirs(root)
json.dump({"name": "big", "private": True, "workspaces": ["packages/*"]}, open(f"{root}/package.json", "w"))
per_package = 500
for i in range(total - 1):
    package, index = divmod(i, per_package)
    folder = f"{root}/packages/p{package:03}/" + ("test" if index % 50 == 0 else "src") + f"/m{index // 100}"
    os.makedirs(folder, exist_ok=True)
    if index == 0:
        json.dump({"name": f"p{package}", "dependencies": {"fastmcp": "^3.20.0"}}, open(f"{root}/packages/p{package:03}/package.json", "w"))
    body = [f"// module {i}", "import { helper } from './helper';", ""]
    if i % 200 == 7:
        body.append("// mentions fastmcp in a comment only")
    if i == 11:
        body = ['import { FastMCP } from "fastmcp";', 'const s = new FastMCP({ name: "x", version: "1" });',
                's.start({ transportType: "httpStream", httpStream: { port: 1 } });']
    body += [f"export function f{i}(a: number, b: number): number {{", "  const xs = [1, 2, 3].map((x) => x * a);",
             "  return xs.reduce((s, x) => s + x, b) / 2;", "}", ""] * 8
    open(f"{folder}/file{i}.ts", "w").write("\n".join(body))
PY
git -C "$repo" init -q -b main
git -C "$repo" add -A
git -C "$repo" -c user.name=b -c user.email=b@example.com commit -q -m generated
tracked=$(git -C "$repo" ls-files | wc -l)

elapsed_ms() { # command...
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}

hits=$(git -C "$repo" grep -l fastmcp | wc -l)
# One warm-up each, then RUNS interleaved rounds (grep, inspect): on a shared machine the load
# drifts between rounds, so each round's ratio is taken and the median reported.
elapsed_ms git -C "$repo" grep -l fastmcp >/dev/null
elapsed_ms "$migrate" inspect "$repo" >/dev/null
greps=(); inspects=(); ratios=()
for _ in $(seq 1 "$RUNS"); do
    g=$(elapsed_ms git -C "$repo" grep -l fastmcp)
    i=$(elapsed_ms "$migrate" inspect "$repo")
    greps+=("$g"); inspects+=("$i")
    ratios+=("$(python3 -c "print(f'{$i / max($g, 1):.3f}')")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
grep_ms=$(median "${greps[@]}")
inspect_ms=$(median "${inspects[@]}")
ratio=$(median "${ratios[@]}")
sites=$("$migrate" inspect "$repo" --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print(len(r["sites"]))')

echo
echo "| command | median ms ($RUNS interleaved rounds) | rounds (ms) |"
echo "|---|---|---|"
echo "| \`git grep -l fastmcp\` ($hits files) | $grep_ms | ${greps[*]} |"
echo "| \`migrate inspect\` ($sites sites) | $inspect_ms | ${inspects[*]} |"
echo
echo "ratio inspect/grep: median of rounds $(printf '%.2f' "$ratio")× (rounds: ${ratios[*]})"
echo "$tracked tracked files; target: migrate inspect ≤ 2× git grep -l"
