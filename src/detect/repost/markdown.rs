//! Markdown read as its reader reads it, for the residue patterns.
//!
//! Feed items, saved posts and READMEs reach us as Markdown text, where a link is `[name](url)`, a
//! note is set in `_italics_` or `**bold**`, a quote opens with `>` and a domain sits in `` `code` ``.
//! The residue grammar is written for the words a reader sees ("republished from The Conversation
//! under a Creative Commons license"), so a block's text is matched in a *reading*: the markup
//! dropped, `[name](url)`, `[name][ref]` and `<url>` read as links (a reference resolved from the
//! page's `[ref]: url` lines), and a map back to the block's own byte offsets. A mark found in the
//! reading is mapped back and widened over the markup that wraps it (`_…_`, `[…](url)`, `> **…**`),
//! so that the whole passage is marked as written.
//!
//! Blocks without markup are read as they are (no copy). Markup is recognised only where Markdown
//! would read it: `_` inside a word (`snake_case`), `*` between spaces (`3 * 4`) and brackets not
//! followed by a link target (`[Read the entire article here]`) stay text.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use crate::page::{Block, Link, Page};

/// Longest link text read as a link: further, a `[` is a stray bracket, not a link's start.
const LINK_TEXT_BYTES: usize = 400;

/// Longest code span read as one (`` `hastexo.com` ``).
const CODE_SPAN_BYTES: usize = 120;

/// A block read without its Markdown markup.
#[derive(Debug, Clone)]
pub struct Reading<'p> {
    /// The block as read: text without markup, links (Markdown's and the block's own) over it.
    pub block: Cow<'p, Block>,
    /// The block's own text, where markup was found (empty: the text is its own reading; a line of
    /// markup alone, `>`, reads as empty text but keeps its own).
    original: String,
    /// The byte in the block's own text of every byte of the reading (empty: no markup).
    map: Vec<usize>,
    /// Markup that opens a run of text (`_`, `**`, `[`, `> `), in the block's own offsets.
    openers: Vec<Range<usize>>,
    /// Markup that closes one (`_`, `**`, `](url)`, a code span's closing backtick).
    closers: Vec<Range<usize>>,
    /// Link texts and code spans in the reading: the names a passage gives (`[Kitware blog](…)`).
    pub names: Vec<Range<usize>>,
}

