//! The page model: the engine's only input.
//!
//! A [`Page`] is a page's metadata plus its blocks of text in reading order. Every door builds it the
//! same way: a DOM becomes a [`Snapshot`](snapshot::Snapshot) (the content script, the playground and
//! the CLI's HTML parser all write that one format), and [`Page::from_snapshot`] turns the snapshot into
//! blocks. A plain-text file is a page too: [`Page::from_text`] makes a block of each line.
//!
//! Offsets inside the engine are byte offsets into a block's `text`; the [`utf16`] module converts them
//! once, at the edge, into the UTF-16 offsets the DOM speaks.

mod blocks;
mod json;
mod meta;
pub mod snapshot;
mod text;
pub mod url;
pub mod utf16;

use std::ops::Range;

pub use blocks::MAX_ELEMENT_DEPTH;
pub use meta::Meta;

/// A page: its metadata, the elements its blocks came from, and its blocks in reading order.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub meta: Meta,
    /// Every element that holds a block, with its ancestors; `elements[0]` is the root.
    pub elements: Vec<Element>,
    pub blocks: Vec<Block>,
    /// Limits that changed how the page was read (never what text it holds), for the reader to see.
    pub notices: Vec<Notice>,
}

/// Something the reader should know about how a page was read: a limit reached, a part left out.
/// Written by a door (in the snapshot) or by the builder; the analysis carries it to the popup.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Notice {
    /// A stable id (`deep-nesting`, `many-attributes`, …) for tests and styling.
    pub id: String,
    /// One sentence the reader sees.
    pub message: String,
}

impl Notice {
    pub fn new(id: &str, message: impl Into<String>) -> Notice {
        Notice {
            id: id.to_string(),
            message: message.into(),
        }
    }
}

/// One element of the source DOM, kept for structure (cards, sections) and for site rules.
#[derive(Debug, Clone, Default)]
pub struct Element {
    /// Lowercase tag name (`div`, `li`, ...); `#root` for the synthetic root.
    pub tag: String,
    pub id: Option<String>,
    pub classes: Vec<String>,
    /// Every attribute the snapshot kept, names lowercased (includes `id` and `class`).
    pub attrs: Vec<(String, String)>,
    pub parent: Option<usize>,
    /// Landmarks of this element and all its ancestors.
    pub landmarks: Landmarks,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A run of text the reader sees as one unit: a paragraph, a heading, a list item, a cell.
#[derive(Debug, Clone, Default)]
pub struct Block {
    /// The text, whitespace collapsed, trimmed.
    pub text: String,
    pub kind: BlockKind,
    /// The element that holds the block (index into [`Page::elements`]).
    pub element: usize,
    /// Links inside the block, in order.
    pub links: Vec<Link>,
    /// Where each run of `text` came from in the snapshot's text nodes (empty for text pages).
    pub segments: Vec<Segment>,
}

impl Block {
    /// Characters of linked text over all characters (0 when the block is empty).
    pub fn link_density(&self) -> f32 {
        let linked: usize = self
            .links
            .iter()
            .map(|l| self.text[l.range.clone()].chars().count())
            .sum();
        let all = self.text.chars().count();
        if all == 0 {
            0.0
        } else {
            linked as f32 / all as f32
        }
    }

    /// Links that overlap `range` (byte offsets into `text`).
    pub fn links_in(&self, range: Range<usize>) -> impl Iterator<Item = &Link> {
        self.links
            .iter()
            .filter(move |l| l.range.start < range.end && range.start < l.range.end)
    }
}

/// What a block is, from its element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "level")]
pub enum BlockKind {
    Heading(u8),
    #[default]
    Paragraph,
    ListItem,
    Caption,
    Quote,
    TableCell,
    Other,
}

/// A link inside a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Byte range of the link's text in the block.
    pub range: Range<usize>,
    pub href: String,
}

/// Landmark ancestors of an element, as a small bit set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Landmarks(u8);

impl Landmarks {
    pub const ARTICLE: Landmarks = Landmarks(1);
    pub const ASIDE: Landmarks = Landmarks(2);
    pub const NAV: Landmarks = Landmarks(4);
    pub const FOOTER: Landmarks = Landmarks(8);
    pub const HEADER: Landmarks = Landmarks(16);
    pub const MAIN: Landmarks = Landmarks(32);
    pub const FORM: Landmarks = Landmarks(64);

    pub fn contains(self, other: Landmarks) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }
    pub fn with(self, other: Landmarks) -> Landmarks {
        Landmarks(self.0 | other.0)
    }
    /// The landmark an element stands for, from its tag or ARIA role.
    pub fn of(tag: &str, role: Option<&str>) -> Landmarks {
        let from_role = match role {
            Some("article") => Self::ARTICLE,
            Some("complementary") => Self::ASIDE,
            Some("navigation") => Self::NAV,
            Some("contentinfo") => Self::FOOTER,
            Some("banner") => Self::HEADER,
            Some("main") => Self::MAIN,
            Some("form") | Some("search") => Self::FORM,
            _ => Landmarks(0),
        };
        let from_tag = match tag {
            "article" => Self::ARTICLE,
            "aside" => Self::ASIDE,
            "nav" => Self::NAV,
            "footer" => Self::FOOTER,
            "header" => Self::HEADER,
            "main" => Self::MAIN,
            "form" => Self::FORM,
            _ => Landmarks(0),
        };
        from_role.with(from_tag)
    }
}

/// A run of block text copied unchanged from one text node of the snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Byte offset in the block's text where the run starts.
    pub block_start: usize,
    /// Index of the text node, counted in document order over the snapshot.
    pub node: u32,
    /// UTF-16 offset in that text node where the run starts.
    pub node_start: u32,
    /// Whether the run's characters are the node's. A space that the page's CSS makes (a margin
    /// between two elements, `Display::Spaced`) is not in any node: its run has no width, and every
    /// offset in it is `node_start`.
    pub width: bool,
}

