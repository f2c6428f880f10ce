//! Sentence splitting for block text.

use std::ops::Range;

/// Byte ranges of the sentences in `text`, in order, trimmed of surrounding whitespace.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1).is_none_or(|n| *n == b' ') {
            push(&mut out, text, start, i + 1);
            start = i + 1;
        }
    }
    push(&mut out, text, start, text.len());
    out
}

fn push(out: &mut Vec<Range<usize>>, text: &str, start: usize, end: usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if start + lead < end - trail {
        out.push(start + lead..end - trail);
    }
}
