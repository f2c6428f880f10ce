//! Derives, from a compiled pattern, literals that every match must contain.
//!
//! The matcher ([`super::prefilter`]) finds these literals in a block with one Aho-Corasick pass and
//! runs a rule's full regex only on blocks that hold one of them: a block without any of a pattern's
//! required literals cannot hold a match of it, so skipping it changes no result.
//!
//! The derivation walks the pattern's syntax tree (regex-syntax's HIR, the same parse the regex crate
//! compiles). For every node it computes two things:
//! - its *exact* language, when that is a small finite set of strings (`said|says`, `[Tt]he`);
//! - a *required* set: every match of the node contains one of these strings.
//!
//! A concatenation requires what any of its parts requires, and the cross product of a run of
//! adjacent exact parts (`according to` followed by `\s` gives six longer literals); an alternation
//! requires the union of what each branch requires (a branch that requires nothing makes the whole
//! alternation require nothing); a repetition of at least one requires what its body requires; an
//! optional or starred part requires nothing. Of the candidate sets the most selective is kept
//! ([`score`]). A pattern that requires nothing (one that may start anywhere with a name in
//! capitals and end in a class) is run on every block, as before.

use regex_syntax::hir::{Class, Hir, HirKind};

/// Largest set of strings kept as a node's exact language or a required set. Larger products are
/// cut: the run of adjacent parts ends there and a new one starts. 64 keeps the automaton small
/// (all rule files together give a few hundred literals) while covering `[Tt]he\s(?:a|b|c)`-sized
/// products.
const MAX_SET: usize = 64;

/// Largest character class spelled out as single characters (`[Tt]`, `[,.]`, `\s` as six bytes).
/// A class such as `[a-z]` is too broad to be worth a literal.
const MAX_CLASS: usize = 10;

/// Literal lengths past this add little selectivity on prose; past it, fewer literals win.
const ENOUGH_LEN: usize = 6;

/// A set of strings (bytes of UTF-8 text).
type Set = Vec<Vec<u8>>;

/// What a node says about its matches.
struct Facts {
    /// Every match is one of these strings.
    exact: Option<Set>,
    /// Every match contains one of these strings (never holds the empty string).
    required: Option<Set>,
}

/// Literals one of which every match of `hir` contains, or `None` when the pattern requires none
/// (it must then be run on every text). The set is minimal: no literal contains another.
pub fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    facts(hir).required.map(minimal)
}

fn facts(hir: &Hir) -> Facts {
    let (exact, required) = match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => (Some(vec![Vec::new()]), None),
        HirKind::Literal(lit) => (Some(vec![lit.0.to_vec()]), None),
        HirKind::Class(class) => (class_strings(class), None),
        HirKind::Capture(cap) => {
            let f = facts(&cap.sub);
            (f.exact, f.required)
        }
        HirKind::Repetition(rep) => {
            let f = facts(&rep.sub);
            let exact = match (rep.min, rep.max) {
                (1, Some(1)) => f.exact.clone(),
                (0, Some(1)) => f.exact.clone().and_then(|mut e| {
                    e.push(Vec::new());
                    bounded(e)
                }),
                _ => None,
            };
            let required = if rep.min >= 1 {
                best([f.required, f.exact.and_then(nonempty)])
            } else {
                None
            };
            (exact, required)
        }
        HirKind::Concat(parts) => concat(parts),
        HirKind::Alternation(branches) => {
            let all: Vec<Facts> = branches.iter().map(facts).collect();
            let exact = all
                .iter()
                .map(|f| f.exact.clone())
                .collect::<Option<Vec<Set>>>()
                .map(|v| v.concat())
                .and_then(bounded);
            let required = all
                .into_iter()
                .map(|f| best([f.required, f.exact.and_then(nonempty)]))
                .collect::<Option<Vec<Set>>>()
                .map(|v| v.concat())
                .and_then(bounded);
            (exact, required)
        }
    };
    let required = best([required, exact.clone().and_then(nonempty)]);
    Facts { exact, required }
}

/// A concatenation: the best of each part's required set and of the products of runs of adjacent
/// exact parts.
fn concat(parts: &[Hir]) -> (Option<Set>, Option<Set>) {
    let all: Vec<Facts> = parts.iter().map(facts).collect();
    let mut candidates: Vec<Option<Set>> = all.iter().map(|f| f.required.clone()).collect();
    let mut run: Option<Set> = None;
    let mut whole: Option<Set> = Some(vec![Vec::new()]);
    for f in &all {
        whole = whole
            .zip(f.exact.as_ref())
            .and_then(|(w, e)| product(&w, e));
        match &f.exact {
            Some(e) => {
                run = match run.take() {
                    Some(r) => match product(&r, e) {
                        Some(p) => Some(p),
                        None => {
                            candidates.push(nonempty(r));
                            Some(e.clone())
                        }
                    },
                    None => Some(e.clone()),
                }
            }
            None => {
                if let Some(r) = run.take() {
                    candidates.push(nonempty(r));
                }
            }
        }
    }
    if let Some(r) = run {
        candidates.push(nonempty(r));
    }
    (whole, best(candidates))
}

/// Every string of `a` followed by every string of `b`, if the product is small enough.
fn product(a: &Set, b: &Set) -> Option<Set> {
    if a.len() * b.len() > MAX_SET {
        return None;
    }
    Some(
        a.iter()
            .flat_map(|x| b.iter().map(move |y| [x.as_slice(), y.as_slice()].concat()))
            .collect(),
    )
}

