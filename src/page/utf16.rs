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

#[cfg(test)]
mod tests {
    #[test]
    fn counts_astral_characters_twice() {
        let s = "a’b😀c";
        assert_eq!(super::offset(s, s.find('c').unwrap()), 5);
    }
}
