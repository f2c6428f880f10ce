//! Market widgets: runs of short lines made of prices, percentages, tickers and widget labels
//! ("Market Opportunity / Talus Logo / Talus Price(US) / $0.01072 / -4.28% / USD / …"), and ticker
//! strips packed into one block ("BTC $87,120 +1.2% ETH $2,950 −0.8%").
//!
//! A widget is judged by the assets it names: the widget's own labels ("Talus Price(US)"), tickers,
//! and capitalised names beside prices. A block that names its own asset (a strip item) is judged on
//! it; the other blocks share the widget's verdict.

use super::cues::{Cues, Kind};
use super::relatedness::Subject;
use crate::page::{BlockKind, Page};

/// Longest label line of a widget, in characters ("Talus (US) Live Price Chart").
const MAX_LABEL_CHARS: usize = 80;
/// Longest quote line: a ticker strip packed into one block can be long.
const MAX_QUOTE_CHARS: usize = 400;
/// Capitalised words a quote line may carry besides prices and tickers ("Shiba Inu SHIB $0.00002").
const MAX_NAME_WORDS: usize = 3;
/// Quote currencies: the unit of a price, never what a widget promotes.
const QUOTE_CURRENCIES: &[&str] = &["AUD", "CAD", "CNY", "EUR", "GBP", "JPY", "KRW", "USD"];
/// Tickers and the names articles use for them, so a BTC widget on a Bitcoin article is related.
const ALIASES: &[(&str, &str)] = &[
    ("ADA", "Cardano"),
    ("AVAX", "Avalanche"),
    ("BNB", "Binance"),
    ("BTC", "Bitcoin"),
    ("DOGE", "Dogecoin"),
    ("DOT", "Polkadot"),
    ("ETH", "Ethereum"),
    ("ETH", "Ether"),
    ("LINK", "Chainlink"),
    ("LTC", "Litecoin"),
    ("SHIB", "Shiba Inu"),
    ("SOL", "Solana"),
    ("TON", "Toncoin"),
    ("TRX", "Tron"),
    ("XRP", "Ripple"),
];

/// One widget: its blocks and the assets each block names.
#[derive(Debug, Clone)]
pub struct Widget {
    pub blocks: Vec<usize>,
    /// Per block of `blocks`, the assets it names itself.
    pub own: Vec<Vec<String>>,
}

impl Widget {
    /// Every asset the widget names, in order, once.
    pub fn assets(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for a in self.own.iter().flatten() {
            if !out.contains(a) {
                out.push(a.clone());
            }
        }
        out
    }
}

/// Whether the article discusses `asset`, by name or by its ticker's usual name.
pub fn discussed(subject: &Subject, asset: &str) -> bool {
    subject.mentions(asset)
        || ALIASES
            .iter()
            .filter(|(t, n)| t.eq_ignore_ascii_case(asset) || n.eq_ignore_ascii_case(asset))
            .any(|(t, n)| subject.mentions(t) || subject.mentions(n))
}

/// Finds widgets among blocks not `taken` by earlier steps.
pub fn find(page: &Page, cues: &Cues, taken: &[bool]) -> Vec<Widget> {
    let lines: Vec<Option<Line>> = (0..page.blocks.len())
        .map(|b| if taken[b] { None } else { line(page, cues, b) })
        .collect();
    let mut out = Vec::new();
    let mut b = 0;
    while b < lines.len() {
        let start = b;
        while b < lines.len() && lines[b].is_some() {
            b += 1;
        }
        if b == start {
            b += 1;
            continue;
        }
        let run: Vec<&Line> = lines[start..b].iter().flatten().collect();
        let prices = run.iter().map(|l| l.prices).sum::<usize>();
        let labelled = run.iter().any(|l| l.label);
        let percents = run.iter().map(|l| l.percents).sum::<usize>();
        let strip = run.len() == 1 && run[0].assets.len() >= 2 && prices >= 2;
        if (run.len() >= 2 && prices >= 1 && (labelled || percents >= 1)) || strip {
            out.push(Widget {
                blocks: (start..b).collect(),
                own: run.iter().map(|l| l.assets.clone()).collect(),
            });
        }
    }
    out
}

/// What a widget line holds.
struct Line {
    prices: usize,
    percents: usize,
    /// A label cue ("Market Opportunity", "X Logo", "USD").
    label: bool,
    assets: Vec<String>,
}

