#!/usr/bin/env bash
# README command 1: set up, build everything, then serve the playground.
#   - scripts/setup.sh (toolchain, browsers, npm packages; skips what is present)
#   - the wasm module + glue, dist/chaff-chromium.zip and dist/chaff-firefox.xpi, web-ext lint
#   - the native CLI (target/release/chaff)
#   - serves www/ at http://127.0.0.1:${CHAFF_PORT:-8080}/ until interrupted
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh
echo "build: native CLI"
cargo build --release

port=${CHAFF_PORT:-8080}
echo
echo "Extension packages: dist/chaff-chromium.zip, dist/chaff-firefox.xpi (unpacked: extension/)"
echo "CLI: target/release/chaff scan --format text PAGE.html"
echo "Playground: http://127.0.0.1:${port}/   (Ctrl-C stops it)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory www
