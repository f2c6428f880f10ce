//! Repost noise: syndication residue, read for provenance as it is marked.

use crate::detect::provenance::Evidence;
use crate::mark::Finding;
use crate::page::Page;
use crate::rules::{RuleError, RuleSet};

/// The repost detector with its compiled footer families.
#[derive(Debug, Clone)]
pub struct Repost {
    rules: RuleSet,
}

/// What the repost detector found.
#[derive(Debug, Clone, Default)]
pub struct RepostOutcome {
    pub findings: Vec<Finding>,
    /// Blocks that are residue through and through (not article text).
    pub claimed: Vec<bool>,
    /// Publishers the residue names.
    pub evidence: Vec<Evidence>,
}

impl Repost {
    pub fn new() -> Result<Repost, RuleError> {
        Ok(Repost { rules: RuleSet::builtin("repost.toml")? })
    }

    /// `skip[b]` is true for blocks another detector already claimed.
    pub fn detect(&self, page: &Page, _skip: &[bool]) -> RepostOutcome {
        let _ = &self.rules;
        RepostOutcome { claimed: vec![false; page.blocks.len()], ..RepostOutcome::default() }
    }
}
