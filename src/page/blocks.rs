//! Turns a snapshot tree into blocks: the one code path from DOM to page model.
//!
//! A block-level element ends the block before it and starts a new one; inline elements (links,
//! spans, emphasis) flow into the current block. `<br>` ends a block too: aggregators lay widgets
//! out as lines joined by `<br>`, and a line is the unit the reader sees. An element the page's CSS
//! draws as a box (`display: block` in the snapshot) is a block like a `<div>`, and an inline one
//! set apart by a margin (`display: spaced`) gets a space on either side: the words a reader sees
//! apart stay apart. Whitespace is collapsed the way a browser renders it, and every run of kept text
//! remembers the text node it came from.

use super::snapshot::{BLOCK_TAGS, Display, Event, SKIPPED_TAGS, Snapshot};
use super::{Block, BlockKind, Element, Landmarks, Link, Notice, Page, Segment};

/// Deepest element the page model keeps. Elements nested deeper still count (their text, links and
/// block breaks are read in full) but are not kept as elements of their own: their content belongs
/// to the deepest kept ancestor. Chromium's HTML parser flattens nesting at the same depth (512), so
/// a page the browser parsed never reaches it; the bound keeps every walk up the ancestors
/// (sections, site rules) short whatever the snapshot holds.
pub const MAX_ELEMENT_DEPTH: usize = 512;

/// Builds the blocks of a snapshot into `page`, in one pass over its events (no recursion).
pub(super) fn build(page: &mut Page, snapshot: &Snapshot) {
    page.elements.push(Element {
        tag: "#root".into(),
        ..Element::default()
    });
    let mut b = Builder {
        page,
        current: Pending::default(),
        node_counter: 0,
        stack: Vec::new(),
        skipping: 0,
        links: Vec::new(),
        deepest: 0,
    };
    snapshot.walk(|event| match event {
        Event::Open {
            tag,
            attrs,
            display,
        } => b.open(tag, attrs, display),
        Event::Text(t) => b.text(t),
        Event::Close => b.close(),
    });
    b.flush();
    // A door that bounded the page already said so (the HTML door's pre-pass); one notice is enough.
    if b.deepest > MAX_ELEMENT_DEPTH && !b.page.notices.iter().any(|n| n.id == "deep-nesting") {
        let message = format!(
            "This page nests elements {} levels deep; below level {MAX_ELEMENT_DEPTH} its structure was flattened (all of its text was read).",
            b.deepest
        );
        b.page.notices.push(Notice::new("deep-nesting", message));
    }
}

struct Builder<'a> {
    page: &'a mut Page,
    current: Pending,
    node_counter: u32,
    /// The open elements, innermost last.
    stack: Vec<Frame>,
    /// How many open elements are inside a skipped one (their text counts but is not read).
    skipping: usize,
    /// Links open right now: their target, and where their text starts in the pending block.
    links: Vec<(String, usize)>,
    /// The deepest nesting seen.
    deepest: usize,
}

/// An open element, as the builder remembers it until it closes.
#[derive(Clone, Copy)]
struct Frame {
    /// Its index in the page's elements (its deepest kept ancestor's when nested past the limit).
    index: usize,
    landmarks: Landmarks,
    /// The innermost block-level element around it (itself if it is one).
    block_el: usize,
    is_block: bool,
    is_link: bool,
    /// Set apart by a margin: a space after it too.
    spaced: bool,
    /// Inside a `<blockquote>`.
    quoted: bool,
}

const ROOT_FRAME: Frame = Frame {
    index: 0,
    landmarks: Landmarks(0),
    block_el: 0,
    is_block: false,
    is_link: false,
    spaced: false,
    quoted: false,
};

#[derive(Default)]
struct Pending {
    text: String,
    segments: Vec<Segment>,
    links: Vec<Link>,
    /// The element holding the block: the innermost block-level element when its first text came.
    element: usize,
    /// Whether that element is inside a `<blockquote>`.
    quoted: bool,
    /// A collapsed whitespace waiting to be written before the next visible character.
    space: Option<(u32, u32)>,
    /// A space the CSS makes (a margin), waiting like `space`; it has no character in the DOM.
    gap: bool,
    /// Where the last visible character written ends: text node and UTF-16 offset. A gap's space
    /// points there, with no width.
    end: (u32, u32),
}

