//! Finding the article body: the element whose paragraphs carry the page's text.
//!
//! Our own scoring in the spirit of Mozilla Readability's: every paragraph-like block scores its
//! parent fully, its grandparent by half and the next ancestor by a third (length and commas make
//! a paragraph worth more); an element's class and id words and its landmarks raise or lower it;
//! and the total is scaled down by its link density, as trafilatura does for link-heavy boxes.
//! Siblings of the winner that score well enough join it (Readability's sibling step), since
//! sites split one article over several containers.
//!
//! A text page has no elements: its body is every line the promo detector does not claim.

use std::collections::HashMap;
use std::ops::Range;

use crate::page::{BlockKind, Landmarks, Page};

/// Shortest paragraph, in characters, that scores: Readability's 25.
const MIN_PARAGRAPH_CHARS: usize = 25;
/// Characters of paragraph text per point, capped at [`MAX_LENGTH_POINTS`] (Readability: 100 and 3).
const CHARS_PER_POINT: usize = 100;
const MAX_LENGTH_POINTS: f32 = 3.0;
/// A paragraph more than half links is a link list, not prose.
const MAX_PARAGRAPH_LINK_DENSITY: f32 = 0.5;
/// Class/id weight, as Readability's ±25.
const CLASS_WEIGHT: f32 = 25.0;
/// Score multiplier for candidates inside `aside`, `nav`, `footer` or `header`: they hold prose
/// (bios, footers) but are not the article.
const LANDMARK_PENALTY: f32 = 0.2;
/// A sibling joins the top candidate when it scores this share of it (Readability: 0.2, at least 10).
const SIBLING_SHARE: f32 = 0.2;
const MIN_SIBLING_SCORE: f32 = 10.0;

/// Elements with this many siblings of the same tag and classes are items of a list (cards,
/// stream entries), whose text is never the article's, however long it is.
const MIN_REPEATED_ITEMS: usize = 3;
/// Tags whose repetition is what prose looks like (paragraphs, list items of the article's own lists).
const PROSE_TAGS: &[&str] = &["p", "li", "tr", "td", "br", "span", "a", "em", "strong"];

/// Class and id words of article containers.
const POSITIVE_WORDS: &[&str] = &[
    "article", "body", "content", "entry", "main", "page", "post", "story", "text", "blog",
];
/// Class and id words of boxes around the article (Readability's unlikely candidates, plus promo vendors).
const NEGATIVE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "banner",
    "comment",
    "comments",
    "footer",
    "header",
    "menu",
    "nav",
    "outbrain",
    "popular",
    "promo",
    "recommend",
    "recommended",
    "related",
    "share",
    "sidebar",
    "sponsor",
    "sponsored",
    "taboola",
    "ticker",
    "widget",
];

/// Where the article is.
#[derive(Debug, Clone, Default)]
pub struct Article {
    /// Elements holding the body (the top candidate and the siblings that joined it); empty for text pages.
    pub containers: Vec<usize>,
    /// The page's main heading, if it has one.
    pub title: Option<usize>,
    /// Per block: whether it lies in a repeated item (a card of a list), never article prose.
    pub in_item: Vec<bool>,
}

/// A block of the article this long with few links is article prose, which no promo box swallows.
const MIN_PROSE_CHARS: usize = 80;
const MAX_PROSE_LINK_DENSITY: f32 = 0.3;
/// A paragraph this long is running text wherever it sits (card teasers are shorter, or repeated).
const MIN_RUNNING_TEXT_CHARS: usize = 150;
/// Repeated boxes can wrap a whole article (`div.clearfix` three times over): in one, a paragraph
/// this long is running text still; teasers are shorter.
const MIN_ITEM_RUNNING_TEXT_CHARS: usize = 400;

