//! The engine: compiled rules, and the pipeline that turns a page into marks and a summary.

use std::collections::BTreeMap;
use std::fmt;

use crate::detect::{attribution, promo, provenance, repost};
use crate::mark::{Analysis, Category, Finding, Mark, Summary};
use crate::page::Page;
use crate::rules::{RuleError, sort};
use crate::sites::{LineError, SiteRules};

/// Why the engine could not start.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EngineError {
    /// A built-in rule file is broken; this is a bug in the build, and its test fails too.
    Rules(RuleError),
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::Rules(e) => write!(f, "built-in rules are broken: {e}"),
        }
    }
}

impl std::error::Error for EngineError {}

impl From<RuleError> for EngineError {
    fn from(e: RuleError) -> Self {
        EngineError::Rules(e)
    }
}

/// Compiled rules. Build once (compiling the patterns is the expensive part) and analyse many pages.
#[derive(Debug, Clone)]
pub struct Engine {
    promo: promo::Promo,
    repost: repost::Repost,
    attribution: attribution::Attribution,
    sites: SiteRules,
}

impl Engine {
    /// An engine with the built-in rule files and site rules.
    pub fn new() -> Result<Engine, EngineError> {
        Ok(Engine {
            promo: promo::Promo::new()?,
            repost: repost::Repost::new()?,
            attribution: attribution::Attribution::new()?,
            sites: SiteRules::builtin(),
        })
    }

    /// The same engine judging promoted cards related from `threshold` on: for measuring the
    /// relatedness threshold on the real-page set (`tests/promo_corpus.rs`), never for marking pages.
    pub fn with_related_threshold(mut self, threshold: f32) -> Engine {
        self.promo.set_related_threshold(threshold);
        self
    }

    /// Adds a reader's site rules (uBlock Origin cosmetic filter syntax) to the built-in list.
    /// Lines that cannot be used are returned with the reason; every other line still loads.
    pub fn add_site_rules(&mut self, text: &str) -> Vec<LineError> {
        let (rules, errors) = SiteRules::parse(text);
        self.sites.extend(rules);
        errors
    }

    /// The attributes a snapshot must keep for this engine: those the page builder reads and those
    /// the site rules test; a writer may drop every other one.
    pub fn snapshot_attributes(&self) -> Vec<String> {
        let mut names = self.sites.attribute_names();
        names.extend(
            crate::page::snapshot::READ_ATTRIBUTES
                .iter()
                .map(|s| s.to_string()),
        );
        sort::by(&mut names, |a, b| a.cmp(b));
        names.dedup();
        names
    }

    /// Marks a page and summarises it.
    pub fn analyze(&self, page: &Page) -> Analysis {
        let scan = self.repost.scan(page);
        let residue = self.repost.residue(page, &scan);
        let promo = self.promo.detect(page, &self.sites, &residue);
        let repost = self.repost.detect(page, &scan, &promo.claimed);
        let body: Vec<bool> = (0..page.blocks.len())
            .map(|b| !promo.claimed[b] && !repost.claimed[b])
            .collect();
        let attribution = self.attribution.detect(page, &body);

        let mut evidence = repost.evidence;
        evidence.extend(attribution.hops);
        let (origin, chain) = provenance::trace(page, &evidence);

        let mut findings = promo.findings;
        findings.extend(repost.findings);
        findings.extend(attribution.findings);
        let marks = to_marks(page, findings);
        // Inserted one by one: collecting into a map sorts a list first (see `rules::sort`).
        let mut labels = BTreeMap::new();
        for c in Category::ALL {
            labels.insert(c.id(), c.label());
        }
        let summary = Summary {
            counts: counts(&marks),
            labels,
            categories: Category::facts(),
            noise_share: noise_share(page, &marks),
            origin,
            chain,
            notices: page.notices.clone(),
        };
        Analysis { summary, marks }
    }
}

