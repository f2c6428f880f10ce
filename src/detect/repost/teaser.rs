//! Teasers: the title and opening an aggregator scraped into the top of the page.
//!
//! Duplication is found by comparing text, not by position: a block that is one string twice over,
//! or a block near the top whose words reappear, in order, in the paragraphs that follow. A TLDR or
//! key-points list summarises in other words, so it never matches.

use crate::mark::{Category, Finding};
use crate::page::{BlockKind, Page};
use crate::rules::StructuralRule;

/// Shortest half, in non-space characters, for a block repeated twice to be a scraped teaser; shorter
/// doubles ("Talks Talks") are stutters of layout, not copies of an opening.
const MIN_DOUBLED_CHARS: usize = 20;

/// Shortest teaser, in letters and digits, that can repeat the opening; a shorter overlap is a phrase
/// an opening may share with anything.
const MIN_TEASER_CHARS: usize = 40;

/// Teasers sit at the top: only this many leading blocks are candidates.
const TEASER_WINDOW: usize = 8;

/// How many following blocks a teaser's text is looked for in.
const LEDE_WINDOW: usize = 6;

pub(super) fn find(page: &Page, skip: &[bool], doubled: &StructuralRule, repeats: &StructuralRule) -> Vec<Finding> {
    let mut out = Vec::new();
    let open: Vec<usize> = (0..page.blocks.len()).filter(|&b| !skip[b]).collect();
    for (i, &b) in open.iter().enumerate().take(TEASER_WINDOW) {
        let block = &page.blocks[b];
        let rule = if is_doubled(&block.text) {
            doubled
        } else if !matches!(block.kind, BlockKind::Heading(_) | BlockKind::ListItem) && repeats_following(page, &open[i + 1..], &block.text) {
            repeats
        } else {
            continue;
        };
        out.push(Finding {
            category: Category::RepostNoise,
            rule: rule.id.clone(),
            reason: rule.reason.clone(),
            block: b,
            range: 0..block.text.len(),
            severity: None,
            group: None,
        });
    }
    out
}

/// Whether `text`, ignoring whitespace, is one string written twice.
pub(super) fn is_doubled(text: &str) -> bool {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let half = chars.len() / 2;
    chars.len().is_multiple_of(2) && half >= MIN_DOUBLED_CHARS && chars[..half] == chars[half..]
}

/// Letters and digits only, lowercased: the text as a reader compares it.
fn letters(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Whether the blocks after a candidate repeat its text word for word.
fn repeats_following(page: &Page, following: &[usize], text: &str) -> bool {
    let teaser = letters(text);
    if teaser.chars().count() < MIN_TEASER_CHARS {
        return false;
    }
    let window: String = following
        .iter()
        .filter(|&&b| !matches!(page.blocks[b].kind, BlockKind::Heading(_)))
        .take(LEDE_WINDOW)
        .map(|&b| letters(&page.blocks[b].text))
        .collect();
    window.contains(&teaser)
}

#[cfg(test)]
mod tests {
    use super::is_doubled;

    #[test]
    fn doubles_need_two_equal_halves_of_some_length() {
        assert!(is_doubled("Bitcoin tops $100K on Tuesday as fundsBitcoin tops $100K on Tuesday as funds"));
        assert!(!is_doubled("Talks Talks"));
        assert!(!is_doubled("Bitcoin tops $100K on Tuesday as funds pile in, and then bitcoin tops"));
    }
}
