#!/usr/bin/env bash
# Proves migrate on a Swift app hosted on MCPProxy's own API (Examples/downstream/swift-hosting,
# a Hummingbird app that mounts MCP stateful with JWT auth), end to end:
#   verify fails on the unmigrated app → plan (compared with the reviewed patch) → apply on a
#   temporary git copy → verify → build the migrated app → start it → migrate accept, stateless.
# The app builds in .build-downstream/notes-app (git-ignored), so only the first run pays for it.
# (SwiftPM cannot share one build folder between two root packages: the second build finds the
# first one's products and builds nothing, so each sample has its own.)
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

step "Examples/downstream/swift-hosting as a fresh git repository"
repo=$work/notes-app
cp -R Examples/downstream/swift-hosting "$repo"
git -C "$repo" init -q -b main
git -C "$repo" add -A
git -C "$repo" -c user.name="Sample Owner" -c user.email=owner@example.com commit -q -m "notes app (stateful)"

step "migrate verify fails on the unmigrated app"
status=0
"$migrate" verify "$repo" || status=$?
if [[ $status -ne 1 ]]; then
    echo "prove-swift-hosting: verify on the unmigrated app exited $status, not 1" >&2
    exit 1
fi

step "migrate plan (compared with patches/swift-hosting.patch)"
"$migrate" plan "$repo" --out "$work/plan.patch"
if ! cmp -s "$work/plan.patch" patches/swift-hosting.patch; then
    echo "prove-swift-hosting: the plan differs from patches/swift-hosting.patch" >&2
    diff -u patches/swift-hosting.patch "$work/plan.patch" >&2 || true
    exit 1
fi
echo "(identical to the reviewed patches/swift-hosting.patch)"

step "migrate apply, then verify --patches patches/swift-hosting.patch"
"$migrate" apply "$repo" --branch migrate/stateless --author "Sample Owner <owner@example.com>"
"$migrate" verify "$repo" --patches patches/swift-hosting.patch

step "build the migrated app (in .build-downstream/)"
mkdir -p .build-downstream
ln -sfn "$root" .build-downstream/mcp-stateless
rm -rf .build-downstream/notes-app/Sources .build-downstream/notes-app/Package.swift
mkdir -p .build-downstream/notes-app
(cd "$repo" && git ls-files -z | xargs -0 tar -cf -) | tar -xf - -C .build-downstream/notes-app
export MCP_STATELESS_PATH=$root/.build-downstream/mcp-stateless
swift build --package-path .build-downstream/notes-app
app=$(swift build --package-path .build-downstream/notes-app --show-bin-path)/notes-app

step "build migrate as a product of the app's package (a user's own build, as the README says)"
swift build --package-path .build-downstream/notes-app --product migrate
own=$(swift build --package-path .build-downstream/notes-app --show-bin-path)/migrate
expected=$("$migrate" --version)
actual=$("$own" --version)
if [[ $actual != "$expected" ]]; then
    echo "prove-swift-hosting: the migrate built from the app's package says $actual, not $expected" >&2
    exit 1
fi
"$own" inspect "$repo" >/dev/null
echo "migrate $actual, built from the app's own package, inspects the app"

step "start it (port 0, JWT HS256 development secret) and prove it with migrate accept"
export MCP_JWT_HS256_SECRET="proof-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export NOTES_ISSUER=https://auth.example.com NOTES_AUDIENCE=notes
log=$work/app.log
PORT=0 "$app" 2>"$log" &
server=$!
url=""
for _ in $(seq 1 200); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*/mcp' "$log" | head -1 || true)
    [[ -n $url ]] && break
    kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done
[[ -n $url ]] || { echo "prove-swift-hosting: the migrated app did not start" >&2; cat "$log" >&2; exit 1; }
echo "$url"

mint() { "$bin/mcp-example" dev-token --sub "$1" --scope "mcp:read" --ttl 300 --issuer "$NOTES_ISSUER" --audience "$NOTES_AUDIENCE"; }
"$migrate" accept --url "$url" --token "$(mint alice)" --second-token "$(mint bob)" --expect stateless

kill -TERM "$server"
wait "$server" || true
server=""
step "done: the migrated app is stateless, checks the token on every request, and passed the acceptance suite"
