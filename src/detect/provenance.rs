//! Provenance: the origin publisher and the chain of copies, from the evidence detectors collect.
//!
//! Each piece of evidence names a publisher (by name, URL or both) and how deep it sits: this page,
//! a republisher between this page and the article's source, the source of the article, or someone the
//! article's own text cites. The chain lists them in that order, each publisher once; the origin is
//! the deepest publisher of the *article* (not of a claim inside it), or this page's own publisher when
//! the page reveals no earlier one.
//!
//! The order of evidence for the origin, deepest first:
//! 1. the article's own statement of where it was first published (a republication note, a feed
//!    footer's "appeared first on", JSON-LD `isBasedOn`), and a JSON-LD publisher other than this
//!    site on a page whose `og:site_name` is this site's own (an MSN or Yahoo copy);
//! 2. where the copy says it was taken from (a source line, an excerpt link's target, a canonical URL
//!    on another domain);
//! 3. a hop in between (a republisher's footer, an aggregator's "via" label);
//! 4. this page's own publisher: its JSON-LD publisher before `og:site_name` (often a section, "U.S.").
//!
//! An aggregator's own label never beats a publisher the text names. Names are cleaned of trailing
//! punctuation, Markdown links and descriptions, and "X News", "x.com" and "X News Agency" are one hop.

use crate::mark::{Hop, Publisher};
use crate::page::Page;
use crate::page::url::host;

/// How far from this page a piece of evidence places a publisher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Depth {
    /// The page's own publisher (site name, its own disclaimer).
    Page,
    /// A site the article passed through on its way here ("The post … appeared on …").
    Republisher,
    /// Where the article came from ("appeared first on", "Source:", a foreign canonical URL).
    Source,
    /// The article's own statement of where it was first published ("This story was originally
    /// published by Grist", JSON-LD `isBasedOn`): deeper than the feed that carried the copy.
    Original,
    /// Someone the article's text cites for a claim ("cited by Kommersant and reposted by KyivPost").
    Cited,
}

/// One publisher the page reveals, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub name: Option<String>,
    pub url: Option<String>,
    pub depth: Depth,
    /// How the page reveals it, in words ("feed footer", "source line").
    pub how: String,
}

impl Evidence {
    pub fn new(name: Option<&str>, url: Option<&str>, depth: Depth, how: &str) -> Evidence {
        let clean = |s: &str| {
            s.trim()
                .trim_end_matches(TRAILING_PUNCTUATION)
                .trim()
                .trim_start_matches(['"', '“', '«', '_', '*'])
                .trim()
                .to_string()
        };
        // A Markdown link names the publisher and its address: "[Netflix TechBlog](https://…)".
        let (name, url) = match name.and_then(markdown_link) {
            Some((n, u)) => (Some(n), url.or(Some(u).filter(|u| !u.is_empty()))),
            None => (name, url),
        };
        // "Grist, in collaboration with …", "the Conversation, a non-profit …": the name is the first part.
        let name = name.map(|n| n.split(", ").next().unwrap_or(n));
        // "[im Techniktagebuch](…)": a link's text may open with the note's own preposition.
        let name = name.map(|n| {
            LEADING_PREPOSITIONS
                .iter()
                .find_map(|p| n.strip_prefix(p))
                .filter(|rest| rest.starts_with(char::is_uppercase))
                .unwrap_or(n)
        });
        Evidence {
            name: name.map(clean).filter(|s| !s.is_empty()),
            url: url.map(clean).filter(|s| !s.is_empty()),
            depth,
            how: how.to_string(),
        }
    }

    fn display_name(&self) -> Option<String> {
        self.name.clone().or_else(|| {
            self.url
                .as_deref()
                .and_then(host)
                .map(|h| h.trim_start_matches("www.").to_string())
        })
    }
}

/// Punctuation a captured name may carry at its end ("Daily Hodl.", "“Cointelegraph”.", "Grist)").
const TRAILING_PUNCTUATION: &[char] = &[
    '.', ',', ';', ':', '_', '*', '"', '”', '»', ')', ']', '!', '?', '…', '\'', '’',
];

/// Lowercase prepositions a note's link text may begin with, in the languages of the grammar's
/// republication notes ("im Techniktagebuch", "en Medium", "on Substack").
const LEADING_PREPOSITIONS: &[&str] = &["im ", "in ", "auf ", "bei ", "en ", "em ", "on ", "at "];

/// `[text](url)` as (text, url); a reference link `[text][1]` as (text, "") — its address is elsewhere.
fn markdown_link(s: &str) -> Option<(&str, &str)> {
    let s = s.trim().strip_prefix('[')?;
    if let Some((text, rest)) = s.split_once("](") {
        return Some((text, rest.strip_suffix(')')?));
    }
    let (text, rest) = s.split_once("][")?;
    rest.strip_suffix(']').map(|_| (text, ""))
}