/// A DOM position: a text node (document order in the snapshot) and a UTF-16 offset in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct DomPoint {
    pub node: u32,
    pub offset: u32,
}

impl Block {
    /// The segment holding byte offset `at`. `prefer_end` picks the previous run when `at` falls on
    /// a run boundary, so that a range never ends at the start of the next text node.
    fn segment_at(&self, at: usize, prefer_end: bool) -> Option<usize> {
        if self.segments.is_empty() {
            return None;
        }
        Some(
            match self.segments.binary_search_by(|s| s.block_start.cmp(&at)) {
                Ok(i) if prefer_end && i > 0 => i - 1,
                Ok(i) => i,
                Err(0) => 0,
                Err(i) => i - 1,
            },
        )
    }

    /// The DOM position of byte offset `at` in this block, or `None` for text pages. For many
    /// offsets of one block, [`Block::locator`] does the work once.
    pub fn dom_point(&self, at: usize, prefer_end: bool) -> Option<DomPoint> {
        let seg = self.segments[self.segment_at(at, prefer_end)?];
        let from = seg.block_start.min(at);
        let units = if seg.width {
            utf16::len(&self.text[from..at])
        } else {
            0
        };
        Some(DomPoint {
            node: seg.node,
            offset: seg.node_start + units as u32,
        })
    }

    /// Locates many byte offsets of this block (UTF-16 offsets and DOM points) with one pass over its
    /// text, however long the block and however many the offsets: a mark per offset at a time
    /// would rescan the text each time, and a 2 MB text node would take seconds.
    pub fn locator(&self, offsets: impl IntoIterator<Item = usize>) -> Locator<'_> {
        let mut positions = Vec::new();
        for at in offsets {
            positions.push(at);
            for prefer_end in [false, true] {
                if let Some(i) = self.segment_at(at, prefer_end) {
                    positions.push(self.segments[i].block_start.min(at));
                }
            }
        }
        positions.sort_unstable();
        positions.dedup();
        let units = utf16::offsets(&self.text, &positions);
        Locator {
            block: self,
            positions,
            units,
        }
    }
}

/// Byte offsets of one block located in UTF-16 and in the DOM (see [`Block::locator`]).
pub struct Locator<'a> {
    block: &'a Block,
    /// Sorted byte offsets, and the UTF-16 offset of each.
    positions: Vec<usize>,
    units: Vec<usize>,
}

impl Locator<'_> {
    /// UTF-16 offset of byte offset `at`, which must be one given to [`Block::locator`].
    pub fn utf16(&self, at: usize) -> usize {
        match self.positions.binary_search(&at) {
            Ok(i) => self.units[i],
            Err(_) => utf16::offset(&self.block.text, at),
        }
    }

    /// The DOM position of byte offset `at` (one given to [`Block::locator`]); `None` for text pages.
    pub fn dom_point(&self, at: usize, prefer_end: bool) -> Option<DomPoint> {
        let seg = self.block.segments[self.block.segment_at(at, prefer_end)?];
        let from = seg.block_start.min(at);
        let units = if seg.width {
            self.utf16(at) - self.utf16(from)
        } else {
            0
        };
        Some(DomPoint {
            node: seg.node,
            offset: seg.node_start + units as u32,
        })
    }
}

impl Page {
    /// Builds a page from a DOM snapshot (any door: content script, playground, CLI).
    pub fn from_snapshot(snapshot: &snapshot::Snapshot) -> Page {
        let mut page = Page {
            meta: Meta::read(
                &snapshot.url,
                &snapshot.title,
                &snapshot.meta,
                &snapshot.jsonld,
            ),
            notices: snapshot.notices.clone(),
            ..Page::default()
        };
        match snapshot.as_text() {
            Some(t) => text::build(&mut page, t),
            None => blocks::build(&mut page, snapshot),
        }
        page
    }

    /// Builds a page from plain text: a block per non-empty line.
    pub fn from_text(text: &str, url: &str) -> Page {
        let mut page = Page {
            meta: Meta {
                url: url.to_string(),
                ..Meta::default()
            },
            ..Page::default()
        };
        text::build(&mut page, text);
        page
    }

    /// Indices of the ancestors of element `index`, starting with the element itself.
    pub fn ancestors(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(index), |&i| self.elements[i].parent)
    }

    /// For every element, the run of blocks inside it (empty where it holds none). Blocks are in
    /// document order, so an element's blocks are contiguous. Elements come in document order too (a
    /// parent before its children), so one pass over the blocks and one backwards over the elements,
    /// merging each run into its parent's, give every run: linear, however deep the page.
    pub fn block_spans(&self) -> Vec<Range<usize>> {
        let mut spans: Vec<Range<usize>> = vec![0..0; self.elements.len()];
        let merge = |span: &mut Range<usize>, other: Range<usize>| {
            *span = if span.start == span.end {
                other
            } else {
                span.start.min(other.start)..span.end.max(other.end)
            };
        };
        for (b, block) in self.blocks.iter().enumerate() {
            merge(&mut spans[block.element], b..b + 1);
        }
        for el in (1..self.elements.len()).rev() {
            if let Some(parent) = self.elements[el].parent
                && parent < el
                && !spans[el].is_empty()
            {
                let run = spans[el].clone();
                merge(&mut spans[parent], run);
            }
        }
        spans
    }

    /// Whether this is a text page (a block per line, no elements but the root): structure-based
    /// detectors have nothing to read on it.
    pub fn is_text(&self) -> bool {
        self.elements.len() <= 1
    }
}

#[cfg(test)]
mod tests;
