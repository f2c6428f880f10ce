//! The CLI's door: an HTML document, parsed by a real HTML5 parser, written as a snapshot.
//!
//! This writes the same format the content script writes from a live DOM, so a saved page and the
//! same page in the browser go through one builder.

use scraper::{node::Node as DomNode, ElementRef, Html, Selector};

use crate::page::snapshot::{ElementNode, Node, Snapshot};

/// Attribute values longer than this are dropped from the snapshot: data URIs and inline JSON are
/// never what a site rule or a heuristic looks at, and they would bloat the snapshot.
const MAX_ATTR_CHARS: usize = 500;

/// Whether `text` looks like an HTML document or fragment rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start();
    let lower: String = head.chars().take(512).collect::<String>().to_ascii_lowercase();
    lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || (lower.starts_with('<') && ["<body", "<div", "<p", "<article", "<head", "<meta", "<section", "<main"].iter().any(|t| lower.contains(t)))
}

/// Parses an HTML document into a snapshot. `url` is the page's address, if known.
pub fn snapshot(html: &str, url: &str) -> Snapshot {
    let doc = Html::parse_document(html);
    let sel = |s: &str| Selector::parse(s).expect("static selector");
    let title = doc.select(&sel("title")).next().map(|t| t.text().collect::<String>()).unwrap_or_default();
    let mut meta = Vec::new();
    for m in doc.select(&sel("meta[content]")) {
        let el = m.value();
        if let Some(name) = el.attr("property").or_else(|| el.attr("name")).or_else(|| el.attr("itemprop")) {
            meta.push((name.to_ascii_lowercase(), el.attr("content").unwrap_or_default().to_string()));
        }
    }
    for l in doc.select(&sel("link[rel~=canonical][href]")) {
        meta.push(("canonical".into(), l.value().attr("href").unwrap_or_default().to_string()));
    }
    let jsonld = doc.select(&sel(r#"script[type="application/ld+json"]"#)).map(|s| s.text().collect()).collect();
    let body = doc.select(&sel("body")).next().unwrap_or_else(|| doc.root_element());
    Snapshot { url: url.to_string(), title, meta, jsonld, root: write(body) }
}

fn write(el: ElementRef<'_>) -> Node {
    let v = el.value();
    let attrs = v
        .attrs()
        .filter(|(n, val)| *n != "style" && !n.starts_with("on") && val.chars().count() <= MAX_ATTR_CHARS)
        .map(|(n, val)| (n.to_ascii_lowercase(), val.to_string()))
        .collect();
    let mut children = Vec::new();
    for child in el.children() {
        match child.value() {
            DomNode::Text(t) => children.push(Node::Text(t.to_string())),
            DomNode::Element(_) => {
                if let Some(c) = ElementRef::wrap(child) {
                    children.push(write(c));
                }
            }
            _ => {}
        }
    }
    Node::Element(ElementNode { tag: v.name().to_ascii_lowercase(), attrs, children })
}
