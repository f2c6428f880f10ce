#!/usr/bin/env bash
# README command 2: set up, build, and run every test. Exits non-zero when any test fails.
#   1. scripts/setup.sh
#   2. formatter and linters: cargo fmt --check, cargo clippy -D warnings, eslint
#   3. cargo test (all Rust tests)
#   4. bounded fuzzing of every door (scripts/fuzz.sh: nightly + cargo-fuzz, installed when missing)
#   5. wasm module, extension packages and web-ext lint (scripts/build.sh), release CLI
#   6. the seed pages scored by ../shared/seeds/score.py (when present): every check must pass
#   7. end-to-end tests in Chromium and Firefox ESR (node --test tests/e2e/)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
started=$SECONDS
# Test stages keep going after a failure so that one run shows everything; builds stop the run.
failed=()

step "setup"
bash scripts/setup.sh

step "formatter and linters"
cargo fmt --check || failed+=("cargo fmt")
cargo clippy --all-targets --quiet -- -D warnings || failed+=("clippy")
npx --no-install eslint || failed+=("eslint")

step "cargo test"
cargo test || failed+=("cargo test")

step "fuzz: every door, bounded (scripts/fuzz.sh)"
bash scripts/fuzz.sh || failed+=("fuzz")

step "build: wasm, packages, lint"
bash scripts/build.sh

step "build: native CLI"
cargo build --release

if [ -f ../shared/seeds/score.py ] && [ -f ../shared/seeds/expected.json ]; then
  step "seed pages (../shared/seeds/score.py)"
  python3 ../shared/seeds/score.py ../shared/seeds/expected.json -- "${CARGO_TARGET_DIR:-target}/release/chaff" scan --format json {} \
    || failed+=("seed pages")
elif [ -n "${CI:-}" ]; then
  # CI always has ../shared beside the clone: missing seeds there are a broken checkout, not a pass.
  echo "seed pages: ../shared/seeds is missing" >&2
  failed+=("seed pages (missing)")
fi

step "end-to-end tests (Chromium, Firefox ESR)"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/chaff-e2e.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
TMPDIR=$scratch CHAFF_EXTENSION_DIR=$PWD/extension node --test --test-concurrency=1 tests/e2e/ || failed+=("end-to-end tests")

elapsed=$((SECONDS - started))
if [ ${#failed[@]} -gt 0 ]; then
  printf '\nFAILED after %d s: %s\n' "$elapsed" "$(IFS=', '; echo "${failed[*]}")"
  exit 1
fi
printf '\nAll tests passed in %d s.\n' "$elapsed"
