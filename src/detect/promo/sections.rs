//! Promo sections and their cards.
//!
//! A section is found two ways: by a heading cue ("You May Also Like", "Sponsored") or by a
//! container whose class or id names a recommendation widget (`jp-relatedposts`, `OUTBRAIN`,
//! `trc_related_container`). From a heading, the section is the largest ancestor that holds no
//! article prose, no page title and no other heading as high as it; if the heading stands alone,
//! the list right after it. On a text page the section runs to the next section heading, the page
//! footer or the end (or, when it opens with list items, to the end of those).
//!
//! Cards are the children of the items' lowest common ancestor: every card of a widget is built
//! alike, so they hang from one list. Where the items are one flat run of lines (text pages, and
//! aggregators that join a card's lines with `<br>`), cards are read from the lines: a card ends
//! with its footer ("Share", "LiveBitcoinNews2025/12/27 07:59"); without footers, a title-like line
//! starts one.

use std::ops::Range;

use super::article::Article;
use super::cues::{Cues, Kind};
use crate::page::{BlockKind, Page};

/// Longest heading, in characters: "You May Also Like" and its kin are short.
const MAX_HEADING_CHARS: usize = 60;
/// A block this long with few links is a paragraph, not a card title.
const MIN_PROSE_CHARS: usize = 80;
/// A class container holding this share of the article's text wraps the article, not a widget.
const MAX_CONTAINER_ARTICLE_SHARE: f32 = 0.5;
/// A group of more blocks than this is a list of cards, not one card: split it again.
const MAX_CARD_BLOCKS: usize = 8;
/// Longest title-like line in a flat run of card lines.
const MAX_TITLE_CHARS: usize = 160;
/// Fewest words of a card title found by position alone.
const MIN_TITLE_WORDS: usize = 4;
/// How many times a group of card blocks is split again below the first split: cards do not nest
/// deeper, and the bound keeps splitting linear however deep the page nests.
const MAX_SPLIT_LEVELS: usize = 4;
/// Heading level assumed for a heading cue that is not an `<h1>`–`<h6>` ("<div class=title>").
const UNTAGGED_HEADING_LEVEL: u8 = 3;

/// Class and id words (whole, or inside a longer token) that name recommendation widgets.
const WIDGET_WORDS: &[&str] = &[
    "mostread",
    "morestories",
    "outbrain",
    "readnext",
    "recommend",
    "related",
    "taboola",
    "youmaylike",
    "youmightlike",
];
/// Of those and others, the words that mean the cards are paid.
const PAID_WORDS: &[&str] = &["outbrain", "promoted", "sponsor", "taboola"];

/// Words of a heading that say its cards are paid ("Sponsored Stories", "Promoted", "Ads by Google",
/// "Recommended by Outbrain", "Paid Partner Content").
const PAID_HEADING_WORDS: &[&str] = &[
    "sponsor", "promot", "paid", "ads", "advert", "partner", "outbrain", "taboola",
];

/// A promo section.
#[derive(Debug, Clone)]
pub struct Section {
    /// `Recommendations` or `Sponsored`.
    pub kind: Kind,
    pub heading: Option<usize>,
    pub cards: Vec<Card>,
    /// Every block of the section, heading and cards included.
    pub blocks: Range<usize>,
}

/// One promoted item.
#[derive(Debug, Clone)]
pub struct Card {
    pub blocks: Vec<usize>,
    /// The block that names the item.
    pub title: usize,
    /// Labelled as paid ("Sponsored", "Ad").
    pub sponsored: bool,
}

