#!/usr/bin/env bash
# The main job, no arguments: migrate the embedded Swift sample server end to end.
#   inspect → plan (compared with the reviewed patch) → apply on a temporary git copy, on a branch →
#   verify → build the migrated server → start it stateless with JWT auth → migrate accept on the wire.
# The migrated server builds in .build-downstream/ (git-ignored), so only the first run pays for it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

bash scripts/setup.sh
for product in migrate mcp-example; do swift build --product "$product"; done
bin=$(swift build --show-bin-path)
migrate=$bin/migrate

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

work=$(mktemp -d)
server=""
cleanup() {
    if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

step "a downstream repository: Examples/downstream/swift-facade as a fresh git repository"
repo=$work/notes-server
cp -R Examples/downstream/swift-facade "$repo"
git -C "$repo" init -q -b main
git -C "$repo" add -A
git -C "$repo" -c user.name="Sample Owner" -c user.email=owner@example.com commit -q -m "notes server (stateful)"
echo "$repo"

step "migrate inspect"
"$migrate" inspect "$repo"

step "migrate plan (the patch to review)"
"$migrate" plan "$repo" --out "$work/plan.patch"
cat "$work/plan.patch"
if cmp -s "$work/plan.patch" patches/swift-facade.patch; then
    echo "(identical to the reviewed patches/swift-facade.patch)"
else
    echo "demo: the plan differs from patches/swift-facade.patch" >&2
    exit 1
fi

step "migrate apply --branch migrate/stateless"
"$migrate" apply "$repo" --branch migrate/stateless --author "Sample Owner <owner@example.com>"
git -C "$repo" log --oneline -2

step "migrate verify --patches patches/swift-facade.patch"
"$migrate" verify "$repo" --patches patches/swift-facade.patch

step "build the migrated server (in .build-downstream/)"
mkdir -p .build-downstream
ln -sfn "$root" .build-downstream/mcp-stateless
rm -rf .build-downstream/notes-server/Sources .build-downstream/notes-server/Package.swift
mkdir -p .build-downstream/notes-server
(cd "$repo" && git ls-files -z | xargs -0 tar -cf -) | tar -xf - -C .build-downstream/notes-server
MCP_STATELESS_PATH=$root/.build-downstream/mcp-stateless swift build --package-path .build-downstream/notes-server
notes=$(MCP_STATELESS_PATH=$root/.build-downstream/mcp-stateless swift build --package-path .build-downstream/notes-server --show-bin-path)/notes-server

step "start it (port 0, JWT HS256 development secret) and prove it with migrate accept"
export MCP_JWT_HS256_SECRET="demo-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export NOTES_ISSUER=https://auth.example.com NOTES_AUDIENCE=notes
log=$work/server.log
PORT=0 "$notes" 2>"$log" &
server=$!
url=""
for _ in $(seq 1 200); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*/mcp' "$log" | head -1 || true)
    [[ -n $url ]] && break
    kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done
[[ -n $url ]] || { echo "demo: the migrated server did not start" >&2; cat "$log" >&2; exit 1; }
grep -o 'listening on http.*' "$log" | head -1

mint() { "$bin/mcp-example" dev-token --sub "$1" --scope "mcp:read" --ttl 300 --issuer "$NOTES_ISSUER" --audience "$NOTES_AUDIENCE"; }
"$migrate" accept --url "$url" --token "$(mint alice)" --second-token "$(mint bob)" --expect stateless

kill -TERM "$server"
wait "$server" || true
server=""
step "done: the migrated server is stateless, checks the token on every request, and passed the acceptance suite"
