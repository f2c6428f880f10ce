//! Reading one line of a site rule list.
//!
//! The syntax is uBlock Origin's for cosmetic filters:
//!
//! ```text
//! ! a comment                          skipped, as are blank lines
//! example.com##.sponsored              hide on example.com and its subdomains
//! ##.taboola-feed                      hide on every site
//! a.com,b.org,~shop.a.com##.promo      a domain list; `~` excludes a domain
//! example.com#@#.sponsored             exception: cancels `.sponsored` on example.com
//! example.com#?#div:has-text(Sponsored) the procedural form: same meaning here
//! ```
//!
//! A line with no `##` is a network filter (`||ads.example^`), which blocks requests, something a
//! page reader cannot do: it is reported as not supported rather than silently dropped.

use std::fmt;

use super::selector::{SelectorError, SelectorList};

/// Where a rule applies: on these domains (all when empty) except those.
#[derive(Debug, Clone, Default)]
pub struct Domains {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

impl Domains {
    /// Whether the rule applies on `host` (lowercase; empty when the page's address is unknown).
    /// A domain matches itself and its subdomains.
    pub fn applies(&self, host: &str) -> bool {
        let on = |d: &String| {
            host == d
                || host
                    .strip_suffix(d.as_str())
                    .is_some_and(|rest| rest.ends_with('.'))
        };
        (self.include.is_empty() || self.include.iter().any(on)) && !self.exclude.iter().any(on)
    }
}

/// One usable line.
#[derive(Debug, Clone)]
pub struct ParsedLine {
    pub domains: Domains,
    /// The selector as written (exceptions cancel rules with the same text).
    pub selector_text: String,
    pub selector: SelectorList,
    pub exception: bool,
}

/// Why a line could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LineProblem {
    /// No `##`: a network filter, which blocks requests; Chaff only reads pages.
    NetworkFilter,
    /// A domain in the list is empty or has characters a host name cannot have.
    BadDomain(String),
    /// The selector after `##` cannot be used.
    Selector(SelectorError),
    /// uBlock Origin's scriptlet (`##+js`) and HTML (`##^`) filters change pages; Chaff only reads them.
    NotCosmetic(&'static str),
}

impl fmt::Display for LineProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LineProblem::NetworkFilter => {
                write!(
                    f,
                    "network filters (lines without `##`) are not supported; Chaff uses element hiding rules such as `example.com##.sponsored`"
                )
            }
            LineProblem::BadDomain(d) => write!(f, "`{d}` is not a domain"),
            LineProblem::Selector(e) => write!(f, "bad selector: {e}"),
            LineProblem::NotCosmetic(what) => write!(f, "{what} filters are not supported"),
        }
    }
}

/// Parses a trimmed, non-empty, non-comment line.
pub fn line(text: &str) -> Result<ParsedLine, LineProblem> {
    let (domains, rest, exception) = if let Some(i) = text.find("#@#") {
        (&text[..i], &text[i + 3..], true)
    } else if let Some(i) = text.find("#?#") {
        (&text[..i], &text[i + 3..], false)
    } else if let Some(i) = text.find("##") {
        (&text[..i], &text[i + 2..], false)
    } else {
        return Err(LineProblem::NetworkFilter);
    };
    if rest.starts_with("+js") {
        return Err(LineProblem::NotCosmetic("scriptlet (`##+js(…)`)"));
    }
    if rest.starts_with('^') {
        return Err(LineProblem::NotCosmetic("HTML (`##^…`)"));
    }
    let selector_text = rest.trim().to_string();
    let selector = SelectorList::parse(&selector_text).map_err(LineProblem::Selector)?;
    Ok(ParsedLine {
        domains: parse_domains(domains)?,
        selector_text,
        selector,
        exception,
    })
}

fn parse_domains(list: &str) -> Result<Domains, LineProblem> {
    let mut domains = Domains::default();
    if list.trim().is_empty() {
        return Ok(domains);
    }
    for item in list.split(',') {
        let item = item.trim();
        let (negated, name) = match item.strip_prefix('~') {
            Some(n) => (true, n),
            None => (false, item),
        };
        let valid = !name.is_empty()
            && !name.starts_with('.')
            && !name.ends_with('.')
            && !name.contains("..")
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        if !valid {
            return Err(LineProblem::BadDomain(item.to_string()));
        }
        let name = name.to_lowercase();
        if negated {
            domains.exclude.push(name)
        } else {
            domains.include.push(name)
        }
    }
    Ok(domains)
}
