//! Site rules in uBlock Origin's cosmetic filter syntax: the list shipped with Chaff
//! (`rules/sites.txt`) plus the reader's own lines from the options page.
//!
//! ```text
//! text ──► parse (one line at a time; a bad line is reported and skipped)
//!      ──► selector (the supported CSS subset, with :has-text and :not)
//!      ──► matcher (rules for the page's host, exceptions applied, outermost elements)
//! ```
//!
//! [`suggest`] goes the other way, for the element picker: a picked element becomes a rule line.
//!
//! Brave's `adblock` crate (0.13.5) parses this syntax well, but a throwaway wasm32 crate using only
//! its cosmetic filters, built with our `[profile.wasm]` and run through wasm-bindgen, weighs
//! 1.30 MB raw and 436 KB gzipped without default features (1.41 MB / 479 KB with `css-validation`):
//! alone, nearly twice the whole module's budget of 250 KB gzipped. So Chaff implements the
//! documented subset in [`selector`].

pub mod matcher;
mod parse;
pub mod selector;
pub mod suggest;

use std::fmt;
use std::ops::Range;

use crate::page::Page;
pub use parse::{Domains, LineProblem};
use selector::SelectorList;

/// Chaff's own list, compiled in.
const BUILTIN_LIST: &str = include_str!("../../rules/sites.txt");

/// Who wrote a rule: the reason shown to the reader says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `rules/sites.txt`, shipped with Chaff.
    Builtin,
    /// The reader's own list.
    Reader,
}

/// One usable line of a list.
#[derive(Debug, Clone)]
pub struct SiteRule {
    /// 1-based line number in its list.
    pub line: usize,
    /// The line as written.
    pub text: String,
    pub origin: Origin,
    pub domains: Domains,
    pub selector_text: String,
    pub selector: SelectorList,
    /// `#@#`: cancels hiding rules with the same selector where it applies.
    pub exception: bool,
}

impl SiteRule {
    /// The rule id shown with a mark: `site.<line>` for the reader's lines, `site.chaff.<line>` for Chaff's.
    pub fn id(&self) -> String {
        match self.origin {
            Origin::Reader => format!("site.{}", self.line),
            Origin::Builtin => format!("site.chaff.{}", self.line),
        }
    }

    /// The reason a reader sees on what this rule marks.
    pub fn reason(&self) -> String {
        match self.origin {
            Origin::Reader => format!(
                "Matched your site rule `{}` (line {}).",
                self.text, self.line
            ),
            Origin::Builtin => format!("Matched Chaff's site list rule `{}`.", self.text),
        }
    }
}

/// A parsed list of site rules.
#[derive(Debug, Clone, Default)]
pub struct SiteRules {
    rules: Vec<SiteRule>,
}

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

impl std::error::Error for LineError {}

impl SiteRules {
    /// The list shipped for the aggregators we know (`rules/sites.txt`). Its lines are tested to
    /// parse (`tests/sites.rs`), so a bad line there is skipped here rather than stopping the engine.
    pub fn builtin() -> SiteRules {
        SiteRules::parse_from(BUILTIN_LIST, Origin::Builtin).0
    }

    /// Parses a reader's list; bad lines are reported and skipped.
    pub fn parse(text: &str) -> (SiteRules, Vec<LineError>) {
        SiteRules::parse_from(text, Origin::Reader)
    }

    fn parse_from(text: &str, origin: Origin) -> (SiteRules, Vec<LineError>) {
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('!') {
                continue;
            }
            match parse::line(line) {
                Ok(p) => rules.push(SiteRule {
                    line: i + 1,
                    text: line.to_string(),
                    origin,
                    domains: p.domains,
                    selector_text: p.selector_text,
                    selector: p.selector,
                    exception: p.exception,
                }),
                Err(problem) => errors.push(LineError {
                    line: i + 1,
                    text: line.to_string(),
                    message: problem.to_string(),
                }),
            }
        }
        (SiteRules { rules }, errors)
    }

    /// Adds another list's rules to this one.
    pub fn extend(&mut self, other: SiteRules) {
        self.rules.extend(other.rules);
    }

    /// How many usable lines the list holds.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Every attribute name the rules' selectors test, lowercase, sorted, once each.
    pub fn attribute_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .rules
            .iter()
            .flat_map(|r| r.selector.attribute_names())
            .map(str::to_ascii_lowercase)
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// The outermost elements of `page` these rules hide, each with its rule. `spans` comes from
    /// [`Page::block_spans`](crate::page::Page::block_spans).
    pub fn hidden(&self, page: &Page, spans: &[Range<usize>]) -> Vec<(usize, &SiteRule)> {
        matcher::hidden(&self.rules, page, spans)
    }
}