impl Builder<'_> {
    fn open(&mut self, tag: &str, attrs: &[(String, String)], display: Option<Display>) {
        let depth = self.stack.len() + 1;
        self.deepest = self.deepest.max(depth);
        if self.skipping > 0 || SKIPPED_TAGS.contains(&tag) || is_hidden(attrs) {
            self.skipping += 1;
            return;
        }
        let parent = self.stack.last().copied().unwrap_or(ROOT_FRAME);
        let attr = |name: &str| {
            attrs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        let is_block = BLOCK_TAGS.contains(&tag) || display == Some(Display::Block);
        let spaced = !is_block && display == Some(Display::Spaced);
        if spaced {
            self.current.gap = true;
        }
        let index = if depth <= MAX_ELEMENT_DEPTH {
            let role = attr("role").map(str::to_ascii_lowercase);
            let landmarks = parent.landmarks.with(Landmarks::of(tag, role.as_deref()));
            self.page.elements.push(Element {
                tag: tag.to_string(),
                id: attr("id").map(str::to_string),
                classes: attr("class")
                    .map(|c| c.split_whitespace().map(str::to_string).collect())
                    .unwrap_or_default(),
                attrs: attrs.to_vec(),
                parent: Some(parent.index),
                landmarks,
            });
            self.page.elements.len() - 1
        } else {
            parent.index
        };
        let landmarks = self.page.elements[index].landmarks;
        if tag == "br" || is_block {
            self.flush();
        }
        let kept_block = is_block && index != parent.index;
        let href = if tag == "a" { attr("href") } else { None };
        if let Some(href) = href {
            self.links.push((href.to_string(), self.visible_len()));
        }
        self.stack.push(Frame {
            index,
            landmarks,
            block_el: if kept_block { index } else { parent.block_el },
            is_block,
            is_link: href.is_some(),
            spaced,
            quoted: parent.quoted || (tag == "blockquote" && kept_block),
        });
    }

    fn close(&mut self) {
        if self.skipping > 0 {
            self.skipping -= 1;
            return;
        }
        let Some(frame) = self.stack.pop() else {
            return;
        };
        if frame.is_link
            && let Some((href, start)) = self.links.pop()
        {
            let end = self.current.text.len();
            if end > start {
                self.current.links.push(Link {
                    range: start..end,
                    href,
                });
            }
        }
        if frame.is_block {
            self.flush();
        }
        if frame.spaced {
            self.current.gap = true;
        }
    }

    /// Length of the block text once a pending space is written: where the next visible text starts.
    fn visible_len(&self) -> usize {
        let pending = self.current.space.is_some() || self.current.gap;
        self.current.text.len() + usize::from(pending && !self.current.text.is_empty())
    }

    fn text(&mut self, t: &str) {
        let node = self.node_counter;
        self.node_counter += 1;
        if self.skipping > 0 {
            return;
        }
        let frame = self.stack.last().copied().unwrap_or(ROOT_FRAME);
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
                    self.current.element = frame.block_el;
                    self.current.quoted = frame.quoted;
                    self.current.space = None;
                    self.current.gap = false;
                }
                if let Some((snode, sunit)) = self.current.space.take() {
                    self.current.segments.push(Segment {
                        block_start: self.current.text.len(),
                        node: snode,
                        node_start: sunit,
                        width: true,
                    });
                    self.current.text.push(' ');
                    in_run = false;
                } else if self.current.gap {
                    // No character in the DOM: the space sits, with no width, where the text before ends.
                    let (enode, eunit) = self.current.end;
                    self.current.segments.push(Segment {
                        block_start: self.current.text.len(),
                        node: enode,
                        node_start: eunit,
                        width: false,
                    });
                    self.current.text.push(' ');
                    in_run = false;
                }
                self.current.gap = false;
                if !in_run {
                    self.current.segments.push(Segment {
                        block_start: self.current.text.len(),
                        node,
                        node_start: unit,
                        width: true,
                    });
                    in_run = true;
                }
                self.current.text.push(ch);
                self.current.end = (node, unit + ch.len_utf16() as u32);
            }
            unit += ch.len_utf16() as u32;
        }
    }

    /// Ends the pending block. A link still open is split: the part read so far belongs to this
    /// block, and the rest starts at the beginning of the next.
    fn flush(&mut self) {
        let len = self.current.text.len();
        for (href, start) in &mut self.links {
            if len > *start {
                self.current.links.push(Link {
                    range: *start..len,
                    href: href.clone(),
                });
            }
            *start = 0;
        }
        let mut pending = std::mem::take(&mut self.current);
        if pending.text.is_empty() {
            return;
        }
        pending.links.sort_by_key(|l| (l.range.start, l.range.end));
        let el = &self.page.elements[pending.element];
        let kind = kind_of(&el.tag, pending.quoted);
        self.page.blocks.push(Block {
            text: pending.text,
            kind,
            element: pending.element,
            links: pending.links,
            segments: pending.segments,
        });
    }
}

/// Elements a reader does not see, and editable regions, which Chaff never reads or marks.
fn is_hidden(attrs: &[(String, String)]) -> bool {
    let attr = |name: &str| {
        attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let editable = attr("contenteditable").is_some_and(|v| !v.eq_ignore_ascii_case("false"));
    editable || attr("hidden").is_some() || attr("aria-hidden") == Some("true")
}

/// The kind of a block from its holding element's tag and whether it sits inside a quote.
fn kind_of(tag: &str, quoted: bool) -> BlockKind {
    let own = match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading(tag.as_bytes()[1] - b'0'),
        "li" | "dd" | "dt" => BlockKind::ListItem,
        "figcaption" | "caption" => BlockKind::Caption,
        "td" | "th" => BlockKind::TableCell,
        "blockquote" => BlockKind::Quote,
        "p" => BlockKind::Paragraph,
        _ => BlockKind::Other,
    };
    if matches!(own, BlockKind::Paragraph | BlockKind::Other) && quoted {
        return BlockKind::Quote;
    }
    own
}
