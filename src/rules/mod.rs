//! Rule files: cue phrases and patterns kept as data, compiled in.
//!
//! Every detector reads its cues from a TOML file under `rules/` (compiled in: `build.rs` turns each
//! into a compact form without its test cases, [`compact`], so the wasm module needs no TOML or JSON
//! parser for them). A file is a list of `[[rule]]`
//! tables; each rule has an `id`, the `reason` the reader sees, one or more `patterns`, and the
//! `examples` it must match and `near_misses` it must not, which `tests/rule_files.rs` runs. Adding a
//! footer family or a cue is a change to a data file, with its tests inside.
//!
//! Patterns are Rust regexes with two conveniences that keep them both readable and fast:
//! - Unless a rule says `case_sensitive = true`, it is matched against the ASCII-lowercased text, and
//!   its pattern is lowercased too (outside escapes). Lowercasing ASCII keeps every byte offset.
//! - `\b`, `\B`, `\w`, `\d` and `\s` mean their ASCII forms. The regex crate's Unicode word boundary
//!   turns off its fast DFA on non-ASCII text (see `../shared/notes/toolchain.md`), and the module
//!   ships without Unicode tables to stay small.
//!
//! Patterns may name the file's parts as `{{name}}` (see [`parts`]): a family's vocabulary, kept per
//! language, composed into plain patterns before anything else sees them.
//!
//! Reasons may name a pattern's capture groups as `{name}`; the detector fills them in.

mod compact;
mod compact_format;
mod literals;
mod parts;
mod pattern;
mod prefilter;
pub mod sort;

use std::fmt;
use std::ops::Range;

use regex::Regex;
use serde::Deserialize;

pub use parts::Part;
pub use pattern::translate;
use prefilter::Prefilter;

/// The rule files compiled into the engine: (name, the compact form made by `build.rs` from the
/// TOML, without the examples and near-misses; see [`compact`]).
const COMPILED: &[(&str, &str)] = &[
    (
        "repost.toml",
        include_str!(concat!(env!("OUT_DIR"), "/repost.rules")),
    ),
    (
        "promo.toml",
        include_str!(concat!(env!("OUT_DIR"), "/promo.rules")),
    ),
    (
        "attribution.toml",
        include_str!(concat!(env!("OUT_DIR"), "/attribution.rules")),
    ),
];

/// The rule files as written, with their examples and near-misses: (name, TOML). Native only; the
/// tests read them.
#[cfg(not(target_arch = "wasm32"))]
pub const BUILTIN: &[(&str, &str)] = &[
    ("repost.toml", include_str!("../../rules/repost.toml")),
    ("promo.toml", include_str!("../../rules/promo.toml")),
    (
        "attribution.toml",
        include_str!("../../rules/attribution.toml"),
    ),
];

/// A parsed rule file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// BCP 47 language the cues are written for.
    #[serde(default = "english")]
    pub language: String,
    /// Named pattern parts (`{{name}}` in a pattern), see [`parts`].
    #[serde(default)]
    pub parts: std::collections::BTreeMap<String, Part>,
    #[serde(default)]
    pub rule: Vec<CueRule>,
    /// Rules a detector applies by structure rather than by pattern (a teaser scraped twice).
    #[serde(default)]
    pub structural: Vec<StructuralRule>,
}

/// A rule found by structure, not by a pattern. Its examples and near-misses are whole text pages
/// (a block per line) that the engine must, or must not, mark with this rule's id.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StructuralRule {
    pub id: String,
    /// The sentence the reader sees; `{name}` placeholders are filled by the detector.
    pub reason: String,
    #[serde(default)]
    pub examples: Vec<String>,
    #[serde(default)]
    pub near_misses: Vec<String>,
}

fn english() -> String {
    "en".into()
}

/// One rule: an id, what the reader is told, what it matches, and its own test cases.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueRule {
    /// Stable id, `family.name`, shown in every mark the rule makes.
    pub id: String,
    /// The sentence the reader sees; `{capture}` is replaced by that capture's text.
    pub reason: String,
    pub patterns: Vec<String>,
    /// A grouping the detector understands (a footer family, an attribution kind, a promo kind).
    #[serde(default)]
    pub kind: Option<String>,
    /// How serious a mark is, where the detector ranks them (`high`, `medium`, `low`).
    #[serde(default)]
    pub severity: Option<String>,
    /// How much text a match marks.
    #[serde(default)]
    pub scope: Scope,
    #[serde(default)]
    pub case_sensitive: bool,
    /// Free-form flags a detector reads (documented in the rule file's header).
    #[serde(default)]
    pub tags: Vec<String>,
    /// Text this rule must match.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Text this rule must not match.
    #[serde(default)]
    pub near_misses: Vec<String>,
}