/// The origin and the chain of copies. `evidence` comes in page order within each depth.
pub fn trace(page: &Page, evidence: &[Evidence]) -> (Option<Publisher>, Vec<Hop>) {
    let mut all: Vec<Evidence> = page_evidence(page);
    all.extend(evidence.iter().cloned());
    // Stable sort keeps page order inside a depth; cited hops arrive nearest first.
    all.sort_by_key(|e| e.depth);

    // Each publisher once, at the deepest place the evidence puts it (a note calling Towards Data
    // Science the original beats a "republished with permission" sentence linking to it as a source).
    let mut deepest: Vec<(String, Depth)> = Vec::new();
    for e in &all {
        if let Some(key) = e.display_name().map(|n| publisher_key(&n)) {
            match deepest.iter_mut().find(|(k, _)| *k == key) {
                Some((_, d)) => *d = (*d).max(e.depth),
                None => deepest.push((key, e.depth)),
            }
        }
    }
    let mut chain: Vec<(Hop, Depth, String)> = Vec::new();
    for e in &all {
        let Some(name) = e.display_name() else {
            continue;
        };
        let key = publisher_key(&name);
        if key.is_empty()
            || deepest
                .iter()
                .any(|(k, d)| *k == key && *d > e.depth && *d <= Depth::Original)
        {
            continue;
        }
        if let Some((hop, _, _)) = chain.iter_mut().find(|(_, _, k)| *k == key) {
            if hop.url.is_none() {
                hop.url = e.url.clone();
            }
            // A publisher's own name reads better than its domain ("Cointelegraph", not "cointelegraph.com").
            if let Some(n) = e.name.as_ref().filter(|n| {
                looks_like_domain(&hop.name) && !looks_like_domain(n) && host(n).is_none()
            }) {
                hop.name = n.clone();
            }
            continue;
        }
        chain.push((
            Hop {
                name,
                url: e.url.clone(),
                evidence: e.how.clone(),
            },
            e.depth,
            key,
        ));
    }
    let origin = chain
        .iter()
        .rev()
        .find(|(_, d, _)| *d <= Depth::Original)
        .map(|(hop, _, _)| Publisher {
            name: hop.name.clone(),
            url: hop.url.clone(),
        });
    (origin, chain.into_iter().map(|(hop, _, _)| hop).collect())
}

/// What the page's metadata says about its own publisher and its source.
fn page_evidence(page: &Page) -> Vec<Evidence> {
    let meta = &page.meta;
    let mut out = Vec::new();
    let own_host = host(&meta.url);
    let own = own_host.as_deref().map(registrable);
    let (publisher, site_name) = (meta.publisher.as_deref(), meta.site_name.as_deref());
    // JSON-LD naming as publisher someone other than this site, on a page whose og:site_name is this
    // site's own (an MSN or Yahoo copy): the page says whose article it carries.
    let own_key = own.map(publisher_key);
    let foreign_publisher = publisher.filter(|p| {
        let key = publisher_key(p);
        own_key.as_ref().is_some_and(|own| *own != key)
            && site_name.is_some_and(|s| Some(publisher_key(s)) == own_key)
    });
    // This page's own name: the JSON-LD publisher before og:site_name, which is often a section.
    let own_name = if foreign_publisher.is_some() {
        site_name
    } else {
        publisher.or(site_name)
    };
    if own_name.is_some() || own_host.is_some() {
        out.push(Evidence::new(
            own_name,
            Some(&meta.url),
            Depth::Page,
            "this page",
        ));
    }
    if let Some(p) = foreign_publisher {
        out.push(Evidence::new(
            Some(p),
            None,
            Depth::Original,
            "JSON-LD publisher",
        ));
    }
    for (how, url) in [
        ("canonical URL", &meta.canonical_url),
        ("og:url", &meta.og_url),
    ] {
        if let Some(url) = url {
            let theirs = host(url);
            if own.is_some() && theirs.is_some() && theirs.as_deref().map(registrable) != own {
                out.push(Evidence::new(None, Some(url), Depth::Source, how));
            }
        }
    }
    for (name, url) in &meta.based_on {
        out.push(Evidence::new(
            name.as_deref(),
            url.as_deref(),
            Depth::Original,
            "isBasedOn",
        ));
    }
    out
}

/// A host without `www.` and without its public suffix: "news.bitcoin.com" stays, "www.x.co.uk" → "x".
pub(crate) fn registrable(host: &str) -> &str {
    let host = host.trim_start_matches("www.");
    let labels: Vec<&str> = host.split('.').collect();
    match labels.len() {
        0 | 1 => host,
        n if n >= 3 && labels[n - 2].len() <= 3 && labels[n - 1].len() == 2 => labels[n - 3],
        n => labels[n - 2],
    }
}

