//! Unconfirmed attributions: sentences whose claim rests on someone's word the reader cannot check.
//!
//! ```text
//! body block ──► sentences (crate::sentences) ──► rule matches per sentence (rules/attribution.toml)
//!            ──► cues::judge: exemptions, venues, the most severe cue
//!            ──► links::source: a link that lets the reader check it clears the mark
//!            ──► Finding (one per sentence) + chain::Hand evidence for the chain of copies
//! ```
//!
//! The cues are data: `rules/attribution.toml` says what each kind means, with each rule's examples
//! and near-misses. This module only decides how matches become marks. Each block is scanned once by
//! the compiled rule set, and each match is placed in its sentence by a binary search: linear in the
//! text, up to a log factor.

mod chain;
mod cues;
mod links;

use std::ops::Range;

use crate::detect::provenance::{publisher_key, Evidence};
use crate::mark::{Category, Finding};
use crate::page::{Block, BlockKind, Page};
use crate::rules::{Hit, RuleError, RuleSet};
use crate::sentences;

use chain::Hand;
use cues::{Cue, Kind};

/// The attribution detector with its compiled cues.
#[derive(Debug, Clone)]
pub struct Attribution {
    rules: RuleSet,
    cues: Vec<Cue>,
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
        let rules = RuleSet::builtin("attribution.toml")?;
        let cues = Cue::read_all(&rules)?;
        Ok(Attribution { rules, cues })
    }

    /// `body[b]` is true for blocks of the article body, the only ones examined.
    pub fn detect(&self, page: &Page, body: &[bool]) -> AttributionOutcome {
        let own = own_publishers(page);
        let mut out = AttributionOutcome::default();
        for (b, block) in page.blocks.iter().enumerate() {
            if body.get(b).copied().unwrap_or(false) {
                self.block(b, block, &own, &mut out);
            }
        }
        out
    }

    fn block(&self, b: usize, block: &Block, own: &[String], out: &mut AttributionOutcome) {
        let text = &block.text;
        let lower = text.to_ascii_lowercase();
        let hits = self.rules.hits(text, &lower);
        if hits.is_empty() {
            return;
        }
        let sentences = sentences::split(text);
        let mut per_sentence: Vec<Vec<&Hit>> = vec![Vec::new(); sentences.len()];
        for hit in hits.iter().filter(|h| !self.names_own_publisher(h, text, own)) {
            // A match belongs to the sentence holding its last byte: a cue's verb ends it
            // ("… Putin added"), and a name found by capitals may start too early, never too late.
            let last = hit.range.end.saturating_sub(1);
            if let Ok(s) = sentences.binary_search_by(|r| order(r, last)) {
                per_sentence[s].push(hit);
            }
        }
        let heading = matches!(block.kind, BlockKind::Heading(_));
        for (sentence, hits) in sentences.iter().zip(per_sentence) {
            if hits.is_empty() || is_question(&text[sentence.clone()]) {
                continue;
            }
            let Some(verdict) = cues::judge(&self.cues, &hits, text, heading) else { continue };
            let names = self.names(&verdict.hits, text);
            let best = &self.cues[verdict.best.rule];
            let hands = if best.kind == Kind::Chain { self.hands(&verdict.hits, block) } else { Vec::new() };
            out.hops.extend(chain::evidence(&hands));
            if links::source(block, sentence, &names).is_some() {
                continue;
            }
            let reason = if hands.is_empty() { self.rules.reason(verdict.best, text) } else { chain::reason(&hands) };
            out.findings.push(Finding {
                category: Category::UnconfirmedAttribution,
                rule: self.rules.rules[verdict.best.rule].id.clone(),
                reason,
                block: b,
                range: sentence.clone(),
                severity: best.severity,
                group: None,
            });
        }
    }

    /// The sources a sentence's matches name (speakers and outlets), for relating paragraph links.
    fn names<'t>(&self, hits: &[&Hit], text: &'t str) -> Vec<&'t str> {
        hits.iter()
            .flat_map(|h| ["who", "hop"].into_iter().filter_map(move |n| h.capture(text, n)))
            .filter_map(chain::name)
            .collect()
    }

    /// The named hands of a chain sentence, nearest first, each with the link that leads to it.
    fn hands(&self, hits: &[&Hit], block: &Block) -> Vec<Hand> {
        let text = &block.text;
        let hands = hits
            .iter()
            .filter_map(|h| {
                let range = h.captures.iter().find(|(n, _)| n == "hop").map(|(_, r)| r.clone())?;
                let name = chain::name(&text[range.clone()])?;
                let cue = &self.cues[h.rule];
                let how = h.capture(text, "how").map(str::to_string).unwrap_or_default();
                let how = if cue.place == chain::Place::Relay { format!("{how} by") } else { how };
                let url = block
                    .links
                    .iter()
                    .find(|l| links::counts(block, l) && links::names_link(name, &text[l.range.clone()].to_lowercase(), &l.href))
                    .map(|l| l.href.clone());
                Some(Hand { name: name.to_string(), how, place: cue.place, at: range.start, url })
            })
            .collect();
        chain::nearest_first(hands)
    }

    /// Whether a match's outlet is this page's own publisher: "told Reuters" on reuters.com is the
    /// article's own reporting, not a claim passed on.
    fn names_own_publisher(&self, hit: &Hit, text: &str, own: &[String]) -> bool {
        self.cues[hit.rule].names
            && hit.capture(text, "hop").and_then(chain::name).is_some_and(|n| own.contains(&publisher_key(n)))
    }
}

/// Publisher keys of this page: its site name and its host.
fn own_publishers(page: &Page) -> Vec<String> {
    let meta = &page.meta;
    [meta.site_name.as_deref(), Some(meta.url.as_str())]
        .into_iter()
        .flatten()
        .map(publisher_key)
        .filter(|k| !k.is_empty())
        .collect()
}

/// How a sentence range lies relative to byte `at`, for a binary search.
fn order(range: &Range<usize>, at: usize) -> std::cmp::Ordering {
    if range.end <= at {
        std::cmp::Ordering::Less
    } else if range.start > at {
        std::cmp::Ordering::Greater
    } else {
        std::cmp::Ordering::Equal
    }
}

/// A question makes no claim ("Q2: Why would a nuclear power plant be considered …?", "What do
/// analysts expect?"), whatever words it holds.
fn is_question(sentence: &str) -> bool {
    sentence.trim_end_matches(['”', '"', '’', '\'', ')']).ends_with('?')
}
