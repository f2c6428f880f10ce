//! Sentence splitting for block text.
//!
//! Detectors that mark sentences (attribution) or count them share this one splitter. It works on a
//! block's collapsed text and returns byte ranges, so marks keep their offsets. What it knows:
//!
//! - A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets after it) followed by
//!   whitespace and something that can start a sentence: a capital, a digit, an opening quote or
//!   bracket.
//! - A period after a known abbreviation (`Dr.`, `Inc.`, `No.`, `Jan.`) or an initial (`U.S.`, `J.P.`)
//!   does not end a sentence, unless the next word is a common sentence opener ("… in the U.S. The
//!   plan …"). Decimals and prices (`$0.01072`, `4.28%`, `$4,000`) never meet the rule: no space follows
//!   their periods.
//! - A quotation stays whole: text between a matched `“ … ”` (or `" … "`) pair is never split, so a
//!   quote that runs several sentences stays with the sentence that introduces or attributes it.
//!   An unmatched quote mark (a truncated teaser) protects nothing.
//! - A line break and an inline bullet (`•`, `▪`, `●`, `◦`) always end a sentence: lists and headings
//!   that reach us as lines are units of their own.
//!
//! One pass over the text per line, plus one pass to pair quotes: linear.

use std::ops::Range;

/// Words that end with a period without ending a sentence. Compared case-sensitively, without the
/// period. Kept sorted; add a word when a real page splits after it.
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Apr", "Aug", "Ave", "Blvd", "Capt", "Cmdr", "Co", "Col", "Corp", "Cpl", "Dec", "Dept",
    "Dr", "Est", "Feb", "Fig", "Fr", "Ft", "Gen", "Gov", "Hon", "Inc", "Jan", "Jr", "Jul", "Jun",
    "Lt", "Ltd", "Maj", "Mar", "Messrs", "Mr", "Mrs", "Ms", "Mt", "No", "Nos", "Nov", "Oct", "Op",
    "Ph", "Pres", "Prof", "Rep", "Rev", "Sen", "Sep", "Sept", "Sgt", "Sr", "St", "Supt", "Vol",
    "approx", "cf", "e.g", "est", "i.e", "vs",
];

/// Capitalised words that almost always open a sentence; after an initialism ("the U.S. The …") they
/// say the period did end one. Kept sorted.
const OPENERS: &[&str] = &[
    "A",
    "After",
    "An",
    "And",
    "As",
    "At",
    "But",
    "For",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "On",
    "She",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "We",
    "When",
    "While",
];

/// Characters that may follow a sentence's final punctuation and still belong to it.
const CLOSERS: &[char] = &['”', '’', '"', '\'', ')', ']', '»'];

/// Characters that can open a sentence besides capitals and digits.
const OPENING_MARKS: &[char] = &['“', '‘', '"', '\'', '(', '[', '«', '¿', '¡', '$', '€', '£'];

/// Inline bullets that start a list item inside a block.
const BULLETS: &[char] = &['•', '▪', '●', '◦'];

/// Byte ranges of the sentences in `text`, in order, trimmed of surrounding whitespace.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        split_line(text, line_start, line_start + line.len(), &mut out);
        line_start += line.len();
    }
    out
}

/// Splits `text[from..to]` (one line) into sentences.
fn split_line(text: &str, from: usize, to: usize, out: &mut Vec<Range<usize>>) {
    let line = &text[from..to];
    let quoted = quoted_spans(line);
    let mut inside = quoted.iter().peekable();
    let mut start = 0;
    let mut iter = line.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let mut closes_quote = false;
        while let Some(q) = inside.peek().filter(|q| q.end <= i) {
            closes_quote |= q.end == i;
            inside.next();
        }
        let in_quote = inside.peek().is_some_and(|q| q.start < i && i < q.end);
        if BULLETS.contains(&c) && line[..i].ends_with(char::is_whitespace) {
            push(out, text, from + start, from + i);
            start = i + c.len_utf8();
            continue;
        }
        // A quotation that ends with its own final punctuation ends the sentence around it too.
        let terminal = matches!(c, '.' | '!' | '?' | '…')
            || (closes_quote && line[..i].ends_with(['.', '!', '?', '…']));
        if in_quote || !terminal {
            continue;
        }
        // Swallow repeated punctuation and closing quotes or brackets.
        let mut end = i + c.len_utf8();
        while let Some(&(j, n)) = iter.peek() {
            if matches!(n, '.' | '!' | '?' | '…') || CLOSERS.contains(&n) {
                end = j + n.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        let rest = &line[end..];
        let after = rest.trim_start();
        if after.len() == rest.len() && !after.is_empty() {
            continue; // no whitespace: a decimal, a domain, an initial run like "U.S.A."
        }
        let next = after.chars().next();
        let starts_sentence = next
            .is_none_or(|n| n.is_uppercase() || n.is_ascii_digit() || OPENING_MARKS.contains(&n));
        if !starts_sentence || (c == '.' && is_abbreviation(&line[..i], after)) {
            continue;
        }
        push(out, text, from + start, from + end);
        start = end;
    }
    push(out, text, from + start, to);
}

/// Whether the period at the end of `before` belongs to an abbreviation or an initial, given the text
/// `after` it (already trimmed).
fn is_abbreviation(before: &str, after: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .next()
        .unwrap_or("");
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if ABBREVIATIONS.binary_search(&word).is_ok() {
        return true;
    }
    // Initials: "U.S", "J.P", "H" — single letters joined by periods.
    let initials = !word.is_empty()
        && word
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase));
    if !initials {
        return false;
    }
    let next_word = after
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    OPENERS.binary_search(&next_word).is_err()
}

