#!/usr/bin/env bash
# Regenerates patches/<sample>.patch (and <sample>.bump.patch where --bump changes the plan) from
# the embedded samples in Examples/downstream, with the migrate CLI on throwaway git copies, and
# the golden `verify --format sarif|github|junit` outputs in Tests/MigrateKitTests/Golden.
# Review the diff before committing: the test suite fails when a committed patch is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product migrate
migrate=$(swift build --show-bin-path)/migrate
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p patches Tests/MigrateKitTests/Golden
for sample in Examples/downstream/*/; do
    name=$(basename "$sample")
    repo="$work/$name"
    cp -R "$sample" "$repo"
    git -C "$repo" init -q -b main
    git -C "$repo" add -A
    git -C "$repo" -c user.name=migrate -c user.email=migrate@localhost commit -q -m "sample $name"
    "$migrate" plan "$repo" --out "patches/$name.patch" 2>/dev/null
    "$migrate" plan "$repo" --bump --out "$work/$name.bump.patch" 2>/dev/null
    if cmp -s "patches/$name.patch" "$work/$name.bump.patch"; then
        rm -f "patches/$name.bump.patch"
    else
        cp "$work/$name.bump.patch" "patches/$name.bump.patch"
    fi
    # verify exits 1 while work remains: the output is what matters here.
    "$migrate" verify "$repo" --format sarif >"Tests/MigrateKitTests/Golden/$name.sarif" || true
    "$migrate" verify "$repo" --format github >"Tests/MigrateKitTests/Golden/$name.github" || true
    "$migrate" verify "$repo" --format junit >"Tests/MigrateKitTests/Golden/$name.junit.xml" || true
    echo "patches/$name.patch"
done
