//! Bytes to text the way a browser decodes a page (the HTML standard's encoding sniffing):
//! a byte order mark, then the reader's `--encoding`, then the transport's charset (an HTTP
//! `Content-Type` in a WARC record), then the page's own `<meta>` declaration, then Firefox's
//! detector (chardetng) for undeclared bytes. Malformed bytes become U+FFFD as in a browser.

use std::fmt;

use chardetng::EncodingDetector;
use encoding_rs::Encoding;

use super::prescan;

/// Where the encoding came from, for messages and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    ByteOrderMark,
    Override,
    Transport,
    Declared,
    Detected,
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Basis::ByteOrderMark => "byte order mark",
            Basis::Override => "--encoding",
            Basis::Transport => "HTTP header",
            Basis::Declared => "declared in the page",
            Basis::Detected => "detected",
        })
    }
}

/// A page's text and how it was decoded.
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub basis: Basis,
}

/// What the decoder is told besides the bytes.
#[derive(Default, Clone, Copy)]
pub struct Hints<'a> {
    /// The reader's `--encoding`.
    pub forced: Option<&'static Encoding>,
    /// The `charset` parameter of the HTTP `Content-Type` the page was served with.
    pub transport: Option<&'a [u8]>,
    /// The page's address, whose top-level domain guides the detector as it does in Firefox.
    pub url: Option<&'a str>,
}

/// Decodes `bytes` as a browser would.
pub fn decode(bytes: &[u8], hints: Hints<'_>) -> Decoded {
    let (encoding, basis, body) = sniff(bytes, hints);
    let (text, _had_errors) = encoding.decode_without_bom_handling(body);
    Decoded {
        text: text.into_owned(),
        encoding,
        basis,
    }
}

fn sniff<'b>(bytes: &'b [u8], hints: Hints<'_>) -> (&'static Encoding, Basis, &'b [u8]) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return (encoding, Basis::ByteOrderMark, &bytes[bom..]);
    }
    if let Some(encoding) = hints.forced {
        return (encoding, Basis::Override, bytes);
    }
    if let Some(encoding) = hints.transport.and_then(Encoding::for_label) {
        return (encoding, Basis::Transport, bytes);
    }
    if let Some(encoding) = prescan::declared_encoding(bytes) {
        return (encoding, Basis::Declared, bytes);
    }
    let mut detector = EncodingDetector::new();
    detector.feed(bytes, true);
    // Saved pages are local files, for which Firefox's detector may answer UTF-8.
    (
        detector.guess(hints.url.and_then(tld), true),
        Basis::Detected,
        bytes,
    )
}

/// The top-level domain of `url`, lowercase ASCII, as chardetng takes it.
fn tld(url: &str) -> Option<&[u8]> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    let tld = host.rsplit('.').next()?;
    (!tld.is_empty() && tld.bytes().all(|b| b.is_ascii_lowercase())).then_some(tld.as_bytes())
}

/// Resolves an `--encoding` value through the WHATWG label table.
pub fn parse_label(label: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| format!("unknown encoding {label:?} (use a WHATWG label such as utf-8, windows-1252, shift_jis, koi8-r)"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{
        KOI8_R, SHIFT_JIS, UTF_8, UTF_16LE, WINDOWS_1250, WINDOWS_1251, WINDOWS_1252,
    };

    fn hints<'a>() -> Hints<'a> {
        Hints::default()
    }

    #[test]
    fn the_byte_order_mark_wins_over_everything() {
        let d = decode(
            b"\xEF\xBB\xBF<meta charset=koi8-r>Caf\xC3\xA9",
            Hints {
                forced: Some(WINDOWS_1252),
                ..hints()
            },
        );
        assert_eq!((d.encoding, d.basis), (UTF_8, Basis::ByteOrderMark));
        assert!(d.text.ends_with("Café"));
        let d = decode(b"\xFF\xFEh\0i\0", hints());
        assert_eq!((d.encoding, d.text.as_str()), (UTF_16LE, "hi"));
    }

    #[test]
    fn override_then_transport_then_declaration() {
        let page = b"<meta charset=windows-1250>\xe8";
        assert_eq!(
            decode(
                page,
                Hints {
                    forced: Some(KOI8_R),
                    transport: Some(b"shift_jis"),
                    ..hints()
                }
            )
            .encoding,
            KOI8_R
        );
        assert_eq!(
            decode(
                page,
                Hints {
                    transport: Some(b"shift_jis"),
                    ..hints()
                }
            )
            .encoding,
            SHIFT_JIS
        );
        // An unknown transport label is ignored, as browsers do.
        let d = decode(
            page,
            Hints {
                transport: Some(b"bogus"),
                ..hints()
            },
        );
        assert_eq!((d.encoding, d.basis), (WINDOWS_1250, Basis::Declared));
        assert!(d.text.ends_with('č'));
    }

    #[test]
    fn undeclared_text_is_detected() {
        let russian = "Москва большой красивый город, столица России, и в ней живёт много людей.";
        let (bytes, _, _) = WINDOWS_1251.encode(russian);
        let d = decode(&bytes, hints());
        assert_eq!((d.encoding, d.basis), (WINDOWS_1251, Basis::Detected));
        assert_eq!(d.text, russian);
        let d = decode("Grüße aus Köln".as_bytes(), hints());
        assert_eq!(d.encoding, UTF_8);
    }

    #[test]
    fn invalid_bytes_become_replacement_characters() {
        let d = decode(b"<meta charset=utf-8>caf\xe9 ok", hints());
        assert_eq!(d.text, "<meta charset=utf-8>caf\u{FFFD} ok");
    }

    #[test]
    fn tld_is_taken_from_the_host() {
        assert_eq!(
            tld("https://user@news.example.ru:8080/a?b"),
            Some(&b"ru"[..])
        );
        assert_eq!(tld("http://127.0.0.1/"), None);
    }
}
