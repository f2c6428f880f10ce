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

use crate::page::Notice;
use crate::page::snapshot::{Item, OpenTag, Snapshot};

/// Attribute values longer than this are dropped from the snapshot: data URIs and inline JSON are
/// never what a site rule or a heuristic looks at, and they would bloat the snapshot.
const MAX_ATTR_CHARS: usize = 500;

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
    let title = doc
        .select(&sel("title"))
        .next()
        .map(|t| t.text().collect::<String>())
        .unwrap_or_default();
    let mut meta = Vec::new();
    for m in doc.select(&sel("meta[content]")) {
        let el = m.value();
        if let Some(name) = el
            .attr("property")
            .or_else(|| el.attr("name"))
            .or_else(|| el.attr("itemprop"))
        {
            meta.push((
                name.to_ascii_lowercase(),
                el.attr("content").unwrap_or_default().to_string(),
            ));
        }
    }
    for l in doc.select(&sel("link[rel~=canonical][href]")) {
        meta.push((
            "canonical".into(),
            l.value().attr("href").unwrap_or_default().to_string(),
        ));
    }
    let jsonld = doc
        .select(&sel(r#"script[type="application/ld+json"]"#))
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
                                && val.chars().count() <= MAX_ATTR_CHARS
                        })
                        .map(|(n, val)| (n.to_ascii_lowercase(), val.to_string()))
                        .collect();
                    items.push(Item::Open(OpenTag {
                        tag: v.name().to_ascii_lowercase(),
                        attrs,
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
