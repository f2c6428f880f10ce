//! The snapshot: one compact, serialisable picture of a DOM that every door writes.
//!
//! ```text
//! { "url": "https://…", "title": "…",
//!   "meta": [["og:site_name", "CoinCentral"], ["canonical", "https://…"], …],
//!   "jsonld": ["{\"@type\":\"NewsArticle\", …}", …],
//!   "root": { "tag": "body", "attrs": [["class", "single"]],
//!             "children": [ "text", { "tag": "p", "attrs": [], "children": ["…"] } ] } }
//! ```
//!
//! A child is either an element or a string (a text node). Text nodes are numbered in document order
//! over the whole snapshot, counting every string child wherever it stands; marks point back into the
//! DOM with those numbers ([`DomPoint`](super::DomPoint)), so a writer keeps its own list of the text
//! nodes it wrote, in the same order. Writers may leave out what is never text to a reader (`script`,
//! `style`, editable regions) to keep the snapshot small; deciding what counts is the builder's job
//! ([`SKIPPED_TAGS`]), not the writer's.

use serde::{Deserialize, Serialize};

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
    pub root: Node,
}

/// A node of the snapshot tree.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
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

/// An element of the snapshot tree.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ElementNode {
    /// Lowercase tag name.
    pub tag: String,
    /// Attributes kept by the writer (names lowercase); `style` and event handlers are dropped.
    #[serde(default)]
    pub attrs: Vec<(String, String)>,
    #[serde(default)]
    pub children: Vec<Node>,
}

impl ElementNode {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// The attributes the page builder reads (`page::blocks`: structure, landmarks, links, hidden and
/// editable regions). A writer may keep only these plus the ones site rules name
/// ([`crate::Engine::snapshot_attributes`]); every other attribute is size without use.
pub const READ_ATTRIBUTES: &[&str] = &["aria-hidden", "class", "contenteditable", "hidden", "href", "id", "role"];

/// Tags whose content a reader never sees as text; writers skip them and so does the builder.
pub const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "video",
    "audio", "input", "textarea", "select", "button", "head",
];
