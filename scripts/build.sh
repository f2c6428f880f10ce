#!/usr/bin/env bash
# Builds the browser side: the wasm module and its glue (extension/pkg, www/pkg), the two packages
# (dist/chaff-chromium.zip, dist/chaff-firefox.xpi) from the one extension/ source, and lints the
# extension with web-ext (errors fail the build; warnings are printed).
# Assumes scripts/setup.sh has run.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1mbuild:\033[0m %s\n' "$*"; }
BUDGET_GZ=$((250 * 1024)) # the issue's budget for the whole module, gzipped

say "wasm module (profile wasm)"
cargo build --lib --target wasm32-unknown-unknown --profile wasm
rm -rf extension/pkg www/pkg
# --remove-name-section: function names are 28% of the raw module and serve only debuggers.
wasm-bindgen --target web --no-typescript --remove-name-section --out-dir extension/pkg \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm/chaff.wasm"

# The glue keeps one instance per JavaScript realm and offers no way to replace it; the background
# needs a fresh instance (new memory) after a trap and past its memory bound. One small export does
# it; the check fails the build if a new wasm-bindgen names these variables differently.
glue=extension/pkg/chaff.js
grep -q '^let wasmModule, wasmInstance, wasm;$' "$glue" && grep -q '^let __wbg_init_promise;$' "$glue" || {
  echo "build: $glue no longer declares wasm / __wbg_init_promise as expected: update the patch below" >&2
  exit 1
}
cat >>"$glue" <<'JS'

/** Added by scripts/build.sh: forgets the instance, so that the next init() instantiates a new one. */
export function __chaffForgetInstance() {
    wasm = undefined;
    wasmInstance = undefined;
    __wbg_init_promise = undefined;
}
JS

# The engine's facts for the JavaScript side (categories, block tags…), from the module just built.
node scripts/engine-facts.mjs extension/pkg

# The playground loads the same module and the same snapshot writer as the content script, and
# draws results with the popup's report.js.
mkdir -p www/pkg
cp extension/pkg/* www/pkg/
cp extension/snapshot.js extension/i18n.js extension/report.js extension/highlight.css extension/highlight-names.js www/pkg/
cp extension/_locales/en/messages.json www/pkg/messages.json
cp extension/icons/chaff-32.png www/pkg/icon.png
mkdir -p www/pkg/samples
cp tests/e2e/pages/*.html tests/e2e/pages/*.css www/pkg/samples/

module=extension/pkg/chaff_bg.wasm
raw=$(stat -c %s "$module")
gz=$(gzip -9 -c "$module" | wc -c)
# Brotli at its best quality, as stores and servers compress; Node ships it (no package needed).
br=$(node -e 'const z=require("zlib");process.stdout.write(String(z.brotliCompressSync(require("fs").readFileSync(process.argv[1]),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11,[z.constants.BROTLI_PARAM_LGWIN]:24}}).length))' "$module")
verdict="within"
[ "$gz" -le "$BUDGET_GZ" ] || verdict="OVER"
printf 'build: wasm module %s: %d B raw, %d B gzip -9, %d B brotli -q 11 (budget 250 KB gzipped: %s, %d%% used)\n' \
  "$module" "$raw" "$gz" "$br" "$verdict" $((gz * 100 / BUDGET_GZ))

say "packages"
mkdir -p dist
rm -f dist/chaff-chromium.zip dist/chaff-firefox.xpi
python3 scripts/package.py extension dist/chaff-chromium.zip
cp dist/chaff-chromium.zip dist/chaff-firefox.xpi
ls -l dist/chaff-chromium.zip dist/chaff-firefox.xpi

say "web-ext lint"
npx --no-install web-ext lint --source-dir extension --output text
