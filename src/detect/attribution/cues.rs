//! Cues: what each rule of `rules/attribution.toml` means to the detector, and how the rule matches in
//! one sentence become the one cue that marks it.
//!
//! A sentence can hold several matches: "Putin said, according to remarks cited by Kommersant and
//! reposted by KyivPost" is a named speaker, and a chain. The sentence gets one mark, from its most
//! severe cue; ties go to the kind that tells the reader more ([`Kind::rank`]), then to the earliest.
//! Two kinds veto instead of marking: an `exempt` match drops every cue match it overlaps ("according
//! to plan"), a `venue` match anywhere in the sentence drops the low kinds (a named speaker "at a
//! press conference" can be checked).

use std::ops::Range;

use crate::mark::Severity;
use crate::rules::{CueRule, Hit, RuleError, RuleSet};

use super::chain;

/// What a rule's match says about a claim (the `kind` field of the rule file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Hearsay,
    Chain,
    VagueAuthority,
    UnlinkedOutlet,
    NamedUnlinked,
    SelfUnconfirmed,
    /// Looks like a cue, is not one; drops the cue matches it overlaps.
    Exempt,
    /// A public venue the reader can check; drops the low kinds in its sentence.
    Venue,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "hearsay" => Kind::Hearsay,
            "chain" => Kind::Chain,
            "vague-authority" => Kind::VagueAuthority,
            "unlinked-outlet" => Kind::UnlinkedOutlet,
            "named-unlinked" => Kind::NamedUnlinked,
            "self-unconfirmed" => Kind::SelfUnconfirmed,
            "exempt" => Kind::Exempt,
            "venue" => Kind::Venue,
            _ => return None,
        })
    }

    pub fn is_cue(self) -> bool {
        !matches!(self, Kind::Exempt | Kind::Venue)
    }

    /// Kinds whose word a public venue makes checkable.
    pub fn cleared_by_venue(self) -> bool {
        matches!(self, Kind::UnlinkedOutlet | Kind::NamedUnlinked)
    }

    /// Kinds strong enough to mark a heading: a heading rarely carries a source, so only cues that
    /// say outright that the claim is second-hand or unconfirmed count there ("Q2: Why would …" and
    /// "Putin Claims …" headlines stay clean).
    pub fn marks_headings(self) -> bool {
        matches!(self, Kind::Hearsay | Kind::Chain | Kind::SelfUnconfirmed)
    }

    /// Among equally severe cues, the one that tells the reader more wins: a chain names its hands.
    fn rank(self) -> u8 {
        match self {
            Kind::Chain => 6,
            Kind::Hearsay => 5,
            Kind::SelfUnconfirmed => 4,
            Kind::VagueAuthority => 3,
            Kind::UnlinkedOutlet => 2,
            Kind::NamedUnlinked => 1,
            Kind::Exempt | Kind::Venue => 0,
        }
    }
}

/// The detector's reading of one rule.
#[derive(Debug, Clone)]
pub struct Cue {
    pub kind: Kind,
    /// Present for every cue kind (checked when the rules load).
    pub severity: Option<Severity>,
    /// Where this rule's `hop` capture sits in a chain.
    pub place: chain::Place,
    /// Whether the rule sees capitals; its `who` and `hop` captures are then names to check.
    pub names: bool,
    /// A venue whose sentence's named people were there (tag `present`): their later words are
    /// checkable too.
    pub present: bool,
    /// An event whose speakers the sentence names as a group (tag `crowd`): every named speaker
    /// after it, up to the next heading, spoke there.
    pub crowd: bool,
}

impl Cue {
    /// Reads every rule of the attribution file; a rule with an unknown kind, or a cue without a
    /// severity, makes the file unusable (its test in `tests/rule_files.rs` names it).
    pub fn read_all(rules: &RuleSet) -> Result<Vec<Cue>, RuleError> {
        rules
            .rules
            .iter()
            .map(|r| Cue::read(&rules.file, r))
            .collect()
    }

    fn read(file: &str, rule: &CueRule) -> Result<Cue, RuleError> {
        let bad = |message: String| RuleError::Parse {
            file: file.into(),
            message: format!("rule {}: {message}", rule.id),
        };
        let kind_text = rule.kind.as_deref().unwrap_or("");
        let kind =
            Kind::parse(kind_text).ok_or_else(|| bad(format!("unknown kind {kind_text:?}")))?;
        let severity = match rule.severity.as_deref() {
            Some(s) => {
                Some(Severity::parse(s).ok_or_else(|| bad(format!("unknown severity {s:?}")))?)
            }
            None if kind.is_cue() => return Err(bad("a cue needs a severity".into())),
            None => None,
        };
        let place = if rule.has_tag("relay") {
            chain::Place::Relay
        } else if rule.has_tag("inner") {
            chain::Place::Inner
        } else {
            chain::Place::Outer
        };
        Ok(Cue {
            kind,
            severity,
            place,
            names: rule.case_sensitive,
            present: rule.has_tag("present"),
            crowd: rule.has_tag("crowd"),
        })
    }
}

/// The cue that marks a sentence, and every usable cue match in it (for names and hops).
#[derive(Debug)]
pub struct Verdict<'h> {
    pub best: &'h Hit,
    pub hits: Vec<&'h Hit>,
}

