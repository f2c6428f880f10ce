//! Which patterns can match a text, found with one pass over it for all their literals.
//!
//! Each pattern's required literals ([`super::literals`]) become one member of a `RegexSet`: the
//! alternation of those literals, escaped. One pass of the set over a block tells which members
//! occur; only those patterns' regexes then run on the block. Patterns that require no literal are
//! always candidates. Because a match of a pattern always contains one of its required literals, the
//! candidates include every pattern that matches, and the hits are exactly those of running every
//! pattern.
//!
//! This is what keeps the regex engine from re-learning each page. A set of plain literals is a
//! trie: its lazy DFA has at most one state per trie node, all built within the first pages, so new
//! text costs no new states (the set of full patterns kept building states for every page). Most
//! blocks hold no cue and are never shown to a full pattern; a pattern that runs is one small regex
//! whose DFA is small too. The literal set reuses the regex engine the module ships anyway, so the
//! prefilter adds no matching code to the wasm module.

use regex::RegexSet;

/// Candidate patterns, per text.
#[derive(Debug, Clone)]
pub struct Prefilter {
    /// One member per pattern with literals: the alternation of its literals.
    set: RegexSet,
    /// For each member of the set, the pattern it stands for.
    owners: Vec<usize>,
    /// Patterns with no literal that the set can hold: candidates everywhere.
    always: Vec<usize>,
    patterns: usize,
}

impl Prefilter {
    /// `required[i]` is pattern `i`'s required literals, or `None` if it has none.
    pub fn new(required: &[Option<Vec<Vec<u8>>>]) -> Result<Prefilter, regex::Error> {
        let mut members = Vec::new();
        let mut owners = Vec::new();
        let mut always = Vec::new();
        for (pattern, set) in required.iter().enumerate() {
            // Literals are UTF-8 text unless a pattern matched raw bytes; those run everywhere.
            let texts: Option<Vec<&str>> = set
                .as_ref()
                .and_then(|s| s.iter().map(|l| std::str::from_utf8(l).ok()).collect());
            match texts {
                Some(texts) => {
                    let escaped: Vec<String> = texts.iter().map(|t| regex::escape(t)).collect();
                    members.push(escaped.join("|"));
                    owners.push(pattern);
                }
                None => always.push(pattern),
            }
        }
        Ok(Prefilter {
            set: RegexSet::new(&members)?,
            owners,
            always,
            patterns: required.len(),
        })
    }

    /// Whether each pattern may match `hay` (`true` for every pattern that does).
    pub fn candidates(&self, hay: &str) -> Vec<bool> {
        let mut out = vec![false; self.patterns];
        for &p in &self.always {
            out[p] = true;
        }
        for member in self.set.matches(hay).iter() {
            out[self.owners[member]] = true;
        }
        out
    }
}