impl<'p> Reading<'p> {
    /// The reading of every block of `page`.
    pub fn page(page: &'p Page) -> Vec<Reading<'p>> {
        let refs = references(page);
        page.blocks.iter().map(|b| Reading::of(b, &refs)).collect()
    }

    /// The reading of one block, with `refs` the page's reference definitions (lowercased label →
    /// address).
    fn of(block: &'p Block, refs: &HashMap<String, String>) -> Reading<'p> {
        let text = &block.text;
        let plain = || Reading {
            block: Cow::Borrowed(block),
            original: String::new(),
            map: Vec::new(),
            openers: Vec::new(),
            closers: Vec::new(),
            names: Vec::new(),
        };
        if !text.contains(['_', '*', '[', '<', '>', '`', '#']) || reference(text).is_some() {
            return plain();
        }
        let mut p = Parse {
            text,
            out: String::with_capacity(text.len()),
            map: Vec::with_capacity(text.len()),
            openers: Vec::new(),
            closers: Vec::new(),
            links: Vec::new(),
            names: Vec::new(),
        };
        p.run(refs);
        if p.openers.is_empty() && p.closers.is_empty() {
            return plain();
        }
        let Parse {
            out,
            map,
            openers,
            closers,
            mut links,
            names,
            ..
        } = p;
        // The block's own links (an HTML page carrying Markdown text), moved into the reading.
        let inverse = |b: usize| map.partition_point(|&o| o < b);
        links.extend(block.links.iter().map(|l| Link {
            range: inverse(l.range.start)..inverse(l.range.end),
            href: l.href.clone(),
        }));
        links.sort_by_key(|l| l.range.start);
        Reading {
            block: Cow::Owned(Block {
                text: out,
                links,
                kind: block.kind,
                element: block.element,
                segments: Vec::new(),
            }),
            original: text.clone(),
            map,
            openers,
            closers,
            names,
        }
    }

    /// `range` of the reading as a range of the block's own text, widened over the markup wrapping
    /// it: openers right before it, closers right after it (whitespace between allowed).
    pub fn original(&self, range: Range<usize>) -> Range<usize> {
        if self.original.is_empty() {
            return range;
        }
        let len = self.original.len();
        let at = |i: usize| self.map.get(i).copied().unwrap_or(len);
        let mut start = at(range.start);
        let mut end = if range.end > range.start {
            at(range.end - 1) + 1
        } else {
            start
        };
        while !self.original.is_char_boundary(end) {
            end += 1;
        }
        while let Some(o) = self
            .openers
            .iter()
            .rev()
            .find(|o| o.start < start && o.end <= start && self.gap(o.end..start))
        {
            start = o.start;
        }
        while let Some(c) = self
            .closers
            .iter()
            .find(|c| c.end > end && c.start >= end && self.gap(end..c.start))
        {
            end = c.end;
        }
        start..end
    }

    /// Whether the block is a note set apart as a whole: wrapped in emphasis (`_…_`, `*…*`) from its
    /// first byte to its last.
    pub fn is_wrapped_note(&self) -> bool {
        self.emphasis_opens() && self.emphasis_closes()
    }

    /// Whether emphasis opens the block (`_Note: …`).
    pub fn emphasis_opens(&self) -> bool {
        self.openers
            .iter()
            .any(|o| o.start == 0 && self.is_emphasis(o))
    }

    /// Whether emphasis closes the block (`… for more information._`).
    pub fn emphasis_closes(&self) -> bool {
        self.closers
            .iter()
            .any(|c| c.end == self.original.len() && self.is_emphasis(c))
    }

    /// Whether the line is quoted (`> …`).
    pub fn is_quoted(&self) -> bool {
        self.openers
            .first()
            .is_some_and(|o| o.start == 0 && self.original[o.clone()].starts_with('>'))
    }

    fn is_emphasis(&self, r: &Range<usize>) -> bool {
        self.original[r.clone()]
            .chars()
            .all(|c| c == '_' || c == '*')
    }

    /// Whether `r` of the block's own text holds only whitespace.
    fn gap(&self, r: Range<usize>) -> bool {
        self.original[r].trim().is_empty()
    }
}

/// The page's Markdown reference definitions (`[42]: https://…`), by lowercased label.
fn references(page: &Page) -> HashMap<String, String> {
    page.blocks
        .iter()
        .filter_map(|b| reference(&b.text))
        .map(|(label, url)| (label.to_lowercase(), url.to_string()))
        .collect()
}

/// A reference definition line: `[label]: address`.
fn reference(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix('[')?;
    let (label, rest) = rest.split_once("]:")?;
    let url = rest.split_whitespace().next()?;
    (!label.is_empty() && !label.contains(['[', ']']) && url.contains(['/', '.']))
        .then_some((label, url))
}

/// One pass over a block's text, writing the reading.
struct Parse<'t> {
    text: &'t str,
    out: String,
    map: Vec<usize>,
    openers: Vec<Range<usize>>,
    closers: Vec<Range<usize>>,
    links: Vec<Link>,
    names: Vec<Range<usize>>,
}

impl Parse<'_> {
    fn run(&mut self, refs: &HashMap<String, String>) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = self.line_start();
        // Open links: (the reading's offset where the text starts, where `]` is, the closer's end,
        // the address).
        let mut open: Vec<(usize, usize, usize, String)> = Vec::new();
        // An open code span: where its closing backtick is, and where its text starts in the reading.
        let mut code: Option<(usize, usize)> = None;
        while i < text.len() {
            if let Some(&(start, close, end, _)) = open.last()
                && i == close
            {
                let (_, _, _, href) = open.pop().expect("an open link");
                self.closers.push(close..end);
                let range = start..self.out.len();
                self.names.push(range.clone());
                if !href.is_empty() {
                    self.links.push(Link { range, href });
                }
                i = end;
                continue;
            }
            if let Some((end, start)) = code
                && end == i
            {
                self.closers.push(i..i + 1);
                self.names.push(start..self.out.len());
                code = None;
                i += 1;
                continue;
            }
            let c = bytes[i];
            if code.is_none() {
                match c {
                    b'[' => {
                        if let Some((close, end, href)) = link_at(text, i, refs) {
                            self.openers.push(i..i + 1);
                            open.push((self.out.len(), close, end, href));
                            i += 1;
                            continue;
                        }
                    }
                    b'!' if text[i + 1..].starts_with('[')
                        && link_at(text, i + 1, refs).is_some() =>
                    {
                        // An image: its alt text is read like a link's text.
                        let (close, end, href) = link_at(text, i + 1, refs).expect("checked");
                        self.openers.push(i..i + 2);
                        open.push((self.out.len(), close, end, href));
                        i += 2;
                        continue;
                    }
                    b'<' => {
                        if let Some(end) = autolink_at(text, i) {
                            self.openers.push(i..i + 1);
                            let start = self.out.len();
                            self.copy(i + 1..end);
                            let range = start..self.out.len();
                            self.links.push(Link {
                                range: range.clone(),
                                href: text[i + 1..end].to_string(),
                            });
                            self.names.push(range);
                            self.closers.push(end..end + 1);
                            i = end + 1;
                            continue;
                        }
                    }
                    b'`' => {
                        let close = text[i + 1..]
                            .find('`')
                            .map(|j| i + 1 + j)
                            .filter(|&j| j > i + 1 && j - i <= CODE_SPAN_BYTES);
                        if let Some(close) = close {
                            self.openers.push(i..i + 1);
                            code = Some((close, self.out.len()));
                            i += 1;
                            continue;
                        }
                    }
                    b'_' | b'*' => {
                        let run = text[i..].bytes().take_while(|&b| b == c).count();
                        let before = text[..i].chars().next_back();
                        let after = text[i + run..].chars().next();
                        match flank(before, after) {
                            Flank::Opens => self.openers.push(i..i + run),
                            Flank::Closes => self.closers.push(i..i + run),
                            Flank::Text => {
                                self.copy(i..i + run);
                                i += run;
                                continue;
                            }
                        }
                        i += run;
                        continue;
                    }
                    b'\\' if text[i + 1..].starts_with(['_', '*', '[', ']', '`', '#', '>']) => {
                        i += 1;
                        self.copy(i..i + 1);
                        i += 1;
                        continue;
                    }
                    _ => {}
                }
            }
            let n = text[i..].chars().next().map_or(1, char::len_utf8);
            self.copy(i..i + n);
            i += n;
        }
        // Trailing whitespace left by markup removed at the end.
        while self.out.ends_with(' ') {
            self.out.pop();
            self.map.pop();
        }
    }

    /// Markup opening the line: a quote's `>` (nested or not), a heading's `#`s, each followed by a
    /// space. Returns where the line's text starts.
    fn line_start(&mut self) -> usize {
        let text = self.text;
        let mut i = 0;
        loop {
            let rest = &text[i..];
            let hashes = rest.bytes().take_while(|&b| b == b'#').count();
            let run = if rest.starts_with('>') {
                1
            } else if (1..=6).contains(&hashes) && rest[hashes..].starts_with(' ') {
                hashes
            } else {
                break;
            };
            let spaces = text[i + run..].bytes().take_while(|&b| b == b' ').count();
            self.openers.push(i..i + run + spaces);
            i += run + spaces;
        }
        i
    }

    /// Copies `r` of the text into the reading, one space for a run of whitespace.
    fn copy(&mut self, r: Range<usize>) {
        for (j, ch) in self.text[r.clone()].char_indices() {
            if ch.is_whitespace() && (self.out.is_empty() || self.out.ends_with(' ')) {
                continue;
            }
            let at = r.start + j;
            let ch = if ch.is_whitespace() { ' ' } else { ch };
            self.out.push(ch);
            self.map.extend(at..at + ch.len_utf8());
        }
    }
}

