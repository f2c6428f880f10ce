//! The snapshot: one compact, serialisable picture of a DOM that every door writes.
//!
//! Two encodings of the same tree are accepted. The **flat** one is what the doors write: the
//! elements and text nodes in document order as one list, so that nothing, neither writer nor reader,
//! needs recursion as deep as the page:
//!
//! ```text
//! { "url": "https://…", "title": "…",
//!   "meta": [["og:site_name", "CoinCentral"], ["canonical", "https://…"], …],
//!   "jsonld": ["{\"@type\":\"NewsArticle\", …}", …],
//!   "nodes": [ {"tag": "body", "attrs": [["class", "single"]]}, "text",
//!              {"tag": "p"}, "…", 1, {"tag": "span", "display": "block"}, "…", 2 ],
//!   "notices": [{"id": "…", "message": "…"}] }
//! ```
//!
//! In `nodes` an object opens an element (a child of the innermost open one), a string is a text node,
//! and a number `n` closes the `n` innermost open elements; elements still open at the end close there,
//! and closes beyond the open ones are ignored. `attrs` may be left out when empty.
//!
//! `display` says how an element is drawn when its tag alone would mislead the builder: `"block"`
//! for an element drawn as a box of its own (block, flex, grid, table parts, list item; floated or
//! positioned) whose tag is not one of [`BLOCK_TAGS`], and `"spaced"` for an inline one set apart from
//! its neighbours by a margin or padding of at least [`MIN_GAP_PX`]. Without it the builder would
//! join `<span>T</span><span>Talus Price</span>` into one word. The content script reads the computed
//! style; a writer without CSS (the CLI's) reads the `style` attribute ([`Display::from_style`]). The **tree** encoding, `"root": {"tag", "attrs",
//! "children": ["text", {…}]}`, is still read when `nodes` is absent or empty, but only down to
//! [`MAX_TREE_DEPTH`] levels, because decoding it recurses; deeper trees are refused with a message
//! that names the flat form.
//!
//! Text nodes are numbered in document order over the whole snapshot, counting every string wherever
//! it stands; marks point back into the DOM with those numbers ([`DomPoint`](super::DomPoint)), so a
//! writer keeps its own list of the text nodes it wrote, in the same order. Writers may leave out what
//! is never text to a reader (`script`, `style`, editable regions) to keep the snapshot small; deciding
//! what counts is the builder's job ([`SKIPPED_TAGS`]), not the writer's. A writer that had to stop
//! early or leave something out says so in `notices`, which the analysis passes on to the reader.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::Notice;

/// Deepest `root` tree the decoder reads. Decoding the tree form recurses once per level; the flat
/// form does not and has no limit. Chromium's HTML parser stops nesting at 512 levels, so a tree from
/// a parsed page fits; a deeper one is refused with [`TOO_DEEP`] rather than overflowing the stack
/// (which in wasm corrupts memory instead of trapping).
pub const MAX_TREE_DEPTH: usize = 512;

/// The error a tree deeper than [`MAX_TREE_DEPTH`] gets.
pub const TOO_DEEP: &str =
    "the snapshot's `root` tree is nested deeper than 512 levels; send the flat `nodes` form";

/// A whole page's snapshot.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Snapshot {
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub title: String,
    /// `<meta name|property content>` pairs and `<link rel=canonical>` as `["canonical", href]`.
    #[serde(default)]
    pub meta: Vec<(String, String)>,
    /// The raw text of each `<script type="application/ld+json">`.
    #[serde(default)]
    pub jsonld: Vec<String>,
    /// The tree form (read when `nodes` is empty).
    #[serde(default)]
    pub root: Node,
    /// The flat form, in document order (see the module docs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<Item>,
    /// What the writer left out or bounded, in words the reader sees.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<Notice>,
}

/// A node of the snapshot tree.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(untagged)]
pub enum Node {
    Text(String),
    Element(ElementNode),
}

impl Default for Node {
    fn default() -> Self {
        Node::Element(ElementNode::default())
    }
}

/// An element of the snapshot tree. Its derived `Drop`, `Clone` and `Serialize` recurse once per
/// level, so Rust code builds the flat form for anything deep (the HTML door does); a decoded tree is
/// at most [`MAX_TREE_DEPTH`] deep.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ElementNode {
    /// Lowercase tag name.
    pub tag: String,
    /// Attributes kept by the writer (names lowercase); `style` and event handlers are dropped.
    #[serde(default)]
    pub attrs: Vec<(String, String)>,
    #[serde(default)]
    pub children: Vec<Node>,
    /// How the element is drawn, where its tag alone would mislead (see the module docs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<Display>,
}

