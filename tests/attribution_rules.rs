//! Checks on `rules/attribution.toml` beyond its examples (which `tests/rule_files.rs` runs): the
//! detector accepts every rule, and no reason can reach the reader with an unfilled `{placeholder}`.

use chaff::detect::attribution::Attribution;
use chaff::rules::{BUILTIN, RuleSet, translate};

fn attribution_rules() -> RuleSet {
    let (file, text) = BUILTIN
        .iter()
        .find(|(f, _)| *f == "attribution.toml")
        .expect("attribution.toml is built in");
    RuleSet::parse(file, text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_detector_accepts_every_kind_and_severity() {
    if let Err(e) = Attribution::new() {
        panic!("{e}");
    }
}

#[test]
fn every_placeholder_of_a_reason_is_a_group_of_every_pattern() {
    let set = attribution_rules();
    let mut failures = Vec::new();
    for rule in &set.rules {
        let placeholders: Vec<&str> = rule
            .reason
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}'))
            // `{who’s}` is the possessive of group `who`.
            .map(|(name, _)| name.strip_suffix("’s").unwrap_or(name))
            .collect();
        for pattern in &rule.patterns {
            let re = regex::Regex::new(&translate(pattern, !rule.case_sensitive))
                .expect("patterns compile (rule_files checks)");
            let groups: Vec<&str> = re.capture_names().flatten().collect();
            for p in &placeholders {
                if !groups.contains(p) {
                    failures.push(format!(
                        "{}: reason uses {{{p}}} but a pattern has no group {p}",
                        rule.id
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_cue_marks_whole_sentences() {
    let set = attribution_rules();
    for rule in set
        .rules
        .iter()
        .filter(|r| !matches!(r.kind.as_deref(), Some("exempt") | Some("venue")))
    {
        assert_eq!(
            rule.scope,
            chaff::rules::Scope::Sentence,
            "{} should say scope = \"sentence\"",
            rule.id
        );
    }
}