/// Byte ranges (within `line`) of matched quotations: `“` with the next `”`, and straight `"` in pairs.
fn quoted_spans(line: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut curly: Option<usize> = None;
    let mut straight: Option<usize> = None;
    for (i, c) in line.char_indices() {
        match c {
            '“' => curly = curly.or(Some(i)),
            '”' => {
                if let Some(s) = curly.take() {
                    spans.push(s..i);
                }
            }
            '"' if curly.is_none() => match straight.take() {
                Some(s) => spans.push(s..i),
                None => straight = Some(i),
            },
            _ => {}
        }
    }
    spans.sort_by_key(|r| r.start);
    spans
}

fn push(out: &mut Vec<Range<usize>>, text: &str, start: usize, end: usize) {
    let range = trim(text, start..end);
    if !range.is_empty() {
        out.push(range);
    }
}

/// `range` of `text` without the whitespace at either end (empty, at its start, if all whitespace).
pub fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::split;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(super::ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(super::OPENERS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            sentences("Bitcoin fell. Ether rose! Why? Nobody knows"),
            ["Bitcoin fell.", "Ether rose!", "Why?", "Nobody knows"]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let text = "Dr. Elena Petrova spoke in Washington, D.C. on Jan. 5 about Apple Inc. shares. Meanwhile, U.S. negotiators, according to the same sources, proposed a structure. This structure would grant equal stakes.";
        assert_eq!(
            sentences(text),
            [
                "Dr. Elena Petrova spoke in Washington, D.C. on Jan. 5 about Apple Inc. shares.",
                "Meanwhile, U.S. negotiators, according to the same sources, proposed a structure.",
                "This structure would grant equal stakes."
            ]
        );
        assert_eq!(
            sentences("Item No. 7 sold. It was rare."),
            ["Item No. 7 sold.", "It was rare."]
        );
    }

    #[test]
    fn an_initialism_before_a_sentence_opener_ends_the_sentence() {
        assert_eq!(
            sentences("The bill passed in the U.S. The plan now goes to the states."),
            [
                "The bill passed in the U.S.",
                "The plan now goes to the states."
            ]
        );
    }

    #[test]
    fn decimals_and_prices_stay_inside_sentences() {
        let text = "Talus trades at $0.01072, down 4.28%. The ETF drew $4,000 million. Ether hit $3,105.50 at 09:00 UTC.";
        assert_eq!(
            sentences(text),
            [
                "Talus trades at $0.01072, down 4.28%.",
                "The ETF drew $4,000 million.",
                "Ether hit $3,105.50 at 09:00 UTC."
            ]
        );
    }

    #[test]
    fn a_quote_spanning_sentences_stays_with_its_attribution() {
        let text = "Context first. Dr. Elena Petrova notes, “Nuclear plants are steady. Mining is flexible. The risk is high.” Her analysis follows.";
        assert_eq!(
            sentences(text),
            [
                "Context first.",
                "Dr. Elena Petrova notes, “Nuclear plants are steady. Mining is flexible. The risk is high.”",
                "Her analysis follows."
            ]
        );
        let text = "Experts point to precedent. “There are pilots. Some are in Texas,” explains Mark Chen, a strategist. “The goal is stability.” This view frames it.";
        assert_eq!(
            sentences(text),
            [
                "Experts point to precedent.",
                "“There are pilots. Some are in Texas,” explains Mark Chen, a strategist.",
                "“The goal is stability.”",
                "This view frames it."
            ]
        );
    }

    #[test]
    fn straight_quotes_pair_and_an_unmatched_quote_protects_nothing() {
        assert_eq!(
            sentences(r#"He said "Buy now. Sell later." Then he left."#),
            [r#"He said "Buy now. Sell later.""#, "Then he left."]
        );
        assert_eq!(
            sentences("A teaser opens “Quote one. Then more. And"),
            ["A teaser opens “Quote one.", "Then more.", "And"]
        );
    }

    #[test]
    fn bullets_and_lines_are_their_own_sentences() {
        assert_eq!(
            sentences("Key points: • Putin spoke • Kyiv objected"),
            ["Key points:", "Putin spoke", "Kyiv objected"]
        );
        assert_eq!(
            sentences("Energy Crisis and Crypto Angle\nThe comments come as winter starts."),
            [
                "Energy Crisis and Crypto Angle",
                "The comments come as winter starts."
            ]
        );
    }

    #[test]
    fn lowercase_continuations_and_domains_do_not_split() {
        assert_eq!(
            sentences(
                "It appeared on BitcoinEthereumNews.com. Russia and the U.S. talked, e.g. about power."
            ),
            [
                "It appeared on BitcoinEthereumNews.com.",
                "Russia and the U.S. talked, e.g. about power."
            ]
        );
    }

    #[test]
    fn ranges_are_byte_offsets_into_the_text() {
        let text = "Europe’s largest plant. It is “big.”";
        for r in split(text) {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
        assert_eq!(sentences(text), ["Europe’s largest plant.", "It is “big.”"]);
    }
}
