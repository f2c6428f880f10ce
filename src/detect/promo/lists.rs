//! Story lists without a heading cue: "More from TMZ", a "Trending on Deadline" sidebar, a hero bar of
//! other stories, a list of links at the end of a post. What they are is read from their structure:
//! several headlines, each a link to another article, in a box that holds no article prose.
//!
//! A headline is a block of at least [`MIN_HEADLINE_WORDS`] words, nearly all of it one link whose
//! address reads as an article (a slug of several words, or a long number), outside the site's
//! navigation. Site chrome fails that test by itself: section links are short labels pointing at
//! short paths ("News", "/sport/"), tag lists and breadcrumbs too.
//!
//! The list is the highest box around a headline that holds no article prose and not the page's
//! title; each card is the highest box around its headline that holds no other headline. Every
//! step uses prefix counts over the blocks, so a climb costs its depth and nothing more.

use std::ops::Range;

use super::article::Article;
use super::cues::Kind;
use super::sections::{Card, Section};
use crate::page::{BlockKind, Landmarks, Link, Page};

/// Fewest words of a headline: section links and tags are one to three words.
const MIN_HEADLINE_WORDS: usize = 4;
/// Longest headline, in characters (a card linked whole carries its teaser): longer is a paragraph.
const MAX_HEADLINE_CHARS: usize = 320;
/// Share of a headline block that its link covers.
const MIN_HEADLINE_LINK_SHARE: f32 = 0.6;
/// How far up a block's element an enclosing link is looked for (cards wrap the whole card in `<a>`).
const MAX_LINK_ANCESTORS: usize = 4;
/// Fewest headlines that make a list.
const MIN_LIST_HEADLINES: usize = 3;
/// An article slug has at least this many words ("uma-pemmaraju-dies-fox-news-anchor").
const MIN_SLUG_WORDS: usize = 3;
/// Or a run of this many digits (an article id: "world-us-canada-38123456", "/1202595880/").
const MIN_ID_DIGITS: usize = 5;

/// Finds story lists among blocks not `taken`.
pub fn find(
    page: &Page,
    article: &Article,
    spans: &[Range<usize>],
    taken: &[bool],
    prose: &[bool],
) -> Vec<Section> {
    let n = page.blocks.len();
    if page.is_text() || n == 0 {
        return Vec::new();
    }
    let headline: Vec<bool> = (0..n).map(|b| !taken[b] && is_headline(page, b)).collect();
    let count = |flags: &[bool]| -> Vec<usize> {
        let mut prefix = vec![0usize; n + 1];
        for b in 0..n {
            prefix[b + 1] = prefix[b] + usize::from(flags[b]);
        }
        prefix
    };
    let headlines = count(&headline);
    // Blocks other steps took (a "Recommend" button's box) are not prose: they do not end a list.
    let barred: Vec<bool> = (0..n)
        .map(|b| prose[b] || article.title == Some(b))
        .collect();
    let barred = count(&barred);
    let within = |prefix: &[usize], r: &Range<usize>| prefix[r.end] - prefix[r.start];

    // Per headline: its card (highest box with no other headline) and its list (highest clean box).
    let mut lists: Vec<(usize, Vec<Card>)> = Vec::new();
    for b in (0..n).filter(|&b| headline[b]) {
        let mut card = page.blocks[b].element;
        let mut list = None;
        for el in page.ancestors(page.blocks[b].element) {
            if el == 0 {
                break;
            }
            let span = &spans[el];
            if within(&barred, span) > 0 {
                break;
            }
            if within(&headlines, span) == 1 {
                card = el;
            }
            list = Some(el);
        }
        let Some(list) = list else { continue };
        let blocks: Vec<usize> = spans[card].clone().filter(|&x| !taken[x]).collect();
        let card = Card {
            blocks,
            title: b,
            sponsored: false,
        };
        match lists.last_mut() {
            Some((l, cards)) if *l == list => cards.push(card),
            _ => lists.push((list, vec![card])),
        }
    }
    lists
        .into_iter()
        .filter(|(_, cards)| cards.len() >= MIN_LIST_HEADLINES)
        .filter(|(_, cards)| {
            // The article's own list of sources or picks: list items among its paragraphs, every
            // link leaving the site.
            cards.iter().any(|c| {
                page.blocks[c.title].kind != BlockKind::ListItem
                    || !among_paragraphs(page, spans, c.title)
                    || links_this_site(page, c.title)
            })
        })
        .map(|(el, cards)| Section {
            kind: Kind::Recommendations,
            heading: None,
            cards,
            blocks: spans[el].clone(),
        })
        .collect()
}