/// What the sentence's surroundings say, for [`judge`].
pub struct Context<'q> {
    /// The sentence is a heading.
    pub heading: bool,
    /// Its paragraph names a public venue, or the sentence is the outlet's own reporting ("told
    /// Mashable" on mashable.com): the low kinds are checkable.
    pub checkable: bool,
    /// An earlier sentence of the paragraph links a source: a hedge of report after it ("it's
    /// said", "reportedly": a rule's `cue` capture, see [`REPORT_HEDGES`]) refers to that report. A
    /// hedge without content ("rumors abound") refers to none.
    pub after_link: bool,
    /// Quotations in the block: a cue word inside one is the speaker's, and does not change what
    /// the page rests on ("apparently", said the actress).
    pub quotations: &'q [Range<usize>],
}

/// Picks the marking cue among the matches `hits` of one sentence of `text`, after exemptions,
/// venues and name checks. `None` when nothing is left.
pub fn judge<'h>(
    cues: &[Cue],
    hits: &[&'h Hit],
    text: &str,
    context: &Context,
) -> Option<Verdict<'h>> {
    let exempt: Vec<&Range<usize>> = hits
        .iter()
        .filter(|h| cues[h.rule].kind == Kind::Exempt)
        .map(|h| &h.range)
        .collect();
    let venue = context.checkable || hits.iter().any(|h| cues[h.rule].kind == Kind::Venue);
    let quoted = |h: &Hit| {
        context
            .quotations
            .iter()
            .any(|q| q.start <= h.range.start && h.range.end <= q.end)
    };
    let usable: Vec<&'h Hit> = hits
        .iter()
        .copied()
        .filter(|h| {
            let cue = &cues[h.rule];
            cue.kind.is_cue()
                && !exempt
                    .iter()
                    .any(|e| e.start < h.range.end && h.range.start < e.end)
                && !(venue && cue.kind.cleared_by_venue())
                && !(context.after_link
                    && cue.kind == Kind::Hearsay
                    && !cue.names
                    && h.capture(text, "cue").is_some_and(hedges_a_report))
                && (!context.heading || cue.kind.marks_headings())
                && (!cue.names || names_are_plausible(h, text))
                && (cue.names || !quoted(h))
        })
        .collect();
    // Among equals, a speaker named after the verb ("…, said Beighton") wins over one found before
    // it: a name before the verb may be the start of a list ("Security, standards, trust …").
    let best = usable.iter().copied().min_by_key(|h| {
        (
            std::cmp::Reverse((cues[h.rule].severity, cues[h.rule].kind.rank())),
            !speaker_after_verb(h),
            h.range.start,
        )
    })?;
    Some(Verdict { best, hits: usable })
}

/// Reporting verbs that also take a figure as their object: "the index added 20.72 points",
/// "Bitcoin noted a 5% gain", "the fund claimed 12% of the market" count, they report nothing.
const FIGURE_VERBS: &[&str] = &["add", "claim", "note", "record"];

/// Words that may stand between such a verb and its figure ("added nearly $2 billion").
const FIGURE_LEADS: &[&str] = &[
    "a", "about", "almost", "an", "another", "around", "just", "nearly", "over", "roughly", "some",
];

/// Whether `rest`, the text after a verb, opens with a figure: a number or an amount, after at
/// most two of [`FIGURE_LEADS`].
fn counts_a_figure(rest: &str) -> bool {
    let mut words = rest.split_whitespace().peekable();
    for _ in 0..2 {
        if words
            .peek()
            .is_some_and(|w| FIGURE_LEADS.contains(&w.to_ascii_lowercase().as_str()))
        {
            words.next();
        }
    }
    words.next().is_some_and(|w| {
        w.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '$' | '€' | '£'))
    })
}

/// Whether a match names its speaker after the reporting verb ("said Beighton").
fn speaker_after_verb(hit: &Hit) -> bool {
    let at = |name: &str| {
        hit.captures
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r.start)
    };
    matches!((at("how"), at("who")), (Some(how), Some(who)) if how < who)
}

/// Stems of hedges that pass on a report or a rumour ("reportedly", "is said to", "rumored"): after
/// a linked source in the paragraph they refer to it. A hedge of belief ("is thought to", "it is
/// believed") says someone holds a view, whoever the paragraph linked; it stays a cue.
const REPORT_HEDGES: &[&str] = &[
    "alleg", "claim", "purport", "report", "rumo", "said", "suppos",
];

fn hedges_a_report(cue: &str) -> bool {
    let cue = cue.to_ascii_lowercase();
    REPORT_HEDGES.iter().any(|stem| cue.starts_with(stem))
}

/// A case-sensitive rule finds names by their capitals, which also catch "Monday" in "said Monday"
/// or "In March" before a comma; such a match is not about a person or an outlet.
///
/// A reporting verb also needs a speaker that can speak: a ticker (".IXIC", "$ETH") cannot, and an
/// index that "added 20.72 points" reports nothing.
fn names_are_plausible(hit: &Hit, text: &str) -> bool {
    let ticker = hit
        .captures
        .iter()
        .any(|(n, r)| n == "who" && text[..r.start].ends_with(['.', '$']));
    let figure = hit
        .capture(text, "how")
        .is_some_and(|how| FIGURE_VERBS.iter().any(|v| how.starts_with(v)))
        && counts_a_figure(&text[hit.range.end..]);
    !ticker
        && !figure
        && ["who", "hop"].iter().all(|n| {
            hit.capture(text, n)
                .is_none_or(|name| chain::name(name).is_some())
        })
}
