//! Compiles the rule files for the engine: each `rules/*.toml` becomes `$OUT_DIR/*.json`, the same
//! data without the `examples` and `near_misses` that only the tests read. The wasm module then needs
//! no TOML parser and does not ship the test cases; a rule file that is not valid TOML fails the build
//! here, naming the file.

use std::path::Path;

const RULE_FILES: &[&str] = &["repost", "promo", "attribution"];

/// Keys that hold a rule's own test cases: kept in the TOML, left out of what ships.
const TEST_KEYS: &[&str] = &["examples", "near_misses"];

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo::rerun-if-changed=rules");
    for name in RULE_FILES {
        let path = format!("rules/{name}.toml");
        println!("cargo::rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut doc: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: not valid TOML: {e}"));
        for list in ["rule", "structural"] {
            if let Some(toml::Value::Array(rules)) = doc.get_mut(list) {
                for rule in rules.iter_mut().filter_map(toml::Value::as_table_mut) {
                    TEST_KEYS.iter().for_each(|k| {
                        rule.remove(*k);
                    });
                }
            }
        }
        let json = serde_json::to_string(&doc).expect("TOML values are JSON values");
        std::fs::write(Path::new(&out).join(format!("{name}.json")), json)
            .expect("write to OUT_DIR");
    }
}
