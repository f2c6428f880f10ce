//! Which patterns can match a text, found with one Aho-Corasick pass over it.
//!
//! Each pattern's required literals ([`super::literals`]) go into one automaton per case mode. A
//! pass over a block marks every pattern one of whose literals occurs; only those patterns' regexes
//! then run on the block. Patterns that require no literal are always candidates. Because a match
//! of a pattern always contains one of its required literals, the candidates include every pattern
//! that matches, and the hits are exactly those of running every pattern.
//!
//! This is what keeps the regex engine from re-learning each page: most blocks hold no cue at all
//! and are never shown to a regex, and a regex that runs is one small pattern, not a set of all of
//! them, so its lazy DFA has few states to build.

use aho_corasick::AhoCorasick;

/// Candidate patterns of one case mode.
#[derive(Debug, Clone)]
pub struct Prefilter {
    /// The automaton over every distinct required literal; `None` when no pattern has one.
    automaton: Option<AhoCorasick>,
    /// For each literal of the automaton, the patterns that require it.
    owners: Vec<Vec<usize>>,
    /// Patterns with no required literal: candidates everywhere.
    always: Vec<usize>,
    patterns: usize,
}

impl Prefilter {
    /// `required[i]` is pattern `i`'s required literals, or `None` if it has none.
    pub fn new(required: &[Option<Vec<Vec<u8>>>]) -> Result<Prefilter, aho_corasick::BuildError> {
        let mut literals: Vec<&[u8]> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        for (pattern, set) in required.iter().enumerate() {
            let Some(set) = set else {
                always.push(pattern);
                continue;
            };
            for lit in set {
                match literals.iter().position(|l| *l == lit.as_slice()) {
                    Some(i) => owners[i].push(pattern),
                    None => {
                        literals.push(lit);
                        owners.push(vec![pattern]);
                    }
                }
            }
        }
        let automaton = if literals.is_empty() {
            None
        } else {
            Some(AhoCorasick::new(&literals)?)
        };
        Ok(Prefilter {
            automaton,
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
        if let Some(ac) = &self.automaton {
            let mut open = self
                .owners
                .iter()
                .filter(|o| !o.iter().all(|&p| out[p]))
                .count();
            for m in ac.find_overlapping_iter(hay) {
                if open == 0 {
                    break;
                }
                let owners = &self.owners[m.pattern().as_usize()];
                if owners.iter().any(|&p| !out[p]) {
                    owners.iter().for_each(|&p| out[p] = true);
                    open = self
                        .owners
                        .iter()
                        .filter(|o| !o.iter().all(|&p| out[p]))
                        .count();
                }
            }
        }
        out
    }
}
