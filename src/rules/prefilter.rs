//! Which patterns can match a text, found with one pass over it for all their literals.
//!
//! Each pattern's required literals ([`super::literals`]) go into one Aho-Corasick automaton,
//! built when the rules compile: a trie of the literals whose every state already knows where each
//! byte leads (the failure links are folded into a full transition table over the literals' byte
//! classes). One pass over a block's lowercased text, one table lookup per byte, says which literals
//! occur; only their patterns then run their regex on the block. Patterns that require no literal
//! are always candidates. Because a match of a pattern always contains one of its required literals,
//! the candidates include every pattern that matches, and the hits are exactly those of running every
//! pattern.
//!
//! Why not a `RegexSet` of the literals (the first prefilter): the regex crate's lazy DFA builds
//! its states while it reads, and the set of 1,252 attribution literals has thousands of them, each
//! costing an epsilon closure over the whole set's NFA. That building was a third of all the work of
//! analysing a page (485 M of 1,465 M instructions over ten new 50 KB pages, callgrind) and the
//! states it kept grew the heap with every page. This automaton is complete before the first page:
//! reading costs the same on every page and allocates nothing but its answer, and the table is a
//! fixed size (states × byte classes × 4 bytes: about 1 MB for the attribution rules).

/// Candidate patterns, per text.
#[derive(Debug, Clone)]
pub struct Prefilter {
    /// The class of every byte: bytes that occur in no literal share class 0.
    classes: [u16; 256],
    /// How many classes there are: the width of a row of `next`.
    stride: usize,
    /// `next[state * stride + class]`: the state after reading a byte of `class` in `state`.
    next: Vec<u32>,
    /// The patterns whose literal ends at each state, its own and those of the literals that end
    /// it (a suffix that is a literal too): `found[ends[s]..ends[s + 1]]`.
    ends: Vec<u32>,
    found: Vec<u32>,
    /// Patterns with no literal: candidates everywhere.
    always: Vec<usize>,
    patterns: usize,
}

/// The trie the automaton is built from: one node per distinct literal prefix.
struct Trie {
    /// Each node's children, as (byte, node).
    children: Vec<Vec<(u8, u32)>>,
    /// The patterns whose literal ends at each node.
    owners: Vec<Vec<u32>>,
}

impl Trie {
    fn new() -> Trie {
        Trie {
            children: vec![Vec::new()],
            owners: vec![Vec::new()],
        }
    }

    fn insert(&mut self, literal: &[u8], pattern: u32) {
        let mut node = 0usize;
        for &b in literal {
            node = match self.children[node].iter().find(|(c, _)| *c == b) {
                Some(&(_, child)) => child as usize,
                None => {
                    let child = self.children.len();
                    self.children[node].push((b, child as u32));
                    self.children.push(Vec::new());
                    self.owners.push(Vec::new());
                    child
                }
            };
        }
        if !self.owners[node].contains(&pattern) {
            self.owners[node].push(pattern);
        }
    }
}

impl Prefilter {
    /// `required[i]` is pattern `i`'s required literals (already lowercased), or `None` if it has
    /// none.
    pub fn new(required: &[Option<Vec<Vec<u8>>>]) -> Prefilter {
        let mut trie = Trie::new();
        let mut always = Vec::new();
        for (pattern, set) in required.iter().enumerate() {
            match set {
                // An empty literal occurs in every text.
                Some(set) if !set.iter().any(Vec::is_empty) => {
                    for literal in set {
                        trie.insert(literal, pattern as u32);
                    }
                }
                _ => always.push(pattern),
            }
        }

        // Byte classes: one per byte that some literal uses, and class 0 for all others (reading
        // one of those always leads back to the root).
        let mut classes = [0u16; 256];
        let mut stride = 1usize;
        for children in &trie.children {
            for &(b, _) in children {
                if classes[b as usize] == 0 {
                    classes[b as usize] = stride as u16;
                    stride += 1;
                }
            }
        }

        // Breadth first, so that a node's failure state is complete before the node: the full
        // transition of a missing edge is its failure state's transition.
        let nodes = trie.children.len();
        let mut next = vec![0u32; nodes * stride];
        let mut fail = vec![0u32; nodes];
        let mut order = Vec::with_capacity(nodes);
        for &(b, child) in &trie.children[0] {
            next[classes[b as usize] as usize] = child;
            order.push(child as usize);
        }
        let mut at = 0;
        while at < order.len() {
            let node = order[at];
            at += 1;
            let f = fail[node] as usize;
            let (row, fail_row) = (node * stride, f * stride);
            for c in 0..stride {
                next[row + c] = next[fail_row + c];
            }
            for &(b, child) in &trie.children[node] {
                let c = classes[b as usize] as usize;
                fail[child as usize] = next[fail_row + c];
                next[row + c] = child;
                order.push(child as usize);
            }
        }

        // Each node's patterns: its own, then its failure state's (already complete: it is nearer
        // the root, so earlier in breadth-first order).
        let mut lists: Vec<Vec<u32>> = vec![Vec::new(); nodes];
        for &node in &order {
            let mut list = trie.owners[node].clone();
            for &p in &lists[fail[node] as usize] {
                if !list.contains(&p) {
                    list.push(p);
                }
            }
            lists[node] = list;
        }
        let mut ends = Vec::with_capacity(nodes + 1);
        let mut found = Vec::new();
        ends.push(0);
        for list in &lists {
            found.extend_from_slice(list);
            ends.push(found.len() as u32);
        }

        Prefilter {
            classes,
            stride,
            next,
            ends,
            found,
            always,
            patterns: required.len(),
        }
    }

    /// Whether each pattern may match `hay` (`true` for every pattern that does). `hay` is the
    /// ASCII-lowercased text.
    pub fn candidates(&self, hay: &str) -> Vec<bool> {
        let mut out = vec![false; self.patterns];
        for &p in &self.always {
            out[p] = true;
        }
        let mut state = 0usize;
        for &b in hay.as_bytes() {
            state = self.next[state * self.stride + self.classes[b as usize] as usize] as usize;
            let (from, to) = (self.ends[state], self.ends[state + 1]);
            for &p in &self.found[from as usize..to as usize] {
                out[p as usize] = true;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Prefilter;

    fn lits(words: &[&str]) -> Option<Vec<Vec<u8>>> {
        Some(words.iter().map(|w| w.as_bytes().to_vec()).collect())
    }

    #[test]
    fn finds_literals_that_overlap_or_end_inside_others() {
        let f = Prefilter::new(&[
            lits(&["he"]),
            lits(&["she"]),
            lits(&["hers"]),
            lits(&["his", "zzz"]),
            None,
            lits(&["according to"]),
        ]);
        assert_eq!(
            f.candidates("ushers"),
            [true, true, true, false, true, false]
        );
        assert_eq!(
            f.candidates("this"),
            [false, false, false, true, true, false]
        );
        assert_eq!(
            f.candidates("accordin according to"),
            [false, false, false, false, true, true]
        );
        assert_eq!(f.candidates(""), [false, false, false, false, true, false]);
    }

    #[test]
    fn non_ascii_literals_match_their_utf8_bytes() {
        let f = Prefilter::new(&[lits(&["источник"]), lits(&["quelle:"])]);
        assert_eq!(f.candidates("по данным, источник: x"), [true, false]);
        assert_eq!(f.candidates("die quelle: dpa"), [false, true]);
    }

    #[test]
    fn an_empty_literal_makes_its_pattern_a_candidate_everywhere() {
        let f = Prefilter::new(&[lits(&["", "abc"]), lits(&["abc"])]);
        assert_eq!(f.candidates("xyz"), [true, false]);
    }
}
