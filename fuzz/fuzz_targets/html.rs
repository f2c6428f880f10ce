//! Fuzz target `html`: see `tests/fuzz/targets.rs` for what it checks.
#![no_main]

#[path = "../../tests/fuzz/targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(init: targets::init(), |data: &[u8]| targets::html(data));
