//! What the article has said about its speakers so far, carried from sentence to sentence.
//!
//! News copy attributes a quote once and lets it run: "“We want them to help,” he said." follows
//! "…, said John David Wicker", a paragraph of quotation follows its speaker, "Yellen said" follows
//! "In a news conference, Fed Chair Janet Yellen said". The reader takes each of these from the
//! speaker named before, and so does the detector:
//!
//! - a sentence that is only a quotation, or whose speaker is a pronoun ("she said", "they said"),
//!   takes the standing of the last attribution: cleared if that one was checkable, marked with the
//!   same cue and severity if it was not ("they said" after "the officials said" is as vague);
//! - a named speaker whose name was last seen in a checkable sentence (a venue, the outlet's own
//!   interview, a link) is cleared again: the reader knows where those words come from.
//!
//! A heading ends what is carried: a new section may quote someone else.

use crate::mark::Severity;

use super::chain;

/// The standing of the last attribution.
#[derive(Debug, Clone)]
pub enum Last {
    /// The reader could check it.
    Cleared,
    /// It was marked with this rule, reason and severity.
    Marked {
        rule: String,
        reason: String,
        severity: Option<Severity>,
    },
}

/// Speakers and attributions seen so far in the article, in reading order.
#[derive(Debug, Default)]
pub struct Carry {
    pub last: Option<Last>,
    /// Capitalised words of sentences the reader could check; a later named speaker among them is
    /// cleared too.
    cleared_names: Vec<String>,
    /// An attribution ending in a colon ("…, she said:", "explaining that:", "Dr. Bhamre says:")
    /// opened a passage of the speaker's words without quotation marks: how many more blocks it may
    /// reach ([`MAX_PASSAGE_BLOCKS`]).
    passage: Option<usize>,
    /// The section reports an event whose speakers it named as a group ("executives speaking on a
    /// panel"): its named speakers spoke there.
    at_event: bool,
}

/// Blocks after the one that opens it that a passage introduced by a colon may reach. News pages
/// set the introduced words as their own paragraphs (a block quote, a list), often with a share
/// line or a newsletter box between (348: "Dr. … says:", a "follow us on Twitter" line, then the
/// doctor's paragraph). On the real set (2026-11-25) 1 block found 6 fewer sentences than 2, and 3
/// found and marked exactly what 2 did.
const MAX_PASSAGE_BLOCKS: usize = 2;

/// Characters that open a quotation.
const OPENING_QUOTES: &[char] = &['“', '"', '‘', '«'];

/// Pronouns that stand for the last speaker.
const PRONOUNS: &[&str] = &["he", "it", "she", "they"];

/// Shortest capitalised word kept as a name of a cleared speaker ("Yellen", "Durr").
const MIN_NAME_CHARS: usize = 3;

impl Carry {
    /// A heading: nothing is carried into the next section.
    pub fn reset(&mut self) {
        self.last = None;
        self.passage = None;
        self.at_event = false;
    }

    /// The section reports an event and names its speakers as a group.
    pub fn event(&mut self) {
        self.at_event = true;
    }

    /// A new body block: a passage introduced by a colon reaches one block fewer.
    pub fn next_block(&mut self) {
        self.passage = match self.passage {
            Some(0) | None => None,
            Some(n) => Some(n - 1),
        };
    }

    /// Whether the sentence being read lies in a passage introduced by a colon: the last
    /// attribution's words, set apart without quotation marks.
    pub fn in_passage(&self) -> bool {
        self.passage.is_some()
    }

    /// A sentence was read: one with an attribution (`attributes`: a cue or a venue) that ends in a
    /// colon opens a passage of its speaker's words; any other attribution ends the one before.
    ///
    /// Quotation marks delimit the words they open: a passage whose words come in quotation marks
    /// ends with the block that holds them ("The sources said the following:" then "“…”", then the
    /// writer's own paragraph).
    pub fn read(&mut self, sentence: &str, attributes: bool) {
        if attributes {
            self.passage = introduces(sentence).then_some(MAX_PASSAGE_BLOCKS);
        } else if self.passage.is_some() && is_quotation(sentence) {
            self.passage = Some(0);
        }
    }

