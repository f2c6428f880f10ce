//! Replays every input the fuzzers kept (`tests/fuzz/corpus/<target>/`, a minimised corpus seeded with
//! real pages) and every crash they found (`tests/fuzz/crashes/<target>/`, named for the bug) through
//! the same checks as the fuzz targets, on stable, in `cargo test`. `scripts/fuzz.sh` runs the
//! targets themselves (nightly, cargo-fuzz).

#[path = "fuzz/targets.rs"]
mod targets;

use std::path::Path;

fn replay(kind: &str) -> usize {
    let mut count = 0;
    for (name, target) in targets::TARGETS {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fuzz")
            .join(kind)
            .join(name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "{name} fails on {}", file.display());
            count += 1;
        }
    }
    count
}

#[test]
fn every_kept_fuzz_input_passes_its_target() {
    assert!(
        replay("corpus") > 0,
        "the corpus is kept under tests/fuzz/corpus"
    );
}

#[test]
fn every_crash_the_fuzzers_found_stays_fixed() {
    assert!(
        replay("crashes") > 0,
        "crash inputs are kept under tests/fuzz/crashes"
    );
}
