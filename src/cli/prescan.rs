//! The WHATWG prescan: the `<meta charset>` / `http-equiv="Content-Type"` declaration a browser
//! reads from a document's bytes before parsing it.
//!
//! Follows "prescan a byte stream to determine its encoding" and "extracting a character encoding
//! from a meta element" in the HTML standard, step by step; labels resolve through `encoding_rs`
//! (the WHATWG label table). The standard looks at the first 1024 bytes; browsers then honour a
//! declaration met later while the head is parsed (Chromium keeps scanning the head, Firefox
//! reloads), so [`declared_encoding`] scans on to the end of the head, within [`HEAD_WINDOW`].

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};

/// How far a declaration is looked for: the standard's 1024 bytes, then up to the first `<body`
/// within this many bytes. Real pages put the declaration after long scripts and styles: 26 of the
/// 40 pages in `tests/encodings/pages` that declare an encoding do so past byte 1024 (the latest at
/// byte 2566), and Chromium honours every one.
pub const HEAD_WINDOW: usize = 64 * 1024;

/// The standard's prescan window.
const PRESCAN_BYTES: usize = 1024;

/// The encoding the document declares, if any.
pub fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    if let Some(found) = prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)]) {
        return Some(found);
    }
    let window = &bytes[..bytes.len().min(HEAD_WINDOW)];
    let head_end = find_ci(window, b"<body", 0).unwrap_or(window.len());
    if head_end <= PRESCAN_BYTES {
        return None;
    }
    prescan(&window[..head_end])
}

fn is_space(b: u8) -> bool {
    matches!(b, 0x09 | 0x0A | 0x0C | 0x0D | 0x20)
}

/// Index of `needle` (ASCII, lowercase) in `hay` at or after `from`, ignoring ASCII case.
fn find_ci(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|i| i + from)
}

fn starts_ci(hay: &[u8], at: usize, needle: &[u8]) -> bool {
    hay.get(at..at + needle.len())
        .is_some_and(|w| w.eq_ignore_ascii_case(needle))
}

/// The prescan over `bytes` (the caller bounds the window).
fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let mut pos = 0;
    while pos < bytes.len() {
        if bytes[pos..].starts_with(b"<!--") {
            // Skip to the end of a `-->` whose dashes come after the `<`.
            let mut end = pos + 2;
            loop {
                match bytes.get(end..end + 3) {
                    Some(b"-->") => break,
                    Some(_) => end += 1,
                    None => return None,
                }
            }
            pos = end + 2;
        } else if starts_ci(bytes, pos, b"<meta")
            && bytes
                .get(pos + 5)
                .is_some_and(|&b| is_space(b) || b == b'/')
        {
            pos += 5;
            match meta(bytes, &mut pos) {
                MetaResult::Found(e) => return Some(e),
                MetaResult::Nothing => {}
                MetaResult::End => return None,
            }
        } else if bytes[pos] == b'<'
            && (bytes.get(pos + 1).is_some_and(u8::is_ascii_alphabetic)
                || (bytes.get(pos + 1) == Some(&b'/')
                    && bytes.get(pos + 2).is_some_and(u8::is_ascii_alphabetic)))
        {
            while pos < bytes.len() && !is_space(bytes[pos]) && bytes[pos] != b'>' {
                pos += 1;
            }
            loop {
                match attribute(bytes, &mut pos) {
                    Attr::Some(..) => {}
                    Attr::None => break,
                    Attr::End => return None,
                }
            }
        } else if bytes[pos..].starts_with(b"<!")
            || bytes[pos..].starts_with(b"</")
            || bytes[pos..].starts_with(b"<?")
        {
            match bytes[pos..].iter().position(|&b| b == b'>') {
                Some(i) => pos += i,
                None => return None,
            }
        }
        pos += 1;
    }
    None
}

