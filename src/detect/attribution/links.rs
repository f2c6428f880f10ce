//! Links that let the reader check a claim, and which ones count.
//!
//! A claim is checkable when the page links its source. Not every link is one: a ticker, a tag page,
//! a share button or a footnote anchor leads nowhere near the claim. The rules:
//!
//! - A link counts at all only if it is an `http(s)` URL (not `#…`, not a relative app route such as
//!   `/price/bitcoin`), its path is not navigation ([`NAVIGATION_PATHS`]), its text is not a
//!   ticker symbol, and it is not a topic page named by its own text ("North Dakota" →
//!   `/us-news/north-dakota`, "Donald Trump" → `/donald-trump/`).
//! - In the sentence itself, any link that counts clears the mark: the writer put it on the claim.
//! - Elsewhere in the paragraph, a link clears the mark only if it plausibly is the sentence's
//!   source ([`relates`]): its text or address names a source the sentence names ("Kommersant",
//!   `wsj.com` for The Wall Street Journal), or its text names a document ([`DOCUMENT_WORDS`]: "the
//!   report", "statement", "research note"). A link to Wikipedia about reactors does not clear
//!   "according to remarks cited by Kommersant".

use std::ops::Range;

use crate::page::url::host;
use crate::page::{Block, Link};

/// Path fragments of navigation links: tag and topic pages, price and quote pages, author pages,
/// search and share endpoints. A link there is site furniture, not a source. They are looked for in
/// the first [`NAVIGATION_DEPTH`] segments of the path only: `/tag/solana` and `/en/tag/solana` are
/// tag pages, `/org/repo/releases/tag/v2.1.0` is a release.
const NAVIGATION_PATHS: &[&str] = &[
    "/tag/",
    "/tags/",
    "/topic/",
    "/topics/",
    "/category/",
    "/categories/",
    "/price/",
    "/prices/",
    "/quote/",
    "/quotes/",
    "/stock/",
    "/symbol/",
    "/coins/",
    "/currencies/",
    "/author/",
    "/authors/",
    "/search",
    "/intent/",
    "/share",
    "sharer",
    "/markets/ticker",
    "/people/",
    "/person/",
    "/profile/",
    "/coach/",
    "/player/",
    "/players/",
    "/artist/",
    "/artists/",
    "/celebrities/",
    "/t/",
];

/// Path segments, from the start, in which a navigation fragment marks a navigation link.
const NAVIGATION_DEPTH: usize = 2;

/// Longest link text that still reads as a ticker symbol (BTC, HSBA, $ETH) rather than a source.
const MAX_TICKER_CHARS: usize = 6;

/// Words that, in a link's text, say the link leads to a document someone can read.
const DOCUMENT_WORDS: &[&str] = &[
    "address",
    "analysis",
    "announcement",
    "article",
    "court",
    "data",
    "docket",
    "document",
    "filing",
    "hearing",
    "interview",
    "letter",
    "memo",
    "note",
    "paper",
    "post",
    "recording",
    "records",
    "release",
    "remarks",
    "report",
    "research",
    "speech",
    "statement",
    "story",
    "study",
    "survey",
    "transcript",
    "video",
];

/// Shortest word of a source's name that is matched against a link (shorter words are too common).
const MIN_NAME_WORD: usize = 4;

/// Whether `link` can be a source at all.
pub fn counts(block: &Block, link: &Link) -> bool {
    let href = link.href.to_ascii_lowercase();
    let Some(host) = host(&href) else {
        return false;
    };
    let path = &href[href.find(host.as_str()).map_or(0, |i| i + host.len())..];
    // The first NAVIGATION_DEPTH segments with their slashes: "/en/tag/" of "/en/tag/solana/x".
    let head_end = path
        .match_indices('/')
        .nth(NAVIGATION_DEPTH)
        .map_or(path.len(), |(i, _)| i + 1);
    let head = &path[..head_end];
    let text = block.text.get(link.range.clone()).unwrap_or("").trim();
    let ticker = text.chars().count() <= MAX_TICKER_CHARS
        && text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '$');
    !ticker && !NAVIGATION_PATHS.iter().any(|p| head.contains(p)) && !is_topic_page(text, path)
}

/// Whether a link leads to the page about what its text names: the last segment of its path (before
/// any extension or query) is its text, slugged. Such a link explains a name; it sources nothing.
fn is_topic_page(text: &str, path: &str) -> bool {
    let slug: String = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-");
    let path = path.split(['?', '#']).next().unwrap_or("");
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let last = last.split('.').next().unwrap_or("").to_lowercase();
    // "Todd-Orlando-539": a profile's slug often ends in its numeric id.
    let last = last
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end_matches('-');
    !slug.is_empty() && last == slug
}

/// The first link that lets the reader check the sentence at `sentence` in `block`, whose named
/// sources are `names` and whose speakers are `speakers`: a counting link in the sentence, or one
/// in its paragraph (the bytes `paragraph` of the block) that relates. A link on a speaker's name
/// alone ("<a>John Meeker</a>, an assistant professor …, notes") leads to who they are, not to
/// what they said.
pub fn source<'b>(
    block: &'b Block,
    sentence: &Range<usize>,
    names: &[&str],
    paragraph: &Reach,
    speakers: &[&str],
) -> Option<&'b Link> {
    let mut related = None;
    for link in block.links.iter().filter(|l| counts(block, l)) {
        let inside = link.range.start < sentence.end && sentence.start < link.range.end;
        let text = block.text.get(link.range.clone()).unwrap_or("").trim();
        let profile = !text.is_empty() && speakers.iter().any(|s| s.ends_with(text));
        if profile {
            continue;
        }
        if inside {
            return Some(link);
        }
        let within = |r: &Range<usize>| link.range.start < r.end && r.start < link.range.end;
        let relates = (within(&paragraph.names) && relates(block, link, names))
            || (within(&paragraph.documents) && names_document(block, link));
        if related.is_none() && relates {
            related = Some(link);
        }
    }
    related
}

