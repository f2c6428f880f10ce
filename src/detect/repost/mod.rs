//! Repost noise: syndication residue, read for provenance as it is marked.
//!
//! Two kinds of finding:
//! - **phrases** from `rules/repost.toml` (feed footers, republication notices, source lines,
//!   reposting disclaimers), each marked at the scope its rule asks for, and each naming a
//!   publisher for the chain of copies when its pattern captures one;
//! - **structure** ([`teaser`], [`label`]): a teaser scraped twice, a teaser repeating the opening,
//!   a bare source label. These compare text with text, not positions with positions.

mod label;
mod markdown;
mod teaser;

use std::ops::Range;

use crate::detect::provenance::{Depth, Evidence, registrable};
use crate::mark::{Category, Finding};
use crate::page::url::host;
use crate::page::{Block, Page};
use crate::rules::{CueRule, Hit, RuleError, RuleSet, Scope, StructuralRule};
use crate::sentences;
use markdown::Reading;

/// A block-scoped rule marks the whole block only when its match starts this close to the block's
/// start (room for a "Disclaimer:" or "Note —" lead-in); further in, it marks its sentence.
const BLOCK_SCOPE_LEAD_BYTES: usize = 40;

/// A block counts as residue through and through (not article text) when marks cover this share of
/// it; a footer glued to the front of a copied paragraph leaves the paragraph to the article.
const CLAIMED_SHARE: f64 = 0.9;

/// A footer that closes its block takes the rest of the block with it when no more than this many
/// bytes follow (9to5Linux's "… appeared first on 9to5Linux - do not reproduce this article without
/// permission. This RSS feed is intended for readers, not scrapers."); more is article text glued on.
const FOOTER_TAIL_BYTES: usize = 160;

/// Words that follow "originally published in" without naming a publisher: a date or a language
/// ("This article was originally published in June 2022", "Originally published in Korean").
const NOT_PUBLISHERS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "print",
    "english",
    "french",
    "german",
    "spanish",
    "korean",
    "japanese",
    "chinese",
    "russian",
    "italian",
    "arabic",
    "portuguese",
    "polish",
    "dutch",
];

/// What a placeholder reads as when its capture did not take part (a footer whose name was lost).
const UNFILLED: &[(&str, &str)] = &[
    ("{site}", "another site"),
    ("{url}", "another site"),
    ("{title}", "this article"),
    ("{page}", "this site"),
];

/// Longest note, in characters, that a republication rule marks whole when the note is set apart in
/// emphasis (`_Note: This article was originally published on … Please see … for more._`): a note
/// of a few sentences; a longer italic block is an article paragraph that happens to be italic.
const WRAPPED_NOTE_CHARS: usize = 400;

/// Longest block, in characters, that a republication note opening it takes whole: the note and a
/// line pointing to the original ("This article originally appeared on youssefbee.com. Go check it
/// out for an up-to-date version."); a longer block goes on with the article.
const SHORT_NOTE_CHARS: usize = 200;

/// An article paragraph: long enough that a source line standing before it is a picture credit or a
/// mid-article aside rather than the copy's closing source line.
const ARTICLE_PARAGRAPH_CHARS: usize = 200;

