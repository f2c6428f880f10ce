//! Unrelated promoted items: recommendation blocks, market widgets, calls to action, site rules.
//!
//! ```text
//! page ──► site rules (marked as they match, no scoring)
//!      ──► article   (where the body is: article.rs)
//!      ──► widgets   (price runs and ticker strips: widgets.rs)
//!      ──► sections  (headed or classed recommendation blocks, split into cards: sections.rs)
//!      ──► labels, inline "Read more:" links, calls to action (cues from rules/promo.toml)
//!      ──► subject   (one term table of what is left of the body: relatedness.rs)
//!      ──► verdicts  (each card, widget and link on its own; a heading only when all its cards go)
//! ```
//!
//! Everything found is `claimed` (it is not article text, marked or not), so that the repost
//! detector does not read a card's copied feed footer as this page's provenance.

mod article;
mod cues;
mod lists;
mod navigation;
pub mod relatedness;
mod sections;
mod widgets;

use std::collections::HashSet;
use std::ops::Range;

use crate::mark::{Category, Finding};
use crate::page::{Block, BlockKind, Page};
use crate::rules::{RuleError, RuleSet, StructuralRule, fill};
use crate::sites::SiteRules;
use cues::{Cues, Kind};
use relatedness::{Judgement, Subject};

/// Without a name the article is about, cards are judged only against a body of at least this many
/// distinct content terms: where the body was not found, related cards were marked against a table
/// of a few stray words. Measured on the real set (`tests/promo_corpus.rs`, 101 pages): no guard
/// 1164 unrelated cards marked and 7 related; 60 terms 1117 and 5; 25 terms 1130 and 5.
const MIN_JUDGEABLE_TERMS: usize = 25;
/// Longest inline "Read more: …" line, in characters: longer is a paragraph that happens to start so.
const MAX_INLINE_CHARS: usize = 300;
/// Longest title quoted in a reason, in characters.
const MAX_QUOTED_CHARS: usize = 70;
/// Fewest words of a headline cut from glued text: shorter, the cut is inside a styled word.
const MIN_HEADLINE_WORDS: usize = 3;
/// A labelled item is at most this many blocks; a label's box bigger than that is a page region.
const MAX_LABELLED_ITEM_BLOCKS: usize = 6;
/// On a text page, a line after a label belongs to the labelled item when it is this short.
const MAX_LABELLED_LINE_CHARS: usize = 160;

/// The promo detector with its compiled rules.
#[derive(Debug, Clone)]
pub struct Promo {
    rules: RuleSet,
    kinds: Vec<Kind>,
    reasons: Reasons,
    /// The score from which a card is related ([`relatedness::RELATED_THRESHOLD`]; a sweep sets others).
    threshold: f32,
}