enum MetaResult {
    Found(&'static Encoding),
    Nothing,
    End,
}

/// The attributes of one `<meta`, `pos` just past its name.
fn meta(bytes: &[u8], pos: &mut usize) -> MetaResult {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut got_pragma = false;
    let mut need_pragma: Option<bool> = None;
    let mut charset: Option<Option<&'static Encoding>> = None;
    loop {
        let (name, value) = match attribute(bytes, pos) {
            Attr::Some(n, v) => (n, v),
            Attr::None => break,
            Attr::End => return MetaResult::End,
        };
        if seen.contains(&name) {
            continue;
        }
        seen.push(name.clone());
        match name.as_slice() {
            b"http-equiv" => got_pragma |= value == b"content-type",
            b"content" => {
                if charset.is_none()
                    && let Some(label) = charset_from_content(&value)
                {
                    charset = Some(Encoding::for_label(&label));
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = Some(Encoding::for_label(&value));
                need_pragma = Some(false);
            }
            _ => {}
        }
    }
    let Some(need_pragma) = need_pragma else {
        return MetaResult::Nothing;
    };
    if need_pragma && !got_pragma {
        return MetaResult::Nothing;
    }
    match charset.flatten() {
        None => MetaResult::Nothing,
        Some(e) if e == UTF_16BE || e == UTF_16LE => MetaResult::Found(UTF_8),
        Some(e) if e == X_USER_DEFINED => MetaResult::Found(WINDOWS_1252),
        Some(e) => MetaResult::Found(e),
    }
}

enum Attr {
    Some(Vec<u8>, Vec<u8>),
    /// No more attributes in this tag (`>` reached).
    None,
    /// The bytes ran out.
    End,
}

/// "Get an attribute": names and values lowercased, `pos` left after the attribute.
fn attribute(bytes: &[u8], pos: &mut usize) -> Attr {
    let at = |p: usize| bytes.get(p).copied();
    while at(*pos).is_some_and(|b| is_space(b) || b == b'/') {
        *pos += 1;
    }
    match at(*pos) {
        None => return Attr::End,
        Some(b'>') => return Attr::None,
        _ => {}
    }
    let mut name = Vec::new();
    let mut value = Vec::new();
    // The name.
    loop {
        let Some(b) = at(*pos) else { return Attr::End };
        if b == b'=' && !name.is_empty() {
            *pos += 1;
            break;
        }
        if is_space(b) {
            while at(*pos).is_some_and(is_space) {
                *pos += 1;
            }
            match at(*pos) {
                None => return Attr::End,
                Some(b'=') => {
                    *pos += 1;
                    break;
                }
                Some(_) => return Attr::Some(name, value),
            }
        }
        if b == b'/' || b == b'>' {
            return Attr::Some(name, value);
        }
        name.push(b.to_ascii_lowercase());
        *pos += 1;
    }
    // The value.
    while at(*pos).is_some_and(is_space) {
        *pos += 1;
    }
    match at(*pos) {
        None => Attr::End,
        Some(q @ (b'"' | b'\'')) => loop {
            *pos += 1;
            match at(*pos) {
                None => return Attr::End,
                Some(b) if b == q => {
                    *pos += 1;
                    return Attr::Some(name, value);
                }
                Some(b) => value.push(b.to_ascii_lowercase()),
            }
        },
        Some(b'>') => Attr::Some(name, value),
        Some(_) => loop {
            match at(*pos) {
                None => return Attr::End,
                Some(b) if is_space(b) || b == b'>' => return Attr::Some(name, value),
                Some(b) => value.push(b.to_ascii_lowercase()),
            }
            *pos += 1;
        },
    }
}

/// "Extracting a character encoding from a meta element": the label in `content="…; charset=…"`.
/// Also used for an HTTP `Content-Type` header's `charset` parameter.
pub fn charset_from_content(content: &[u8]) -> Option<Vec<u8>> {
    let mut pos = 0;
    loop {
        pos = find_ci(content, b"charset", pos)? + 7;
        while content.get(pos).is_some_and(|&b| is_space(b)) {
            pos += 1;
        }
        if content.get(pos) == Some(&b'=') {
            pos += 1;
            break;
        }
    }
    while content.get(pos).is_some_and(|&b| is_space(b)) {
        pos += 1;
    }
    match content.get(pos)? {
        &q @ (b'"' | b'\'') => {
            let rest = &content[pos + 1..];
            let end = rest.iter().position(|&b| b == q)?;
            Some(rest[..end].to_vec())
        }
        _ => {
            let rest = &content[pos..];
            let end = rest
                .iter()
                .position(|&b| is_space(b) || b == b';')
                .unwrap_or(rest.len());
            Some(rest[..end].to_vec())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{KOI8_R, SHIFT_JIS, WINDOWS_1250};

    #[test]
    fn meta_charset_and_http_equiv_are_read() {
        assert_eq!(
            declared_encoding(b"<html><head><meta charset=\"Shift_JIS\">"),
            Some(SHIFT_JIS)
        );
        assert_eq!(
            declared_encoding(
                b"<META HTTP-EQUIV=Content-Type CONTENT='text/html; charset=koi8-r'>"
            ),
            Some(KOI8_R)
        );
        // Labels go through the WHATWG table: latin1 and iso-8859-1 are windows-1252.
        assert_eq!(
            declared_encoding(b"<meta charset=iso-8859-1>"),
            Some(WINDOWS_1252)
        );
        assert_eq!(
            declared_encoding(
                b"<meta content=\"text/html; charset=windows-1250\" http-equiv=\"content-type\">"
            ),
            Some(WINDOWS_1250)
        );
    }

    #[test]
    fn content_without_http_equiv_is_not_a_declaration() {
        assert_eq!(
            declared_encoding(b"<meta content=\"text/html; charset=koi8-r\">"),
            None
        );
        assert_eq!(
            declared_encoding(b"<meta name=description content=\"charset=koi8-r\">"),
            None
        );
    }

    #[test]
    fn comments_scripts_attributes_and_unknown_labels_do_not_declare() {
        assert_eq!(
            declared_encoding(b"<!-- <meta charset=koi8-r> --><p>x"),
            None
        );
        assert_eq!(
            declared_encoding(b"<div title='<meta charset=koi8-r>'><p>"),
            None
        );
        assert_eq!(
            declared_encoding(b"<meta charset=klingon><meta charset=koi8-r>"),
            Some(KOI8_R)
        );
    }

    #[test]
    fn utf16_declared_in_the_page_means_utf8() {
        assert_eq!(declared_encoding(b"<meta charset=utf-16le>"), Some(UTF_8));
        assert_eq!(
            declared_encoding(b"<meta charset=x-user-defined>"),
            Some(WINDOWS_1252)
        );
    }

    #[test]
    fn a_declaration_after_1024_bytes_in_the_head_counts_but_not_in_the_body() {
        let script = format!("<html><head><script>{}</script>", "x".repeat(2000));
        assert_eq!(
            declared_encoding(format!("{script}<meta charset=koi8-r></head>").as_bytes()),
            Some(KOI8_R)
        );
        assert_eq!(
            declared_encoding(format!("{script}</head><body><meta charset=koi8-r>").as_bytes()),
            None
        );
    }

    #[test]
    fn charset_parameter_is_extracted() {
        assert_eq!(
            charset_from_content(b"text/html; charset=\"ISO-8859-2\"").as_deref(),
            Some(&b"ISO-8859-2"[..])
        );
        assert_eq!(
            charset_from_content(b"text/html;charset = utf-8;x=y").as_deref(),
            Some(&b"utf-8"[..])
        );
        assert_eq!(charset_from_content(b"text/html"), None);
    }
}