impl ElementNode {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One entry of the flat form.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Item {
    /// A text node, child of the innermost open element.
    Text(String),
    /// Closes this many open elements.
    Close(u32),
    /// Opens an element.
    Open(OpenTag),
}

/// An element's start in the flat form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OpenTag {
    pub tag: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attrs: Vec<(String, String)>,
    /// How the element is drawn, where its tag alone would mislead (see the module docs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<Display>,
}

/// How an element is drawn, where its tag alone would mislead the page builder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Display {
    /// A box of its own: the builder ends the block before it and after it, as for a `<div>`.
    Block,
    /// Inline, set apart by a margin or padding: the builder puts a space before and after it.
    Spaced,
}

impl Display {
    /// How an element with tag `tag`, the `style` attribute `style` and a parent with the `style`
    /// attribute `parent_style` is drawn when no style sheet applies (the CLI's door has no CSS). A
    /// box: its own `display` is one of [`BLOCK_LEVEL_DISPLAYS`], or it is blockified as CSS does to
    /// a flex or grid item (its parent's `display` is one of [`BLOCKIFYING_DISPLAYS`]), a float or an
    /// absolutely positioned element. Spaced: a left or right margin or padding of [`MIN_GAP_PX`] or
    /// more. `None` for a tag in [`BLOCK_TAGS`] (already a block) or [`SKIPPED_TAGS`] (never read),
    /// for `display: none` and `contents`, and for an element drawn as its tag says. The last
    /// declaration of a property wins. Writers give no `display` to an element without children
    /// (an image, an empty icon): it holds no words to set apart, and a floated image must not cut
    /// the paragraph it floats in.
    pub fn from_style(tag: &str, style: &str, parent_style: &str) -> Option<Display> {
        if BLOCK_TAGS.contains(&tag) || SKIPPED_TAGS.contains(&tag) {
            return None;
        }
        let own = Declared::read(style);
        let display = own.display.as_deref().unwrap_or("");
        if display == "none" || display == "contents" {
            return None;
        }
        let parent = Declared::read(parent_style).display.unwrap_or_default();
        let blockified = BLOCKIFYING_DISPLAYS.contains(&parent.as_str())
            || matches!(
                own.float.as_deref(),
                Some("left" | "right" | "inline-start" | "inline-end")
            )
            || matches!(own.position.as_deref(), Some("absolute" | "fixed"));
        if is_block_level(display) || blockified {
            return Some(Display::Block);
        }
        let gap = own.gaps.iter().any(|&px| px >= MIN_GAP_PX);
        gap.then_some(Display::Spaced)
    }
}

/// What a `style` attribute declares of the properties [`Display::from_style`] reads.
#[derive(Default)]
struct Declared {
    display: Option<String>,
    float: Option<String>,
    position: Option<String>,
    /// Margin left, margin right, padding left, padding right, in px.
    gaps: [f64; 4],
}

impl Declared {
    fn read(style: &str) -> Declared {
        let mut d = Declared::default();
        for declaration in style.split(';') {
            let Some((name, value)) = declaration.split_once(':') else {
                continue;
            };
            let name = name.trim().to_ascii_lowercase();
            let value = value.trim().to_ascii_lowercase();
            let value = value.trim_end_matches("!important").trim();
            match name.as_str() {
                "display" => d.display = Some(value.to_string()),
                "float" => d.float = Some(value.to_string()),
                "position" => d.position = Some(value.to_string()),
                "margin" => [d.gaps[0], d.gaps[1]] = sides(value),
                "padding" => [d.gaps[2], d.gaps[3]] = sides(value),
                "margin-left" => d.gaps[0] = length_px(value),
                "margin-right" => d.gaps[1] = length_px(value),
                "padding-left" => d.gaps[2] = length_px(value),
                "padding-right" => d.gaps[3] = length_px(value),
                _ => {}
            }
        }
        d
    }
}

/// `float` values that make an element a box.
pub const BLOCKIFYING_FLOATS: &[&str] = &["left", "right", "inline-start", "inline-end"];

/// `position` values that make an element a box.
pub const BLOCKIFYING_POSITIONS: &[&str] = &["absolute", "fixed"];