/// Reason templates of the structural rules in `rules/promo.toml`.
#[derive(Debug, Clone)]
struct Reasons {
    card: StructuralRule,
    heading: StructuralRule,
    sponsored: StructuralRule,
    sponsored_heading: StructuralRule,
    widget: StructuralRule,
    inline: StructuralRule,
    label: StructuralRule,
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
        let rules = RuleSet::builtin("promo.toml")?;
        let kinds = cues::kinds(&rules)?;
        let reasons = Reasons {
            card: rules.structural("promo.recommendations")?,
            heading: rules.structural("promo.recommendations-heading")?,
            sponsored: rules.structural("promo.sponsored")?,
            sponsored_heading: rules.structural("promo.sponsored-heading")?,
            widget: rules.structural("promo.price-widget")?,
            inline: rules.structural("promo.inline")?,
            label: rules.structural("promo.label")?,
        };
        Ok(Promo {
            rules,
            kinds,
            reasons,
            threshold: relatedness::RELATED_THRESHOLD,
        })
    }

    /// Judges cards against `threshold` instead of [`relatedness::RELATED_THRESHOLD`]: for the
    /// real-page runner's threshold sweep (`tests/promo_corpus.rs`), never for marking pages.
    pub fn set_related_threshold(&mut self, threshold: f32) {
        self.threshold = threshold;
    }

    /// `residue[b]` is true for blocks of syndication residue: not promo, but not the article's
    /// subject either, so they stay out of the term table cards are judged against.
    pub fn detect(&self, page: &Page, sites: &SiteRules, residue: &[bool]) -> PromoOutcome {
        let n = page.blocks.len();
        let spans = page.block_spans();
        let cues = Cues::read(&self.rules, &self.kinds, page);
        let mut out = Marker {
            page,
            findings: Vec::new(),
            claimed: vec![false; n],
            groups: 0,
            navigation: navigation::find(page),
            nav_labels: HashSet::new(),
        };
        out.nav_labels = (0..n)
            .filter(|&b| out.navigation[b])
            .map(|b| page.blocks[b].text.trim())
            .collect();

        for (el, rule) in sites.hidden(page, &spans) {
            let blocks: Vec<usize> = spans[el].clone().filter(|&b| !out.claimed[b]).collect();
            out.mark(&blocks, &rule.id(), &rule.reason());
        }
        let article = article::locate(page, &spans);
        let widgets = widgets::find(page, &cues, &out.claimed);
        for w in &widgets {
            out.claim(&w.blocks);
            // A quote is what it is wherever it sits: a ticker in the site's header is still judged.
            for &b in &w.blocks {
                out.navigation[b] = false;
            }
        }
        let sections = sections::find(page, &cues, &article, &spans, &out.claimed, &out.navigation);
        for s in &sections {
            out.claim(&s.blocks.clone().collect::<Vec<_>>());
        }
        let prose: Vec<bool> = (0..n).map(|b| article.is_prose(page, &spans, b)).collect();
        let lists = lists::find(page, &article, &spans, &out.claimed, &prose);
        for l in &lists {
            for c in &l.cards {
                out.claim(&c.blocks);
            }
        }
        let labelled: Vec<(usize, Vec<usize>)> = (0..n)
            .filter(|&b| !out.claimed[b] && cues.has(b, Kind::Label))
            .map(|b| (b, labelled_item(page, &spans, &article, b)))
            .collect();
        for (_, item) in &labelled {
            out.claim(item);
        }
        let inline: Vec<usize> = (0..n)
            .filter(|&b| {
                !out.claimed[b]
                    && page.blocks[b].text.chars().count() <= MAX_INLINE_CHARS
                    && cues.has(b, Kind::Inline)
            })
            .collect();
        let ctas: Vec<usize> = (0..n)
            .filter(|&b| !out.claimed[b] && !inline.contains(&b) && cues.has(b, Kind::Cta))
            .collect();
        out.claim(&inline);
        out.claim(&ctas);

        let title = if page.meta.title.is_empty() {
            article.title.map_or("", |t| page.blocks[t].text.as_str())
        } else {
            page.meta.title.as_str()
        };
        let body = (0..n)
            .filter(|&b| !out.claimed[b] && !residue[b] && article.holds(&spans, b))
            .map(|b| page.blocks[b].text.as_str());
        let subject = Subject::new(title, body);

        for w in &widgets {
            self.judge_widget(&mut out, &subject, w);
        }
        for s in sections.iter().chain(&lists) {
            self.judge_section(&mut out, &subject, &cues, s);
        }
        for (label, item) in &labelled {
            // The label's own words: the item's first block may be anything (a list number, "1").
            let label = &page.blocks[*label].text;
            out.mark(
                item,
                &self.reasons.label.id,
                &fill(&self.reasons.label.reason, &[("label", label)]),
            );
        }
        for &b in &inline {
            let text = &page.blocks[b].text;
            let Some(hit) = cues.get(b, Kind::Inline) else {
                continue;
            };
            let linked = hit.capture(text, "title").unwrap_or(text);
            let j = subject.judge(linked, "");
            if !j.related_at(self.threshold) {
                out.mark(
                    &[b],
                    &self.reasons.inline.id,
                    &fill(
                        &self.reasons.inline.reason,
                        &[
                            ("overlap", &overlap(&subject, &j)),
                            ("title", &quoted(linked)),
                        ],
                    ),
                );
            }
        }
        for &b in &ctas {
            let text = &page.blocks[b].text;
            if let Some((_, hit)) = self
                .rules
                .hits(text, &text.to_ascii_lowercase())
                .into_iter()
                .map(|h| (self.kinds[h.rule], h))
                .find(|(k, _)| *k == Kind::Cta)
            {
                out.mark(
                    &[b],
                    &self.rules.rules[hit.rule].id,
                    &self.rules.reason(&hit, text),
                );
            }
        }
        PromoOutcome {
            findings: out.findings,
            claimed: out.claimed,
        }
    }

    fn judge_widget(&self, out: &mut Marker, subject: &Subject, w: &widgets::Widget) {
        let all = w.assets();
        let widget_related = all.is_empty() || all.iter().any(|a| widgets::discussed(subject, a));
        let group = out.next_group();
        for (i, &b) in w.blocks.iter().enumerate() {
            let (assets, related) = if w.own[i].is_empty() {
                (all.clone(), widget_related)
            } else {
                (
                    w.own[i].clone(),
                    w.own[i].iter().any(|a| widgets::discussed(subject, a)),
                )
            };
            if !related {
                let reason = fill(
                    &self.reasons.widget.reason,
                    &[("assets", &assets.join(", "))],
                );
                out.push(b, &self.reasons.widget.id, &reason, group);
            }
        }
    }

    fn judge_section(
        &self,
        out: &mut Marker,
        subject: &Subject,
        cues: &Cues,
        s: &sections::Section,
    ) {
        let page = out.page;
        let judgeable = !subject.subjects().is_empty() || subject.len() >= MIN_JUDGEABLE_TERMS;
        let mut all_marked = !s.cards.is_empty();
        for card in &s.cards {
            // Menu items and section links, with the unlinked labels between them ("Living and
            // Entertainment" over a footer's row of links): not a card.
            let mut linked = card
                .blocks
                .iter()
                .filter(|&&b| !page.blocks[b].links.is_empty())
                .peekable();
            let menu = linked.peek().is_some() && linked.all(|&b| out.navigation[b]);
            if menu || card.blocks.iter().all(|&b| out.navigation[b]) {
                all_marked = false;
                continue;
            }
            let title = headline(&page.blocks[card.title]);
            let (rule, reason) = if card.sponsored {
                (
                    &self.reasons.sponsored,
                    fill(&self.reasons.sponsored.reason, &[("title", &quoted(title))]),
                )
            } else {
                let rest: Vec<&str> = card
                    .blocks
                    .iter()
                    .filter(|&&b| {
                        b != card.title
                            && page.blocks[b].text != title
                            && !cues.has(b, Kind::CardFooter)
                            && !cues.has(b, Kind::Label)
                    })
                    .map(|&b| page.blocks[b].text.as_str())
                    .collect();
                let j = subject.judge(title, &rest.join(" "));
                // Without a name the article is about, relatedness cannot be told: leave the card.
                if j.related_at(self.threshold) || !judgeable {
                    all_marked = false;
                    continue;
                }
                (
                    &self.reasons.card,
                    fill(
                        &self.reasons.card.reason,
                        &[
                            ("overlap", &overlap(subject, &j)),
                            ("title", &quoted(title)),
                        ],
                    ),
                )
            };
            out.mark(&card.blocks, &rule.id, &reason);
        }
        // A heading that repeats a label of the site's navigation ("Most Read" as a tab and as the
        // list's heading, "Techland" as a menu item and as a box's heading) names a part of the
        // site: chrome, like the menu item it repeats.
        if let (Some(h), true) = (s.heading, all_marked)
            && !out.nav_labels.contains(page.blocks[h].text.trim())
        {
            let rule = if s.kind == Kind::Sponsored {
                &self.reasons.sponsored_heading
            } else {
                &self.reasons.heading
            };
            let group = out.next_group();
            out.push(h, &rule.id, &rule.reason, group);
        }
    }
}