/// Orders findings, drops any that overlap an earlier one in the same block (of findings starting
/// together the longest is kept, and of equal ones the category first by [`Category::precedence`]),
/// and converts offsets to UTF-16 and DOM points: one pass over each marked block's text for all its
/// marks, so the work stays linear however long a block is.
fn to_marks(page: &Page, mut findings: Vec<Finding>) -> Vec<Mark> {
    sort::by_key(&mut findings, |f| {
        (
            f.block,
            f.range.start,
            std::cmp::Reverse(f.range.end),
            f.category.precedence(),
        )
    });
    let mut kept: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings {
        let overlaps = kept
            .last()
            .is_some_and(|k| k.block == f.block && f.range.start < k.range.end);
        if !f.range.is_empty() && !overlaps {
            kept.push(f);
        }
    }
    let mut marks: Vec<Mark> = Vec::with_capacity(kept.len());
    for group in kept.chunk_by(|a, b| a.block == b.block) {
        let block = &page.blocks[group[0].block];
        let at = block.locator(group.iter().flat_map(|f| [f.range.start, f.range.end]));
        marks.extend(group.iter().map(|f| {
            Mark {
                category: f.category,
                rule: f.rule.clone(),
                reason: f.reason.clone(),
                text: block.text[f.range.clone()].to_string(),
                block: f.block,
                start: at.utf16(f.range.start),
                end: at.utf16(f.range.end),
                severity: f.severity,
                group: f.group,
                anchor: at
                    .dom_point(f.range.start, false)
                    .zip(at.dom_point(f.range.end, true)),
            }
        }));
    }
    marks
}

/// Marks per category, a group (one widget or card drawn in several parts) counting once, as the
/// popup lists it.
fn counts(marks: &[Mark]) -> BTreeMap<&'static str, usize> {
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for c in Category::ALL {
        counts.insert(c.id(), 0);
    }
    let mut seen = std::collections::HashSet::new();
    for m in marks {
        if m.group.is_none_or(|g| seen.insert((m.category, g))) {
            *counts.entry(m.category.id()).or_default() += 1;
        }
    }
    counts
}

fn noise_share(page: &Page, marks: &[Mark]) -> f64 {
    let total: usize = page.blocks.iter().map(|b| b.text.chars().count()).sum();
    if total == 0 {
        return 0.0;
    }
    let noise: usize = marks
        .iter()
        .filter(|m| m.category.is_noise())
        .map(|m| m.text.chars().count())
        .sum();
    (noise as f64 / total as f64).min(1.0)
}

#[cfg(test)]
mod precedence_tests {
    use super::*;

    fn finding(category: Category, range: std::ops::Range<usize>) -> Finding {
        Finding::new(category, category.id(), "", 0, range)
    }

    #[test]
    fn equal_ranges_go_to_the_category_of_highest_precedence_whatever_the_detector_order() {
        let page = Page::from_text("Read more on CoinDesk, sources say.", "");
        let all = [
            Category::UnconfirmedAttribution,
            Category::RepostNoise,
            Category::UnrelatedPromo,
        ];
        for n in 1..=all.len() {
            let findings: Vec<Finding> = all[..n].iter().map(|&c| finding(c, 0..20)).collect();
            let best = all[..n].iter().min_by_key(|c| c.precedence()).unwrap();
            let marks = to_marks(&page, findings);
            assert_eq!(marks.len(), 1);
            assert_eq!(marks[0].category, *best);
        }
    }

    #[test]
    fn of_findings_starting_together_the_longest_is_kept_and_later_overlaps_dropped() {
        let page = Page::from_text("Read more on CoinDesk, sources say.", "");
        let marks = to_marks(
            &page,
            vec![
                finding(Category::UnrelatedPromo, 0..9),
                finding(Category::UnconfirmedAttribution, 0..20),
                finding(Category::RepostNoise, 5..25),
                finding(Category::RepostNoise, 22..30),
            ],
        );
        let got: Vec<_> = marks.iter().map(|m| (m.category, m.start, m.end)).collect();
        assert_eq!(
            got,
            [
                (Category::UnconfirmedAttribution, 0, 20),
                (Category::RepostNoise, 22, 30)
            ]
        );
    }
}