/// A parent `display` that makes its element children boxes (flex and grid items are blockified).
pub const BLOCKIFYING_DISPLAYS: &[&str] = &[
    "flex",
    "grid",
    "inline-flex",
    "inline-grid",
    "block flex",
    "block grid",
    "inline flex",
    "inline grid",
];

/// Whether a CSS `display` value (as computed, or as written in a `style` attribute) draws a box
/// of its own: one of [`BLOCK_LEVEL_DISPLAYS`]. The content script asks the same of the computed
/// value, with the list from the engine's facts (src/wasm.rs).
pub fn is_block_level(display: &str) -> bool {
    BLOCK_LEVEL_DISPLAYS.contains(&display.trim())
}

/// The `display` values that draw a box of their own: block and its two-keyword spellings, flow-root,
/// flex, grid, table and its parts, list-item, and the legacy `-webkit-box` that line-clamped titles
/// use (Forbes' story cards: `<a style="display: -webkit-box; -webkit-line-clamp: 2">`; Chromium drew
/// it as a box while the CLI read it as inline until it was listed). Browsers compute the two-keyword
/// forms to the single keywords (`block flex` is `flex`); `inline-*` (with `-webkit-inline-box`),
/// `inline`, `contents`, `none` and ruby are not here.
pub const BLOCK_LEVEL_DISPLAYS: &[&str] = &[
    "-webkit-box",
    "block",
    "block flow",
    "block flow-root",
    "block flex",
    "block grid",
    "block table",
    "flex",
    "flow-root",
    "grid",
    "list-item",
    "table",
    "table-caption",
    "table-cell",
    "table-column",
    "table-column-group",
    "table-footer-group",
    "table-header-group",
    "table-row",
    "table-row-group",
];

/// The narrowest margin or padding (CSS px) that sets an inline element apart as a space would: a
/// space in 16 px text is 4–5 px wide; narrower gaps are kerning and tight layouts (a currency sign,
/// a unit) that a reader reads as one word.
pub const MIN_GAP_PX: f64 = 4.0;

/// CSS px per `em`/`rem` when the font size is not known (the browsers' default font size).
const PX_PER_EM: f64 = 16.0;

/// A CSS length in px: `px`, `em`/`rem` (at [`PX_PER_EM`]) and unitless 0; anything else (percent,
/// `auto`, `calc()`) counts as no gap.
fn length_px(value: &str) -> f64 {
    let value = value.trim();
    let (number, factor) = if let Some(n) = value.strip_suffix("rem") {
        (n, PX_PER_EM)
    } else if let Some(n) = value.strip_suffix("em") {
        (n, PX_PER_EM)
    } else if let Some(n) = value.strip_suffix("px") {
        (n, 1.0)
    } else if value == "0" {
        ("0", 1.0)
    } else {
        return 0.0;
    };
    number.trim().parse::<f64>().map_or(0.0, |n| n * factor)
}

/// The left and right lengths of a `margin` or `padding` shorthand (1 to 4 values: top right bottom
/// left).
fn sides(value: &str) -> [f64; 2] {
    let parts: Vec<&str> = value.split_whitespace().collect();
    match parts.as_slice() {
        [all] => [length_px(all); 2],
        [_, x] | [_, x, _] => [length_px(x); 2],
        [_, right, _, left, ..] => [length_px(left), length_px(right)],
        [] => [0.0; 2],
    }
}

/// What a walk over a snapshot sees, in document order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Event<'a> {
    Open {
        tag: &'a str,
        attrs: &'a [(String, String)],
        display: Option<Display>,
    },
    Text(&'a str),
    Close,
}

