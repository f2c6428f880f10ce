//! A linear pre-pass that bounds what the HTML parser would spend quadratic time on, keeping every
//! character of text.
//!
//! html5ever (through scraper) is quadratic in two things a page controls: nesting depth (each start
//! tag checks the open elements "in scope", a walk down the whole stack) and one element's attribute
//! count (each attribute is checked against the ones before it for duplicates). Measured on the CLI
//! before this pass: 10,000 nested `<div>`s 0.47 s, 20,000 1.9 s, 100,000 38 s; one element with
//! 100,000 attributes 7 s. This pass reads the markup once, the way the HTML tokenizer does (comments,
//! raw-text elements, quoted attribute values), and
//!
//! - drops start tags nested deeper than [`MAX_DEPTH`], with their end tags (their text stays, and
//!   flows into the deepest element kept, as Chromium's parser does past the same depth), and
//! - keeps the first [`MAX_ATTRIBUTES`] attributes of an element and drops the rest.
//!
//! Depth is counted over elements that need an end tag; elements whose end tag is optional (`p`,
//! `li`, `td`, …) and void elements are never counted or dropped, so unclosed list items and
//! paragraphs on real pages cannot push the count up.

/// Deepest nesting passed to the parser: Chromium's parser flattens at 512 levels too
/// (`kMaximumHTMLParserDOMTreeDepth`).
pub const MAX_DEPTH: usize = 512;

/// Attributes kept on one element. Real elements carry a few dozen at most; the parser's duplicate
/// check makes the cost of one element quadratic in this number.
pub const MAX_ATTRIBUTES: usize = 256;

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose end tag may be left out (the parser closes them itself).
const OPTIONAL_END: &[&str] = &[
    "body", "caption", "colgroup", "dd", "dt", "head", "html", "li", "optgroup", "option", "p",
    "rb", "rp", "rt", "rtc", "tbody", "td", "tfoot", "th", "thead", "tr",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "iframe", "noembed", "noframes", "noscript", "script", "style", "textarea", "title", "xmp",
];

/// What the pass changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bounded {
    /// Start tags dropped for nesting deeper than [`MAX_DEPTH`].
    pub dropped_tags: usize,
    /// The deepest nesting the markup asked for.
    pub deepest: usize,
    /// Elements that had more than [`MAX_ATTRIBUTES`] attributes.
    pub capped_elements: usize,
    /// Attributes dropped over all elements.
    pub dropped_attributes: usize,
}

