#!/usr/bin/env bash
# The main job, no arguments: migrate the embedded Swift sample server end to end.
#   inspect → plan (compared with the reviewed patch) → apply on a temporary git copy, on a branch →
#   verify → build the migrated server → start it stateless with JWT auth → migrate accept on the wire,
#   then from headless Chromium when it is installed (one line says so when it is not).
# The migrated server builds in .build-downstream/notes-server (git-ignored), so only the first
# run pays for it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/downstream.sh

step "a downstream repository: Examples/downstream/swift-facade as a fresh git repository"
downstream_repo swift-facade notes-server "notes server (stateful)"
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
downstream_build notes-server

step "start it (port 0, JWT HS256 development secret) and prove it with migrate accept"
downstream_accept "$built/notes-server"
step "done: the migrated server is stateless, checks the token on every request, and passed the acceptance suite"
