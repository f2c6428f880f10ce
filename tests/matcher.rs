//! The rule matcher finds exactly what running every pattern finds.
//!
//! `RuleSet::hits` runs a pattern's regex only on text holding one of the literals derived from the
//! pattern (src/rules/literals.rs, src/rules/prefilter.rs). These tests hold it to the plain
//! matcher it replaced — a `RegexSet` of every pattern, then each matching pattern's
//! `captures_iter` — on every fixture page, every seed page and every rule example and near-miss,
//! for whatever rules the rule files hold; and they check the derivation itself: every match of a
//! pattern contains one of its required literals.

use std::ops::Range;
use std::path::{Path, PathBuf};

use chaff::Page;
use chaff::rules::{BUILTIN, Hit, RuleSet};
use regex::{Regex, RegexSet};

/// Every text the tests run on: each block of every fixture and seed page, and every rule example
/// and near-miss of every rule file, each also as one whole block with its neighbours.
fn texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        root.join("tests/fixtures"),
        root.join("../shared/seeds"),
        root.join("tests/corpus"),
        root.join("tests/e2e/pages"),
    ] {
        collect(&dir, &mut files);
    }
    let mut out = Vec::new();
    for path in files {
        let raw = std::fs::read_to_string(&path).expect("readable page");
        let page = if chaff::html::looks_like_html(&raw) {
            Page::from_snapshot(&chaff::html::snapshot(&raw, ""))
        } else {
            Page::from_text(&raw, "")
        };
        out.extend(page.blocks.iter().map(|b| b.text.clone()));
        out.push(
            page.blocks
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    for (file, text) in BUILTIN {
        let set = RuleSet::parse(file, text).expect("rule file parses");
        let cases: Vec<&String> = set
            .rules
            .iter()
            .flat_map(|r| r.examples.iter().chain(&r.near_misses))
            .collect();
        out.extend(cases.iter().map(|c| c.to_string()));
        out.push(
            cases
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    assert!(
        out.len() > 100,
        "found the fixture pages and rule files ({} texts)",
        out.len()
    );
    out
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "html" || e == "txt") {
            out.push(path);
        }
    }
}

/// A hit as plain data: (rule, range, named captures).
type Found = (usize, Range<usize>, Vec<(String, Range<usize>)>);

/// The matcher before the prefilter: a set of every pattern per case mode, then every match of
/// each pattern the set reports, ordered by start, longest first, then rule.
struct Plain {
    modes: Vec<Mode>,
}

/// One case mode: whether it runs on lowercased text, the set, and (rule, pattern) in set order.
type Mode = (bool, RegexSet, Vec<(usize, Regex)>);

impl Plain {
    fn new(set: &RuleSet) -> Plain {
        let modes = [true, false]
            .into_iter()
            .map(|lowercase| {
                // The compiled patterns (parts already expanded, already translated), in rule order.
                let pats: Vec<(usize, Regex)> = set
                    .patterns()
                    .filter(|p| p.lowercase == lowercase)
                    .map(|p| (p.rule, p.regex.clone()))
                    .collect();
                (
                    lowercase,
                    RegexSet::new(pats.iter().map(|(_, r)| r.as_str())).expect("set"),
                    pats,
                )
            })
            .collect();
        Plain { modes }
    }

    fn hits(&self, text: &str, lower: &str) -> Vec<Found> {
        let mut out = Vec::new();
        for (lowercase, set, pats) in &self.modes {
            let hay = if *lowercase { lower } else { text };
            for i in set.matches(hay).iter() {
                let (rule, re) = &pats[i];
                for caps in re.captures_iter(hay) {
                    let captures = re
                        .capture_names()
                        .flatten()
                        .filter_map(|n| caps.name(n).map(|m| (n.to_string(), m.range())))
                        .collect();
                    out.push((*rule, caps.get(0).expect("group 0").range(), captures));
                }
            }
        }
        out.sort_by_key(|(rule, range, _)| (range.start, std::cmp::Reverse(range.end), *rule));
        out
    }
}

fn flatten(hits: Vec<Hit>) -> Vec<Found> {
    hits.into_iter()
        .map(|h| (h.rule, h.range, h.captures))
        .collect()
}

#[test]
fn prefiltered_matcher_finds_exactly_what_every_pattern_finds() {
    let texts = texts();
    let mut compared = 0;
    for (file, toml) in BUILTIN {
        let set = RuleSet::parse(file, toml).expect("rule file parses");
        let plain = Plain::new(&set);
        for text in &texts {
            let lower = text.to_ascii_lowercase();
            let want = plain.hits(text, &lower);
            compared += want.len();
            assert_eq!(flatten(set.hits(text, &lower)), want, "{file} on {text:?}");
        }
    }
    assert!(
        compared > 100,
        "the texts hold matches to compare ({compared})"
    );
}

#[test]
fn every_match_contains_one_of_its_patterns_required_literals() {
    let texts = texts();
    for (file, toml) in BUILTIN {
        let set = RuleSet::parse(file, toml).expect("rule file parses");
        for p in set.patterns() {
            let Some(required) = p.required else { continue };
            assert!(
                !required.is_empty() && required.iter().all(|l| !l.is_empty()),
                "{file}: {}: empty literal",
                p.regex
            );
            for text in &texts {
                let lower = text.to_ascii_lowercase();
                let hay = if p.lowercase { &lower } else { text };
                for m in p.regex.find_iter(hay) {
                    let found = m.as_str().as_bytes();
                    assert!(
                        required
                            .iter()
                            .any(|l| found.windows(l.len()).any(|w| w == l.as_slice())),
                        "{file}: rule {}: match {:?} holds none of {:?}",
                        set.rules[p.rule].id,
                        m.as_str(),
                        required
                            .iter()
                            .map(|l| String::from_utf8_lossy(l))
                            .collect::<Vec<_>>()
                    );
                }
            }
        }
    }
}

#[test]
fn most_patterns_are_found_by_their_literals() {
    // Not a bar on the rule authors (a pattern without literals still works, on every block), but
    // the derivation must find literals for the patterns that plainly have them.
    for (file, toml) in BUILTIN {
        let set = RuleSet::parse(file, toml).expect("rule file parses");
        let patterns: Vec<_> = set.patterns().collect();
        let with = patterns.iter().filter(|p| p.required.is_some()).count();
        assert!(
            with * 4 >= patterns.len() * 3,
            "{file}: only {with} of {} patterns have required literals",
            patterns.len()
        );
    }
}
