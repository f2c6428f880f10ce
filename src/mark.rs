//! What the engine reports: marks on the page and a summary of it.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use serde::Serialize;

use crate::page::{DomPoint, Notice};

/// The three things Chaff marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    RepostNoise,
    UnrelatedPromo,
    UnconfirmedAttribution,
}

impl Category {
    pub const ALL: [Category; 3] = [
        Category::RepostNoise,
        Category::UnrelatedPromo,
        Category::UnconfirmedAttribution,
    ];

    /// The id used in JSON, CSS highlight names and rule files.
    pub fn id(self) -> &'static str {
        match self {
            Category::RepostNoise => "repost-noise",
            Category::UnrelatedPromo => "unrelated-promo",
            Category::UnconfirmedAttribution => "unconfirmed-attribution",
        }
    }

    /// The name a reader sees.
    pub fn label(self) -> &'static str {
        match self {
            Category::RepostNoise => "Repost noise",
            Category::UnrelatedPromo => "Unrelated promotion",
            Category::UnconfirmedAttribution => "Unconfirmed attribution",
        }
    }

    /// Whether text in this category counts towards the page's noise share.
    pub fn is_noise(self) -> bool {
        matches!(self, Category::RepostNoise | Category::UnrelatedPromo)
    }

    /// Which category keeps text that two detectors mark at the same place (lower wins): a promoted
    /// card's lines are the card's before they are residue, and residue is not read for attributions.
    /// Marks never overlap; where findings start together the longer one is kept, and at equal ranges
    /// this order decides.
    pub fn precedence(self) -> u8 {
        match self {
            Category::UnrelatedPromo => 0,
            Category::RepostNoise => 1,
            Category::UnconfirmedAttribution => 2,
        }
    }

    /// The facts every door needs about each category, in drawing order.
    pub fn facts() -> Vec<CategoryFacts> {
        Category::ALL
            .iter()
            .map(|&c| CategoryFacts {
                id: c.id(),
                label: c.label(),
                noise: c.is_noise(),
            })
            .collect()
    }
}

/// A category as the doors see it (`summary.categories`): the JavaScript keeps no copy of these.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryFacts {
    pub id: &'static str,
    /// The name a reader sees.
    pub label: &'static str,
    /// Counts towards the noise share; the content script hides only these, when asked to.
    pub noise: bool,
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// How much a mark matters; attribution marks rank hearsay and chains above vague authorities above
/// unlinked named sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "low" => Some(Severity::Low),
            "medium" => Some(Severity::Medium),
            "high" => Some(Severity::High),
            _ => None,
        }
    }
}

/// A detector's finding, in engine coordinates (block index and byte range).
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub category: Category,
    pub rule: String,
    pub reason: String,
    pub block: usize,
    pub range: Range<usize>,
    pub severity: Option<Severity>,
    /// Findings that belong together (the blocks of one promoted card) share a group.
    pub group: Option<usize>,
}

impl Finding {
    /// A finding with no severity and no group (set them on the result where they apply).
    pub fn new(
        category: Category,
        rule: impl Into<String>,
        reason: impl Into<String>,
        block: usize,
        range: Range<usize>,
    ) -> Finding {
        Finding {
            category,
            rule: rule.into(),
            reason: reason.into(),
            block,
            range,
            severity: None,
            group: None,
        }
    }
}

/// A mark as the doors see it: UTF-16 offsets in its block, and DOM points where the page has a DOM.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mark {
    pub category: Category,
    pub rule: String,
    pub reason: String,
    pub text: String,
    pub block: usize,
    /// UTF-16 offsets in the block's text.
    pub start: usize,
    pub end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<usize>,
    /// Where the mark starts and ends in the snapshot's text nodes (absent for text pages).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<(DomPoint, DomPoint)>,
}

/// A publisher the page reveals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Publisher {
    pub name: String,
    pub url: Option<String>,
}

/// One hop of the chain of copies, from this page back towards the origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hop {
    pub name: String,
    pub url: Option<String>,
    /// How the page reveals this hop, in words ("feed footer", "source line", "cited in the text").
    pub evidence: String,
}

/// The page at a glance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Marks per category id (every category present, zero included).
    pub counts: BTreeMap<&'static str, usize>,
    /// The name a reader sees for each category id, so that no door keeps its own copy.
    pub labels: BTreeMap<&'static str, &'static str>,
    /// Every category's id, label and noise flag, in drawing order ([`Category::facts`]).
    pub categories: Vec<CategoryFacts>,
    /// Share of the page's characters marked as repost noise or unrelated promotion, 0 to 1.
    pub noise_share: f64,
    pub origin: Option<Publisher>,
    /// This page first, then each earlier copy, ending with the origin and the sources it cites.
    pub chain: Vec<Hop>,
    /// Limits that changed how the page was read (deep nesting flattened, attributes capped, a
    /// snapshot stopped early), each a sentence for the popup; absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<Notice>,
}

/// Everything the engine says about a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub summary: Summary,
    pub marks: Vec<Mark>,
}