/// Collects findings and claims.
struct Marker<'p> {
    page: &'p Page,
    findings: Vec<Finding>,
    claimed: Vec<bool>,
    groups: usize,
    /// Per block: the site's navigation, never marked (navigation.rs).
    navigation: Vec<bool>,
    /// The texts of the navigation's blocks.
    nav_labels: HashSet<&'p str>,
}

impl Marker<'_> {
    fn claim(&mut self, blocks: &[usize]) {
        for &b in blocks {
            self.claimed[b] = true;
        }
    }

    fn next_group(&mut self) -> usize {
        self.groups += 1;
        self.groups
    }

    /// Marks `blocks` whole as one group, and claims them.
    fn mark(&mut self, blocks: &[usize], rule: &str, reason: &str) {
        if blocks.is_empty() {
            return;
        }
        let group = self.next_group();
        for &b in blocks {
            self.push(b, rule, reason, group);
        }
    }

    fn push(&mut self, b: usize, rule: &str, reason: &str, group: usize) {
        self.claimed[b] = true;
        if self.navigation[b] {
            return;
        }
        let range = 0..self.page.blocks[b].text.len();
        self.findings.push(Finding {
            group: Some(group),
            ..Finding::new(Category::UnrelatedPromo, rule, reason, b, range)
        });
    }
}

