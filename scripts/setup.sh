#!/usr/bin/env bash
# Installs what the build and the tests need, and nothing twice (safe to run again):
#   - the wasm32-unknown-unknown Rust target (rustup);
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock (cargo install, ~3 min once);
#   - chromium, chromium-driver and firefox-esr from Debian when missing (apt-get);
#   - the npm packages in package-lock.json (npm ci): playwright-core, puppeteer-core, web-ext.
#     None of them downloads a browser; the tests drive the Debian ones.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# Rust target for the wasm module.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must match the crate exactly, or the glue and the module disagree.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$want" ]; then
  echo "setup: cannot find the wasm-bindgen version in Cargo.lock" >&2
  exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (had: ${have:-none}); this takes a few minutes"
  # Not --locked: one of its locked dependencies cannot be resolved from crates.io.
  cargo install wasm-bindgen-cli --version "$want"
fi

# Browsers for the end-to-end tests.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/firefox-esr ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  say "installing chromium, chromium-driver and firefox-esr"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium chromium-driver firefox-esr
fi

# Node.js 20 or later runs web-ext and the browser tests (the machine provides it; Debian 12's own
# nodejs package is 18, too old for playwright-core and web-ext).
node_major=$(node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/' || true)
if [ -z "$node_major" ] || [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js 20 or later is needed (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

# npm packages, exactly as locked. Skipped when node_modules already matches the lockfile.
stamp=node_modules/.chaff-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  say "npm ci"
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi
say "ready (wasm-bindgen $want, $(node --version), chromium and firefox-esr present)"