/// Whether headline block `b`'s links reach the page's own site (a relative address, or a host with the same
/// last two labels). A headless list of list items whose headlines all leave the site is the
/// article's own list of sources or picks (computerworld's "Top edX AI open courses", each an `<li>`
/// linking to edx.org), not the site's story list. Off-site lists of other boxes stay: headless
/// sponsored grids link to their advertisers (dropping every off-site list cut recall 0.684→0.610).
fn links_this_site(page: &Page, b: usize) -> bool {
    let host = |u: &str| -> Option<String> {
        let rest = u
            .trim()
            .split_once("://")
            .map(|(_, r)| r)
            .or_else(|| u.trim().strip_prefix("//"))?;
        let h = rest
            .split(['/', '?', '#'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        // The site's name, its last two labels ("edition.cnn.com" and "money.cnn.com" are one site).
        let labels: Vec<&str> = h.split('.').collect();
        Some(labels[labels.len().saturating_sub(2)..].join("."))
    };
    let Some(own) = host(&page.meta.url) else {
        return true;
    };
    let block = &page.blocks[b];
    let mut hrefs: Vec<&str> = block.links.iter().map(|l| l.href.as_str()).collect();
    hrefs.extend(
        page.ancestors(block.element)
            .take(MAX_LINK_ANCESTORS + 1)
            .filter_map(|el| {
                let e = &page.elements[el];
                (e.tag == "a").then(|| e.attr("href")).flatten()
            }),
    );
    hrefs.is_empty() || hrefs.iter().any(|h| host(h).is_none_or(|h| h == own))
}

/// A paragraph this long with few links beside a list is running text the list belongs to.
const MIN_NEIGHBOUR_PARAGRAPH_CHARS: usize = 150;
const MAX_NEIGHBOUR_LINK_DENSITY: f32 = 0.3;

/// Whether list item `b`'s list (`ol`/`ul`) sits beside running text: its parent holds a paragraph
/// of [`MIN_NEIGHBOUR_PARAGRAPH_CHARS`] with few links (the article introducing its own list).
fn among_paragraphs(page: &Page, spans: &[Range<usize>], b: usize) -> bool {
    let Some(list) = page
        .ancestors(page.blocks[b].element)
        .find(|&el| matches!(page.elements[el].tag.as_str(), "ol" | "ul"))
    else {
        return false;
    };
    let Some(parent) = page.elements[list].parent else {
        return false;
    };
    spans[parent].clone().any(|x| {
        let block = &page.blocks[x];
        block.kind == BlockKind::Paragraph
            && block.text.chars().count() >= MIN_NEIGHBOUR_PARAGRAPH_CHARS
            && block.link_density() <= MAX_NEIGHBOUR_LINK_DENSITY
    })
}

/// A headline: a block of several words, nearly all one link to an article, outside navigation.
fn is_headline(page: &Page, b: usize) -> bool {
    let element = &page.elements[page.blocks[b].element];
    let landmarked = [Landmarks::NAV, Landmarks::HEADER, Landmarks::FORM]
        .iter()
        .any(|l| element.landmarks.contains(*l));
    !landmarked && links_an_article(page, b)
}

/// A block of several words, nearly all one link to an article address.
pub fn links_an_article(page: &Page, b: usize) -> bool {
    let block = &page.blocks[b];
    let chars = block.text.chars().count();
    if block.text.split_whitespace().count() < MIN_HEADLINE_WORDS || chars > MAX_HEADLINE_CHARS {
        return false;
    }
    // The block's longest link, against the text its other links leave: a rubric and a byline
    // linked beside the headline ("Review · Tropico 5 review: wasted away again · Charlie Hall")
    // are labels of the card, not text the headline competes with.
    let length = |l: &Link| block.text[l.range.clone()].chars().count();
    let others: usize = block.links.iter().map(length).sum();
    let own = block
        .links
        .iter()
        .max_by_key(|l| length(l))
        .filter(|l| {
            let rest = chars.saturating_sub(others - length(l));
            length(l) as f32 >= MIN_HEADLINE_LINK_SHARE * rest as f32
        })
        .map(|l| l.href.as_str());
    let href = own.or_else(|| {
        page.ancestors(block.element)
            .take(MAX_LINK_ANCESTORS + 1)
            .find_map(|el| {
                let e = &page.elements[el];
                (e.tag == "a").then(|| e.attr("href")).flatten()
            })
    });
    href.is_some_and(|h| reads_as_article(h, &page.meta.url))
}

/// Whether a link's address reads as one article (a slug of several words or a long id), not a
/// section, a tag, a search or this page.
pub fn reads_as_article(href: &str, page_url: &str) -> bool {
    let href = href.trim();
    if href.starts_with('#') || href.starts_with("javascript:") || href.starts_with("mailto:") {
        return false;
    }
    let without_fragment = href.split('#').next().unwrap_or_default();
    let same = |u: &str| {
        u.trim_end_matches('/')
            .split("://")
            .last()
            .unwrap_or_default()
            .to_string()
    };
    if !page_url.is_empty()
        && same(without_fragment) == same(page_url.split('#').next().unwrap_or_default())
    {
        return false;
    }
    let path = without_fragment.split('?').next().unwrap_or_default();
    let path = path.split_once("://").map_or(path, |(_, rest)| {
        rest.split_once('/').map_or("", |(_, p)| p)
    });
    let path = path.trim_start_matches("//");
    let lower = path.to_ascii_lowercase();
    if [
        "/tag/",
        "/tags/",
        "/topic/",
        "/topics/",
        "/author/",
        "/authors/",
        "/search",
        "/category/",
        "/section/",
        "/comments",
    ]
    .iter()
    .any(|p| format!("/{lower}").contains(p))
    {
        return false;
    }
    let slug_words = |seg: &str| {
        let seg = seg
            .rsplit_once('.')
            .map_or(seg, |(s, ext)| if ext.len() <= 5 { s } else { seg });
        seg.split(['-', '_'])
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count()
    };
    let long_id = |seg: &str| {
        let mut run = 0;
        seg.chars().any(|c| {
            run = if c.is_ascii_digit() { run + 1 } else { 0 };
            run >= MIN_ID_DIGITS
        })
    };
    lower
        .split('/')
        .any(|seg| slug_words(seg) >= MIN_SLUG_WORDS || long_id(seg))
}

#[cfg(test)]
mod tests {
    use super::reads_as_article;

    #[test]
    fn article_addresses_are_told_from_sections_and_tags() {
        let page = "https://deadline.com/2019/03/trump-boeing-737-1202595880/";
        assert!(reads_as_article(
            "https://deadline.com/2022/08/uma-pemmaraju-dies-fox-news-anchor-1235087342/",
            page
        ));
        assert!(reads_as_article("/news/world-us-canada-38123456", page));
        assert!(reads_as_article(
            "https://www.tmz.com/2022/08/05/eli-manning-soccer-team-owner/",
            page
        ));
        assert!(!reads_as_article("/news/economy/", page));
        assert!(!reads_as_article("https://www.cnn.com/politics", page));
        assert!(!reads_as_article("/tag/donald-trump-white-house", page));
        assert!(!reads_as_article("#comments", page));
        assert!(!reads_as_article(
            "https://deadline.com/2019/03/trump-boeing-737-1202595880/#respond",
            page
        ));
    }
}
