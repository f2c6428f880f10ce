//! Bare source labels: a publisher's name standing alone near the top of a copy ("BitcoinWorld").
//!
//! A short line is only a label when the page names the same publisher as a source elsewhere (a
//! feed footer, a source line); a section name or the site's own logo text never is.

use crate::detect::provenance::{Depth, Evidence, publisher_key};
use crate::mark::{Category, Finding};
use crate::page::{BlockKind, Page};
use crate::rules::StructuralRule;

/// Labels sit in the page's head: only this many leading blocks are candidates.
const LABEL_WINDOW: usize = 12;

/// Longest label, in characters, and in words: publisher names are short.
const MAX_LABEL_CHARS: usize = 40;
const MAX_LABEL_WORDS: usize = 4;

pub(super) fn find(
    page: &Page,
    skip: &[bool],
    evidence: &[Evidence],
    rule: &StructuralRule,
) -> Vec<Finding> {
    let sources: Vec<String> = evidence
        .iter()
        .filter(|e| {
            matches!(
                e.depth,
                Depth::Source | Depth::Republisher | Depth::Original
            )
        })
        .flat_map(|e| e.name.iter().chain(e.url.iter()).map(|n| publisher_key(n)))
        .filter(|k| !k.is_empty())
        .collect();
    if sources.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (b, block) in page
        .blocks
        .iter()
        .enumerate()
        .filter(|(b, _)| !skip[*b])
        .take(LABEL_WINDOW)
    {
        let text = block.text.trim();
        let short = text.chars().count() <= MAX_LABEL_CHARS
            && text.split_whitespace().count() <= MAX_LABEL_WORDS;
        let bare = !text.ends_with(['.', '!', '?', ':']) && block.kind != BlockKind::Heading(1);
        if short && bare && sources.contains(&publisher_key(text)) {
            let reason = crate::rules::fill(&rule.reason, &[("site", text)]);
            let range = 0..block.text.len();
            out.push(Finding::new(
                Category::RepostNoise,
                &rule.id,
                reason,
                b,
                range,
            ));
        }
    }
    out
}
