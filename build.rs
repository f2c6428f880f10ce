//! Compiles the rule files for the engine: each `rules/*.toml` becomes `$OUT_DIR/*.rules`, the same
//! rules in the compact form that `src/rules/compact.rs` reads, without the `examples` and
//! `near_misses` that only the tests read and with each named part reduced to the regex source it
//! stands for. The wasm module then needs no TOML parser, no JSON deserializer for rules and does
//! not ship the test cases; a rule file that is not valid TOML fails the build here, naming the file.

use std::path::Path;

// The one definition of what a part expands to, shared with the engine.
#[allow(dead_code)]
#[path = "src/rules/parts.rs"]
mod parts;

// The compact form's separators, shared with its reader.
#[allow(dead_code)]
#[path = "src/rules/compact_format.rs"]
mod format;

const RULE_FILES: &[&str] = &["repost", "promo", "attribution"];

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo::rerun-if-changed=rules");
    println!("cargo::rerun-if-changed=src/rules/parts.rs");
    println!("cargo::rerun-if-changed=src/rules/compact_format.rs");
    for name in RULE_FILES {
        let path = format!("rules/{name}.toml");
        println!("cargo::rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let doc: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: not valid TOML: {e}"));
        let compact = compact(&doc).unwrap_or_else(|e| panic!("{path}: {e}"));
        std::fs::write(Path::new(&out).join(format!("{name}.rules")), compact)
            .expect("write to OUT_DIR");
    }
}

/// The rule file in compact form (see `src/rules/compact_format.rs`).
fn compact(doc: &toml::Table) -> Result<String, String> {
    let mut records: Vec<Vec<String>> = Vec::new();
    let language = doc.get("language").and_then(|v| v.as_str()).unwrap_or("en");
    records.push(vec![format::LANGUAGE.into(), language.into()]);
    if let Some(parts) = doc.get("parts").and_then(|v| v.as_table()) {
        for (name, value) in parts {
            let part: parts::Part = value
                .clone()
                .try_into()
                .map_err(|e| format!("part {name}: {e}"))?;
            records.push(vec![format::PART.into(), name.clone(), part.source()]);
        }
    }
    for rule in tables(doc, "rule")? {
        let text = |key: &str| {
            rule.get(key)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let list = |key: &str| -> Vec<String> {
            rule.get(key)
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        if let Some(item) = ["tags", "patterns"]
            .iter()
            .flat_map(|key| list(key))
            .find(|item| item.contains(format::ITEM_CHAR))
        {
            return Err(format!(
                "a list item holds a separator of the compact form: {item:?}"
            ));
        }
        let case = rule
            .get("case_sensitive")
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        records.push(vec![
            format::RULE.into(),
            text("id"),
            text("reason"),
            text("kind"),
            text("severity"),
            text("scope"),
            if case { "1" } else { "0" }.into(),
            list("tags").join(&format::ITEM_CHAR.to_string()),
            list("patterns").join(&format::ITEM_CHAR.to_string()),
        ]);
    }
    for rule in tables(doc, "structural")? {
        let text = |key: &str| {
            rule.get(key)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        records.push(vec![format::STRUCTURAL.into(), text("id"), text("reason")]);
    }
    let mut out = String::new();
    for record in records {
        for field in &record {
            // Lists are joined with ITEM_CHAR already; an item holding one was refused above.
            if field.contains([format::RECORD_CHAR, format::FIELD_CHAR]) {
                return Err(format!(
                    "a value holds a separator of the compact form: {field:?}"
                ));
            }
        }
        out.push_str(&record.join(&format::FIELD_CHAR.to_string()));
        out.push(format::RECORD_CHAR);
    }
    Ok(out)
}

fn tables<'a>(doc: &'a toml::Table, key: &str) -> Result<Vec<&'a toml::Table>, String> {
    match doc.get(key) {
        None => Ok(Vec::new()),
        Some(toml::Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_table()
                    .ok_or_else(|| format!("[[{key}]] entries must be tables"))
            })
            .collect(),
        Some(_) => Err(format!("{key} must be a list of tables")),
    }
}
