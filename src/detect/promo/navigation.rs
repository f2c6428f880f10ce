//! The site's own navigation, which is never promotion: menus, section links, breadcrumbs, tag
//! lists, tabs and pagination. A block is navigation when
//!
//! - it lies in a `<nav>` landmark, or under an element whose role is a menu, a tab list or
//!   navigation, or whose class or id names one (`siteNav`, `c-nav`, `menu`, `breadcrumb`, `pagination`,
//!   `tags`), and is not a headline linking to an article; or
//! - it lies in the page's header or footer (landmarks, or classes naming them), is short, and
//!   links, but to no article: logins, "Got a tip?", legal links, section lists (a price ticker in
//!   the header links nowhere and is still judged); or
//! - it is a short label (at most [`MAX_LABEL_WORDS`] words), nearly all link, whose link does not
//!   read as an article: "News", "Sport", "Your Money", "International Monetary Fund", a card's
//!   rubric, a tag.
//!
//! The promo detector never marks such a block, whatever box it sits in; a card made only of them is
//! not a card.

use super::lists::{links_an_article, reads_as_article};
use crate::page::{Block, Landmarks, Page};

/// Longest navigation label, in words ("International Monetary Fund", "Entertainment & Arts").
const MAX_LABEL_WORDS: usize = 3;
/// A link this short is a label wherever it points: a tab ("Videos", pointing at this article with a
/// query), a card's rubric ("tribune", pointing at the card's story). Headlines are longer
/// (`lists::MIN_HEADLINE_WORDS`), and no unrelated card of the real set is this short (shortest: 3
/// words).
const MAX_TAB_WORDS: usize = 2;
/// Fewest links of one block that make it a row of links (a footer's "About us", "Terms of Use",
/// "RSS"… glued into one block). Rows of headlines are not navigation: their links read as articles.
const MIN_ROW_LINKS: usize = 3;
/// Share of a row's links that may read as articles: a footer's policy pages have addresses that
/// do ("privacy-policy/cookiepolicy/86934312.cms": 2 of Times of India's 11 footer links), a row of
/// headlines has most of them.
const MAX_ROW_ARTICLE_SHARE: f32 = 0.25;
/// Share of a label that its links cover.
const MIN_LABEL_LINK_SHARE: f32 = 0.8;
/// Roles of navigation containers and their items.
const NAV_ROLES: &[&str] = &[
    "navigation",
    "menu",
    "menubar",
    "menuitem",
    "tablist",
    "tab",
];
/// Class and id words of navigation containers, matched inside lowercased tokens.
const NAV_WORDS: &[&str] = &[
    "nav",
    "menu",
    "breadcrumb",
    "pagination",
    "pager",
    "tagcloud",
    "taglist",
    "tags",
    // WordPress's word for categories and tags (`taxonomies-links`: a post's company and topic links).
    "taxonom",
];
/// Class and id tokens of the page's own header and footer: tokens starting with these…
const CHROME_PREFIXES: &[&str] = &["header", "footer", "masthead"];
/// …or holding these (a widget's `trc_header` or an article's `story-header` is neither).
const CHROME_WORDS: &[&str] = &[
    "siteheader",
    "sitefooter",
    "globalheader",
    "globalfooter",
    "pageheader",
    "pagefooter",
];
/// Longest block of the header or footer that is taken as chrome, in words ("Log In or Sign Up").
const MAX_CHROME_WORDS: usize = 6;
/// How many ancestors are looked at for navigation roles and classes.
const MAX_NAV_ANCESTORS: usize = 8;