impl Article {
    /// Article prose: a block of the article's containers, long, with few links, not in a list item.
    pub fn is_prose(&self, page: &Page, spans: &[Range<usize>], b: usize) -> bool {
        let block = &page.blocks[b];
        // Running text is prose even where the article's box was missed: a long paragraph with few
        // links, outside repeated items (a card's teaser sits in one).
        let chars = block.text.chars().count();
        let paragraph = matches!(block.kind, BlockKind::Paragraph | BlockKind::Quote)
            && (!self.in_item[b] || chars >= MIN_ITEM_RUNNING_TEXT_CHARS)
            && chars >= MIN_RUNNING_TEXT_CHARS
            && block.link_density() <= MAX_PROSE_LINK_DENSITY;
        paragraph
            || !self.containers.is_empty()
                && !self.in_item[b]
                && self.holds(spans, b)
                && block.text.chars().count() >= MIN_PROSE_CHARS
                && block.link_density() <= MAX_PROSE_LINK_DENSITY
                && !matches!(block.kind, BlockKind::ListItem)
    }

    /// Whether block `b` is in the body's containers (always true on a text page).
    pub fn holds(&self, spans: &[Range<usize>], b: usize) -> bool {
        self.containers.is_empty() || self.containers.iter().any(|&el| spans[el].contains(&b))
    }
}

/// Locates the article of `page`. `spans[el]` is the range of blocks inside element `el`.
pub fn locate(page: &Page, spans: &[Range<usize>]) -> Article {
    let title = page
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Heading(1));
    let in_item = repeated_items(page);
    let in_item: Vec<bool> = page.blocks.iter().map(|b| in_item[b.element]).collect();
    if page.is_text() {
        return Article {
            containers: Vec::new(),
            title,
            in_item,
        };
    }
    let mut scores: HashMap<usize, f32> = HashMap::new();
    for (b, block) in page.blocks.iter().enumerate() {
        if in_item[b] {
            continue;
        }
        let chars = block.text.chars().count();
        let prose = matches!(
            block.kind,
            BlockKind::Paragraph | BlockKind::Quote | BlockKind::Other
        );
        if !prose
            || chars < MIN_PARAGRAPH_CHARS
            || block.link_density() > MAX_PARAGRAPH_LINK_DENSITY
        {
            continue;
        }
        let points = 1.0
            + block.text.matches(',').count() as f32
            + ((chars / CHARS_PER_POINT) as f32).min(MAX_LENGTH_POINTS);
        for (level, el) in page.ancestors(block.element).skip(1).take(3).enumerate() {
            if el == 0 {
                break;
            }
            *scores.entry(el).or_insert_with(|| initial_score(page, el)) +=
                points / (level as f32 + 1.0);
        }
    }
    let final_score = |el: usize, raw: f32| {
        raw * (1.0 - link_density(page, &spans[el])) * landmark_factor(page, el)
    };
    let Some((top, top_score)) = scores
        .iter()
        .map(|(&el, &raw)| (el, final_score(el, raw)))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    else {
        return Article {
            containers: Vec::new(),
            title,
            in_item,
        };
    };
    let parent = page.elements[top].parent;
    let threshold = (top_score * SIBLING_SHARE).max(MIN_SIBLING_SCORE);
    let mut containers = vec![top];
    for (&el, &raw) in &scores {
        if el != top
            && parent.is_some()
            && page.elements[el].parent == parent
            && final_score(el, raw) >= threshold
        {
            containers.push(el);
        }
    }
    containers.sort_unstable();
    Article {
        containers,
        title,
        in_item,
    }
}

