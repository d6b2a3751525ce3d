#!/usr/bin/env bash
# Test-only: headless Chromium from Debian for the browser.* acceptance cases
# (`migrate accept --browser`). The main job (scripts/demo.sh) never installs it.
set -euo pipefail

if command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then
    exit 0
fi
echo "setup-browser: installing chromium (headless browser for the browser.* cases)" >&2
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
started=$(date +%s)
$sudo apt-get update -qq >/dev/null
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "setup-browser: chromium installed in $(($(date +%s) - started)) s: $(chromium --version 2>/dev/null | head -1)" >&2
