//! The CLI's outputs: a JSON line per page, the page as text with its marks, and the one-line
//! summaries of `--summary` with their closing totals. Every renderer is linear in the page: marks
//! are grouped by block in one pass and offsets converted by a cursor that only moves forward.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};

use serde::Serialize;

use chaff::Page;
use chaff::mark::{Analysis, Category, Hop, Mark, Publisher, Summary};

/// Whether to colour text output: only on a terminal, and never when `NO_COLOR` is set.
pub fn use_color() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Where a page came from (a file, or a record of a crawl) and how its bytes were decoded.
pub struct Origin<'a> {
    pub source: &'a str,
    /// `WARC-Target-URI` and `WARC-Date` for a crawl's record.
    pub record: Option<(&'a str, &'a str)>,
    /// The encoding's WHATWG name, and where it came from in words.
    pub encoding: (&'static str, String),
}

#[derive(Serialize)]
struct Report<'a> {
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    encoding: &'a str,
    summary: &'a Summary,
    marks: &'a [Mark],
}

/// One JSON object on one line: `{"source", "uri"?, "date"?, "encoding", "summary", "marks"}`.
pub fn json(out: &mut impl Write, from: &Origin<'_>, a: &Analysis) -> io::Result<()> {
    let report = Report {
        source: from.source,
        uri: from.record.map(|r| r.0),
        date: from.record.map(|r| r.1),
        encoding: from.encoding.0,
        summary: &a.summary,
        marks: &a.marks,
    };
    serde_json::to_writer(&mut *out, &report).map_err(io::Error::other)?;
    writeln!(out)
}

fn color(c: Category) -> &'static str {
    match c {
        Category::RepostNoise => "\x1b[33m",
        Category::UnrelatedPromo => "\x1b[35m",
        Category::UnconfirmedAttribution => "\x1b[36m",
    }
}

/// The page, a block a line, with marks coloured by category on a terminal and bracketed elsewhere
/// (`[repost-noise: …]`), then the summary and every mark with its reason.
pub fn text(
    out: &mut impl Write,
    from: &Origin<'_>,
    page: &Page,
    a: &Analysis,
    colored: bool,
) -> io::Result<()> {
    let (encoding, basis) = &from.encoding;
    match from.record {
        Some((uri, date)) => {
            writeln!(out, "== {} {uri} {date} ({encoding}, {basis})", from.source)?
        }
        None => writeln!(out, "== {} ({encoding}, {basis})", from.source)?,
    }
    let (lines, work) = marked_blocks(page, &a.marks, colored);
    debug_assert!(
        work <= linear_bound(page, &a.marks),
        "text rendering must stay linear"
    );
    for line in lines {
        writeln!(out, "{line}")?;
    }
    let s = &a.summary;
    writeln!(out, "\n-- summary")?;
    for c in Category::ALL {
        writeln!(
            out,
            "{:<24} {}",
            c.label(),
            s.counts.get(c.id()).copied().unwrap_or(0)
        )?;
    }
    writeln!(out, "{:<24} {:.0}%", "Noise share", s.noise_share * 100.0)?;
    match &s.origin {
        Some(o) => writeln!(
            out,
            "{:<24} {}{}",
            "Origin",
            o.name,
            o.url
                .as_deref()
                .map(|u| format!(" <{u}>"))
                .unwrap_or_default()
        )?,
        None => writeln!(out, "{:<24} unknown", "Origin")?,
    }
    if !s.chain.is_empty() {
        writeln!(out, "{:<24} {}", "Chain of copies", chain_text(&s.chain))?;
    }
    if !a.marks.is_empty() {
        writeln!(out, "\n-- marks")?;
        for m in &a.marks {
            writeln!(
                out,
                "{} [{}] block {}: {}",
                m.category, m.rule, m.block, m.reason
            )?;
        }
    }
    Ok(())
}

fn chain_text(chain: &[Hop]) -> String {
    chain
        .iter()
        .map(|h| h.name.as_str())
        .collect::<Vec<_>>()
        .join(" ← ")
}

/// The most work [`marked_blocks`] may do: one step per character, mark and block.
fn linear_bound(page: &Page, marks: &[Mark]) -> usize {
    page.blocks
        .iter()
        .map(|b| b.text.chars().count())
        .sum::<usize>()
        + marks.len()
        + page.blocks.len()
}