/// Per element: whether it is, or lies in, one of [`MIN_REPEATED_ITEMS`] or more siblings sharing
/// a tag and a class list (elements come parents first, so one pass suffices).
fn repeated_items(page: &Page) -> Vec<bool> {
    let signature = |el: usize| {
        let e = &page.elements[el];
        (!e.classes.is_empty() && !PROSE_TAGS.contains(&e.tag.as_str()))
            .then(|| (e.parent, e.tag.as_str(), e.classes.join(" ")))
    };
    // Per element: whether it holds running text (a paragraph no teaser is as long as). Marked
    // upwards from each such paragraph, stopping at an ancestor marked already: linear.
    let mut running = vec![false; page.elements.len()];
    for block in &page.blocks {
        if matches!(block.kind, BlockKind::Paragraph | BlockKind::Quote)
            && block.text.chars().count() >= MIN_ITEM_RUNNING_TEXT_CHARS
            && block.link_density() <= MAX_PROSE_LINK_DENSITY
        {
            let mut el = Some(block.element);
            while let Some(e) = el.filter(|&e| !running[e]) {
                running[e] = true;
                el = page.elements[e].parent;
            }
        }
    }
    // Per signature: how many elements share it, how many of them hold running text.
    let mut counts: HashMap<(Option<usize>, &str, String), (usize, usize)> = HashMap::new();
    for (el, &holds_running) in running.iter().enumerate() {
        if let Some(sig) = signature(el) {
            let c = counts.entry(sig).or_default();
            c.0 += 1;
            c.1 += usize::from(holds_running);
        }
    }
    // Repeated boxes of which some hold running text and others none are the page's frames, not
    // cards: a site that wraps each part of the page, the article's part too, in one repeated
    // frame (`div.GeneralContainer` many times over) left no article to find (the body was taken
    // to be a banner's line). Boxes that all hold running text are entries of a stream
    // (comments, portraits beside a story), items still. Measured on the real set
    // (`tests/promo_corpus.rs`, 142 pages): frames not told from cards, 1391 unrelated cards marked
    // and 10 related; any box holding running text taken as a frame, 1465 and 11 (NYT's portrait
    // texts, each its own repeated box, became the article); as here, 1465 and 8.
    let mut out = vec![false; page.elements.len()];
    for el in 0..page.elements.len() {
        let inherited = page.elements[el].parent.is_some_and(|p| out[p]);
        out[el] = inherited
            || signature(el).is_some_and(|sig| {
                counts.get(&sig).is_some_and(|&(n, running)| {
                    n >= MIN_REPEATED_ITEMS && (running == 0 || running == n)
                })
            });
    }
    out
}

/// Readability's starting score for a candidate: its tag, its class and id words, its landmarks.
fn initial_score(page: &Page, el: usize) -> f32 {
    let e = &page.elements[el];
    let mut score = match e.tag.as_str() {
        "article" | "main" => 10.0,
        "div" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "ol" | "ul" | "dl" | "li" | "form" => -3.0,
        _ => 0.0,
    };
    let words: Vec<String> =
        e.id.iter()
            .chain(&e.classes)
            .flat_map(|c| {
                c.split(|ch: char| !ch.is_ascii_alphanumeric())
                    .map(str::to_ascii_lowercase)
                    .collect::<Vec<_>>()
            })
            .collect();
    if words.iter().any(|w| NEGATIVE_WORDS.contains(&w.as_str())) {
        score -= CLASS_WEIGHT;
    } else if words.iter().any(|w| POSITIVE_WORDS.contains(&w.as_str())) {
        score += CLASS_WEIGHT;
    }
    score
}

/// [`LANDMARK_PENALTY`] for elements inside boxes around the article, 1 elsewhere.
fn landmark_factor(page: &Page, el: usize) -> f32 {
    let outside = [
        Landmarks::ASIDE,
        Landmarks::NAV,
        Landmarks::FOOTER,
        Landmarks::HEADER,
    ];
    if outside
        .iter()
        .any(|l| page.elements[el].landmarks.contains(*l))
    {
        LANDMARK_PENALTY
    } else {
        1.0
    }
}

/// Linked characters over all characters of the blocks in `span`.
fn link_density(page: &Page, span: &Range<usize>) -> f32 {
    let (mut linked, mut all) = (0usize, 0usize);
    for block in &page.blocks[span.clone()] {
        all += block.text.chars().count();
        linked += block
            .links
            .iter()
            .map(|l| block.text[l.range.clone()].chars().count())
            .sum::<usize>();
    }
    if all == 0 {
        0.0
    } else {
        linked as f32 / all as f32
    }
}
