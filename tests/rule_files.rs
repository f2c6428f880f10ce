//! The one runner for every rule file: each rule's examples must match it, its near-misses must not.
//!
//! A rule file's tests live inside it, so adding a footer family or a cue is a data change whose
//! tests come along. Every rule needs at least one example and one near-miss.

use chaff::rules::{BUILTIN, RuleSet};

#[test]
fn every_rule_matches_its_examples_and_none_of_its_near_misses() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (file, text) in BUILTIN {
        let set = RuleSet::parse(file, text).unwrap_or_else(|e| panic!("{e}"));
        for (i, rule) in set.rules.iter().enumerate() {
            if rule.examples.is_empty() || rule.near_misses.is_empty() {
                failures.push(format!(
                    "{file}: {}: needs at least one example and one near-miss",
                    rule.id
                ));
            }
            for ex in &rule.examples {
                checked += 1;
                if !set.rule_matches(i, ex) {
                    failures.push(format!("{file}: {}: example does not match: {ex}", rule.id));
                }
            }
            for nm in &rule.near_misses {
                checked += 1;
                if set.rule_matches(i, nm) {
                    failures.push(format!("{file}: {}: near-miss matches: {nm}", rule.id));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} rule cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn rule_ids_are_unique_across_files() {
    let mut seen = std::collections::HashMap::new();
    for (file, text) in BUILTIN {
        for rule in RuleSet::parse(file, text).unwrap().rules {
            if let Some(other) = seen.insert(rule.id.clone(), *file) {
                panic!("rule id {} is in both {other} and {file}", rule.id);
            }
        }
    }
}

/// Structural rules are found by the page's shape, so their examples are whole text pages that go
/// through the engine: an example must get a mark with the rule's id, a near-miss must not.
#[test]
fn every_structural_rule_marks_its_example_pages_and_none_of_its_near_misses() {
    let engine = chaff::Engine::new().expect("built-in rules compile");
    let mut failures = Vec::new();
    for (file, text) in BUILTIN {
        let set = RuleSet::parse(file, text).unwrap();
        for rule in &set.structural {
            if rule.examples.is_empty() || rule.near_misses.is_empty() {
                failures.push(format!(
                    "{file}: {}: needs at least one example and one near-miss page",
                    rule.id
                ));
            }
            let marked = |page: &str| {
                let analysis = engine.analyze(&chaff::Page::from_text(page, ""));
                analysis.marks.iter().any(|m| m.rule == rule.id)
            };
            for ex in rule.examples.iter().filter(|ex| !marked(ex)) {
                failures.push(format!(
                    "{file}: {}: example page not marked:\n{ex}",
                    rule.id
                ));
            }
            for nm in rule.near_misses.iter().filter(|nm| marked(nm)) {
                failures.push(format!("{file}: {}: near-miss page marked:\n{nm}", rule.id));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What ships (JSON made by build.rs) is the rule files less their test cases, rule for rule.
#[test]
fn the_shipped_rules_are_the_files_rules() {
    for (file, text) in BUILTIN {
        let written = RuleSet::parse(file, text).unwrap();
        let shipped = RuleSet::builtin(file).unwrap();
        let key = |s: &RuleSet| {
            s.rules
                .iter()
                .map(|r| {
                    (
                        r.id.clone(),
                        r.patterns.clone(),
                        r.reason.clone(),
                        r.tags.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(key(&written), key(&shipped), "{file}");
        assert!(
            shipped
                .rules
                .iter()
                .all(|r| r.examples.is_empty() && r.near_misses.is_empty()),
            "{file}: test cases shipped"
        );
    }
}

/// Every repost family is taught by at least three real phrasings and guarded by three near-misses.
#[test]
fn every_repost_family_has_three_phrasings_and_three_near_misses() {
    const AT_LEAST: usize = 3;
    let (file, text) = BUILTIN.iter().find(|(f, _)| *f == "repost.toml").unwrap();
    let set = RuleSet::parse(file, text).unwrap();
    let mut thin = Vec::new();
    for r in &set.rules {
        if r.examples.len() < AT_LEAST || r.near_misses.len() < AT_LEAST {
            thin.push(format!(
                "{}: {} examples, {} near-misses",
                r.id,
                r.examples.len(),
                r.near_misses.len()
            ));
        }
    }
    for r in &set.structural {
        if r.examples.len() < AT_LEAST || r.near_misses.len() < AT_LEAST {
            thin.push(format!(
                "{}: {} example pages, {} near-miss pages",
                r.id,
                r.examples.len(),
                r.near_misses.len()
            ));
        }
    }
    assert!(
        thin.is_empty(),
        "rules with fewer than {AT_LEAST} cases:\n{}",
        thin.join("\n")
    );
}