impl Snapshot {
    /// Visits every element and text node in document order, without recursion, from whichever form
    /// the snapshot has. Every `Open` gets its `Close`.
    pub fn walk(&self, mut visit: impl FnMut(Event<'_>)) {
        if !self.nodes.is_empty() {
            let mut open: u64 = 0;
            for item in &self.nodes {
                match item {
                    Item::Text(t) => visit(Event::Text(t)),
                    Item::Open(o) => {
                        open += 1;
                        visit(Event::Open {
                            tag: &o.tag,
                            attrs: &o.attrs,
                            display: o.display,
                        });
                    }
                    Item::Close(n) => {
                        let n = u64::from(*n).min(open);
                        open -= n;
                        (0..n).for_each(|_| visit(Event::Close));
                    }
                }
            }
            (0..open).for_each(|_| visit(Event::Close));
            return;
        }
        // The tree form: a stack of child iterators.
        let mut stack: Vec<std::slice::Iter<'_, Node>> =
            vec![std::slice::from_ref(&self.root).iter()];
        while let Some(top) = stack.last_mut() {
            match top.next() {
                Some(Node::Text(t)) => visit(Event::Text(t)),
                Some(Node::Element(el)) => {
                    visit(Event::Open {
                        tag: &el.tag,
                        attrs: &el.attrs,
                        display: el.display,
                    });
                    stack.push(el.children.iter());
                }
                None => {
                    stack.pop();
                    if !stack.is_empty() {
                        visit(Event::Close);
                    }
                }
            }
        }
    }

    /// Whether the snapshot is a bare string (a text page sent as a snapshot).
    pub fn as_text(&self) -> Option<&str> {
        match (&self.root, self.nodes.is_empty()) {
            (Node::Text(t), true) => Some(t),
            _ => None,
        }
    }
}

thread_local! {
    /// How deep the tree decoder is right now (see [`MAX_TREE_DEPTH`]).
    static TREE_DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Counts one level of tree decoding for as long as it lives.
struct DepthGuard;

impl DepthGuard {
    fn enter() -> Option<DepthGuard> {
        TREE_DEPTH.with(|d| {
            (d.get() < MAX_TREE_DEPTH).then(|| {
                d.set(d.get() + 1);
                DepthGuard
            })
        })
    }
}

impl Drop for DepthGuard {
    fn drop(&mut self) {
        TREE_DEPTH.with(|d| d.set(d.get() - 1));
    }
}

/// A tree node is a string or an element object; read without buffering (serde's untagged enums
/// buffer a whole subtree, recursively, before the depth check could run).
impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        let _guard = DepthGuard::enter().ok_or_else(|| de::Error::custom(TOO_DEEP))?;
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a text node (string) or an element ({tag, attrs, children})")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Text(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(Node::Text(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut el = ElementNode::default();
        let mut tag = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "tag" => tag = Some(map.next_value()?),
                "attrs" => el.attrs = map.next_value()?,
                "children" => el.children = map.next_value()?,
                "display" => el.display = map.next_value()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        el.tag = tag.ok_or_else(|| de::Error::missing_field("tag"))?;
        Ok(Node::Element(el))
    }
}

/// A flat entry is a string, a count or an element start; read without buffering.
impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Item, D::Error> {
        d.deserialize_any(ItemVisitor)
    }
}

struct ItemVisitor;

impl<'de> Visitor<'de> for ItemVisitor {
    type Value = Item;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a text node (string), a count of elements to close, or an element start ({tag, attrs})")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Item, E> {
        Ok(Item::Text(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Item, E> {
        Ok(Item::Text(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Item, E> {
        Ok(Item::Close(u32::try_from(v).unwrap_or(u32::MAX)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Item, E> {
        u64::try_from(v)
            .map_err(|_| E::custom("a close count cannot be negative"))
            .and_then(|v| self.visit_u64(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Item, E> {
        if v.is_finite() && v >= 0.0 && v.fract() == 0.0 {
            // Saturating float-to-int: counts past u32::MAX close everything anyway.
            Ok(Item::Close(v as u32))
        } else {
            Err(E::custom("a close count must be a whole number"))
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Item, A::Error> {
        OpenTag::deserialize(de::value::MapAccessDeserializer::new(map)).map(Item::Open)
    }
}

/// The attributes the page builder reads (`page::blocks`: structure, landmarks, links, hidden and
/// editable regions). A writer may keep only these plus the ones site rules name
/// ([`crate::Engine::snapshot_attributes`]); every other attribute is size without use.
pub const READ_ATTRIBUTES: &[&str] = &[
    "aria-hidden",
    "class",
    "contenteditable",
    "hidden",
    "href",
    "id",
    "role",
];

/// Which attribute of a `<meta content>` names it, in order of precedence: `property` (Open Graph,
/// RDFa), then `name`, then `itemprop` (microdata). Both writers take the first present and lowercase it.
pub const META_NAME_ATTRIBUTES: &[&str] = &["property", "name", "itemprop"];

/// Tags that start a block of their own in the page builder: every element the browsers' own style
/// sheet draws as a box of its own. Another element drawn so by the page's CSS carries
/// `"display": "block"` in the snapshot.
pub const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "optgroup",
    "option",
    "p",
    "plaintext",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "xmp",
];

/// Tags whose content a reader never sees as text; writers skip them and so does the builder.
pub const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas",
    "video", "audio", "input", "textarea", "select", "button", "head",
];
