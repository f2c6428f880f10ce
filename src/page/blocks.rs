//! Turns a snapshot tree into blocks: the one code path from DOM to page model.
//!
//! A block-level element ends the block before it and starts a new one; inline elements (links,
//! spans, emphasis) flow into the current block. `<br>` ends a block too: aggregators lay widgets
//! out as lines joined by `<br>`, and a line is the unit the reader sees. Whitespace is collapsed the
//! way a browser renders it, and every run of kept text remembers the text node it came from.

use super::snapshot::{ElementNode, Node, SKIPPED_TAGS};
use super::{Block, BlockKind, Element, Hints, Landmarks, Link, Page, Segment};

/// Tags that start a block of their own.
const BLOCK_TAGS: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
];

/// How many ancestors contribute class and id tokens to a block's hints. Readability looks at the
/// element and two levels up; cards on aggregators nest a little deeper than that.
const HINT_ANCESTOR_DEPTH: usize = 5;

/// Builds the blocks of `root` into `page`.
pub(super) fn build(page: &mut Page, root: &ElementNode) {
    let mut b = Builder { page, current: Pending::default(), node_counter: 0 };
    b.page.elements.push(Element { tag: "#root".into(), ..Element::default() });
    b.element(root, 0, Landmarks::default(), 0);
    b.flush();
}

struct Builder<'a> {
    page: &'a mut Page,
    current: Pending,
    node_counter: u32,
}

#[derive(Default)]
struct Pending {
    text: String,
    segments: Vec<Segment>,
    links: Vec<Link>,
    /// The element holding the block: the innermost block-level element when its first text came.
    element: usize,
    /// A collapsed whitespace waiting to be written before the next visible character.
    space: Option<(u32, u32)>,
}

impl Builder<'_> {
    fn element(&mut self, el: &ElementNode, parent: usize, landmarks: Landmarks, block_el: usize) {
        if SKIPPED_TAGS.contains(&el.tag.as_str()) || is_hidden(el) {
            self.skip(el);
            return;
        }
        let role = el.attr("role").map(str::to_ascii_lowercase);
        let landmarks = landmarks.with(Landmarks::of(&el.tag, role.as_deref()));
        let index = self.page.elements.len();
        self.page.elements.push(Element {
            tag: el.tag.clone(),
            id: el.attr("id").map(str::to_string),
            classes: el.attr("class").map(|c| c.split_whitespace().map(str::to_string).collect()).unwrap_or_default(),
            attrs: el.attrs.clone(),
            parent: Some(parent),
            landmarks,
        });
        let is_block = BLOCK_TAGS.contains(&el.tag.as_str());
        if el.tag == "br" {
            self.flush();
            return;
        }
        if is_block {
            self.flush();
        }
        let block_el = if is_block { index } else { block_el };
        let link_start = (el.tag == "a").then(|| el.attr("href")).flatten().map(|href| (href.to_string(), self.visible_len()));
        for child in &el.children {
            match child {
                Node::Text(t) => self.text(t, block_el),
                Node::Element(c) => self.element(c, index, landmarks, block_el),
            }
        }
        if let Some((href, start)) = link_start {
            let end = self.current.text.len();
            // The link's text may have started before a flush (a block inside a link): keep what is here.
            let start = start.min(end);
            if end > start {
                self.current.links.push(Link { range: start..end, href });
            }
        }
        if is_block {
            self.flush();
        }
    }

    /// Counts the text nodes of a skipped subtree so that numbering stays in step with the writer.
    fn skip(&mut self, el: &ElementNode) {
        for child in &el.children {
            match child {
                Node::Text(_) => self.node_counter += 1,
                Node::Element(c) => self.skip(c),
            }
        }
    }

    /// Length of the block text once a pending space is written: where the next visible text starts.
    fn visible_len(&self) -> usize {
        self.current.text.len() + usize::from(self.current.space.is_some() && !self.current.text.is_empty())
    }

    fn text(&mut self, t: &str, block_el: usize) {
        let node = self.node_counter;
        self.node_counter += 1;
        let mut in_run = false;
        let mut unit: u32 = 0;
        for ch in t.chars() {
            if ch.is_whitespace() {
                if self.current.space.is_none() {
                    self.current.space = Some((node, unit));
                }
                in_run = false;
            } else {
                if self.current.text.is_empty() {
                    self.current.element = block_el;
                    self.current.space = None;
                }
                if let Some((snode, sunit)) = self.current.space.take() {
                    self.current.segments.push(Segment { block_start: self.current.text.len(), node: snode, node_start: sunit });
                    self.current.text.push(' ');
                    in_run = false;
                }
                if !in_run {
                    self.current.segments.push(Segment { block_start: self.current.text.len(), node, node_start: unit });
                    in_run = true;
                }
                self.current.text.push(ch);
            }
            unit += ch.len_utf16() as u32;
        }
    }

    fn flush(&mut self) {
        let pending = std::mem::take(&mut self.current);
        if pending.text.is_empty() {
            return;
        }
        let el = &self.page.elements[pending.element];
        let kind = kind_of(&self.page.elements, pending.element);
        let hints = Hints {
            tag: el.tag.clone(),
            tokens: hint_tokens(&self.page.elements, pending.element),
            role: el.attr("role").map(str::to_ascii_lowercase),
            landmarks: el.landmarks,
        };
        self.page.blocks.push(Block {
            text: pending.text,
            kind,
            element: pending.element,
            links: pending.links,
            hints,
            segments: pending.segments,
        });
    }
}

/// Elements a reader does not see, and editable regions, which Chaff never reads or marks.
fn is_hidden(el: &ElementNode) -> bool {
    let editable = el.attr("contenteditable").is_some_and(|v| !v.eq_ignore_ascii_case("false"));
    editable || el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true")
}

/// The kind of a block from its holding element, looking up for quotes.
fn kind_of(elements: &[Element], index: usize) -> BlockKind {
    let tag = elements[index].tag.as_str();
    let own = match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading(tag.as_bytes()[1] - b'0'),
        "li" | "dd" | "dt" => BlockKind::ListItem,
        "figcaption" | "caption" => BlockKind::Caption,
        "td" | "th" => BlockKind::TableCell,
        "blockquote" => BlockKind::Quote,
        "p" => BlockKind::Paragraph,
        _ => BlockKind::Other,
    };
    if matches!(own, BlockKind::Paragraph | BlockKind::Other) && ancestors(elements, index).any(|e| e.tag == "blockquote") {
        return BlockKind::Quote;
    }
    own
}

fn ancestors(elements: &[Element], index: usize) -> impl Iterator<Item = &Element> {
    std::iter::successors(Some(index), |&i| elements[i].parent).map(|i| &elements[i])
}

fn hint_tokens(elements: &[Element], index: usize) -> Vec<String> {
    let mut tokens = Vec::new();
    for el in ancestors(elements, index).take(HINT_ANCESTOR_DEPTH + 1) {
        tokens.extend(el.id.iter().map(|s| s.to_ascii_lowercase()));
        tokens.extend(el.classes.iter().map(|s| s.to_ascii_lowercase()));
    }
    tokens
}
