//! Unrelated promoted items: recommendation blocks, market widgets, calls to action, site rules.

use crate::mark::Finding;
use crate::page::Page;
use crate::rules::{RuleError, RuleSet};
use crate::sites::SiteRules;

/// The promo detector with its compiled rules.
#[derive(Debug, Clone)]
pub struct Promo {
    rules: RuleSet,
}

/// What the promo detector found.
#[derive(Debug, Clone, Default)]
pub struct PromoOutcome {
    pub findings: Vec<Finding>,
    /// Blocks that are not the article: promo sections and widgets, marked or not (a related card is
    /// left unmarked but is still not article text). Indexed by block.
    pub claimed: Vec<bool>,
}

impl Promo {
    pub fn new() -> Result<Promo, RuleError> {
        Ok(Promo { rules: RuleSet::builtin("promo.toml")? })
    }

    pub fn detect(&self, page: &Page, _sites: &SiteRules) -> PromoOutcome {
        let _ = &self.rules;
        PromoOutcome { findings: Vec::new(), claimed: vec![false; page.blocks.len()] }
    }
}
