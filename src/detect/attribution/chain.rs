//! Second-hand chains: the hands a claim passed through before this page, nearest first.
//!
//! "Putin said, according to remarks cited by Kommersant and reposted by KyivPost" names two hands:
//! KyivPost (nearest this page) and Kommersant. The rule file says where each named hand sits
//! (`tags`: outer, relay, inner); this module orders them, counts them, words the reason, and turns
//! them into [`Evidence`] for the page's chain of copies.

use crate::detect::provenance::{Depth, Evidence, publisher_key};

/// Where a rule's `hop` sits, seen from this page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// The outlet the page took the claim from ("Interfax reported, citing …").
    Outer,
    /// A passive hand ("cited by X and reposted by Y"): the later in the sentence, the nearer.
    Relay,
    /// What an outer hand cites ("… citing Interfax").
    Inner,
}

/// One named hand.
#[derive(Debug, Clone)]
pub struct Hand {
    pub name: String,
    /// How the text says it passed the claim on ("cited by", "reported").
    pub how: String,
    pub place: Place,
    /// Byte offset of the name in the block, to order hands of the same place.
    pub at: usize,
    /// A link on the page that leads to this hand, when one does.
    pub url: Option<String>,
}

/// Capitalised words that open a clause rather than a name; stripped from the front of a name found
/// by its capitals ("Meanwhile Putin" is Putin). Kept sorted.
const LEADING_NON_NAMES: &[&str] = &[
    "After",
    "Also",
    "Although",
    "And",
    "As",
    "At",
    "Because",
    "Before",
    "But",
    "By",
    "Consequently",
    "Despite",
    "During",
    "Earlier",
    "For",
    "From",
    "Furthermore",
    "However",
    "If",
    "In",
    "Instead",
    "Last",
    "Later",
    "Meanwhile",
    "Moreover",
    "Now",
    "On",
    "Once",
    "Separately",
    "Since",
    "So",
    "Still",
    "Then",
    "Though",
    "Until",
    "When",
    "While",
    "With",
    "Without",
    "Yet",
];

/// Single capitalised words that are never a speaker or an outlet: pronouns, question words, the
/// calendar ("said Monday"), and adjectives that open a sentence about unnamed data or reports
/// ("On-chain data shows", "Recent figures suggest"). Kept sorted.
const NEVER_NAMES: &[&str] = &[
    "Additional",
    "April",
    "August",
    "Available",
    "December",
    "Early",
    "February",
    "Fresh",
    "Friday",
    "Further",
    "He",
    "Here",
    "Historical",
    "How",
    "I",
    "Initial",
    "It",
    "January",
    "July",
    "June",
    "Latest",
    "March",
    "Market",
    "May",
    "Monday",
    "More",
    "New",
    "November",
    "October",
    "Official",
    "On-chain",
    "Onchain",
    "Other",
    "Our",
    "Preliminary",
    "Recent",
    "Saturday",
    "September",
    "She",
    "Some",
    "Such",
    "Sunday",
    "That",
    "The",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Thursday",
    "Today",
    "Tomorrow",
    "Tuesday",
    "We",
    "Wednesday",
    "What",
    "When",
    "Where",
    "Who",
    "Why",
    "Yesterday",
    "You",
];

/// Words that open a clause about a name rather than the name ("What Page wrote down became …").
const QUESTION_WORDS: &[&str] = &[
    "How", "What", "Whatever", "Which", "Who", "Whom", "Whose", "Why",
];

/// Plural nouns for unnamed groups; capitalised at the start of a sentence ("Critics of the plan
/// have said") they look like a name and are not one. Kept sorted.
const GROUP_NOUNS: &[&str] = &[
    "Activists",
    "Analysts",
    "Critics",
    "Economists",
    "Experts",
    "Insiders",
    "Investors",
    "Observers",
    "Officials",
    "Opponents",
    "Proponents",
    "Researchers",
    "Scientists",
    "Sources",
    "Supporters",
    "Traders",
];

/// The name in a capture found by capitals, or `None` when it names no one: leading clause openers
/// are dropped, trailing punctuation trimmed, and a possessive, a lone pronoun or a calendar word
/// rejected.
pub fn name(capture: &str) -> Option<&str> {
    let capture = capture.trim().trim_end_matches(['.', ',', ';', ':']);
    // "Analysts’ estimates": a word ending in an apostrophe owns the next noun; it says nothing.
    if capture.ends_with(['’', '\'']) {
        return None;
    }
    let mut rest = capture;
    while let Some((first, tail)) = rest.split_once(' ') {
        if LEADING_NON_NAMES.binary_search(&first).is_err() {
            break;
        }
        rest = tail.trim_start();
    }
    let single = !rest.contains(' ');
    let first = rest.split(' ').next().unwrap_or("");
    // "Today's post", "Monday's report": a calendar word's possessive names no one.
    let owner = first
        .strip_suffix("’s")
        .or_else(|| first.strip_suffix("'s"));
    let rejected = rest.is_empty()
        || QUESTION_WORDS.contains(&first)
        || GROUP_NOUNS.binary_search(&first).is_ok()
        || owner.is_some_and(|o| NEVER_NAMES.binary_search(&o).is_ok())
        || LEADING_NON_NAMES.binary_search(&rest).is_ok()
        || (single && NEVER_NAMES.binary_search(&rest).is_ok());
    (!rejected).then_some(rest)
}