/// The characters of a small class, each as its UTF-8 bytes.
fn class_strings(class: &Class) -> Option<Set> {
    match class {
        Class::Unicode(c) => {
            let count: u32 = c
                .iter()
                .map(|r| r.end() as u32 - r.start() as u32 + 1)
                .sum();
            if count as usize > MAX_CLASS {
                return None;
            }
            Some(
                c.iter()
                    .flat_map(|r| (r.start()..=r.end()).map(|ch| ch.to_string().into_bytes()))
                    .collect(),
            )
        }
        Class::Bytes(c) => {
            let count: usize = c.iter().map(|r| usize::from(r.end() - r.start()) + 1).sum();
            if count > MAX_CLASS {
                return None;
            }
            Some(
                c.iter()
                    .flat_map(|r| (r.start()..=r.end()).map(|b| vec![b]))
                    .collect(),
            )
        }
    }
}

fn bounded(set: Set) -> Option<Set> {
    (set.len() <= MAX_SET).then_some(set)
}

/// A set usable as a requirement: one holding the empty string requires nothing.
fn nonempty(set: Set) -> Option<Set> {
    (!set.iter().any(Vec::is_empty)).then_some(set)
}

/// How selective a required set is: longer shortest literal first (up to [`ENOUGH_LEN`]), then fewer
/// literals. Length counts letters and digits only: spaces and punctuation occur everywhere in prose
/// (`the ` is as common as `the`; `-` and `.` are in every block). An empty set (the node never
/// matches) is the most selective of all.
fn score(set: &Set) -> (usize, std::cmp::Reverse<usize>) {
    let weight = |lit: &Vec<u8>| {
        lit.iter()
            .filter(|b| !b.is_ascii() || b.is_ascii_alphanumeric())
            .count()
    };
    let shortest = set.iter().map(weight).min().unwrap_or(usize::MAX);
    (shortest.min(ENOUGH_LEN), std::cmp::Reverse(set.len()))
}

fn best(candidates: impl IntoIterator<Item = Option<Set>>) -> Option<Set> {
    let mut best: Option<Set> = None;
    for c in candidates.into_iter().flatten() {
        if best.as_ref().is_none_or(|b| score(&c) > score(b)) {
            best = Some(c);
        }
    }
    best
}

/// Drops duplicates and every literal that contains another (finding the shorter one suffices).
fn minimal(mut set: Set) -> Set {
    super::sort::by_key(&mut set, Vec::len);
    set.dedup();
    let mut out: Set = Vec::with_capacity(set.len());
    for lit in set {
        if !out.iter().any(|kept| contains(&lit, kept)) {
            out.push(lit);
        }
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::required;

    fn lits(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::parse(pattern).expect("valid pattern");
        required(&hir).map(|set| {
            let mut v: Vec<String> = set
                .into_iter()
                .map(|l| String::from_utf8(l).expect("UTF-8"))
                .collect();
            v.sort();
            v
        })
    }

    #[test]
    fn a_literal_run_is_required_whole() {
        assert_eq!(
            lits(r"(?-u:\b)according to [a-z]+"),
            Some(vec!["according to ".into()])
        );
    }

    #[test]
    fn alternation_requires_the_union_of_its_branches() {
        assert_eq!(
            lits(r"(?-u:\b)(?:reportedly|allegedly)(?-u:\b)"),
            Some(vec!["allegedly".into(), "reportedly".into()])
        );
    }

    #[test]
    fn the_most_selective_part_of_a_concatenation_wins() {
        // `he|she|they` alone is short; the product with the verbs is what the pattern is found by
        // ("she said" holds "he said", so it is not needed).
        let got = lits(r"(?-u:\b)(?:he|she|they)[ ](?:also[ ])?(?:said|says|told)(?-u:\b)")
            .expect("some literals");
        assert!(
            got.contains(&"he said".to_string()) && got.contains(&"they also told".to_string()),
            "{got:?}"
        );
        assert!(!got.contains(&"she said".to_string()), "{got:?}");
        assert!(
            got.iter()
                .all(|l| ["said", "says", "told"].iter().any(|v| l.ends_with(v))),
            "{got:?}"
        );
    }

    #[test]
    fn small_classes_are_spelled_out() {
        assert_eq!(
            lits(r"(?-u:\b)[Tt]o(?-u:\b)"),
            Some(vec!["To".into(), "to".into()])
        );
        // Past the length that matters, one literal beats two: `ccording` finds `[Aa]ccording`.
        assert_eq!(lits(r"[Aa]ccording"), Some(vec!["ccording".into()]));
    }

    #[test]
    fn optional_and_starred_parts_require_nothing() {
        assert_eq!(lits(r"(?:source)?[a-z]*"), None);
        assert_eq!(lits(r"[A-Z][a-z]+"), None);
    }

    #[test]
    fn a_branch_without_literals_frees_the_alternation() {
        assert_eq!(lits(r"(?:copyright|[a-z]+)"), None);
        assert_eq!(
            lits(r"(?:copyright|[a-z]+) all rights"),
            Some(vec![" all rights".into()])
        );
    }

    #[test]
    fn a_longer_literal_containing_a_shorter_one_is_dropped() {
        assert_eq!(lits(r"(?:the )?via:|via"), Some(vec!["via".into()]));
    }
}