/// Finds the sections among blocks not yet `taken`.
pub fn find(
    page: &Page,
    cues: &Cues,
    article: &Article,
    spans: &[Range<usize>],
    taken: &[bool],
    navigation: &[bool],
) -> Vec<Section> {
    // Elements come parents first: one pass gives every element's depth.
    let mut depth = vec![0usize; page.elements.len()];
    for el in 1..page.elements.len() {
        depth[el] = page.elements[el].parent.map_or(0, |p| depth[p] + 1);
    }
    let ctx = Ctx {
        page,
        cues,
        article,
        spans,
        taken,
        navigation,
        depth,
    };
    let mut ranges: Vec<(Kind, Option<usize>, Range<usize>)> = Vec::new();
    if !page.is_text() {
        for (el, kind) in ctx.class_containers() {
            let span = spans[el].clone();
            let heading = span
                .clone()
                .find(|&b| ctx.is_heading(b))
                .or_else(|| ctx.untagged_heading(span.start));
            // A vendor's class (Taboola, Outbrain) says paid; otherwise the heading says what it is.
            let kind = if kind == Kind::Sponsored {
                kind
            } else {
                heading.and_then(|h| ctx.heading_kind(h)).unwrap_or(kind)
            };
            ranges.push((kind, heading, span));
        }
    }
    for b in 0..page.blocks.len() {
        if !ctx.is_heading(b) || ranges.iter().any(|(_, _, r)| r.contains(&b)) {
            continue;
        }
        let Some(kind) = ctx.heading_kind(b) else {
            continue;
        };
        let range = if !page.is_text() {
            ctx.container_of(b)
        } else {
            ctx.text_section(b)
        };
        ranges.push((kind, Some(b), range));
    }
    ranges.sort_by_key(|(_, _, r)| r.start);
    ranges
        .into_iter()
        .map(|(kind, heading, blocks)| {
            let items: Vec<usize> = blocks
                .clone()
                .filter(|&b| Some(b) != heading && !taken[b])
                .collect();
            let groups = if !page.is_text() {
                ctx.split_dom(&items, 0)
            } else {
                ctx.split_lines(&items)
            };
            let cards = groups
                .into_iter()
                .filter(|g| !g.is_empty())
                .map(|g| ctx.card(g, kind))
                .collect();
            Section {
                kind,
                heading,
                cards,
                blocks,
            }
        })
        .collect()
}

struct Ctx<'a> {
    page: &'a Page,
    cues: &'a Cues,
    article: &'a Article,
    spans: &'a [Range<usize>],
    taken: &'a [bool],
    /// Per block: the site's navigation (navigation.rs).
    navigation: &'a [bool],
    /// Per element, its distance from the root.
    depth: Vec<usize>,
}

