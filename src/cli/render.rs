//! The CLI's two output formats.

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

use chaff::mark::{Analysis, Category, Mark, Summary};
use chaff::Page;

/// Whether to colour text output: only on a terminal, and never when `NO_COLOR` is set.
pub fn use_color() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

#[derive(Serialize)]
struct Report<'a> {
    source: &'a str,
    summary: &'a Summary,
    marks: &'a [Mark],
}

/// One JSON object on one line: `{"source", "summary", "marks"}`.
pub fn json(out: &mut impl Write, source: &str, a: &Analysis) -> io::Result<()> {
    let report = Report { source, summary: &a.summary, marks: &a.marks };
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
pub fn text(out: &mut impl Write, source: &str, page: &Page, a: &Analysis, colored: bool) -> io::Result<()> {
    writeln!(out, "== {source}")?;
    for (i, block) in page.blocks.iter().enumerate() {
        let mut line = String::new();
        let mut at = 0;
        let utf16_to_byte = |units: usize| {
            let mut count = 0;
            block.text.char_indices().find(|(_, c)| { let here = count; count += c.len_utf16(); here >= units }).map_or(block.text.len(), |(b, _)| b)
        };
        for m in a.marks.iter().filter(|m| m.block == i) {
            let (s, e) = (utf16_to_byte(m.start), utf16_to_byte(m.end));
            line.push_str(&block.text[at..s]);
            if colored {
                line.push_str(color(m.category));
                line.push_str(&block.text[s..e]);
                line.push_str("\x1b[0m");
            } else {
                line.push_str(&format!("[{}: {}]", m.category, &block.text[s..e]));
            }
            at = e;
        }
        line.push_str(&block.text[at..]);
        writeln!(out, "{line}")?;
    }
    let s = &a.summary;
    writeln!(out, "\n-- summary")?;
    for c in Category::ALL {
        writeln!(out, "{:<24} {}", c.label(), s.counts.get(c.id()).copied().unwrap_or(0))?;
    }
    writeln!(out, "{:<24} {:.0}%", "Noise share", s.noise_share * 100.0)?;
    match &s.origin {
        Some(o) => writeln!(out, "{:<24} {}{}", "Origin", o.name, o.url.as_deref().map(|u| format!(" <{u}>")).unwrap_or_default())?,
        None => writeln!(out, "{:<24} unknown", "Origin")?,
    }
    if !s.chain.is_empty() {
        let chain: Vec<&str> = s.chain.iter().map(|h| h.name.as_str()).collect();
        writeln!(out, "{:<24} {}", "Chain of copies", chain.join(" ← "))?;
    }
    if !a.marks.is_empty() {
        writeln!(out, "\n-- marks")?;
        for m in &a.marks {
            writeln!(out, "{} [{}] block {}: {}", m.category, m.rule, m.block, m.reason)?;
        }
    }
    Ok(())
}