impl CueRule {
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }
}

/// How much text a match marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The matched text only.
    #[default]
    Match,
    /// The sentence (or sentences) the match lies in.
    Sentence,
    /// The whole block.
    Block,
}

/// A rule file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuleError {
    /// The file is not valid TOML or does not have the rule file's shape.
    Parse { file: String, message: String },
    /// A pattern is not a valid regex (after translation); fix the pattern in the named rule.
    Pattern {
        file: String,
        rule: String,
        message: String,
    },
    /// Two rules share an id; ids must be unique across all files.
    DuplicateId { file: String, rule: String },
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleError::Parse { file, message } => write!(f, "{file}: not a rule file: {message}"),
            RuleError::Pattern {
                file,
                rule,
                message,
            } => write!(f, "{file}: rule {rule}: bad pattern: {message}"),
            RuleError::DuplicateId { file, rule } => {
                write!(f, "{file}: rule id {rule} is used twice")
            }
        }
    }
}

impl std::error::Error for RuleError {}

/// A compiled rule file: its rules, its compiled patterns, and the literal prefilter that picks which
/// patterns to run on a text (see [`prefilter`]).
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub file: String,
    pub rules: Vec<CueRule>,
    pub structural: Vec<StructuralRule>,
    /// Case-insensitive patterns first, then case-sensitive ones, each in rule-file order.
    compiled: Vec<Compiled>,
    /// Over the lowercased text for every pattern: a case-sensitive pattern's literals are
    /// lowercased too, which finds every place they occur in the text (ASCII lowercasing keeps
    /// offsets), so one pass serves both modes.
    filter: Prefilter,
}

#[derive(Debug, Clone)]
struct Compiled {
    rule: usize,
    regex: Regex,
    /// Whether it runs on the ASCII-lowercased text (the rule is not case-sensitive).
    lowercase: bool,
    required: Option<Vec<Vec<u8>>>,
}

/// One compiled pattern as the rule-file tests see it.
#[derive(Debug, Clone, Copy)]
pub struct PatternInfo<'a> {
    /// Index into [`RuleSet::rules`].
    pub rule: usize,
    /// The compiled pattern (after [`translate`]).
    pub regex: &'a Regex,
    /// Whether it runs on the ASCII-lowercased text.
    pub lowercase: bool,
    /// Literals one of which every match contains; `None` if the pattern runs on every text.
    pub required: Option<&'a [Vec<u8>]>,
}

/// One match of one rule in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`RuleSet::rules`].
    pub rule: usize,
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Named captures that took part, as (name, byte range).
    pub captures: Vec<(String, Range<usize>)>,
}

impl Hit {
    /// The text of capture `name`, if it took part.
    pub fn capture<'t>(&self, text: &'t str, name: &str) -> Option<&'t str> {
        self.captures
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| &text[r.clone()])
    }
}