fn line(page: &Page, cues: &Cues, b: usize) -> Option<Line> {
    let text = &page.blocks[b].text;
    let chars = text.chars().count();
    let label_hit = cues
        .get(b, Kind::WidgetLine)
        .or_else(|| cues.get(b, Kind::Market));
    if let Some(hit) = label_hit
        && chars <= MAX_LABEL_CHARS
    {
        let assets = hit
            .capture(text, "asset")
            .map(|a| vec![a.trim().to_string()])
            .unwrap_or_default();
        return Some(Line {
            prices: 0,
            percents: 0,
            label: true,
            assets,
        });
    }
    if chars > MAX_QUOTE_CHARS {
        return None;
    }
    let (mut prices, mut percents, mut names) = (0, 0, Vec::new());
    let mut assets = Vec::new();
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut leading_ticker: Option<&str> = None;
    for (i, &token) in tokens.iter().enumerate() {
        // "71.1 MB (-81%)": a number with a unit is a measure, not a price, and the line no quote.
        if is_unit(token)
            || tokens.get(i + 1).is_some_and(|next| is_unit(next)) && numeric(token).is_some()
        {
            return None;
        }
        // An index's number is part of its name ("S&P 500", "Dow 30", "FTSE 100"): a bare integer
        // right after the name, before any quote.
        let index_number = prices + percents == 0
            && (!names.is_empty() || !assets.is_empty())
            && token.chars().all(|c| c.is_ascii_digit());
        if index_number {
            names.push(token);
        } else if let Some(quote) = numeric(token) {
            prices += usize::from(quote != Quote::Percent);
            percents += usize::from(quote == Quote::Percent);
        } else if is_ticker(token) {
            if !QUOTE_CURRENCIES.contains(&token) && !assets.iter().any(|a| a == token) {
                if names.is_empty() {
                    leading_ticker = Some(token);
                }
                assets.push(token.to_string());
            }
        } else if token.chars().next().is_some_and(char::is_uppercase)
            && token.chars().all(|c| c.is_alphanumeric() || c == '&')
        {
            names.push(token);
        } else if !token.chars().all(|c| "▲▼↑↓+-−–|/·•()".contains(c)) {
            return None;
        }
    }
    if names.len() > MAX_NAME_WORDS {
        return None;
    }
    if prices + percents == 0 {
        // A quote table's name cell ("NASDAQ Composite" | 2,456 | +27.56 | (+1.122%)) labels the
        // cells after it.
        let name_cell =
            page.blocks[b].kind == BlockKind::TableCell && !(names.is_empty() && assets.is_empty());
        if !name_cell {
            return None;
        }
    }
    if !names.is_empty() {
        // "Bonk BONK $0.0000142": the name and the ticker are one asset; the name reads better.
        // "NASDAQ Composite 2,456": the ticker leads the index's name.
        let name = names.join(" ");
        assets = vec![leading_ticker.map_or(name.clone(), |t| format!("{t} {name}"))];
    }
    let label = prices + percents == 0;
    Some(Line {
        prices,
        percents,
        label,
        assets,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    Price,
    Percent,
}

/// A price or percentage token: `$0.01072`, `$0.01072$0.01072`, `-4.28%`, `(+1.2%)`, `87,120.5`.
/// A bare number without a sign, a currency or a decimal point is not one (years, counts).
fn numeric(token: &str) -> Option<Quote> {
    let t = token.trim_matches(|c| matches!(c, '(' | ')' | '▲' | '▼'));
    if !t.chars().any(|c| c.is_ascii_digit())
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || "$€£¥+-−.,%KMBT".contains(c))
    {
        return None;
    }
    if t.ends_with('%') {
        return Some(Quote::Percent);
    }
    // A sign, a currency, a decimal point or thousands separators ("2,456") make a quote; a bare
    // number (a year, a count) does not.
    let marked = t.contains(['$', '€', '£', '¥', '.', '+', '-', '−', ',']);
    marked.then_some(Quote::Price)
}

/// Units of measure, which follow numbers that are not prices (file sizes, speeds, distances).
const UNITS: &[&str] = &[
    "B", "GB", "GHz", "GiB", "KB", "KiB", "MB", "MHz", "MiB", "Mbps", "TB", "TiB", "fps", "g",
    "kB", "kg", "km", "lb", "lbs", "mi", "ml", "mm", "ms",
];

fn is_unit(token: &str) -> bool {
    let t = token.trim_matches(|c: char| !c.is_alphanumeric());
    UNITS.contains(&t)
}

/// A ticker: 2 to 6 capitals and digits, starting with a capital (`BTC`, `USDT`, `1INCH` is not one).
fn is_ticker(token: &str) -> bool {
    let t = token.trim_start_matches('$');
    (2..=6).contains(&t.len())
        && t.starts_with(|c: char| c.is_ascii_uppercase())
        && t.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_and_percentages_are_told_from_years_and_counts() {
        assert_eq!(numeric("$0.01072$0.01072"), Some(Quote::Price));
        assert_eq!(numeric("-4.28%"), Some(Quote::Percent));
        assert_eq!(numeric("(+1.2%)"), Some(Quote::Percent));
        assert_eq!(numeric("2025"), None);
        assert_eq!(numeric("2025/12/27"), None);
        assert!(
            is_ticker("BTC") && is_ticker("$HYPER") && !is_ticker("Bitcoin") && !is_ticker("A")
        );
        assert!(is_unit("MB") && is_unit("(GB)") && !is_unit("BTC"));
        assert_eq!(numeric("2,456"), Some(Quote::Price));
    }
}