/// The repost detector with its compiled footer families.
#[derive(Debug, Clone)]
pub struct Repost {
    rules: RuleSet,
    doubled: StructuralRule,
    repeats_lede: StructuralRule,
    bare_label: StructuralRule,
    provider_logo: StructuralRule,
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
        let rules = RuleSet::builtin("repost.toml")?;
        Ok(Repost {
            doubled: rules.structural("teaser.doubled")?,
            repeats_lede: rules.structural("teaser.repeats-lede")?,
            bare_label: rules.structural("source-line.bare-label")?,
            provider_logo: rules.structural("source-line.provider-logo")?,
            rules,
        })
    }

    /// Finds every phrase of the rule file in every block: the one regex pass over the page. Other
    /// detectors run between this and [`Repost::detect`], which decides what counts.
    pub fn scan<'p>(&self, page: &'p Page) -> Scan<'p> {
        let readings = Reading::page(page);
        let mut hits = Vec::new();
        let mut logos = Vec::new();
        for (b, reading) in readings.iter().enumerate() {
            // Matched in the block's reading (Markdown markup dropped, its links read as links).
            let block = &reading.block;
            let lower = block.text.to_ascii_lowercase();
            for hit in self.rules.hits(&block.text, &lower) {
                let rule = &self.rules.rules[hit.rule];
                if !plausible(rule, &block.text, &hit) {
                    continue;
                }
                // An agency's dateline on the agency's own page is its article, not a copy's credit.
                if rule.has_tag("others-only")
                    && hit
                        .capture(&block.text, "site")
                        .is_some_and(|site| is_own(page, site))
                {
                    continue;
                }
                // A footer cut off mid-word is told from a trailing sentence only by closing the page.
                if rule.has_tag("closes-page")
                    && readings[b + 1..]
                        .iter()
                        .any(|r| !r.block.text.trim().is_empty())
                {
                    continue;
                }
                let mut range = scoped(rule.scope, block, &hit);
                // A `lead` capture is context the pattern needs (the sentence's end before a closing
                // source note), not residue: the mark starts after it.
                if let Some((_, lead)) = hit.captures.iter().find(|(n, _)| n == "lead")
                    && rule.scope == Scope::Match
                {
                    range.start = range.start.max(lead.end);
                }
                // A note set apart in emphasis as a whole block is one passage, however many
                // sentences it has.
                let note =
                    rule.kind.as_deref() == Some("republication") && rule.scope != Scope::Match;
                let chars = block.text.chars().count();
                let opens = block.text[..range.start].trim().is_empty();
                if note
                    && ((chars <= WRAPPED_NOTE_CHARS
                        && (reading.is_wrapped_note() || note_lines(&readings, b).is_some()))
                        || (opens && chars <= SHORT_NOTE_CHARS))
                {
                    range = 0..block.text.len();
                }
                // A pointer that is still a link is judged by where it leads (`needs-link`), not here.
                if rule.has_tag("unlinked") {
                    if block.links_in(range.clone()).next().is_some() {
                        continue;
                    }
                    // The excerpt's closing ellipsis is the evidence, not part of the pointer: the
                    // excerpt's sentence keeps it.
                    let pointer = block.text[range.clone()].trim_start_matches(['…', '.', ' ']);
                    range.start = range.end - pointer.len();
                }
                if rule.has_tag("needs-link") {
                    match excerpt_link(page, block, &range) {
                        Some(link) => range = range.start.min(link.start)..range.end.max(link.end),
                        None => continue,
                    }
                }
                if rule.has_tag("to-block-end") && block.text.len() - range.end <= FOOTER_TAIL_BYTES
                {
                    range.end = block.text.len();
                }
                // MSN's provider line is drawn with the provider's logo, whose alt text follows it.
                if rule.has_tag("with-logo-line")
                    && page
                        .blocks
                        .get(b + 1)
                        .is_some_and(|n| is_logo_line(&n.text))
                {
                    logos.push(b + 1);
                }
                let read = sentences::trim(&block.text, range);
                let marked = reading.original(read.clone());
                // A note in emphasis that line breaks split (a Markdown paragraph wrapped over lines
                // of a text page): the lines up to the one closing the emphasis are the note's too;
                // so are the quoted lines after a quoted note that ends in a colon.
                let whole = read == (0..block.text.len());
                let more = note_lines(&readings, b)
                    .or_else(|| quote_lines(&readings, b))
                    .filter(|_| note && whole)
                    .unwrap_or(0..0);
                for n in more {
                    let all = 0..readings[n].block.text.len();
                    hits.push(ScanHit {
                        block: n,
                        of: b,
                        hit: hit.clone(),
                        marked: readings[n].original(all.clone()),
                        read: all,
                    });
                }
                hits.push(ScanHit {
                    block: b,
                    of: b,
                    hit,
                    read,
                    marked,
                });
            }
        }
        Scan {
            hits,
            logos,
            readings,
        }
    }

    /// Blocks that are residue through and through on their own (a footer or disclaimer filling the
    /// block, a teaser written twice): text no detector should read as the article's.
    pub fn residue(&self, page: &Page, scan: &Scan<'_>) -> Vec<bool> {
        let mut covered = vec![0usize; page.blocks.len()];
        for h in &scan.hits {
            covered[h.block] += h.marked.len();
        }
        for &b in &scan.logos {
            covered[b] = page.blocks[b].text.len();
        }
        page.blocks
            .iter()
            .zip(covered)
            .map(|(block, c)| teaser::is_doubled(&block.text) || is_claimed(block, c))
            .collect()
    }

    /// Marks the residue in blocks no other detector claimed (`skip[b]`), and reads it for provenance.
    pub fn detect(&self, page: &Page, scan: &Scan<'_>, skip: &[bool]) -> RepostOutcome {
        let mut out = RepostOutcome {
            claimed: vec![false; page.blocks.len()],
            ..RepostOutcome::default()
        };
        let last_paragraph = page
            .blocks
            .iter()
            .enumerate()
            .rev()
            .find(|(b, block)| !skip[*b] && block.text.chars().count() >= ARTICLE_PARAGRAPH_CHARS)
            .map(|(b, _)| b);
        for ScanHit {
            block: b,
            of,
            hit,
            read,
            marked,
        } in &scan.hits
        {
            let (b, reading) = (*b, &scan.readings[*of]);
            let block = &reading.block;
            let rule = &self.rules.rules[hit.rule];
            // A block another detector took (a recommended card) is not this article: its residue is
            // the card's story's, neither marked (related cards are never marked) nor read for this
            // article's origin.
            if skip[b] {
                continue;
            }
            let reason = filled(self.rules.reason(hit, &block.text));
            let finding = Finding::new(Category::RepostNoise, &rule.id, reason, b, marked.clone());
            out.findings.push(finding);
            // A note's continuation line is marked for the note, read for provenance with it.
            let counts = b == *of
                && (!rule.has_tag("end-of-article") || last_paragraph.is_none_or(|p| p < b));
            if counts {
                // The link the residue lies in, or (a footer whose name was lost) the one it ends on.
                let link = block
                    .links
                    .iter()
                    .rev()
                    .find(|l| read.start <= l.range.start && l.range.start <= read.end);
                out.evidence
                    .extend(evidence(rule, hit, reading, link.map(|l| l.href.as_str())));
            }
        }
        out.findings
            .extend(scan.logos.iter().filter(|&&b| !skip[b]).map(|&b| {
                let logo = &self.provider_logo;
                let whole = 0..page.blocks[b].text.len();
                Finding::new(Category::RepostNoise, &logo.id, &logo.reason, b, whole)
            }));
        out.findings
            .extend(teaser::find(page, skip, &self.doubled, &self.repeats_lede));
        out.findings
            .extend(label::find(page, skip, &out.evidence, &self.bare_label));
        let mut covered = vec![0usize; page.blocks.len()];
        for f in &out.findings {
            covered[f.block] += f.range.len();
        }
        for ((claimed, block), covered) in out.claimed.iter_mut().zip(&page.blocks).zip(covered) {
            *claimed = is_claimed(block, covered);
        }
        out
    }
}