/// Orders hands nearest this page first and drops repeats of one publisher.
pub fn nearest_first(mut hands: Vec<Hand>) -> Vec<Hand> {
    hands.sort_by_key(|h| {
        let order = match h.place {
            Place::Relay => usize::MAX - h.at,
            Place::Outer | Place::Inner => h.at,
        };
        (h.place, order)
    });
    let mut seen: Vec<String> = Vec::new();
    hands.retain(|h| {
        let key = publisher_key(&h.name);
        let fresh = !key.is_empty() && !seen.contains(&key);
        seen.push(key);
        fresh
    });
    hands
}

/// The reason a chain mark gives, from its hands (nearest first); listed in the order the claim
/// travelled, so the reader reads the chain from its source to this page.
pub fn reason(hands: &[Hand]) -> String {
    let names: Vec<&str> = hands.iter().rev().map(|h| h.name.as_str()).collect();
    let count = match hands.len() {
        1 => "1 hand".to_string(),
        n => format!("{n} hands"),
    };
    let linked = if hands.len() == 1 {
        "it is not linked"
    } else {
        "none is linked"
    };
    format!(
        "Second-hand claim: it passed through {count} ({}) before this page, and {linked}.",
        names.join(", ")
    )
}

/// The hands as provenance evidence, nearest first, each cited in the text.
pub fn evidence(hands: &[Hand]) -> Vec<Evidence> {
    hands
        .iter()
        .map(|h| Evidence::new(Some(&h.name), h.url.as_deref(), Depth::Cited, &h.how))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hand(name: &str, how: &str, place: Place, at: usize) -> Hand {
        Hand {
            name: name.into(),
            how: how.into(),
            place,
            at,
            url: None,
        }
    }

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(LEADING_NON_NAMES.windows(2).all(|w| w[0] < w[1]));
        assert!(GROUP_NOUNS.windows(2).all(|w| w[0] < w[1]));
        assert!(NEVER_NAMES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn names_lose_clause_openers_and_calendar_words_are_not_names() {
        assert_eq!(name("Meanwhile Putin"), Some("Putin"));
        assert_eq!(
            name("The Wall Street Journal"),
            Some("The Wall Street Journal")
        );
        assert_eq!(name("Kommersant."), Some("Kommersant"));
        assert_eq!(name("Monday"), None);
        assert_eq!(name("In March"), None);
        assert_eq!(name("The"), None);
        assert_eq!(name("Analysts’"), None);
        assert_eq!(name("Critics of DC’s recent movies"), None);
        assert_eq!(name("Today's post"), None);
        assert_eq!(name("What Page"), None);
    }

    #[test]
    fn relayed_hands_run_backwards_and_outer_hands_come_first() {
        let hands = nearest_first(vec![
            hand("Kommersant", "cited by", Place::Relay, 40),
            hand("KyivPost", "reposted by", Place::Relay, 70),
            hand("Interfax", "citing", Place::Inner, 90),
            hand("Reuters", "reported", Place::Outer, 10),
            hand("Kyiv Post", "reposted by", Place::Relay, 95),
        ]);
        let names: Vec<_> = hands.iter().map(|h| h.name.as_str()).collect();
        // "KyivPost" is the same publisher as the nearer "Kyiv Post", so it is listed once.
        assert_eq!(names, ["Reuters", "Kyiv Post", "Kommersant", "Interfax"]);
    }

    #[test]
    fn the_reason_counts_hands_and_reads_from_the_source() {
        let hands = nearest_first(vec![
            hand("Kommersant", "cited by", Place::Relay, 40),
            hand("KyivPost", "reposted by", Place::Relay, 70),
        ]);
        assert_eq!(
            reason(&hands),
            "Second-hand claim: it passed through 2 hands (Kommersant, KyivPost) before this page, and none is linked."
        );
        let ev = evidence(&hands);
        assert_eq!(ev[0].name.as_deref(), Some("KyivPost"));
        assert_eq!(ev[0].how, "reposted by");
        assert_eq!(ev[1].depth, Depth::Cited);
    }
}