/// How a run of `_` or `*` reads, from the characters on either side.
enum Flank {
    Opens,
    Closes,
    Text,
}

fn flank(before: Option<char>, after: Option<char>) -> Flank {
    // CommonMark's flanking rules, with `_`'s stricter reading for both markers: a run next to a
    // word on both sides is text (`snake_case`, `2*3`).
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punct = |c: Option<char>| c.is_some_and(is_punct);
    let left = !space(after) && (!punct(after) || space(before) || punct(before));
    let right = !space(before) && (!punct(before) || space(after) || punct(after));
    match (left, right) {
        (true, false) => Flank::Opens,
        (false, true) => Flank::Closes,
        (true, true) if punct(before) => Flank::Opens,
        (true, true) if punct(after) => Flank::Closes,
        // "… with permission. *": a stray marker closing the text
        (false, false) if after.is_none() && before.is_some() => Flank::Closes,
        _ => Flank::Text,
    }
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || matches!(c, '“' | '”' | '‘' | '’' | '«' | '»' | '—' | '–' | '…')
}

/// A link starting with the `[` at `i`: `[text](address)`, `[text][ref]` or `[text][]` with the
/// reference defined on the page. Returns where `]` is, where the link's markup ends and the address.
fn link_at(text: &str, i: usize, refs: &HashMap<String, String>) -> Option<(usize, usize, String)> {
    let inner = &text[i + 1..];
    let mut depth = 0usize;
    let mut close = None;
    for (j, ch) in inner.char_indices() {
        if j > LINK_TEXT_BYTES {
            return None;
        }
        match ch {
            '[' => depth += 1,
            ']' if depth == 0 => {
                close = Some(i + 1 + j);
                break;
            }
            ']' => depth -= 1,
            _ => {}
        }
    }
    let close = close?;
    let after = &text[close + 1..];
    if let Some(rest) = after.strip_prefix('(') {
        let end = rest.find(')')?;
        let target = rest[..end].trim();
        let href = target.split_whitespace().next().unwrap_or("");
        (!href.is_empty() && !href.contains(['(', '[']))
            .then(|| (close, close + 2 + end + 1, href.to_string()))
    } else if let Some(rest) = after.strip_prefix('[') {
        let end = rest.find(']')?;
        let label = if end == 0 {
            &text[i + 1..close]
        } else {
            &rest[..end]
        };
        let href = refs.get(&label.to_lowercase()).cloned().unwrap_or_default();
        (end <= 40).then(|| (close, close + 2 + end + 1, href))
    } else {
        None
    }
}

