//! Reads the compact form of a rule file that `build.rs` makes from the TOML (separators and record
//! layout in [`super::compact_format`]): what the engine compiles in, with no TOML or JSON parser in
//! the wasm module. Named parts arrive as the regex source they stand for.

use super::compact_format as format;
use super::{CueRule, Part, RuleFile, Scope, StructuralRule};

/// The rule file in `text`, or what is wrong with it (a bug in `build.rs`: the test below reads
/// every built-in file).
pub fn read(text: &str) -> Result<RuleFile, String> {
    let mut file = RuleFile {
        language: "en".into(),
        parts: Default::default(),
        rule: Vec::new(),
        structural: Vec::new(),
    };
    for record in text.split_terminator(format::RECORD_CHAR) {
        let fields: Vec<&str> = record.split(format::FIELD_CHAR).collect();
        match fields.as_slice() {
            [format::LANGUAGE, language] => file.language = language.to_string(),
            [format::PART, name, source] => {
                file.parts
                    .insert(name.to_string(), Part::Fragment(source.to_string()));
            }
            [
                format::RULE,
                id,
                reason,
                kind,
                severity,
                scope,
                case,
                tags,
                patterns,
            ] => file.rule.push(CueRule {
                id: id.to_string(),
                reason: reason.to_string(),
                patterns: items(patterns),
                kind: present(kind),
                severity: present(severity),
                scope: match *scope {
                    "" | "match" => Scope::Match,
                    "sentence" => Scope::Sentence,
                    "block" => Scope::Block,
                    other => return Err(format!("rule {id}: unknown scope {other}")),
                },
                case_sensitive: *case == "1",
                tags: items(tags),
                examples: Vec::new(),
                near_misses: Vec::new(),
            }),
            [format::STRUCTURAL, id, reason] => file.structural.push(StructuralRule {
                id: id.to_string(),
                reason: reason.to_string(),
                examples: Vec::new(),
                near_misses: Vec::new(),
            }),
            _ => return Err(format!("not a record of the compact form: {record:?}")),
        }
    }
    Ok(file)
}

fn present(field: &str) -> Option<String> {
    (!field.is_empty()).then(|| field.to_string())
}

fn items(field: &str) -> Vec<String> {
    if field.is_empty() {
        return Vec::new();
    }
    field.split(format::ITEM_CHAR).map(String::from).collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use crate::rules::{BUILTIN, RuleSet};

    /// The compact form loses nothing the engine reads: every rule's fields and every compiled
    /// pattern agree with the TOML file's.
    #[test]
    fn every_builtin_file_reads_as_its_toml() {
        for (name, toml) in BUILTIN {
            let from_toml = RuleSet::parse(name, toml).expect("TOML rule file");
            let compact = RuleSet::builtin(name).expect("compact rule file");
            assert_eq!(from_toml.rules.len(), compact.rules.len(), "{name}");
            for (a, b) in from_toml.rules.iter().zip(&compact.rules) {
                let fields = |r: &crate::rules::CueRule| {
                    format!(
                        "{} {} {:?} {:?} {:?} {:?} {} {:?}",
                        r.id,
                        r.reason,
                        r.patterns,
                        r.kind,
                        r.severity,
                        r.scope,
                        r.case_sensitive,
                        r.tags
                    )
                };
                assert_eq!(fields(a), fields(b), "{name}");
            }
            let ids = |s: &RuleSet| {
                s.structural
                    .iter()
                    .map(|r| format!("{} {}", r.id, r.reason))
                    .collect::<Vec<_>>()
            };
            assert_eq!(ids(&from_toml), ids(&compact), "{name}");
            let sources = |s: &RuleSet| {
                s.patterns()
                    .map(|p| format!("{} {} {:?}", p.rule, p.regex.as_str(), p.required))
                    .collect::<Vec<_>>()
            };
            assert_eq!(sources(&from_toml), sources(&compact), "{name}");
        }
    }
}
