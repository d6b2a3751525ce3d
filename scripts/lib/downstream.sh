# Shared by the downstream proofs (scripts/demo.sh, scripts/prove-swift-hosting.sh): a sample of
# Examples/downstream as a fresh git repository, its migrated copy built in .build-downstream/,
# and that build started with a development JWT secret and proven with `migrate accept`.
# Source it from the repository root after `set -euo pipefail`; it defines:
#   $root $bin $migrate $work   the checkout, our binaries, a temporary folder (removed on exit)
#   step TEXT                   a heading
#   downstream_repo SAMPLE NAME MESSAGE  → $repo: the sample committed as a new repository
#   downstream_build NAME       → $built: the bin folder of the repository's build (its tracked files)
#   downstream_accept BINARY    start BINARY on port 0 and run `migrate accept --expect stateless`,
#                               then again with --browser when Chromium is present

root=$PWD
bash scripts/setup.sh
for product in migrate mcp-example; do swift build --product "$product"; done
bin=$(swift build --show-bin-path)
migrate=$bin/migrate

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

work=$(mktemp -d)
downstream_server=""
downstream_cleanup() {
    if [[ -n $downstream_server ]]; then kill "$downstream_server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap downstream_cleanup EXIT

downstream_repo() {
    local sample=$1 name=$2 message=$3
    repo=$work/$name
    cp -R "Examples/downstream/$sample" "$repo"
    git -C "$repo" init -q -b main
    git -C "$repo" add -A
    git -C "$repo" -c user.name="Sample Owner" -c user.email=owner@example.com commit -q -m "$message"
}

# Each sample has its own build folder: SwiftPM cannot share one between two root packages
# (the second build finds the first one's products and builds nothing).
downstream_build() {
    local name=$1
    mkdir -p .build-downstream
    ln -sfn "$root" .build-downstream/mcp-stateless
    rm -rf ".build-downstream/$name/Sources" ".build-downstream/$name/Package.swift"
    mkdir -p ".build-downstream/$name"
    (cd "$repo" && git ls-files -z | xargs -0 tar -cf -) | tar -xf - -C ".build-downstream/$name"
    export MCP_STATELESS_PATH=$root/.build-downstream/mcp-stateless
    swift build --package-path ".build-downstream/$name"
    built=$(swift build --package-path ".build-downstream/$name" --show-bin-path)
}

downstream_accept() {
    local binary=$1 log url=""
    export MCP_JWT_HS256_SECRET="proof-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    export NOTES_ISSUER=https://auth.example.com NOTES_AUDIENCE=notes
    log=$work/server.log
    PORT=0 "$binary" 2>"$log" &
    downstream_server=$!
    for _ in $(seq 1 200); do
        url=$(grep -o 'http://127.0.0.1:[0-9]*/mcp' "$log" | head -1 || true)
        [[ -n $url ]] && break
        kill -0 "$downstream_server" 2>/dev/null || { cat "$log" >&2; return 1; }
        sleep 0.1
    done
    [[ -n $url ]] || { echo "$(basename "$binary") did not start" >&2; cat "$log" >&2; return 1; }
    grep -o 'listening on http.*' "$log" | head -1
    mint() { "$bin/mcp-example" dev-token --sub "$1" --scope "mcp:read" --ttl 300 --issuer "$NOTES_ISSUER" --audience "$NOTES_AUDIENCE"; }
    "$migrate" accept --url "$url" --token "$(mint alice)" --second-token "$(mint bob)" --expect stateless
    # The browser proof: the CORS checks again from headless Chromium, on an origin the server
    # allows (a loopback-bound server allows loopback origins). The main job never needs a browser.
    if command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then
        step "the browser proof: migrate accept --browser (headless Chromium on http://localhost)"
        "$migrate" accept --url "$url" --token "$(mint alice)" --second-token "$(mint bob)" --expect stateless --browser --origin http://localhost
    else
        echo "browser proof skipped: no Chromium on PATH (apt-get install chromium, or bash scripts/setup-browser.sh)"
    fi
    kill -TERM "$downstream_server"
    wait "$downstream_server" || true
    downstream_server=""
}