/// An autolink starting with the `<` at `i`: `<https://…>`. Returns where `>` is.
fn autolink_at(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i + 1..];
    if !(rest.starts_with("http://") || rest.starts_with("https://")) {
        return None;
    }
    let end = rest.find(['>', ' '])?;
    rest[end..].starts_with('>').then_some(i + 1 + end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> Block {
        Block {
            text: text.to_string(),
            ..Block::default()
        }
    }

    #[test]
    fn links_emphasis_and_code_are_read_as_words() {
        let b = block(
            "_This article is republished from_ [The Conversation](https://theconversation.com) _under a licence._",
        );
        let r = Reading::of(&b, &HashMap::new());
        assert_eq!(
            r.block.text,
            "This article is republished from The Conversation under a licence."
        );
        assert_eq!(r.block.links[0].href, "https://theconversation.com");
        assert_eq!(
            &r.block.text[r.block.links[0].range.clone()],
            "The Conversation"
        );
        assert_eq!(r.original(0..r.block.text.len()), 0..r.original.len());
        let b = block("on the `hastexo.com` website");
        let code = Reading::of(&b, &HashMap::new());
        assert_eq!(code.block.text, "on the hastexo.com website");
        assert_eq!(&code.block.text[code.names[0].clone()], "hastexo.com");
    }

    /// Regression: odd markup (unclosed brackets and backticks, code with spaces, non-ASCII next to
    /// markers) must map every range of the reading back onto character boundaries of the text.
    #[test]
    fn every_range_of_a_reading_maps_back_onto_the_text() {
        for text in [
            "[unclosed link text with ü and no target",
            "` spaced  code ` then [x](y) and *ñ* and __",
            "> ## *«Quoted»* [a [nested] link](http://x.y/ä) `",
            "snake_case_name and 2*3*4 and **",
            "> ",
            "<https://example.com/ü> <not a link>",
            "\\_escaped\\_ and \\[not a link\\](x)",
        ] {
            let b = block(text);
            let r = Reading::of(&b, &HashMap::new());
            let read = &r.block.text;
            let bounds: Vec<usize> = (0..=read.len())
                .filter(|&i| read.is_char_boundary(i))
                .collect();
            for &a in &bounds {
                for &b in bounds.iter().filter(|&&b| b >= a) {
                    let o = r.original(a..b);
                    assert!(o.start <= o.end && o.end <= text.len(), "{text}: {a}..{b}");
                    assert!(text.is_char_boundary(o.start) && text.is_char_boundary(o.end));
                }
            }
            for n in &r.names {
                assert!(read.get(n.clone()).is_some(), "{text}: name {n:?}");
            }
        }
    }
}