/// Each block's text with its marks drawn in, and the work done (characters stepped over, marks
/// and blocks visited), which [`linear_bound`] bounds.
fn marked_blocks(page: &Page, marks: &[Mark], colored: bool) -> (Vec<String>, usize) {
    let mut by_block: Vec<Vec<&Mark>> = vec![Vec::new(); page.blocks.len()];
    for m in marks {
        if let Some(list) = by_block.get_mut(m.block) {
            list.push(m);
        }
    }
    let mut work = marks.len();
    let mut lines = Vec::with_capacity(page.blocks.len());
    for (block, mut marks) in page.blocks.iter().zip(by_block) {
        work += 1;
        marks.sort_by_key(|m| (m.start, m.end));
        let text = block.text.as_str();
        let mut cursor = Utf16Cursor::new(text);
        let mut line = String::with_capacity(text.len());
        let mut at = 0;
        for m in marks {
            let s = cursor.byte_at(m.start).max(at);
            let e = cursor.byte_at(m.end).max(s);
            line.push_str(&text[at..s]);
            if colored {
                line.push_str(color(m.category));
                line.push_str(&text[s..e]);
                line.push_str("\x1b[0m");
            } else {
                line.push('[');
                line.push_str(m.category.id());
                line.push_str(": ");
                line.push_str(&text[s..e]);
                line.push(']');
            }
            at = e;
        }
        line.push_str(&text[at..]);
        work += cursor.steps;
        lines.push(line);
    }
    (lines, work)
}

/// Converts ascending UTF-16 offsets in one text to byte offsets, stepping over each character once.
struct Utf16Cursor<'a> {
    text: &'a str,
    byte: usize,
    units: usize,
    steps: usize,
}

impl<'a> Utf16Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Utf16Cursor {
            text,
            byte: 0,
            units: 0,
            steps: 0,
        }
    }

    /// The byte offset of UTF-16 offset `units` (the end of the text past it). Offsets asked for
    /// out of order are answered from where the cursor stands.
    fn byte_at(&mut self, units: usize) -> usize {
        while self.units < units {
            let Some(c) = self.text[self.byte..].chars().next() else {
                break;
            };
            self.byte += c.len_utf8();
            self.units += c.len_utf16();
            self.steps += 1;
        }
        self.byte
    }
}

/// What `--summary` keeps of a page, for its line and the totals.
pub struct Brief<'a> {
    pub origin: Option<&'a Publisher>,
    pub chain: &'a [Hop],
    pub counts: &'a BTreeMap<&'static str, usize>,
    pub noise_share: f64,
}

impl<'a> Brief<'a> {
    pub fn of(a: &'a Analysis) -> Self {
        let s = &a.summary;
        Brief {
            origin: s.origin.as_ref(),
            chain: &s.chain,
            counts: &s.counts,
            noise_share: s.noise_share,
        }
    }

    /// What the totals keep of this page.
    pub fn facts(&self) -> Facts {
        Facts {
            residue: self
                .counts
                .get(Category::RepostNoise.id())
                .is_some_and(|&n| n > 0),
            chain_origin: (!self.chain.is_empty()).then(|| {
                self.origin
                    .map_or("unknown", |o| o.name.as_str())
                    .to_string()
            }),
        }
    }
}

/// What the closing totals need of one page.
pub struct Facts {
    /// The page carries syndication residue (a repost-noise mark).
    pub residue: bool,
    /// The origin its chain of copies ends at (`unknown` when none is named), if it reveals a chain.
    pub chain_origin: Option<String>,
}

#[derive(Serialize)]
struct SummaryLine<'a> {
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    origin: Option<&'a Publisher>,
    chain: &'a [Hop],
    counts: &'a BTreeMap<&'static str, usize>,
    noise_share: f64,
}