/// How far from a sentence its paragraph's links may be to count as its source: a link naming the
/// sentence's source anywhere in `names`, a link naming only a document ("the report") in the
/// narrower `documents` (the sentences next to it: "reviewing current safety data" four sentences
/// on is another claim's source).
pub struct Reach {
    pub names: Range<usize>,
    pub documents: Range<usize>,
}

/// Whether a paragraph link plausibly is the source of a sentence naming `names`: it names one.
pub fn relates(block: &Block, link: &Link, names: &[&str]) -> bool {
    let text = block
        .text
        .get(link.range.clone())
        .unwrap_or("")
        .to_lowercase();
    names.iter().any(|n| names_link(n, &text, &link.href))
}

/// Whether a link's text names a document someone can read ([`DOCUMENT_WORDS`]).
pub fn names_document(block: &Block, link: &Link) -> bool {
    let text = block
        .text
        .get(link.range.clone())
        .unwrap_or("")
        .to_lowercase();
    text.split(|c: char| !c.is_alphanumeric()).any(|w| {
        DOCUMENT_WORDS.contains(&w)
            || w.strip_suffix('s')
                .is_some_and(|s| DOCUMENT_WORDS.contains(&s))
    })
}

/// Whether the name `name` appears in a link's (lowercased) text or in its address: one of its
/// longer words, or its initials as a label of the host (The Wall Street Journal → wsj.com).
pub fn names_link(name: &str, text: &str, href: &str) -> bool {
    let href = href.to_ascii_lowercase();
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("the"))
        .map(str::to_lowercase)
        .collect();
    if words.iter().any(|w| {
        w.chars().count() >= MIN_NAME_WORD
            && (text.contains(w.as_str()) || href.contains(w.as_str()))
    }) {
        return true;
    }
    let initials: String = words
        .iter()
        .filter(|w| w.as_str() != "of")
        .filter_map(|w| w.chars().next())
        .collect();
    initials.chars().count() >= 2
        && host(&href).is_some_and(|h| h.split('.').any(|label| label == initials))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, links: &[(&str, &str)]) -> Block {
        let links = links
            .iter()
            .map(|(t, href)| {
                let start = text.find(t).expect("link text in block");
                Link {
                    range: start..start + t.len(),
                    href: href.to_string(),
                }
            })
            .collect();
        Block {
            text: text.into(),
            links,
            ..Block::default()
        }
    }

    /// The texts of a block's links that count as sources at all.
    fn counted(b: &Block) -> Vec<&str> {
        b.links
            .iter()
            .filter(|l| counts(b, l))
            .map(|l| &b.text[l.range.clone()])
            .collect()
    }

    #[test]
    fn tickers_tags_anchors_and_app_routes_are_not_sources() {
        let b = block(
            "Bitcoin BTC fell. Solana led. See [1]. Read Russia news. Filing here. Release notes.",
            &[
                ("BTC", "https://x.example/a"),
                ("Solana", "https://x.example/tag/solana"),
                ("[1]", "#fn-1"),
                ("Russia news", "/category/russia"),
                ("Filing", "https://www.sec.gov/Archives/x.htm"),
                ("notes", "https://github.com/org/repo/releases/tag/v2.1.0"),
            ],
        );
        assert_eq!(counted(&b), ["Filing", "notes"]);
    }

    #[test]
    fn a_topic_page_named_by_its_link_text_is_not_a_source() {
        let b = block(
            "Protesters in North Dakota fear the worst, observers say. Donald Trump vowed a revival. The report is out.",
            &[
                (
                    "North Dakota",
                    "https://www.theguardian.com/us-news/north-dakota",
                ),
                ("Donald Trump", "https://www.cnbc.com/donald-trump/"),
                ("observers", "https://247sports.com/Coach/Todd-Orlando-539"),
                (
                    "Protesters",
                    "https://www.broadwayworld.com/people/American-Theatre-Wing/",
                ),
                (
                    "The report",
                    "https://www.documentcloud.org/documents/3241915-report.html",
                ),
            ],
        );
        assert_eq!(counted(&b), ["The report"]);
    }

    #[test]
    fn a_paragraph_link_must_name_the_source_or_a_document() {
        let b = block(
            "The talks were cited by Kommersant. See how reactors work. Read the Kommersant interview.",
            &[
                (
                    "how reactors work",
                    "https://en.wikipedia.org/wiki/Nuclear_reactor",
                ),
                ("Kommersant interview", "https://www.kommersant.ru/doc/1"),
            ],
        );
        let sentence = 0..35;
        assert_eq!(
            source(
                &b,
                &sentence,
                &["Kommersant"],
                &Reach {
                    names: 0..b.text.len(),
                    documents: 0..b.text.len()
                },
                &[]
            )
            .map(|l| l.href.as_str()),
            Some("https://www.kommersant.ru/doc/1")
        );
        assert!(!relates(&b, &b.links[0], &["Kommersant"]));
    }

    #[test]
    fn initials_of_a_name_match_the_host() {
        assert!(names_link(
            "The Wall Street Journal",
            "the piece",
            "https://www.wsj.com/articles/x"
        ));
        assert!(names_link(
            "Financial Times",
            "here",
            "https://www.ft.com/content/x"
        ));
        assert!(!names_link(
            "Financial Times",
            "here",
            "https://www.example.com/content/ft"
        ));
    }
}