    /// The sentence `sentence`, whose speakers are `speakers`, was checkable: later pronouns and
    /// quotations follow it, and its speakers are known as cleared. A quoted statement lends all
    /// its capitalised words too, for a speaker no rule could name ("“…,” Robin Rönnlund, PhD
    /// student in …, said in a statement").
    pub fn clear(&mut self, sentence: &str, speakers: &[&str]) {
        self.last = Some(Last::Cleared);
        self.know(speakers.iter().filter_map(|s| last_word(s)));
        // A speaker a rule names oddly ("Calif.)" of "Rep. Kevin McCarthy (R., Calif.), a member
        // of the leadership, said") is still among the sentence's capitalised words.
        if sentence.contains(OPENING_QUOTES) {
            self.clear_all_names(sentence);
        }
    }

    /// Knows the owner a linked document names ("Fed" of a link reading "Fed statement"): the
    /// reader can read what it said, and its later words in the article are that document's.
    pub fn clear_document_owner(&mut self, link_text: &str) {
        self.clear_all_names(link_text);
    }

    /// Knows every capitalised word of `sentence` as a cleared speaker.
    pub fn clear_all_names(&mut self, sentence: &str) {
        self.know(sentence.split(|c: char| !(c.is_alphanumeric() || c == '-')));
    }

    fn know<'w>(&mut self, words: impl Iterator<Item = &'w str>) {
        for word in words {
            if word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().count() >= MIN_NAME_CHARS
                && chain::name(word).is_some()
                && !self.cleared_names.iter().any(|n| n == word)
            {
                self.cleared_names.push(word.to_string());
            }
        }
    }

    pub fn mark(&mut self, rule: &str, reason: &str, severity: Option<Severity>) {
        self.last = Some(Last::Marked {
            rule: rule.to_string(),
            reason: reason.to_string(),
            severity,
        });
    }

    /// Whether the speaker `who` was last seen in a checkable sentence: the last word of the name
    /// ("Yellen" of "Fed Chair Janet Yellen") is among the cleared names.
    ///
    /// In a section reporting an event whose speakers were named as a group, every named speaker
    /// is known: they spoke there.
    pub fn knows(&self, who: &str) -> bool {
        self.at_event
            || last_word(who).is_some_and(|last| self.cleared_names.iter().any(|n| n == last))
    }
}

/// The last word of a name, without a possessive: "Yellen" of "Fed Chair Janet Yellen’s".
pub fn last_word(name: &str) -> Option<&str> {
    let name = name
        .trim()
        .trim_end_matches(['.', ','])
        .trim_end_matches("’s")
        .trim_end_matches("'s");
    name.rsplit(' ').next().filter(|w| !w.is_empty())
}

/// Titles that, after "the", refer back to a speaker already introduced: "the US President said",
/// "the athletics executive believes", "the official added" after "a senior official said". Kept
/// sorted.
const TITLES: &[&str] = &[
    "actor",
    "actress",
    "aide",
    "analyst",
    "chairman",
    "chairwoman",
    "chief",
    "diplomat",
    "director",
    "economist",
    "executive",
    "governor",
    "host",
    "lady",
    "leader",
    "mayor",
    "official",
    "president",
    "president-elect",
    "publicist",
    "senator",
    "singer",
    "source",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "star",
    "witness",
];

/// Most words in a back reference ("the outgoing Fed chief").
const MAX_BACK_REFERENCE_WORDS: usize = 4;

/// Whether a speaker found by a rule stands for the last speaker: a pronoun ("she said"), or "the"
/// and a title ("the US President said").
pub fn refers_back(who: &str) -> bool {
    let who = who.trim();
    if PRONOUNS.contains(&who.to_ascii_lowercase().as_str()) {
        return true;
    }
    let mut words = who.split_whitespace();
    let definite = words.next().is_some_and(|w| w.eq_ignore_ascii_case("the"));
    let title = who.rsplit(' ').next().map(str::to_ascii_lowercase);
    definite
        && who.split_whitespace().count() <= MAX_BACK_REFERENCE_WORDS
        && title.is_some_and(|t| TITLES.binary_search(&t.as_str()).is_ok())
}

