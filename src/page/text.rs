//! A plain-text page: a block per non-empty line.
//!
//! Text pages are what a reader copies out of a browser, so the line is all the structure there is.
//! A short line without closing punctuation that precedes a longer one reads as a heading, and a line
//! that opens with a bullet is a list item (the bullet is not part of the block's text).

use super::{Block, BlockKind, Element, Page};

/// Longest line, in characters, that can still be a heading in a text page.
const MAX_TEXT_HEADING_CHARS: usize = 120;

const BULLETS: &[char] = &['•', '·', '●', '▪', '◦', '-', '*', '–'];

pub(super) fn build(page: &mut Page, text: &str) {
    page.elements.push(Element {
        tag: "#root".into(),
        ..Element::default()
    });
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    for (i, line) in lines.iter().enumerate() {
        let (kind, body) = match line.strip_prefix(BULLETS) {
            Some(rest) if rest.starts_with(' ') => (BlockKind::ListItem, rest.trim_start()),
            _ if looks_like_heading(line, lines.get(i + 1).copied()) => {
                (BlockKind::Heading(2), *line)
            }
            _ => (BlockKind::Paragraph, *line),
        };
        let text: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
        page.blocks.push(Block {
            text,
            kind,
            element: 0,
            ..Block::default()
        });
    }
}

fn looks_like_heading(line: &str, next: Option<&str>) -> bool {
    let chars = line.chars().count();
    let first_upper = line.chars().next().is_some_and(|c| c.is_uppercase());
    let closed = line.ends_with(['.', '!', '?', ':', ',', ';', '”', '"', '…']);
    let next_longer = next.is_some_and(|n| n.chars().count() > chars * 2);
    chars <= MAX_TEXT_HEADING_CHARS
        && first_upper
        && !closed
        && next_longer
        && line.split_whitespace().count() >= 2
}