/// Phrase hits over a whole page, from [`Repost::scan`].
#[derive(Debug, Clone, Default)]
pub struct Scan<'p> {
    /// Every phrase hit, in block order.
    hits: Vec<ScanHit>,
    /// Blocks holding a provider's logo alt text right after its provider line.
    logos: Vec<usize>,
    /// Every block's reading (its Markdown markup dropped), where the hits were found.
    readings: Vec<Reading<'p>>,
}

/// One phrase hit of a [`Scan`].
#[derive(Debug, Clone)]
struct ScanHit {
    /// The block it marks.
    block: usize,
    /// The block it was found in (the block before, for a note's continuation line).
    of: usize,
    /// The hit, in the reading of block `of`.
    hit: Hit,
    /// What it marks under its rule's scope, in the reading.
    read: Range<usize>,
    /// The same in the block's own text, widened over the markup wrapping it.
    marked: Range<usize>,
}

/// The lines after block `b` that continue a note in emphasis opened at its start and not closed
/// there, up to the line that closes it (a Markdown paragraph wrapped over several lines of a text
/// page); None when no line within [`WRAPPED_NOTE_CHARS`] closes it.
fn note_lines(readings: &[Reading<'_>], b: usize) -> Option<Range<usize>> {
    let first = &readings[b];
    if !first.emphasis_opens() || first.emphasis_closes() {
        return None;
    }
    let mut chars = first.block.text.chars().count();
    for (n, line) in readings.iter().enumerate().skip(b + 1) {
        chars += line.block.text.chars().count();
        if chars > WRAPPED_NOTE_CHARS || line.emphasis_opens() || line.block.text.is_empty() {
            return None;
        }
        if line.emphasis_closes() {
            return Some(b + 1..n + 1);
        }
    }
    None
}

/// The quoted lines after block `b`, a quoted note that ends in a colon ("> This post originally
/// appeared on my MSDN blog:", then the address and a line on why it was copied), to the quote's
/// end; None when the quote runs past [`WRAPPED_NOTE_CHARS`] (an article quoted whole).
fn quote_lines(readings: &[Reading<'_>], b: usize) -> Option<Range<usize>> {
    let first = &readings[b];
    if !first.is_quoted() || !first.block.text.ends_with(':') {
        return None;
    }
    let mut chars = first.block.text.chars().count();
    let end = readings[b + 1..]
        .iter()
        .take_while(|line| line.is_quoted())
        .count();
    for line in &readings[b + 1..b + 1 + end] {
        chars += line.block.text.chars().count();
    }
    (end > 0 && chars <= WRAPPED_NOTE_CHARS).then_some(b + 1..b + 1 + end)
}

/// Whether marks covering `covered` bytes make `block` residue through and through.
fn is_claimed(block: &Block, covered: usize) -> bool {
    let len = block.text.len();
    len > 0 && covered as f64 >= CLAIMED_SHARE * len as f64
}

/// Whether a hit is residue rather than an article sentence quoting or discussing it.
fn plausible(rule: &CueRule, text: &str, hit: &Hit) -> bool {
    let start = hit.range.start;
    let before = text[..start].trim_end();
    // Quoted: the article is talking about a footer, not carrying one.
    if opens_quote(before) {
        return false;
    }
    // "originally published in June 2022": a date or a language, not a publisher.
    if let Some(site) = hit.capture(text, "site") {
        let first = site
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let year = !first.is_empty() && first.chars().all(|c| c.is_ascii_digit());
        if year || NOT_PUBLISHERS.contains(&first.as_str()) {
            return false;
        }
    }
    if !rule.has_tag("starts-sentence") || before.is_empty() {
        return true;
    }
    // Glued straight onto the previous text (a scrape joined two pieces) or after a sentence's end.
    let glued = before.len() == text[..start].len();
    // A footer capitalised as it opens ("The post …") that closes the block, after a teaser cut
    // mid-sentence ("… users engage in a The post … appeared first on Coingape."): glued on too.
    let closes_after_cut = rule.has_tag("to-block-end")
        && text[start..].starts_with(char::is_uppercase)
        && hit.range.end >= text.trim_end().len()
        && before.ends_with(|c: char| c.is_lowercase());
    glued
        || closes_after_cut
        || before.ends_with([
            '.', '!', '?', ':', ';', ')', ']', '”', '"', '’', '|', '—', '–', '…',
        ])
}

/// Whether `before` ends with an opening quotation mark rather than one closing a quotation ("…
/// kosten Milliarden." (mit Material von dpa)" is a credit after a quotation, not a quoted credit).
fn opens_quote(before: &str) -> bool {
    let mut chars = before.chars().rev();
    match chars.next() {
        Some('«' | '„') => true,
        // "“" also closes German quotations („…“): opening only where no word comes right before.
        Some('“' | '‘' | '"' | '\'') => chars.next().is_none_or(char::is_whitespace),
        _ => false,
    }
}

/// The link an excerpt pointer ("Continue reading…") lies in, as the byte range to mark: the whole
/// link when it closes the block (its text may carry the title before "Read More »"), else the
/// pointer alone. None when the pointer is no link, or links to this page's own site — a pointer to
/// another article of the same site is a recommendation, not residue.
fn excerpt_link(page: &Page, block: &Block, range: &Range<usize>) -> Option<Range<usize>> {
    let link = block.links_in(range.clone()).last()?;
    let own = host(&page.meta.url);
    let theirs = host(&link.href);
    if let (Some(own), Some(theirs)) = (own, theirs)
        && registrable(&own) == registrable(&theirs)
    {
        return None;
    }
    let closes = block.text[link.range.end..].trim().is_empty();
    Some(if closes {
        link.range.clone()
    } else {
        range.clone()
    })
}

/// Whether `site` names this page's own publisher: a label of its host, canonical or og:url host
/// ("reuters" on www.reuters.com) or its site name.
fn is_own(page: &Page, site: &str) -> bool {
    let name: String = site
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if name.is_empty() {
        return false;
    }
    // The page's address, or the one it names as its own when saved without one.
    let urls = [
        Some(page.meta.url.as_str()),
        page.meta.canonical_url.as_deref(),
        page.meta.og_url.as_deref(),
    ];
    let in_host = urls
        .into_iter()
        .flatten()
        .filter_map(host)
        .any(|h| h.split('.').any(|label| label == name));
    let in_name = page.meta.site_name.as_deref().is_some_and(|n| {
        let own: String = n
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        own == name
    });
    in_host || in_name
}

/// Longest logo alt text taken with a provider line ("MailOnline logo").
const LOGO_LINE_CHARS: usize = 40;

/// A block that is only a logo's alt text: a short name and the word "logo".
fn is_logo_line(text: &str) -> bool {
    let t = text.trim();
    let name = t.strip_suffix(" logo").or_else(|| t.strip_suffix(" Logo"));
    name.is_some_and(|n| {
        !n.is_empty() && t.chars().count() <= LOGO_LINE_CHARS && !n.contains(['.', ',', ':'])
    })
}

/// A reason with every placeholder its match left unfilled put in words.
fn filled(mut reason: String) -> String {
    for (placeholder, words) in UNFILLED {
        reason = reason.replace(placeholder, words);
    }
    reason
}

/// The byte range a hit marks under its rule's scope.
fn scoped(scope: Scope, block: &Block, hit: &Hit) -> Range<usize> {
    match scope {
        Scope::Block if hit.range.start <= BLOCK_SCOPE_LEAD_BYTES => 0..block.text.len(),
        Scope::Block | Scope::Sentence => sentence_span(&block.text, &hit.range),
        Scope::Match => hit.range.clone(),
    }
}

/// The sentences that `range` overlaps, as one range.
fn sentence_span(text: &str, range: &Range<usize>) -> Range<usize> {
    let spans = sentences::split(text);
    let mut overlapping = spans
        .iter()
        .filter(|s| s.start < range.end && range.start < s.end);
    match overlapping.next() {
        Some(first) => {
            first.start
                ..overlapping
                    .next_back()
                    .map_or(first.end, |l| l.end)
                    .max(range.end)
        }
        None => range.clone(),
    }
}

/// The publishers a hit names: `{page}` is this page's own, `{site}`/`{url}` whatever the rule's
/// provenance tag says; a link in the residue names the publisher when the text names none.
fn evidence(rule: &CueRule, hit: &Hit, reading: &Reading<'_>, link: Option<&str>) -> Vec<Evidence> {
    let text = reading.block.text.as_str();
    let how = rule.kind.as_deref().unwrap_or("residue").replace('-', " ");
    let mut out = Vec::new();
    if let Some(page) = hit.capture(text, "page") {
        out.push(Evidence::new(Some(page), None, Depth::Page, &how));
    }
    let depth = if rule.has_tag("provenance:republisher") {
        Some(Depth::Republisher)
    } else if rule.has_tag("provenance:source") {
        Some(Depth::Source)
    } else if rule.has_tag("provenance:original") {
        Some(Depth::Original)
    } else {
        None
    };
    let site_range = hit
        .captures
        .iter()
        .find(|(n, _)| n == "site")
        .map(|(_, r)| r.clone());
    // A name the site's words set apart (a link's text, a code span: "on Medium's [Towards Data
    // Science][42] channel", "on the `hastexo.com` website") is the publisher's own name.
    let named = site_range.as_ref().and_then(|s| {
        reading.names.iter().find(|n| {
            let name = &text[(*n).clone()];
            // A name, not a word linked ("the NCC Group Cryptography Services [blog](…)").
            let proper = name.starts_with(char::is_uppercase) || name.contains('.');
            s.start <= n.start && n.end <= s.end && n.len() < s.len() && proper
        })
    });
    let site = match named {
        Some(n) => Some(&text[n.clone()]),
        None => hit.capture(text, "site"),
    };
    let named_link = named.and_then(|n| {
        reading
            .block
            .links
            .iter()
            .find(|l| l.range == *n)
            .map(|l| l.href.as_str())
    });
    let url = hit.capture(text, "url").or(named_link).or(link);
    if let Some(depth) = depth.filter(|_| site.is_some() || url.is_some()) {
        out.push(Evidence::new(site, url, depth, &how));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: a footer whose publisher name was lost showed "{site}" to the reader.
    #[test]
    fn reason_never_shows_an_unfilled_placeholder() {
        let engine = crate::Engine::new().unwrap();
        let page = Page::from_text(
            "The post How to text Siri instead of talking to it out loud appeared first on",
            "",
        );
        let marks = engine.analyze(&page).marks;
        assert!(!marks.is_empty());
        assert!(
            marks.iter().all(|m| !m.reason.contains('{')),
            "{:?}",
            marks.iter().map(|m| &m.reason).collect::<Vec<_>>()
        );
    }

    /// Regression: "This article was originally published in June 2022." (The Verge reviving its own
    /// story) was marked as residue and made "June 2022" the origin publisher.
    #[test]
    fn a_date_or_language_after_originally_published_is_no_publisher() {
        let engine = crate::Engine::new().unwrap();
        for text in [
            "This article was originally published in June 2022. We’re reviving it today since Apple has launched the feature.",
            "Originally published in Korean in 2020, Mater 2-10 opens in the 21st century with a laid-off factory worker.",
        ] {
            let analysis = engine.analyze(&Page::from_text(text, ""));
            assert!(
                analysis
                    .marks
                    .iter()
                    .all(|m| m.category != Category::RepostNoise),
                "{text}"
            );
            assert!(analysis.summary.origin.is_none(), "{text}");
        }
    }

    /// Regression (issue 8): an aggregator's own "via" label (here misspelling the publisher) beat the
    /// publisher that the feed footer names.
    #[test]
    fn an_aggregators_via_label_never_beats_the_publisher_the_text_names() {
        let engine = crate::Engine::new().unwrap();
        let text = "Solana DEX volume tops Ethereum\n\
                    Solana's decentralised exchanges handled more volume than Ethereum's for a third month, data from DefiLlama shows, as memecoin trading stayed busy.\n\
                    The post Solana DEX volume tops Ethereum appeared first on CryptoPotato.\n\
                    Via Crypto Potatoe";
        let origin = engine
            .analyze(&Page::from_text(text, ""))
            .summary
            .origin
            .expect("an origin");
        assert_eq!(origin.name, "CryptoPotato");
    }

    fn repost_marks(text: &str) -> Vec<String> {
        let engine = crate::Engine::new().unwrap();
        engine
            .analyze(&Page::from_text(text, ""))
            .marks
            .into_iter()
            .filter(|m| m.category == Category::RepostNoise)
            .map(|m| m.text)
            .collect()
    }

    /// Regression (blind batch 3): a Markdown text page's `[name](url)` links, `_emphasis_` and
    /// `**bold**` hid The Conversation's note from the patterns; now the note is matched in the
    /// block's reading and marked whole, markup included, and names its publisher.
    #[test]
    fn a_note_written_in_markdown_is_read_through_its_markup() {
        let note = "_This article is republished from_ [The Conversation](https://theconversation.com) _under a Creative Commons license. Read the [original article](https://theconversation.com/how-deadly-141426)._";
        let text = format!(
            "Statisticians like us will keep watching the numbers to help guide policy in the months ahead.\n{note}"
        );
        assert_eq!(repost_marks(&text), [note]);
        let engine = crate::Engine::new().unwrap();
        let origin = engine.analyze(&Page::from_text(&text, "")).summary.origin;
        assert_eq!(origin.map(|o| o.name).as_deref(), Some("The Conversation"));
        let bold = "**This article was originally published on [PostMTA](https://postmta.com/).**";
        assert_eq!(repost_marks(bold), [bold]);
    }

    /// Regression (blind batch 3): "[Continue reading on Medium](url)" was text, not a link, so the
    /// excerpt pointer had no link to judge by.
    #[test]
    fn a_markdown_continue_reading_link_is_an_excerpt_pointer() {
        let pointer = "[Continue reading on Medium](https://medium.com/ynap-tech/how-to-optimize-3f60f0cf561c)";
        let text = format!(
            "So how do we keep layout shift from growing when new content loads dynamically?\n{pointer}"
        );
        assert_eq!(repost_marks(&text), [pointer]);
    }

    /// Regression (blind batch 3): a footer glued onto a teaser cut mid-sentence ("… users engage
    /// in a The post … appeared first on Coingape.") was taken for a mid-sentence phrase. A
    /// capitalised phrase that does not close its block stays article text.
    #[test]
    fn a_footer_glued_after_a_cut_teaser_is_residue() {
        let footer = "The post Is Ethereum’s Gas Fee Improved Now? appeared first on Coingape.";
        let text = format!("Prior to the launch of the hardfork, users engage in a {footer}");
        assert_eq!(repost_marks(&text), [footer]);
        assert!(
            repost_marks(
                "She wrote in The Post Magazine appeared first on Sunday, and the piece was shared widely."
            )
            .is_empty()
        );
    }

    /// Regression (blind batch 3): Markdown read as text kept `snake_case` words and arithmetic
    /// stars; a reading must not eat them.
    #[test]
    fn words_with_underscores_and_stars_between_spaces_stay_text() {
        assert!(
            repost_marks("The config key is feed_footer_text and 3 * 4 = 12 in the example.")
                .is_empty()
        );
    }

    /// Regression (blind batch 3): Kitware's italic note wrapped over three lines of a Markdown text
    /// page was marked on its first line only; the lines up to the one closing the emphasis are the
    /// note's. An italic line never closed stays alone.
    #[test]
    fn a_note_in_emphasis_wrapped_over_lines_is_marked_to_its_close() {
        let lines = [
            "_Note: This article was originally published on the [Kitware blog](http://www.kitware.com/blog/home/post/739).",
            "Please see the [Kitware web site](http://www.kitware.com), the [VTK web site](http://www.vtk.org) and the",
            "[ParaView web site](http://www.paraview.org) for more information._",
        ];
        let text = format!(
            "In my next blog, I will discuss in a bit more detail how the various pipeline passes work.\n{}",
            lines.join("\n")
        );
        assert_eq!(repost_marks(&text), lines);
        let open = "_Note: This article was originally published on the [Kitware blog](http://www.kitware.com).\nThe pipeline passes run in order, and each one reads what the one before it wrote.";
        assert_eq!(
            repost_marks(open),
            [
                "_Note: This article was originally published on the [Kitware blog](http://www.kitware.com)."
            ]
        );
    }

    /// Regression (blind batch 3): a quoted note ending in a colon ("> This post originally
    /// appeared on my MSDN blog:") was marked without the quoted address and reason after it; a
    /// quoted note that ends its sentence keeps to its line.
    #[test]
    fn a_quoted_note_ending_in_a_colon_takes_the_rest_of_its_quote() {
        let lines = [
            "> This post originally appeared on my MSDN blog:",
            ">",
            "> [http://blogs.msdn.com/b/jjameson/archive/2010/04/05/x.aspx](http://blogs.msdn.com/b/jjameson/archive/2010/04/05/x.aspx)",
            ">",
            "> Since I no longer work for Microsoft, I have copied it here in case that blog ever goes away.",
        ];
        let text = format!(
            "{}\nIn a previous post, I noted how the home lab currently runs two domain controllers on a couple of VMs.",
            lines.join("\n")
        );
        assert_eq!(repost_marks(&text), lines);
        let ended = "> This post originally appeared on my MSDN blog.\n> The lab runs two domain controllers, and this is how I set them up.";
        assert_eq!(
            repost_marks(ended),
            ["> This post originally appeared on my MSDN blog."]
        );
    }

    /// Regression (Markdown captures): a short note's second sentence pointing to the original ("Go
    /// check it out for an up-to-date version.") was left unmarked; a note opening a long paragraph
    /// keeps to its sentence.
    #[test]
    fn a_note_opening_a_short_block_takes_the_block() {
        let note = "This article originally appeared on [youssefbee.com](https://youssefbee.com). Go check it out for an up-to-date version.";
        let text = format!(
            "{note}\nHooks have changed the way we build React applications, and this post shows how."
        );
        assert_eq!(repost_marks(&text), [note]);
        let long = "This article originally appeared on Grist. Hooks have changed the way we build React applications: they got rid of a lot of code complexity, made state easier to share between components, and gave us a way to reuse logic without wrapping components in higher-order functions.";
        assert_eq!(
            repost_marks(long),
            ["This article originally appeared on Grist."]
        );
    }

    /// Regression (Markdown captures): a linked common word ("the NCC Group Cryptography Services
    /// [blog](…)") was taken for the publisher's name; a link's text names the publisher only when
    /// it is a name.
    #[test]
    fn a_linked_common_word_is_not_the_publishers_name() {
        let engine = crate::Engine::new().unwrap();
        let text = "*This article originally appeared on the NCC Group Cryptography Services [blog](https://research.nccgroup.com/2023/02/20/a-primer/).*\nThere is a specific type of cryptographic transformation that arises in storage systems.";
        let origin = engine
            .analyze(&Page::from_text(text, ""))
            .summary
            .origin
            .expect("an origin");
        assert_ne!(origin.name, "blog");
        assert!(origin.name.contains("NCC Group"), "{}", origin.name);
    }

    fn origin_of(text: &str) -> Option<String> {
        let engine = crate::Engine::new().unwrap();
        engine
            .analyze(&Page::from_text(text, ""))
            .summary
            .origin
            .map(|o| o.name)
    }

    /// Regression (blind batch 4): Slash's feed footer "Read more of this story at Slashdot." (the
    /// pointer a link, " at Slashdot." after it) was not a pointer closing its block.
    #[test]
    fn slashs_read_more_of_this_story_at_site_is_a_pointer() {
        let text = "ATF puts up surveillance cameras around Seattle to catch grease dumpers.\n[Read more of this story](https://tech.slashdot.org/story/16/01/12/169214/atf) at Slashdot.";
        assert_eq!(
            repost_marks(text),
            [
                "[Read more of this story](https://tech.slashdot.org/story/16/01/12/169214/atf) at Slashdot."
            ]
        );
        assert_eq!(origin_of(text).as_deref(), Some("Slashdot"));
        assert!(
            repost_marks(
                "You can read more of this story at Slashdot, where the comments run long."
            )
            .is_empty()
        );
    }

    /// Regression (blind batch 4): Medium's "Continue reading on  »" with the publication's name
    /// missing; the pointer's link names medium.com.
    #[test]
    fn medium_continue_reading_on_with_no_name_is_a_pointer() {
        let pointer = "[Continue reading on  »](https://medium.com/@someone/ui-automation-c44a41af38d1?source=rss)";
        let text = format!("Here is a partial collection of links from my talk today…\n{pointer}");
        // The page model collapses the doubled space the missing name left.
        assert_eq!(repost_marks(&text), [pointer.replace("on  »", "on »")]);
        let origin = origin_of(&text).unwrap_or_default();
        assert!(origin.contains("medium"), "{origin}");
    }

    /// Regression (blind batch 4): a Swedish blog's "Läs mer »" jump link closing an excerpt.
    #[test]
    fn a_swedish_read_more_link_closing_an_excerpt_is_a_pointer() {
        let pointer = "[Läs mer »](http://exempelbloggen.blogspot.com/2017/11/utdelning.html#more)";
        let text = format!("Bolaget höjer utdelningen för tionde året i rad. {pointer}");
        assert_eq!(repost_marks(&text), [pointer]);
        assert!(
            repost_marks("Läs mer om räntor och bolån hos din bank innan du skriver på.")
                .is_empty()
        );
    }

    /// Regression (blind batch 4): Folha's unlinked "Leia mais (09/24/2018 - 19h22)" closing an
    /// excerpt: a read-more word and the item's time stamp.
    #[test]
    fn a_read_more_word_with_a_time_stamp_closing_an_excerpt_is_a_pointer() {
        let text = "O dólar fechou em alta nesta terça-feira. Leia mais (10/02/2018 - 17h05)";
        assert_eq!(repost_marks(text), ["Leia mais (10/02/2018 - 17h05)"]);
        assert!(
            repost_marks("Leia mais (em português) sobre o tema no site do ministério.").is_empty()
        );
    }

    /// Regression (blind batch 4): a wire dateline in another language than English ("Montevidéu,
    /// 12 jul (EFE).- ", "BRASÍLIA (Reuters) - ") credits the agency; only the dateline is marked.
    #[test]
    fn a_wire_dateline_in_any_language_credits_the_agency() {
        let text = "Montevidéu, 12 jul (EFE).- Os países do Mercosul decidiram nesta sexta-feira em sua cúpula revogar a medida.";
        assert_eq!(repost_marks(text), ["Montevidéu, 12 jul (EFE).-"]);
        assert_eq!(origin_of(text).as_deref(), Some("EFE"));
        assert!(
            repost_marks(
                "The agency (Reuters) - which has bureaus in 200 cities - said it would hire."
            )
            .is_empty()
        );
    }

    /// Regression (blind batch 4): a Chinese brief closing with "（来源：新浪数码）" in full-width
    /// brackets; a picture's credit inside a sentence is not one.
    #[test]
    fn a_full_width_source_note_closing_a_brief_is_a_source_line() {
        let text = "苹果获得一项新专利，解释了如何将 Touch ID 集成到侧边按钮中。（来源：新浪数码）";
        assert_eq!(repost_marks(text), ["（来源：新浪数码）"]);
        assert!(repost_marks("AQS整体方法架构可以参照下图（来源：美团技术团队）").is_empty());
    }

    /// Regression (blind batch 4): a WordPress footer cut off by a news API ("The post … ap…")
    /// closing the item is residue; the same words with text after them are not.
    #[test]
    fn a_feed_footer_cut_off_at_the_items_end_is_residue() {
        let footer = "The post Ethereum Price Prediction: ETH Eyes $4,000 ap…";
        let text = format!(
            "Ether rose 4% on the week… Continue reading Ethereum Price Prediction\n{footer}"
        );
        assert!(
            repost_marks(&text).contains(&footer.to_string()),
            "{:?}",
            repost_marks(&text)
        );
        let later =
            format!("{footer}\nAnalysts expect the rally to continue into the next quarter.");
        assert!(!repost_marks(&later).contains(&footer.to_string()));
    }

    /// Regression (blind batch 4): Daring Fireball's "(Via Kottke.)" — a writer's parenthesised
    /// citation of where a link was found — was marked as an aggregator's via line.
    #[test]
    fn a_parenthesised_via_citation_is_not_a_via_line() {
        let text = "Fascinating charts of every path through the books.\n([Via Kottke](http://kottke.org/17/06/narrative-flowcharts).)";
        assert!(repost_marks(text).is_empty(), "{:?}", repost_marks(text));
        assert_eq!(
            repost_marks("Some text here.\nVia Decrypt"),
            ["Via Decrypt"]
        );
    }

    /// Regression guard (blind batch 4's datelines): an agency's dateline on the agency's own page
    /// is its article, not a copy's credit.
    #[test]
    fn an_agencys_dateline_on_its_own_site_is_not_residue() {
        let engine = crate::Engine::new().unwrap();
        let text = "WASHINGTON (Reuters) - The Federal Reserve held rates steady on Wednesday.";
        let own = engine.analyze(&Page::from_text(
            text,
            "https://www.reuters.com/markets/fed-holds",
        ));
        assert!(
            own.marks
                .iter()
                .all(|m| m.category != Category::RepostNoise)
        );
        assert_eq!(repost_marks(text), ["WASHINGTON (Reuters) -"]);
    }
}