/// Per block: whether it is navigation.
pub fn find(page: &Page) -> Vec<bool> {
    // Per element: it or one of its nearest ancestors is a navigation container. Elements come parents
    // first; the flag is inherited over at most MAX_NAV_ANCESTORS levels, one pass.
    let nav = within(page, |el| is_nav_element(page, el));
    let chrome = within(page, |el| is_chrome_element(page, el));
    page.blocks
        .iter()
        .enumerate()
        .map(|(b, block)| {
            let e = &page.elements[block.element];
            if e.landmarks.contains(Landmarks::NAV) {
                return true;
            }
            // A menu's class on a list of headlines ("list-menu" of stories) does not make them menu
            // items, except in the site's header, whose menus drop down the sections' latest stories.
            if nav[block.element] && (chrome[block.element] || !links_an_article(page, b)) {
                return true;
            }
            let in_chrome = chrome[block.element]
                || e.landmarks.contains(Landmarks::HEADER)
                || e.landmarks.contains(Landmarks::FOOTER);
            let short = block.text.split_whitespace().count() <= MAX_CHROME_WORDS;
            if in_chrome
                && short
                && !block.links.is_empty()
                && block
                    .links
                    .iter()
                    .all(|l| !reads_as_article(&l.href, &page.meta.url))
            {
                return true;
            }
            // A row of links glued into one block ("About usCreate Your Own AdTerms of Use…"),
            // nearly none to an article: a footer's or a menu's list of pages.
            let articles = block
                .links
                .iter()
                .filter(|l| reads_as_article(&l.href, &page.meta.url))
                .count();
            if block.links.len() >= MIN_ROW_LINKS
                && articles as f32 <= MAX_ROW_ARTICLE_SHARE * block.links.len() as f32
                && linked_share(block) >= MIN_LABEL_LINK_SHARE
            {
                return true;
            }
            let chars = block.text.chars().count();
            let linked: usize = block
                .links
                .iter()
                .map(|l| block.text[l.range.clone()].chars().count())
                .sum();
            let words = block.text.split_whitespace().count();
            words <= MAX_LABEL_WORDS
                && linked as f32 >= MIN_LABEL_LINK_SHARE * chars as f32
                && (words <= MAX_TAB_WORDS
                    || block
                        .links
                        .iter()
                        .all(|l| !reads_as_article(&l.href, &page.meta.url)))
        })
        .collect()
}

/// Share of a block's characters that its links cover.
fn linked_share(block: &Block) -> f32 {
    let chars = block.text.chars().count();
    let linked: usize = block
        .links
        .iter()
        .map(|l| block.text[l.range.clone()].chars().count())
        .sum();
    if chars == 0 {
        0.0
    } else {
        linked as f32 / chars as f32
    }
}

/// Per element: whether it, or an ancestor at most [`MAX_NAV_ANCESTORS`] levels up, passes `test`.
/// Elements come parents first: one pass.
fn within(page: &Page, test: impl Fn(usize) -> bool) -> Vec<bool> {
    let mut depth: Vec<Option<usize>> = vec![None; page.elements.len()];
    for el in 1..page.elements.len() {
        let inherited = page.elements[el]
            .parent
            .and_then(|p| depth[p])
            .map(|d| d + 1)
            .filter(|&d| d <= MAX_NAV_ANCESTORS);
        depth[el] = if test(el) { Some(0) } else { inherited };
    }
    depth.into_iter().map(|d| d.is_some()).collect()
}

fn is_chrome_element(page: &Page, el: usize) -> bool {
    let e = &page.elements[el];
    !matches!(e.tag.as_str(), "html" | "body" | "main" | "article")
        && e.id.iter().chain(&e.classes).any(|t| {
            let t = t.to_ascii_lowercase();
            let joined = t.replace(['-', '_'], "");
            CHROME_PREFIXES.iter().any(|w| t.starts_with(w))
                || CHROME_WORDS.iter().any(|w| joined.contains(w))
        })
}

fn is_nav_element(page: &Page, el: usize) -> bool {
    let e = &page.elements[el];
    // Page-wide containers carry state classes ("has-sticky-nav", "menu-open") that say nothing.
    if matches!(e.tag.as_str(), "html" | "body" | "main" | "article") {
        return false;
    }
    if e.attr("role")
        .is_some_and(|r| NAV_ROLES.contains(&r.to_ascii_lowercase().as_str()))
    {
        return true;
    }
    e.id.iter().chain(&e.classes).any(|t| {
        let t = t.to_ascii_lowercase();
        NAV_WORDS.iter().any(|w| t.contains(w))
            && !t.contains("unavailable")
            && !t.contains("canvas")
    })
}
