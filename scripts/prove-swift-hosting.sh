#!/usr/bin/env bash
# Proves migrate on a Swift app hosted on MCPProxy's own API (Examples/downstream/swift-hosting,
# a Hummingbird app that mounts MCP stateful with JWT auth), end to end:
#   verify fails on the unmigrated app → plan (compared with the reviewed patch) → apply on a
#   temporary git copy → verify → build the migrated app (and migrate, as a product of its
#   package) → start it → migrate accept, stateless.
# The app builds in .build-downstream/notes-app (git-ignored), so only the first run pays for it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/downstream.sh

step "Examples/downstream/swift-hosting as a fresh git repository"
downstream_repo swift-hosting notes-app "notes app (stateful)"

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
downstream_build notes-app

step "build migrate as a product of the app's package (a user's own build, as the README says)"
swift build --package-path .build-downstream/notes-app --product migrate
expected=$("$migrate" --version)
actual=$("$built/migrate" --version)
if [[ $actual != "$expected" ]]; then
    echo "prove-swift-hosting: the migrate built from the app's package says $actual, not $expected" >&2
    exit 1
fi
"$built/migrate" inspect "$repo" >/dev/null
echo "migrate $actual, built from the app's own package, inspects the app"

step "start it (port 0, JWT HS256 development secret) and prove it with migrate accept"
downstream_accept "$built/notes-app"
step "done: the migrated app is stateless, checks the token on every request, and passed the acceptance suite"