/// The blocks of the item a label ("Sponsored", "Ad") marks: on a DOM page the largest box around
/// the label that stays small and holds no article prose; on a text page the label and a short
/// line after it.
fn labelled_item(
    page: &Page,
    spans: &[Range<usize>],
    article: &article::Article,
    label: usize,
) -> Vec<usize> {
    if page.is_text() {
        let next = label + 1;
        let joins = page.blocks.get(next).is_some_and(|b| {
            b.text.chars().count() <= MAX_LABELLED_LINE_CHARS && b.kind != BlockKind::Heading(1)
        });
        return if joins {
            vec![label, next]
        } else {
            vec![label]
        };
    }
    let mut span = label..label + 1;
    for el in page.ancestors(page.blocks[label].element).skip(1) {
        let s = spans[el].clone();
        // An ad slot's label sits beside the lede it is not part of: running text ends the item
        // wherever the article's box is.
        let prose = s.clone().any(|b| {
            b != label
                && (article.title == Some(b)
                    || article.is_prose(page, spans, b)
                    || reads_as_paragraph(&page.blocks[b].text)
                    || (!article.containers.is_empty()
                        && article.holds(spans, b)
                        && page.blocks[b].text.chars().count() > MAX_LABELLED_LINE_CHARS))
        });
        if el == 0 || s.len() > MAX_LABELLED_ITEM_BLOCKS || prose {
            break;
        }
        span = s;
    }
    span.collect()
}

/// A sentence of running text longer than an ad's line: where the article's box was not found (a
/// "story stack" of numbered items), an empty ad slot's "Advertisement" grew into the item around
/// it and marked its paragraphs.
fn reads_as_paragraph(text: &str) -> bool {
    text.chars().count() > MAX_LABELLED_LINE_CHARS
        && text.trim_end().ends_with(['.', '!', '?', '”', '"'])
}

/// A card title's own text: widgets glue the headline and the brand line together without a space
/// ("…Melts Belly FatHealth Gazette | Sponsored"); the headline ends where a text node is glued on.
fn headline(block: &Block) -> &str {
    let text = block.text.as_str();
    let glued = block.segments.windows(2).find(|w| {
        let at = w[1].block_start;
        w[0].node != w[1].node && at > 0 && !text[..at].ends_with(' ')
    });
    match glued {
        Some(w) if text[..w[1].block_start].split_whitespace().count() >= MIN_HEADLINE_WORDS => {
            &text[..w[1].block_start]
        }
        _ => text,
    }
}

/// A title cut to [`MAX_QUOTED_CHARS`] at a word boundary.
fn quoted(title: &str) -> String {
    if title.chars().count() <= MAX_QUOTED_CHARS {
        return title.to_string();
    }
    let cut: String = title.chars().take(MAX_QUOTED_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ':', ';', ' ']))
}

/// Why a card is unrelated, in words: the article's subjects it does not name. Never the words it
/// shares, which would read as a reason to call it related.
fn overlap(subject: &Subject, j: &Judgement) -> String {
    let subjects = subject.subjects();
    if !subjects.is_empty() {
        let named: Vec<String> = subjects.iter().map(|t| format!("“{t}”")).collect();
        return format!(
            "it names none of the article's subjects ({})",
            named.join(", ")
        );
    }
    if j.shared.is_empty() {
        "it shares no names or topics with it".into()
    } else {
        "little of what it says is what the article is about".into()
    }
}