/// Returns the markup bounded (borrowed unchanged when nothing needed bounding) and what changed.
pub fn bound(html: &str) -> (std::borrow::Cow<'_, str>, Bounded) {
    let mut out = String::new();
    let mut copied = 0; // bytes of `html` already accounted for in `out`
    let mut stats = Bounded::default();
    let mut depth = 0usize;
    let mut dropped_open = 0usize;
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(lt) = find(b, i, b'<') {
        i = lt;
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            i = find_seq(b, i + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            i = find(b, i + 2, b'>').map_or(b.len(), |e| e + 1);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_at = i + 1 + usize::from(closing);
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let name_end = scan(b, name_at, |c| {
            !(c.is_ascii_whitespace() || c == b'/' || c == b'>')
        });
        let name = html[name_at..name_end].to_ascii_lowercase();
        let counted = !VOID.contains(&name.as_str()) && !OPTIONAL_END.contains(&name.as_str());
        if closing {
            let end = find(b, name_end, b'>').map_or(b.len(), |e| e + 1);
            if counted {
                if dropped_open > 0 {
                    dropped_open -= 1;
                    out.push_str(&html[copied..i]);
                    copied = end;
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
            i = end;
            continue;
        }
        let tag = attributes(b, name_end);
        let self_closing = b[..tag.end].ends_with(b"/>");
        if counted && !self_closing {
            stats.deepest = stats.deepest.max(depth + dropped_open + 1);
            if depth < MAX_DEPTH {
                depth += 1;
            } else {
                dropped_open += 1;
                stats.dropped_tags += 1;
                out.push_str(&html[copied..i]);
                copied = tag.end;
            }
        }
        if tag.count > MAX_ATTRIBUTES && copied <= i {
            stats.capped_elements += 1;
            stats.dropped_attributes += tag.count - MAX_ATTRIBUTES;
            out.push_str(&html[copied..tag.keep_until]);
            out.push_str(if self_closing { "/>" } else { ">" });
            copied = tag.end;
        }
        i = tag.end;
        if RAW_TEXT.contains(&name.as_str()) && !self_closing {
            i = raw_text_end(html, i, &name);
        } else if name == "plaintext" {
            i = b.len();
        }
    }
    if copied == 0 {
        return (std::borrow::Cow::Borrowed(html), stats);
    }
    out.push_str(&html[copied..]);
    (std::borrow::Cow::Owned(out), stats)
}

/// A start tag's attributes as the tokenizer reads them.
struct Tag {
    /// Byte just past the tag's `>` (or the end of the input).
    end: usize,
    count: usize,
    /// Byte just past the last attribute kept (the [`MAX_ATTRIBUTES`]th).
    keep_until: usize,
}

fn attributes(b: &[u8], mut i: usize) -> Tag {
    let mut count = 0;
    let mut keep_until = i;
    loop {
        i = scan(b, i, |c| c.is_ascii_whitespace() || c == b'/');
        match b.get(i) {
            None => {
                return Tag {
                    end: b.len(),
                    count,
                    keep_until,
                };
            }
            Some(b'>') => {
                return Tag {
                    end: i + 1,
                    count,
                    keep_until,
                };
            }
            _ => {}
        }
        // The name: its first character may be `=`, as in the tokenizer.
        i = scan(b, i + 1, |c| {
            !(c.is_ascii_whitespace() || c == b'/' || c == b'>' || c == b'=')
        });
        let after_name = scan(b, i, |c| c.is_ascii_whitespace());
        if b.get(after_name) == Some(&b'=') {
            i = scan(b, after_name + 1, |c| c.is_ascii_whitespace());
            i = match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => find(b, i + 1, q).map_or(b.len(), |e| e + 1),
                _ => scan(b, i, |c| !(c.is_ascii_whitespace() || c == b'>')),
            };
        }
        count += 1;
        if count <= MAX_ATTRIBUTES {
            keep_until = i;
        }
    }
}

/// Where the raw text of `name` ends: at its end tag (left for the main loop to read), or the end of
/// the input.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let b = html.as_bytes();
    let mut i = from;
    while let Some(lt) = find_seq(b, i, b"</") {
        let end = lt + 2 + name.len();
        if b.get(lt + 2..end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && b.get(end)
                .is_none_or(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
        {
            return lt;
        }
        i = lt + 2;
    }
    b.len()
}

fn find(b: &[u8], from: usize, c: u8) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&x| x == c)
        .map(|p| p + from)
}

fn find_seq(b: &[u8], from: usize, seq: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(seq.len())
        .position(|w| w == seq)
        .map(|p| p + from)
}

/// The first index from `from` whose byte does not satisfy `keep`.
fn scan(b: &[u8], from: usize, keep: impl Fn(u8) -> bool) -> usize {
    b.get(from..)
        .and_then(|r| r.iter().position(|&c| !keep(c)))
        .map_or(b.len(), |p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_pass_unchanged() {
        let html = "<html><body><ul><li>a<li>b</ul><p>x<p>y<!-- <div> --><script>if (a<b) '<div>'</script></body>";
        let (out, stats) = bound(html);
        assert!(matches!(out, std::borrow::Cow::Borrowed(_)));
        assert_eq!(
            stats,
            Bounded {
                deepest: 1,
                ..Bounded::default()
            }
        );
    }

    #[test]
    fn nesting_past_the_limit_drops_tags_and_keeps_text() {
        let n = MAX_DEPTH + 10;
        let html = format!("{}deep{}after", "<div>x".repeat(n), "</div>".repeat(n));
        let (out, stats) = bound(&html);
        assert_eq!(stats.dropped_tags, 10);
        assert_eq!(stats.deepest, n);
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert_eq!(out.matches('x').count(), n);
        let expected = format!(
            "{}{}deep{}after",
            "<div>x".repeat(MAX_DEPTH),
            "x".repeat(10),
            "</div>".repeat(MAX_DEPTH)
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn attributes_past_the_limit_are_dropped_and_quotes_respected() {
        let attrs: String = (0..MAX_ATTRIBUTES + 5)
            .map(|i| format!(" a{i}=\"v > {i}\""))
            .collect();
        let html = format!("<div{attrs}>text</div>");
        let (out, stats) = bound(&html);
        assert_eq!(stats.capped_elements, 1);
        assert_eq!(stats.dropped_attributes, 5);
        assert!(
            out.contains(&format!(
                "a{}=\"v > {}\">text</div>",
                MAX_ATTRIBUTES - 1,
                MAX_ATTRIBUTES - 1
            )),
            "{out}"
        );
        assert!(!out.contains(&format!("a{}=", MAX_ATTRIBUTES)));
    }
}