impl RuleSet {
    /// Parses and compiles one rule file written in TOML (native only: the tests read the files).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn parse(file: &str, text: &str) -> Result<RuleSet, RuleError> {
        let parsed: RuleFile = toml::from_str(text).map_err(|e| RuleError::Parse {
            file: file.into(),
            message: e.to_string(),
        })?;
        RuleSet::compile(file, parsed)
    }

    fn compile(file: &str, parsed: RuleFile) -> Result<RuleSet, RuleError> {
        let mut compiled = Vec::new();
        let ids: Vec<&str> = parsed
            .rule
            .iter()
            .map(|r| r.id.as_str())
            .chain(parsed.structural.iter().map(|r| r.id.as_str()))
            .collect();
        if let Some((_, dup)) = ids
            .iter()
            .enumerate()
            .find(|(i, id)| ids[..*i].contains(id))
        {
            return Err(RuleError::DuplicateId {
                file: file.into(),
                rule: dup.to_string(),
            });
        }
        for (i, rule) in parsed.rule.iter().enumerate() {
            for p in &rule.patterns {
                let bad = |message: String| RuleError::Pattern {
                    file: file.into(),
                    rule: rule.id.clone(),
                    message,
                };
                let p = parts::expand(p, &parsed.parts).map_err(bad)?;
                let source = translate(&p, !rule.case_sensitive);
                let re = Regex::new(&source).map_err(|e| bad(e.to_string()))?;
                // The regex crate accepted it, so its own parser (same defaults) does too.
                let hir = regex_syntax::parse(&source).map_err(|e| bad(e.to_string()))?;
                compiled.push(Compiled {
                    rule: i,
                    regex: re,
                    lowercase: !rule.case_sensitive,
                    required: literals::required(&hir),
                });
            }
        }
        // Stable: rule-file order within each mode, as the hits' tie order has always been.
        sort::by_key(&mut compiled, |c| !c.lowercase);
        let lowered: Vec<Option<Vec<Vec<u8>>>> = compiled
            .iter()
            .map(|c| {
                let lower =
                    |set: &Vec<Vec<u8>>| set.iter().map(|l| l.to_ascii_lowercase()).collect();
                c.required.as_ref().map(lower)
            })
            .collect();
        let filter = Prefilter::new(&lowered);
        Ok(RuleSet {
            file: file.into(),
            compiled,
            filter,
            rules: parsed.rule,
            structural: parsed.structural,
        })
    }

    /// Every compiled pattern with its required literals, insensitive ones first.
    pub fn patterns(&self) -> impl Iterator<Item = PatternInfo<'_>> {
        self.compiled.iter().map(|c| PatternInfo {
            rule: c.rule,
            regex: &c.regex,
            lowercase: c.lowercase,
            required: c.required.as_deref(),
        })
    }

    /// The built-in rule file `name` (`repost.toml`, `promo.toml`, `attribution.toml`).
    pub fn builtin(name: &str) -> Result<RuleSet, RuleError> {
        let (file, compact) =
            COMPILED
                .iter()
                .find(|(f, _)| *f == name)
                .ok_or_else(|| RuleError::Parse {
                    file: name.into(),
                    message: "no such built-in rule file".into(),
                })?;
        let parsed = compact::read(compact).map_err(|message| RuleError::Parse {
            file: (*file).into(),
            message,
        })?;
        RuleSet::compile(file, parsed)
    }

    /// Every match of every rule in `text`, ordered by start. `lower` must be
    /// `text.to_ascii_lowercase()` (callers that scan many rule sets make it once).
    pub fn hits(&self, text: &str, lower: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        let candidates = self.filter.candidates(lower);
        for (c, _) in self.compiled.iter().zip(candidates).filter(|(_, run)| *run) {
            let hay = if c.lowercase { lower } else { text };
            for caps in c.regex.captures_iter(hay) {
                let whole = caps.get(0).expect("group 0 always takes part");
                let captures = c
                    .regex
                    .capture_names()
                    .flatten()
                    .filter_map(|n| caps.name(n).map(|m| (n.to_string(), m.range())))
                    .collect();
                out.push(Hit {
                    rule: c.rule,
                    range: whole.range(),
                    captures,
                });
            }
        }
        sort::by_key(&mut out, |h| {
            (h.range.start, std::cmp::Reverse(h.range.end), h.rule)
        });
        out
    }

    /// Whether rule `rule` matches anywhere in `text` (the rule-file test runner uses this).
    pub fn rule_matches(&self, rule: usize, text: &str) -> bool {
        let lower = text.to_ascii_lowercase();
        self.hits(text, &lower).iter().any(|h| h.rule == rule)
    }

    /// The structural rule `id`, which a detector implements; its absence is a broken rule file.
    pub fn structural(&self, id: &str) -> Result<StructuralRule, RuleError> {
        self.structural
            .iter()
            .find(|r| r.id == id)
            .cloned()
            .ok_or_else(|| RuleError::Parse {
                file: self.file.clone(),
                message: format!("structural rule {id} is missing"),
            })
    }

    /// Fills `{name}` placeholders of rule `rule`'s reason from a hit's captures in `text`.
    pub fn reason(&self, hit: &Hit, text: &str) -> String {
        let values: Vec<(&str, &str)> = hit
            .captures
            .iter()
            .map(|(name, range)| {
                let value = text[range.clone()]
                    .trim_matches(|c: char| c.is_whitespace() || c == '.' || c == ',');
                (name.as_str(), value)
            })
            .collect();
        fill(&self.rules[hit.rule].reason, &values)
    }
}

/// Fills the `{name}` placeholders of a reason template: the one filler for rule reasons and the
/// detectors' own.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_string(), |r, (k, v)| {
        r.replace(&format!("{{{k}}}"), v)
    })
}
