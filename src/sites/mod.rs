//! Site rules in uBlock Origin's cosmetic filter syntax.

use std::fmt;

/// A parsed list of site rules.
#[derive(Debug, Clone, Default)]
pub struct SiteRules {}

/// A line of a site rule list that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line number.
    pub line: usize,
    pub text: String,
    pub message: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.message, self.text)
    }
}

impl SiteRules {
    /// The list shipped for the aggregators we know (`rules/sites.txt`).
    pub fn builtin() -> SiteRules {
        SiteRules::default()
    }

    /// Parses a list; bad lines are reported and skipped.
    pub fn parse(_text: &str) -> (SiteRules, Vec<LineError>) {
        (SiteRules::default(), Vec::new())
    }

    /// Adds another list's rules to this one.
    pub fn extend(&mut self, _other: SiteRules) {}
}