impl Ctx<'_> {
    /// A heading cue on a short block. "Sponsored" is both a heading and an item's label: it heads
    /// a section only when written as a heading.
    ///
    /// An item of a menu heads nothing ("Partner Stories" as a link in a footer's list of sections
    /// headed the whole footer, and its section names were marked as paid cards).
    fn heads(&self, b: usize) -> bool {
        let block = &self.page.blocks[b];
        let label = self.cues.has(b, Kind::Label) && !matches!(block.kind, BlockKind::Heading(_));
        let menu_item = block.kind == BlockKind::ListItem && self.navigation[b];
        !label
            && !menu_item
            && block.text.chars().count() <= MAX_HEADING_CHARS
            && self.cues.heading(b).is_some()
    }

    /// The kind of section a heading cue heads. A paid heading that does not say it is paid ("Around
    /// the Web", "From the Web") heads links to other sites, which are often the same story told
    /// elsewhere: its cards are judged like recommendations.
    fn heading_kind(&self, b: usize) -> Option<Kind> {
        let kind = self.cues.heading(b)?;
        let text = self.page.blocks[b].text.to_ascii_lowercase();
        let says_paid = PAID_HEADING_WORDS.iter().any(|w| text.contains(w));
        Some(if kind == Kind::Sponsored && !says_paid {
            Kind::Recommendations
        } else {
            kind
        })
    }

    fn is_heading(&self, b: usize) -> bool {
        !self.taken[b] && self.heads(b)
    }

    /// A short first line of a class container that reads as its heading ("Promoted Stories").
    fn untagged_heading(&self, b: usize) -> Option<usize> {
        let block = self.page.blocks.get(b)?;
        // A heading that links to a story is the first card's title ("<h3><a>PHOTOS: See Lady
        // Gaga's…</a></h3>"), not the box's heading: taken as one, it was marked whole with the
        // box's verdict, a related card with it.
        let heading_like = (matches!(block.kind, BlockKind::Heading(_))
            && !super::lists::links_an_article(self.page, b))
            || self.cues.has(b, Kind::Label);
        (heading_like && block.text.chars().count() <= MAX_HEADING_CHARS && !self.taken[b])
            .then_some(b)
    }

    fn level(&self, b: usize) -> u8 {
        match self.page.blocks[b].kind {
            BlockKind::Heading(l) => l,
            _ => UNTAGGED_HEADING_LEVEL,
        }
    }

    fn is_prose(&self, b: usize) -> bool {
        self.article.is_prose(self.page, self.spans, b)
    }

    /// Elements whose class or id names a recommendation widget, outermost only, with the kind
    /// their words suggest.
    fn class_containers(&self) -> Vec<(usize, Kind)> {
        let page = self.page;
        let article_chars: usize = (0..page.blocks.len())
            .filter(|&b| self.article.holds(self.spans, b))
            .map(|b| page.blocks[b].text.len())
            .sum();
        // Per element: it or an ancestor is chosen. Elements come parents first, so one pass fills it
        // without walking ancestors (linear in nesting depth).
        let mut within = vec![false; page.elements.len()];
        let mut out = Vec::new();
        for el in 1..page.elements.len() {
            if page.elements[el].parent.is_some_and(|p| within[p]) {
                within[el] = true;
                continue;
            }
            let span = self.spans[el].clone();
            if span.is_empty() {
                continue;
            }
            let e = &page.elements[el];
            let tokens: Vec<String> =
                e.id.iter()
                    .chain(&e.classes)
                    .map(|t| t.to_ascii_lowercase().replace(['-', '_'], ""))
                    .collect();
            if !tokens
                .iter()
                .any(|t| WIDGET_WORDS.iter().any(|w| t.contains(w)))
            {
                continue;
            }
            let inside: usize = span
                .clone()
                .filter(|&b| self.article.holds(self.spans, b))
                .map(|b| page.blocks[b].text.len())
                .sum();
            let wraps_article = !self.article.containers.is_empty()
                && inside as f32 > MAX_CONTAINER_ARTICLE_SHARE * article_chars as f32;
            if wraps_article || self.article.title.is_some_and(|t| span.contains(&t)) {
                continue;
            }
            within[el] = true;
            let paid = tokens
                .iter()
                .any(|t| PAID_WORDS.iter().any(|w| t.contains(w)));
            out.push((
                el,
                if paid {
                    Kind::Sponsored
                } else {
                    Kind::Recommendations
                },
            ));
        }
        out
    }

    /// Whether growing a section from `inner` to `outer` would take in something that is not promo.
    fn swallows(&self, heading: usize, inner: &Range<usize>, outer: &Range<usize>) -> bool {
        let level = self.level(heading);
        outer.clone().filter(|b| !inner.contains(b)).any(|b| {
            Some(b) == self.article.title
                || self.is_prose(b)
                || (matches!(self.page.blocks[b].kind, BlockKind::Heading(l) if l <= level))
                || self.heads(b)
        })
    }

    /// The blocks of the section a heading in a DOM page heads.
    fn container_of(&self, heading: usize) -> Range<usize> {
        let page = self.page;
        let mut cur = page.blocks[heading].element;
        while let Some(p) = page.elements[cur].parent.filter(|&p| p != 0) {
            if self.swallows(heading, &self.spans[cur], &self.spans[p]) {
                break;
            }
            cur = p;
        }
        let span = self.spans[cur].clone();
        if span.len() > 1 {
            return span;
        }
        // The heading stands alone: take the sibling subtree that follows it.
        let next = span.end;
        let (Some(parent), true) = (page.elements[cur].parent, next < page.blocks.len()) else {
            return span;
        };
        let Some(sibling) = page
            .ancestors(page.blocks[next].element)
            .find(|&a| page.elements[a].parent == Some(parent))
        else {
            return span;
        };
        if self.spans[sibling].len() == 1 {
            // A flat run of lines (`<p>` after `<p>`, as a text page has them): read it as one.
            let lines = self.text_section(heading);
            return lines.start..lines.end.min(self.spans[parent].end);
        }
        let grown = span.start..self.spans[sibling].end;
        if self.swallows(heading, &span, &grown) {
            span
        } else {
            grown
        }
    }

    /// The lines of a section a heading heads on a text page.
    fn text_section(&self, heading: usize) -> Range<usize> {
        let blocks = &self.page.blocks;
        let lists = blocks
            .get(heading + 1)
            .is_some_and(|b| b.kind == BlockKind::ListItem);
        let mut end = heading + 1;
        while end < blocks.len()
            && !self.taken[end]
            && !self.heads(end)
            && !self.cues.has(end, Kind::PageEnd)
            && blocks[end].kind != BlockKind::Heading(1)
            && (!lists || blocks[end].kind == BlockKind::ListItem)
        {
            end += 1;
        }
        // Without card footers, a section is a list of titles: the first prose line is the article again.
        let items: Vec<usize> = (heading + 1..end).collect();
        if !self.reads_as_lines(&items)
            && let Some(&prose) = items.iter().find(|&&b| self.reads_as_prose(b))
        {
            end = prose;
        }
        heading..end
    }

    /// A line of running text: long, or a full sentence of some length.
    fn reads_as_prose(&self, b: usize) -> bool {
        let text = &self.page.blocks[b].text;
        let chars = text.chars().count();
        chars > MAX_TITLE_CHARS || (chars >= MIN_PROSE_CHARS && text.ends_with(['.', '!', '?']))
    }

    /// Splits a DOM section's items at the children of their lowest common ancestor; a group still
    /// too big to be one card is split again, at most [`MAX_SPLIT_LEVELS`] levels down.
    fn split_dom(&self, items: &[usize], levels: usize) -> Vec<Vec<usize>> {
        let page = self.page;
        if items.len() <= 1 {
            return vec![items.to_vec()];
        }
        // Blocks are in document order, so the common ancestor of all items is that of the first and
        // the last, and each item's child of it is found by walking the children's spans once.
        let common = self.common_ancestor(
            page.blocks[items[0]].element,
            page.blocks[items[items.len() - 1]].element,
        );
        let children = self.children(common);
        let mut next = 0;
        let mut groups: Vec<(Option<usize>, Vec<usize>)> = Vec::new();
        for &b in items {
            let key = if page.blocks[b].element == common {
                None
            } else {
                while next < children.len() && self.spans[children[next]].end <= b {
                    next += 1;
                }
                children
                    .get(next)
                    .copied()
                    .filter(|&c| self.spans[c].contains(&b))
            };
            match groups.last_mut() {
                Some((k, g)) if *k == key && key.is_some() => g.push(b),
                _ => groups.push((key, vec![b])),
            }
        }
        if groups.iter().all(|(_, g)| g.len() == 1) && self.reads_as_lines(items) {
            return self.split_lines(items);
        }
        let mut out = Vec::new();
        for (_, g) in groups {
            if g.len() > MAX_CARD_BLOCKS && g.len() < items.len() && levels < MAX_SPLIT_LEVELS {
                out.extend(self.split_dom(&g, levels + 1));
            } else {
                out.push(g);
            }
        }
        out
    }

    /// The lowest common ancestor of two elements (a climb of at most the nesting depth, once per split).
    fn common_ancestor(&self, mut a: usize, mut b: usize) -> usize {
        while self.depth[a] > self.depth[b] {
            a = self.page.elements[a].parent.unwrap_or(0);
        }
        while self.depth[b] > self.depth[a] {
            b = self.page.elements[b].parent.unwrap_or(0);
        }
        while a != b {
            a = self.page.elements[a].parent.unwrap_or(0);
            b = self.page.elements[b].parent.unwrap_or(0);
        }
        a
    }

    /// The children of `el` that hold blocks, in document order.
    fn children(&self, el: usize) -> Vec<usize> {
        let span = self.spans[el].clone();
        let mut out = Vec::new();
        let mut b = span.start;
        while b < span.end {
            // The child of `el` holding block b: the ancestor of b's element one level below `el`.
            let mut c = self.page.blocks[b].element;
            while self.depth[c] > self.depth[el] + 1 {
                c = self.page.elements[c].parent.unwrap_or(0);
            }
            if c == el || self.spans[c].is_empty() {
                b += 1;
                continue;
            }
            out.push(c);
            b = self.spans[c].end;
        }
        out
    }

    /// Whether flat items carry card lines: footers, or titles repeated on the next line.
    fn reads_as_lines(&self, items: &[usize]) -> bool {
        items.iter().any(|&b| self.cues.has(b, Kind::CardFooter))
            || items
                .windows(2)
                .any(|w| self.page.blocks[w[0]].text == self.page.blocks[w[1]].text)
    }

    /// Splits a flat run of card lines.
    fn split_lines(&self, items: &[usize]) -> Vec<Vec<usize>> {
        let blocks = &self.page.blocks;
        let footers = items.iter().any(|&b| self.cues.has(b, Kind::CardFooter));
        let mut cards: Vec<Vec<usize>> = Vec::new();
        let mut current: Vec<usize> = Vec::new();
        for (i, &b) in items.iter().enumerate() {
            if footers {
                current.push(b);
                let next_is_footer = items
                    .get(i + 1)
                    .is_some_and(|&n| self.cues.has(n, Kind::CardFooter));
                if self.cues.has(b, Kind::CardFooter) && !next_is_footer {
                    cards.push(std::mem::take(&mut current));
                }
                continue;
            }
            let repeat = current.len() == 1 && blocks[current[0]].text == blocks[b].text;
            let starts = blocks[b].kind == BlockKind::ListItem || self.title_like(b);
            if starts && !repeat && !current.is_empty() {
                cards.push(std::mem::take(&mut current));
            }
            current.push(b);
        }
        if !current.is_empty() {
            cards.push(current);
        }
        cards
    }

    fn title_like(&self, b: usize) -> bool {
        let block = &self.page.blocks[b];
        matches!(block.kind, BlockKind::Heading(_))
            || block.link_density() > 0.5
            || (block.text.chars().count() <= MAX_TITLE_CHARS && !block.text.ends_with(['.', '…']))
    }

    fn card(&self, blocks: Vec<usize>, kind: Kind) -> Card {
        let sponsored =
            kind == Kind::Sponsored || blocks.iter().any(|&b| self.cues.has(b, Kind::Label));
        let plain =
            |b: &usize| !self.cues.has(*b, Kind::Label) && !self.cues.has(*b, Kind::CardFooter);
        // The title is written as a heading, a link or an element called a title; failing those, the
        // first line long enough to be one (an author's name is not).
        let headline = |b: &usize| {
            let block = &self.page.blocks[*b];
            let classed = self.page.elements[block.element].classes.iter().any(|c| {
                c.to_ascii_lowercase().contains("title")
                    || c.to_ascii_lowercase().contains("headline")
            });
            matches!(block.kind, BlockKind::Heading(_)) || block.link_density() > 0.5 || classed
        };
        let wordy =
            |b: &usize| self.page.blocks[*b].text.split_whitespace().count() >= MIN_TITLE_WORDS;
        let title = blocks
            .iter()
            .copied()
            .find(|b| plain(b) && headline(b))
            .or_else(|| blocks.iter().copied().find(|b| plain(b) && wordy(b)))
            .unwrap_or(blocks[0]);
        Card {
            blocks,
            title,
            sponsored,
        }
    }
}