/// A key that makes "BitcoinEthereumNews.com", "bitcoinethereumnews.com" and "Bitcoin Ethereum News" one
/// publisher: the registrable part of a domain-like name, letters and digits only, lowercased.
pub fn publisher_key(name: &str) -> String {
    let name = name.trim();
    let url_host = host(name);
    let base = match &url_host {
        Some(h) => registrable(h),
        None if looks_like_domain(name) => registrable(name),
        None => name,
    };
    let key: String = base
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    // "Reuters News Agency", "CoinDesk News" and reuters.com, coindesk.com: one publisher.
    GENERIC_SUFFIXES
        .iter()
        .find_map(|suffix| {
            key.strip_suffix(suffix)
                .filter(|rest| rest.chars().count() >= MIN_KEY_CHARS)
        })
        .map_or(key.clone(), str::to_string)
}

/// Words a publisher's name may end with or not ("X News", "X News Agency") that do not tell two
/// publishers apart; checked longest first.
const GENERIC_SUFFIXES: &[&str] = &["newsagency", "newsnetwork", "news"];

/// Shortest key left after dropping a generic suffix: "Fox News" stays "foxnews" rather than "fox".
const MIN_KEY_CHARS: usize = 4;

fn looks_like_domain(s: &str) -> bool {
    !s.contains(' ')
        && s.contains('.')
        && s.rsplit('.').next().is_some_and(|tld| {
            (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_alphabetic())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_join_names_and_domains() {
        let ben = publisher_key("BitcoinEthereumNews.com");
        assert_eq!(ben, publisher_key("Bitcoin Ethereum News"));
        assert_eq!(ben, publisher_key("https://bitcoinethereumnews.com/tech/x"));
        assert_ne!(ben, publisher_key("Bitcoin Magazine"));
        assert_eq!(publisher_key("https://www.coinpaper.com/1/x"), "coinpaper");
        assert_eq!(publisher_key("https://news.example.co.uk/a"), "example");
        // Regression (issue 8): "X News" and x.com were two hops in the chain.
        assert_eq!(
            publisher_key("Reuters News Agency"),
            publisher_key("https://www.reuters.com/x")
        );
        assert_eq!(
            publisher_key("CoinDesk News"),
            publisher_key("coindesk.com")
        );
        assert_eq!(publisher_key("Fox News"), "foxnews");
    }

    #[test]
    fn origin_is_the_deepest_article_source_and_cited_hops_follow_it() {
        let page = Page::from_text("", "");
        let ev = [
            Evidence::new(Some("MEXC"), None, Depth::Page, "disclaimer"),
            Evidence::new(
                Some("BitcoinEthereumNews.com"),
                None,
                Depth::Republisher,
                "feed footer",
            ),
            Evidence::new(
                None,
                Some("https://coinpaper.com/13398/x"),
                Depth::Source,
                "source line",
            ),
            Evidence::new(Some("KyivPost"), None, Depth::Cited, "reposted by"),
            Evidence::new(Some("Kommersant"), None, Depth::Cited, "cited by"),
            Evidence::new(
                Some("bitcoinethereumnews.com"),
                None,
                Depth::Republisher,
                "feed footer",
            ),
        ];
        let (origin, chain) = trace(&page, &ev);
        let names: Vec<_> = chain.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "MEXC",
                "BitcoinEthereumNews.com",
                "coinpaper.com",
                "KyivPost",
                "Kommersant"
            ]
        );
        assert_eq!(
            origin.unwrap().url.as_deref(),
            Some("https://coinpaper.com/13398/x")
        );
    }

    #[test]
    fn an_original_article_is_its_own_origin() {
        let mut page = Page::from_text("", "https://www.coindesk.com/markets/a");
        page.meta.site_name = Some("CoinDesk".into());
        page.meta.canonical_url = Some("https://www.coindesk.com/markets/a".into());
        let (origin, chain) = trace(&page, &[]);
        assert_eq!(origin.unwrap().name, "CoinDesk");
        assert_eq!(chain.len(), 1);
    }

    /// Regression (blind batch 3): a "republished with permission" sentence linking to Towards Data
    /// Science placed it as a source before the note calling it the original, so a later source
    /// line (the translation's "via:") became the origin.
    #[test]
    fn a_publisher_is_placed_at_its_deepest_evidence() {
        let page = Page::from_text("", "");
        let ev = [
            Evidence::new(
                None,
                Some("https://towardsdatascience.com/sql-at-scale"),
                Depth::Source,
                "republication",
            ),
            Evidence::new(
                Some("Towards Data Science"),
                None,
                Depth::Original,
                "republication",
            ),
            Evidence::new(
                None,
                Some("https://opensource.com/article/19/3/x"),
                Depth::Source,
                "source line",
            ),
        ];
        let (origin, _) = trace(&page, &ev);
        assert_eq!(origin.unwrap().name, "Towards Data Science");
    }
}
