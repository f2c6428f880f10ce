#!/usr/bin/env bash
# README command: the bench. Native throughput on pages of different real text (examples/bench.rs),
# then the extension in headless Chromium and Firefox ESR (scripts/bench/run.mjs), printed as one
# table of figures against issue 12's budgets. Figures, not tests: nothing here fails on a timing.
# Needs scripts/setup.sh and scripts/build.sh to have run (the built extension is what is measured).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f extension/pkg/chaff_bg.wasm ] || { echo "bench: no built module: run scripts/build.sh first" >&2; exit 2; }
scratch=$(mktemp -d "${TMPDIR:-/tmp}/chaff-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

printf '\033[1mbench: native\033[0m\n'
cargo run --quiet --release --example bench -- --json --pages "$scratch/pages" | tee "$scratch/native.txt"
tail -n 1 "$scratch/native.txt" > "$scratch/native.json"

printf '\033[1mbench: Chromium and Firefox ESR\033[0m\n'
mkdir -p "$scratch/tmp"
TMPDIR=$scratch/tmp node scripts/bench/run.mjs --pages "$scratch/pages" --native "$scratch/native.json"
