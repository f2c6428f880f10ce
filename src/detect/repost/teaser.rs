//! Teasers: the title and opening an aggregator scraped into the top of the page.
//!
//! Duplication is found by comparing text, not by position: a block that is one string twice over,
//! or a block near the top whose words open, in order, one of the paragraphs that follow. A TLDR or
//! key-points list summarises in other words, and a pull quote repeats a sentence from inside the body
//! (and is a quote), so neither matches.

use crate::mark::{Category, Finding};
use crate::page::{BlockKind, Page};
use crate::rules::StructuralRule;

/// Shortest half, in non-space characters, for a block repeated twice to be a scraped teaser; shorter
/// doubles ("Talks Talks") are stutters of layout, not copies of an opening.
const MIN_DOUBLED_CHARS: usize = 20;

/// Fewest distinct letters and digits in a doubled half: a scraped title has words; a rule of one
/// repeated character ("========") or a two-character pattern does not (issue 13).
const MIN_DOUBLED_DISTINCT: usize = 6;

/// Shortest teaser, in letters and digits, that can repeat the opening; a shorter overlap is a phrase
/// an opening may share with anything.
const MIN_TEASER_CHARS: usize = 40;

/// Teasers sit at the top: only this many leading blocks are candidates.
const TEASER_WINDOW: usize = 8;

/// How many following blocks a teaser's text is looked for in.
const LEDE_WINDOW: usize = 6;

pub(super) fn find(
    page: &Page,
    skip: &[bool],
    doubled: &StructuralRule,
    repeats: &StructuralRule,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let open: Vec<usize> = (0..page.blocks.len()).filter(|&b| !skip[b]).collect();
    for (i, &b) in open.iter().enumerate().take(TEASER_WINDOW) {
        let block = &page.blocks[b];
        let rule = if is_doubled(&block.text) {
            doubled
        } else if !matches!(
            block.kind,
            BlockKind::Heading(_) | BlockKind::ListItem | BlockKind::Quote
        ) && repeats_following(page, &open[i + 1..], &block.text)
        {
            repeats
        } else {
            continue;
        };
        out.push(Finding::new(
            Category::RepostNoise,
            &rule.id,
            &rule.reason,
            b,
            0..block.text.len(),
        ));
    }
    out
}

/// Whether `text`, ignoring whitespace, is one string written twice.
pub(super) fn is_doubled(text: &str) -> bool {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let half = chars.len() / 2;
    let mut distinct: Vec<char> = chars[..half]
        .iter()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect();
    distinct.sort_unstable();
    distinct.dedup();
    chars.len().is_multiple_of(2)
        && half >= MIN_DOUBLED_CHARS
        && distinct.len() >= MIN_DOUBLED_DISTINCT
        && chars[..half] == chars[half..]
}

/// Letters and digits only, lowercased: the text as a reader compares it.
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether the blocks after a candidate repeat its text word for word.
fn repeats_following(page: &Page, following: &[usize], text: &str) -> bool {
    let teaser = letters(text);
    if teaser.chars().count() < MIN_TEASER_CHARS {
        return false;
    }
    // The opening: a teaser repeats a paragraph from its start (running on into the next ones); a
    // pull quote repeats a sentence from inside the body, so matching mid-paragraph does not count.
    let paragraphs: Vec<String> = following
        .iter()
        .filter(|&&b| !matches!(page.blocks[b].kind, BlockKind::Heading(_)))
        .take(LEDE_WINDOW)
        .map(|&b| letters(&page.blocks[b].text))
        .collect();
    (0..paragraphs.len()).any(|i| paragraphs[i..].concat().starts_with(&teaser))
}

#[cfg(test)]
mod tests {
    use super::is_doubled;
    use crate::mark::Category;
    use crate::{Engine, Page};

    fn teaser_marks(page: &Page) -> usize {
        let analysis = Engine::new().unwrap().analyze(page);
        analysis
            .marks
            .iter()
            .filter(|m| m.category == Category::RepostNoise && m.rule.starts_with("teaser."))
            .count()
    }

    /// Regression (issue 8): a pull quote repeating a sentence of the body was marked as a teaser.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_pull_quote_repeating_a_body_sentence_is_no_teaser() {
        let text = "Markets rallied as the Fed held rates, and the dollar slipped against the yen.\n\
                    Bitcoin Tops $100K\n\
                    Traders had waited for weeks. Markets rallied as the Fed held rates, and the dollar slipped against the yen. The move extended gains into the close.";
        assert_eq!(teaser_marks(&Page::from_text(text, "")), 0);
        let html = "<html><body><article><h1>Bitcoin Tops $100K</h1><blockquote>Markets rallied as the Fed held rates, and the dollar slipped against the yen.</blockquote>\
                    <p>Markets rallied as the Fed held rates, and the dollar slipped against the yen, traders said on Tuesday after a long wait.</p></article></body></html>";
        let page = Page::from_snapshot(&crate::html::snapshot(html, ""));
        assert_eq!(teaser_marks(&page), 0);
    }

    /// Regression (issue 13): a line of one repeated character was marked whole as a doubled teaser.
    #[test]
    fn a_rule_of_one_repeated_character_is_no_doubled_teaser() {
        assert!(!is_doubled(&"=".repeat(80)));
        assert!(!is_doubled(&"-_".repeat(40)));
        assert!(!is_doubled(&"ab ".repeat(30)));
    }

    #[test]
    fn doubles_need_two_equal_halves_of_some_length() {
        assert!(is_doubled(
            "Bitcoin tops $100K on Tuesday as fundsBitcoin tops $100K on Tuesday as funds"
        ));
        assert!(!is_doubled("Talks Talks"));
        assert!(!is_doubled(
            "Bitcoin tops $100K on Tuesday as funds pile in, and then bitcoin tops"
        ));
    }
}
