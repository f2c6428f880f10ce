//! Byte offsets to UTF-16 offsets, the unit the DOM speaks.
//!
//! Conversion happens once per mark at the edge of the engine, over the block's text only, so it stays
//! linear in the page (rescanning from the page start per match would be quadratic).

/// UTF-16 length of `s`.
pub fn len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// UTF-16 offset of byte offset `at` in `s` (`at` must lie on a char boundary).
pub fn offset(s: &str, at: usize) -> usize {
    len(&s[..at])
}

/// UTF-16 offsets of many byte offsets of `s` (sorted, on char boundaries) in one pass over `s`.
pub fn offsets(s: &str, sorted: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(sorted.len());
    let (mut from, mut units) = (0, 0);
    for &at in sorted {
        units += len(&s[from..at]);
        from = at;
        out.push(units);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_astral_characters_twice() {
        let s = "a’b😀c";
        assert_eq!(super::offset(s, s.find('c').unwrap()), 5);
    }

    #[test]
    fn many_offsets_in_one_pass_agree_with_one_at_a_time() {
        let s = "a’b😀c d😀";
        let at: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
        let one: Vec<usize> = at.iter().map(|&i| super::offset(s, i)).collect();
        assert_eq!(super::offsets(s, &at), one);
    }
}
