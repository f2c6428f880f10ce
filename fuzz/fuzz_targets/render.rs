//! Fuzz target `render`: see `tests/fuzz/targets.rs` for what it checks.
#![no_main]

#[path = "../../tests/fuzz/targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::render_text(data));
