//! Unconfirmed attributions: sentences whose claim rests on someone's word the reader cannot check.

use crate::detect::provenance::Evidence;
use crate::mark::Finding;
use crate::page::Page;
use crate::rules::{RuleError, RuleSet};

/// The attribution detector with its compiled cues.
#[derive(Debug, Clone)]
pub struct Attribution {
    rules: RuleSet,
}

/// What the attribution detector found.
#[derive(Debug, Clone, Default)]
pub struct AttributionOutcome {
    pub findings: Vec<Finding>,
    /// Publishers named in second-hand chains, nearest first, with depth `Cited`.
    pub hops: Vec<Evidence>,
}

impl Attribution {
    pub fn new() -> Result<Attribution, RuleError> {
        Ok(Attribution { rules: RuleSet::builtin("attribution.toml")? })
    }

    /// `body[b]` is true for blocks of the article body, the only ones examined.
    pub fn detect(&self, _page: &Page, _body: &[bool]) -> AttributionOutcome {
        let _ = &self.rules;
        AttributionOutcome::default()
    }
}