/// One page in one line: origin, chain, counts and noise share.
pub fn summary_line(
    out: &mut impl Write,
    from: &Origin<'_>,
    b: &Brief<'_>,
    as_json: bool,
) -> io::Result<()> {
    if as_json {
        let line = SummaryLine {
            source: from.source,
            uri: from.record.map(|r| r.0),
            date: from.record.map(|r| r.1),
            origin: b.origin,
            chain: b.chain,
            counts: b.counts,
            noise_share: b.noise_share,
        };
        serde_json::to_writer(&mut *out, &line).map_err(io::Error::other)?;
        return writeln!(out);
    }
    let name = from.record.map_or(from.source, |r| r.0);
    let origin = b.origin.map_or("unknown", |o| o.name.as_str());
    let counts: Vec<String> = Category::ALL
        .iter()
        .map(|c| format!("{} {}", c.id(), b.counts.get(c.id()).copied().unwrap_or(0)))
        .collect();
    let chain = if b.chain.is_empty() {
        "none".to_string()
    } else {
        chain_text(b.chain)
    };
    writeln!(
        out,
        "{name}: origin {origin}; chain {chain}; {}; noise {:.0}%",
        counts.join(", "),
        b.noise_share * 100.0
    )
}

/// The closing line of `--summary`: pages, pages with residue, and chains of copies by origin.
#[derive(Default, Serialize)]
pub struct Totals {
    pub pages: usize,
    pub pages_with_residue: usize,
    /// Pages that reveal a chain of copies, by the origin it ends at (`unknown` when none is named).
    pub chains_by_origin: BTreeMap<String, usize>,
}

impl Totals {
    pub fn add(&mut self, facts: Facts) {
        self.pages += 1;
        self.pages_with_residue += usize::from(facts.residue);
        if let Some(origin) = facts.chain_origin {
            *self.chains_by_origin.entry(origin).or_default() += 1;
        }
    }

    pub fn write(&self, out: &mut impl Write, as_json: bool) -> io::Result<()> {
        if as_json {
            serde_json::to_writer(&mut *out, &serde_json::json!({ "totals": self }))
                .map_err(io::Error::other)?;
            return writeln!(out);
        }
        let mut by_origin: Vec<(&String, &usize)> = self.chains_by_origin.iter().collect();
        by_origin.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let chains = if by_origin.is_empty() {
            "none".to_string()
        } else {
            by_origin
                .iter()
                .map(|(o, n)| format!("{o} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        writeln!(
            out,
            "== {} pages, {} with residue; chains by origin: {chains}",
            self.pages, self.pages_with_residue
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chaff::mark::Severity;

    fn mark(block: usize, start: usize, end: usize) -> Mark {
        Mark {
            category: Category::UnconfirmedAttribution,
            rule: "test".into(),
            reason: "test".into(),
            text: String::new(),
            block,
            start,
            end,
            severity: Some(Severity::Low),
            group: None,
            anchor: None,
        }
    }

    /// Regression (issue 13): the text output was O(blocks × marks) — every block filtered every
    /// mark, and every mark rescanned its block from the start — 17 s for 100,000 lines. The work
    /// is now counted and must stay within one step per character, mark and block.
    #[test]
    fn text_output_is_linear_in_blocks_and_marks() {
        let lines: Vec<String> = (0..2_000)
            .map(|i| {
                format!(
                    "Line {i}: 🚀 sources say it rose, analysts note it fell, insiders claim more."
                )
            })
            .collect();
        let page = Page::from_text(&lines.join("\n"), "");
        let mut marks = Vec::new();
        for b in 0..page.blocks.len() {
            for k in 0..10 {
                marks.push(mark(b, 12 + k * 5, 14 + k * 5));
            }
        }
        let (out, work) = marked_blocks(&page, &marks, false);
        assert_eq!(out.len(), 2_000);
        assert!(
            work <= linear_bound(&page, &marks),
            "work {work} > bound {}",
            linear_bound(&page, &marks)
        );
        // The quadratic renderer did blocks × marks filter steps alone.
        assert!(work < page.blocks.len() * marks.len() / 100);
    }

    #[test]
    fn marks_after_astral_characters_land_on_their_text() {
        let page = Page::from_text("🚀🚀 Sources say ETF flows resumed.", "");
        // "Sources say" starts after two rockets (4 UTF-16 units) and a space.
        let (out, _) = marked_blocks(&page, &[mark(0, 5, 16)], false);
        assert_eq!(
            out[0],
            "🚀🚀 [unconfirmed-attribution: Sources say] ETF flows resumed."
        );
    }
}
