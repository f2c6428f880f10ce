#!/usr/bin/env bash
# Fuzzes Chaff's doors with cargo-fuzz (libFuzzer, nightly) for a bounded time; exits non-zero on a
# crash, a panic or an input that takes longer than 30 s (a freeze: a page takes well under a second;
# the margin is for a busy, shared machine, where a 95-byte input once took 9 s of wall time).
#
#   scripts/fuzz.sh                 every target, FUZZ_SECONDS (default 30) each: 150 s in all
#   scripts/fuzz.sh html text       only these targets
#   scripts/fuzz.sh --minimize      also merge what was found into tests/fuzz/corpus (minimised)
#
# Targets (fuzz/fuzz_targets/, checks in tests/fuzz/targets.rs): html (the CLI's HTML door), snapshot
# (the decoder of what the content script sends), text (the engine over text), site_rules (the
# site-rule parser and matcher), render (the CLI's text renderer). Each starts from the kept corpus
# (tests/fuzz/corpus/<target>), the crash inputs (tests/fuzz/crashes/<target>), and real pages
# (tests/fixtures, ../shared/seeds). A crash input lands in fuzz/artifacts/<target>/: copy it to
# tests/fuzz/crashes/<target>/<what-it-broke> so that `cargo test --test fuzz_replay` keeps it fixed.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-30}
minimize=false
targets=()
for arg in "$@"; do
  case $arg in
    --minimize) minimize=true ;;
    *) targets+=("$arg") ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(html snapshot text site_rules render)

# The tools, installed only when missing (nightly ~1 min, cargo-fuzz ~3 min on 2 cores).
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --version 0.13.2
fi

# Seeds for each target, gathered into its working corpus (fuzz/corpus/<target>, not committed).
seed() {
  local target=$1 dir=fuzz/corpus/$1
  mkdir -p "$dir"
  for kept in tests/fuzz/corpus/"$target" tests/fuzz/crashes/"$target"; do
    [ -d "$kept" ] && find "$kept" -type f -exec cp -t "$dir" {} +
  done
  case $target in
    html) find tests/fixtures -name '*.html' -exec cp -t "$dir" {} + ;;
    text | render) [ -d ../shared/seeds ] && find ../shared/seeds -name '*.txt' -exec cp -t "$dir" {} + ;;
    site_rules) cp rules/sites.txt "$dir/sites.txt" ;;
  esac
  return 0
}

started=$SECONDS
cargo +nightly fuzz build
printf 'fuzz targets built in %d s\n' $((SECONDS - started))
failed=()
for target in "${targets[@]}"; do
  seed "$target"
  log=$(mktemp)
  if cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- \
      -max_total_time="$seconds" -max_len=65536 -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    printf 'fuzz %-10s %6s runs in %s s, no crash\n' "$target" "$runs" "$seconds"
  else
    tail -n 40 "$log"
    printf 'fuzz %-10s FAILED: input saved under fuzz/artifacts/%s/\n' "$target" "$target"
    failed+=("$target")
  fi
  rm -f "$log"
  if $minimize; then
    mkdir -p "tests/fuzz/corpus/$target"
    cargo +nightly fuzz cmin "$target" "fuzz/corpus/$target" >/dev/null 2>&1
    rm -rf "tests/fuzz/corpus/$target" && cp -r "fuzz/corpus/$target" "tests/fuzz/corpus/$target"
  fi
done
printf 'fuzzing took %d s\n' $((SECONDS - started))
[ ${#failed[@]} -eq 0 ] || { echo "fuzz targets failed: ${failed[*]}"; exit 1; }
