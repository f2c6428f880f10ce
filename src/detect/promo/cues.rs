//! The promo rule file's cues, read once per block.

use crate::page::Page;
use crate::rules::{Hit, RuleError, RuleSet};

/// What a cue tells the detector (the `kind` field of `rules/promo.toml`, documented there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Recommendations,
    Sponsored,
    Market,
    WidgetLine,
    Label,
    CardFooter,
    Inline,
    Cta,
    PageEnd,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "recommendations" => Kind::Recommendations,
            "sponsored" => Kind::Sponsored,
            "market" => Kind::Market,
            "widget-line" => Kind::WidgetLine,
            "label" => Kind::Label,
            "card-footer" => Kind::CardFooter,
            "inline" => Kind::Inline,
            "cta" => Kind::Cta,
            "page-end" => Kind::PageEnd,
            _ => return None,
        })
    }

    /// A section heading kind.
    pub fn heads_section(self) -> bool {
        matches!(self, Kind::Recommendations | Kind::Sponsored)
    }
}

/// The kind of every rule of the promo file, checked when the detector is built.
pub fn kinds(rules: &RuleSet) -> Result<Vec<Kind>, RuleError> {
    rules
        .rules
        .iter()
        .map(|r| {
            r.kind
                .as_deref()
                .and_then(Kind::parse)
                .ok_or_else(|| RuleError::Parse {
                    file: rules.file.clone(),
                    message: format!(
                        "rule {} needs a kind the promo detector knows (see the file's header)",
                        r.id
                    ),
                })
        })
        .collect()
}

/// Every cue hit of every block, with its kind.
#[derive(Debug, Default)]
pub struct Cues {
    per_block: Vec<Vec<(Kind, Hit)>>,
}

impl Cues {
    pub fn read(rules: &RuleSet, kinds: &[Kind], page: &Page) -> Cues {
        let per_block = page
            .blocks
            .iter()
            .map(|b| {
                let lower = b.text.to_ascii_lowercase();
                rules
                    .hits(&b.text, &lower)
                    .into_iter()
                    .map(|h| (kinds[h.rule], h))
                    .collect()
            })
            .collect();
        Cues { per_block }
    }

    /// The first hit of `kind` in block `b`.
    pub fn get(&self, b: usize, kind: Kind) -> Option<&Hit> {
        self.per_block[b]
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, h)| h)
    }

    pub fn has(&self, b: usize, kind: Kind) -> bool {
        self.get(b, kind).is_some()
    }

    /// The section heading kind block `b` has, if any.
    pub fn heading(&self, b: usize) -> Option<Kind> {
        self.per_block[b]
            .iter()
            .map(|(k, _)| *k)
            .find(|k| k.heads_section())
    }
}
