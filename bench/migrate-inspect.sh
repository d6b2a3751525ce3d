#!/usr/bin/env bash
# `migrate inspect` on a generated repository of FILES (default 50000) tracked files against
# `git grep -l fastmcp` on the same repository. Release build; each command runs RUNS times
# (default 5) after one warm-up, and the median wall time is compared. Prints one table.
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

median_ms() { # command...
    "$@" >/dev/null 2>&1 || true
    local times=()
    for _ in $(seq 1 "$RUNS"); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

hits=$(git -C "$repo" grep -l fastmcp | wc -l)
grep_ms=$(median_ms git -C "$repo" grep -l fastmcp)
inspect_ms=$(median_ms "$migrate" inspect "$repo")
sites=$("$migrate" inspect "$repo" --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print(len(r["sites"]))')

echo
echo "| command | median ms ($RUNS runs) | ratio |"
echo "|---|---|---|"
echo "| \`git grep -l fastmcp\` ($hits files) | $grep_ms | 1.00× |"
echo "| \`migrate inspect\` ($sites sites) | $inspect_ms | $(python3 -c "print(f'{$inspect_ms / max($grep_ms, 1):.2f}×')") |"
echo
echo "$tracked tracked files; target: migrate inspect ≤ 2× git grep -l"