/// Most words after a quotation that still leave a sentence "only quoted speech": "he asks,
/// laughing" continues the speaker before; "chanted the protesters, some of them with little
/// children, …" names a speaker of its own.
const MAX_WORDS_AFTER_QUOTE: usize = 4;

/// Whether a sentence is only quoted speech: it opens with a quotation mark (a continuation such as
/// "“We’ll be bidding on NCAA championships.”" after its speaker's sentence), and little follows
/// the quotation's close.
pub fn is_quotation(sentence: &str) -> bool {
    let sentence = sentence.trim();
    if !sentence.starts_with(OPENING_QUOTES) {
        return false;
    }
    let opening = sentence.chars().next().map_or(0, char::len_utf8);
    let after = sentence[opening..]
        .rfind(['”', '"'])
        .map_or("", |i| &sentence[opening + i..]);
    let words: Vec<&str> = after
        .split_whitespace()
        .skip(1)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    // "…,” the leader wrote to the president": a speaker referring back, however long the rest.
    let back =
        (1..=MAX_BACK_REFERENCE_WORDS.min(words.len())).any(|n| refers_back(&words[..n].join(" ")));
    words.len() <= MAX_WORDS_AFTER_QUOTE || back
}

/// Whether a sentence introduces the words that follow it: it ends in a colon ("It was a
/// troubling realization, she said:", "The anonymous sources said the following about this:").
pub fn introduces(sentence: &str) -> bool {
    sentence.trim_end().ends_with(':')
}

/// Byte ranges of the quotations in `text`: text between a curly pair “ … ”, or between two
/// straight quotes. Cue words inside them are the speaker's words, not the page's.
pub fn quotations(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut open_curly = None;
    let mut open_straight = None;
    for (i, c) in text.char_indices() {
        match c {
            '“' => open_curly = Some(i),
            '”' => {
                if let Some(start) = open_curly.take() {
                    out.push(start..i + c.len_utf8());
                }
            }
            '"' => match open_straight.take() {
                Some(start) => out.push(start..i + 1),
                None => open_straight = Some(i),
            },
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cleared_speaker_is_known_by_the_last_word_of_the_name() {
        let mut carry = Carry::default();
        carry.clear(
            "In a news conference, Fed Chair Janet Yellen said the outlook was uncertain.",
            &["Fed Chair Janet Yellen"],
        );
        assert!(carry.knows("Yellen"));
        assert!(carry.knows("Janet Yellen’s"));
        assert!(!carry.knows("Eaglen"));
        assert!(!carry.knows("Chair"), "only the speaker's name is kept");
        assert!(matches!(carry.last, Some(Last::Cleared)));
        carry.clear("“We also found pottery,” Robin Rönnlund, PhD student at the university, said in a statement.", &[]);
        assert!(carry.knows("Rönnlund"));
        carry.clear(
            "The transition team announced that Carl Icahn will serve as an adviser.",
            &[],
        );
        assert!(
            !carry.knows("Icahn"),
            "a name in an announcement is not a speaker cleared"
        );
    }

    #[test]
    fn titles_are_sorted_and_refer_back_after_the() {
        assert!(TITLES.windows(2).all(|w| w[0] < w[1]));
        assert!(refers_back("the US President"));
        assert!(refers_back("The athletics executive"));
        assert!(!refers_back("the company"));
        assert!(!refers_back("President Obama"));
    }

    #[test]
    fn quotations_and_pronouns() {
        assert!(is_quotation("“We’ll be bidding on NCAA championships.”"));
        assert!(!is_quotation("He said “no”."));
        assert!(is_quotation("“I mean, how else?” he asks, laughing."));
        assert!(!is_quotation(
            "“No more Fukushima!” chanted the protesters, some of them with little children."
        ));
        assert!(is_quotation(
            "“You are a man who has courage,” the leader wrote to the president in the letter."
        ));
        assert!(refers_back("She"));
        assert!(!refers_back("Shea"));
        let text =
            "The host asked, “isn’t that against the rules?” to which she replied, \"apparently.\"";
        let spans: Vec<&str> = quotations(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            spans,
            ["“isn’t that against the rules?”", "\"apparently.\""]
        );
    }
}
