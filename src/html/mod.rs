//! The CLI's door: an HTML document, parsed by a real HTML5 parser, written as a snapshot.
//!
//! This writes the same format the content script writes from a live DOM (the flat form of
//! [`Snapshot`]), so a saved page and the same page in the browser go through one builder. The
//! markup first goes through [`bound`], a linear pass that keeps the parser out of its quadratic
//! cases (deep nesting, thousands of attributes on one element) without losing text; the walk over
//! the parsed tree is iterative, so no page can overflow the stack.

pub mod bound;

use ego_tree::iter::Edge;
use scraper::{Html, Selector, node::Node as DomNode};

use crate::page::snapshot::{Display, Item, META_NAME_ATTRIBUTES, OpenTag, Snapshot};
use crate::page::{Notice, url, utf16};

/// Attribute values longer than this (UTF-16 units, as JavaScript counts) are dropped from the
/// snapshot: data URIs and inline JSON are never what a site rule or a heuristic looks at, and they
/// would bloat the snapshot. The content script's writer (extension/snapshot.js) drops the same.
const MAX_ATTR_UNITS: usize = 500;

/// Whether `text` looks like an HTML document or fragment rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start();
    let lower: String = head
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || (lower.starts_with('<')
            && [
                "<body", "<div", "<p", "<article", "<head", "<meta", "<section", "<main",
            ]
            .iter()
            .any(|t| lower.contains(t)))
}

/// Parses an HTML document into a snapshot. `url` is the page's address, if known.
pub fn snapshot(html: &str, url: &str) -> Snapshot {
    let (html, bounded) = bound::bound(html);
    let doc = Html::parse_document(&html);
    let sel = |s: &str| Selector::parse(s).expect("static selector");
    // `document.title`: the first title's text, ASCII whitespace stripped and collapsed.
    let title = doc
        .select(&sel("title"))
        .next()
        .map(|t| collapse_ascii_whitespace(&t.text().collect::<String>()))
        .unwrap_or_default();
    let mut meta = Vec::new();
    for m in doc.select(&sel("meta[content]")) {
        let el = m.value();
        if let Some(name) = META_NAME_ATTRIBUTES
            .iter()
            .find_map(|a| el.attr(a).filter(|v| !v.is_empty()))
        {
            meta.push((
                name.to_ascii_lowercase(),
                el.attr("content").unwrap_or_default().to_string(),
            ));
        }
    }
    // The first canonical link, made absolute against the page's address as the browser does.
    if let Some(l) = doc.select(&sel(r#"link[rel~="canonical" i][href]"#)).next() {
        let href = l.value().attr("href").unwrap_or_default();
        meta.push(("canonical".into(), url::resolve(url, href)));
    }
    let jsonld = doc
        .select(&sel(r#"script[type="application/ld+json" i]"#))
        .map(|s| s.text().collect())
        .collect();
    let body = doc
        .select(&sel("body"))
        .next()
        .unwrap_or_else(|| doc.root_element());
    let mut notices = Vec::new();
    if bounded.dropped_tags > 0 {
        notices.push(Notice::new(
            "deep-nesting",
            format!(
                "This page nests elements {} levels deep; below level {} its structure was flattened (all of its text was read).",
                bounded.deepest,
                bound::MAX_DEPTH
            ),
        ));
    }
    if bounded.capped_elements > 0 {
        notices.push(Notice::new(
            "many-attributes",
            format!(
                "{} element(s) of this page carry more than {} attributes; {} attributes past that were not read.",
                bounded.capped_elements,
                bound::MAX_ATTRIBUTES,
                bounded.dropped_attributes
            ),
        ));
    }
    Snapshot {
        url: url.to_string(),
        title,
        meta,
        jsonld,
        nodes: write(*body),
        notices,
        ..Snapshot::default()
    }
}

/// `text` with runs of ASCII whitespace as one space and none at either end (the HTML standard's
/// "strip and collapse ASCII whitespace", as `document.title` reads the title).
fn collapse_ascii_whitespace(text: &str) -> String {
    text.split(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The flat form of `root`'s subtree, in one iterative pass over the parsed tree.
fn write(root: ego_tree::NodeRef<'_, DomNode>) -> Vec<Item> {
    let mut items = Vec::new();
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                DomNode::Text(t) => items.push(Item::Text(t.to_string())),
                DomNode::Element(v) => {
                    let attrs = v
                        .attrs()
                        .filter(|(n, val)| {
                            *n != "style"
                                && !n.starts_with("on")
                                && utf16::len(val) <= MAX_ATTR_UNITS
                        })
                        .map(|(n, val)| (n.to_ascii_lowercase(), val.to_string()))
                        .collect();
                    let tag = v.name().to_ascii_lowercase();
                    // No style sheets here: only the `style` attributes say how it is drawn.
                    let own = v.attr("style").unwrap_or_default();
                    let parent = node
                        .parent()
                        .and_then(|p| p.value().as_element().and_then(|e| e.attr("style")))
                        .unwrap_or_default();
                    let display = node
                        .has_children()
                        .then(|| Display::from_style(&tag, own, parent))
                        .flatten();
                    items.push(Item::Open(OpenTag {
                        tag,
                        attrs,
                        display,
                    }));
                }
                _ => {}
            },
            Edge::Close(node) if node.value().is_element() => match items.last_mut() {
                Some(Item::Close(n)) => *n += 1,
                _ => items.push(Item::Close(1)),
            },
            Edge::Close(_) => {}
        }
    }
    items
}
