//! Reading a file (or standard input) and telling what it holds: a page to decode, a WARC crawl,
//! or something that cannot be scanned, with one clear error per way it can fail.

use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use chaff::page::Page;
use chaff::page::snapshot::Snapshot;

/// Why a file could not be scanned. Each message names the file and fits on one line.
#[derive(Debug)]
pub enum InputError {
    Unreadable { path: PathBuf, source: io::Error },
    Empty { path: PathBuf },
    Binary { path: PathBuf },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Unreadable { path, source } => {
                write!(f, "{}: cannot read: {source}", path.display())
            }
            InputError::Empty { path } => {
                write!(f, "{}: the file is empty; nothing to scan", path.display())
            }
            InputError::Binary { path } => write!(
                f,
                "{}: looks like a binary file, not HTML or text",
                path.display()
            ),
        }
    }
}

/// Reads `path` whole, `-` meaning standard input.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    let result = if path.as_os_str() == "-" {
        io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(path).map(|b| bytes = b)
    };
    result.map_err(|source| InputError::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(bytes)
}

/// Checks that `bytes` hold a page: not empty, not binary.
pub fn check_page(path: &Path, bytes: &[u8]) -> Result<(), InputError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(InputError::Empty {
            path: path.to_path_buf(),
        });
    }
    if looks_binary(bytes) {
        return Err(InputError::Binary {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Signatures of binary formats people hand to a page scanner by mistake (the HTML standard's
/// MIME sniffing table for images, archives and documents).
const BINARY_SIGNATURES: &[&[u8]] = &[
    b"\x89PNG\r\n\x1a\n",
    b"GIF87a",
    b"GIF89a",
    b"\xFF\xD8\xFF",
    b"%PDF-",
    b"PK\x03\x04",
    b"\x1F\x8B\x08",
    b"RIFF",
    b"OggS",
    b"\x7FELF",
    b"BM",
    b"\0\0\x01\0",
    b"wOFF",
    b"wOF2",
];

/// How many of the first bytes are looked at for binary data bytes (the MIME sniffing standard's
/// resource header is 1445 bytes; a little more catches formats with long text headers).
const SNIFF_BYTES: usize = 8 * 1024;

/// Above this share of binary data bytes (controls other than tab, newlines, form feed and escape)
/// a file is binary. Binary formats run far above it (any byte value is equally likely in
/// compressed data: 27 of 256 values are binary data bytes, about 10%); a saved page has none, or
/// a stray NUL or two.
const MAX_BINARY_SHARE: f64 = 0.01;

/// Whether `bytes` hold a binary file rather than text in any encoding. A byte order mark means
/// text (UTF-16 is full of NUL bytes).
fn looks_binary(bytes: &[u8]) -> bool {
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return false;
    }
    if BINARY_SIGNATURES.iter().any(|sig| bytes.starts_with(sig)) {
        return true;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let binary = head
        .iter()
        .filter(|&&b| matches!(b, 0x00..=0x08 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F))
        .count();
    binary as f64 > head.len() as f64 * MAX_BINARY_SHARE
}

/// The page: HTML goes through the snapshot builder, anything else is a text page.
pub fn page(text: &str, url: &str) -> Page {
    match snapshot(text, url) {
        Some(snapshot) => Page::from_snapshot(&snapshot),
        // A browser shows a NUL in a text document as U+FFFD (the tokenizer's PLAINTEXT state).
        None => Page::from_text(&text.replace('\0', "\u{FFFD}"), url),
    }
}

/// The snapshot of an HTML page (`None` for a text page).
pub fn snapshot(text: &str, url: &str) -> Option<Snapshot> {
    chaff::html::looks_like_html(text).then(|| chaff::html::snapshot(text, url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stray_nul_in_text_is_not_binary() {
        let mut page = b"<html><body><p>Bitcoin rose 4% on Monday.</p>".repeat(20);
        page.insert(100, 0);
        assert!(!looks_binary(&page));
    }

    #[test]
    fn images_archives_and_control_heavy_bytes_are_binary() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(looks_binary(b"PK\x03\x04\x14\0\0\0"));
        assert!(looks_binary(&[
            0x10, 0x02, 0x41, 0x42, 0x00, 0x43, 0x01, 0x44
        ]));
        assert!(
            !looks_binary(b"\xFF\xFEh\0i\0"),
            "UTF-16 with a BOM is text"
        );
    }
}
