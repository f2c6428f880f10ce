//! WARC crawls: the HTML pages inside `response` (and `resource`) records, read with the `warc`
//! crate from a plain file or one gzipped per record or whole (flate2's multi-member decoder reads
//! both), and counts of what was skipped and why.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::bufread::MultiGzDecoder;
use warc::{WarcHeader, WarcReader};

use super::http;

/// One HTML page from a crawl.
pub struct Record {
    /// `WARC-Target-URI`.
    pub uri: String,
    /// `WARC-Date`.
    pub date: String,
    /// The page's bytes as the browser received them.
    pub body: Vec<u8>,
    /// The charset the server declared, if any.
    pub charset: Option<Vec<u8>>,
}

/// What a crawl held besides the pages scanned.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Counts {
    pub pages: usize,
    /// Responses that are not HTML (images, scripts, feeds, JSON…).
    pub not_html: usize,
    /// Records cut short: marked `WARC-Truncated`, a body shorter than its length, or the file
    /// ending inside a record.
    pub truncated: usize,
    /// HTML responses whose status is not 2xx (redirects, errors).
    pub not_ok: usize,
    /// Bodies that could not be read (malformed HTTP, a content coding other than gzip/deflate).
    pub unreadable: usize,
    /// Records that carry no page: requests, metadata, warcinfo, revisits.
    pub other_records: usize,
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} HTML pages scanned; skipped {} non-HTML, {} truncated, {} not 2xx, {} unreadable; {} other records (request, metadata, warcinfo…)",
            self.pages,
            self.not_html,
            self.truncated,
            self.not_ok,
            self.unreadable,
            self.other_records
        )
    }
}

const GZIP_MAGIC: &[u8] = b"\x1F\x8B";

/// Whether `path` holds a WARC file (plain or gzipped), by its first bytes.
pub fn is_warc(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    let mut reader = BufReader::new(file);
    let Ok(head) = reader.fill_buf() else {
        return false;
    };
    let mut start = [0u8; 5];
    if head.starts_with(GZIP_MAGIC) {
        let mut gz = MultiGzDecoder::new(reader);
        gz.read_exact(&mut start).is_ok() && &start == b"WARC/"
    } else {
        head.starts_with(b"WARC/")
    }
}

/// Counts the bytes read from the file, for the progress bar.
struct Counting<'a, R> {
    inner: R,
    read: &'a AtomicU64,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Reads every record of `path`, handing each HTML page to `page` (which returns `false` to stop
/// early), and returns what was skipped. Bytes read from disk are added to `consumed`.
pub fn read(
    path: &Path,
    consumed: &AtomicU64,
    mut page: impl FnMut(Record) -> bool,
) -> io::Result<Counts> {
    let file = File::open(path)?;
    let mut raw = BufReader::with_capacity(
        1 << 20,
        Counting {
            inner: file,
            read: consumed,
        },
    );
    let gzipped = raw.fill_buf()?.starts_with(GZIP_MAGIC);
    let reader: Box<dyn BufRead + '_> = if gzipped {
        Box::new(BufReader::with_capacity(1 << 20, MultiGzDecoder::new(raw)))
    } else {
        Box::new(raw)
    };
    let mut counts = Counts::default();
    for record in WarcReader::new(reader).iter_raw_records() {
        let (header, block) = match record {
            Ok(r) => r,
            // The file ends inside a record (a download cut short) or is damaged past this point:
            // nothing after it can be found again.
            Err(_) => {
                counts.truncated += 1;
                break;
            }
        };
        let get = |h: WarcHeader| {
            header
                .headers
                .get(&h)
                .map(|v| String::from_utf8_lossy(v).trim().to_string())
        };
        let kind = get(WarcHeader::WarcType)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let (body, charset) = match kind.as_str() {
            "response" => match http::parse(&block) {
                Ok(r) if !is_page(&r, &get) => {
                    counts.not_html += 1;
                    continue;
                }
                Ok(r) if !(200..300).contains(&r.status) => {
                    counts.not_ok += 1;
                    continue;
                }
                Ok(r) => (r.body, r.charset),
                Err(http::HttpError::Truncated) => {
                    counts.truncated += 1;
                    continue;
                }
                Err(_) => {
                    counts.unreadable += 1;
                    continue;
                }
            },
            "resource" => {
                let content_type = get(WarcHeader::ContentType).unwrap_or_default();
                if !http::is_html(&http::media_type(&content_type)) {
                    counts.not_html += 1;
                    continue;
                }
                (
                    block,
                    super::prescan::charset_from_content(content_type.as_bytes()),
                )
            }
            _ => {
                counts.other_records += 1;
                continue;
            }
        };
        if header.headers.contains_key(&WarcHeader::Truncated) {
            counts.truncated += 1;
            continue;
        }
        counts.pages += 1;
        let uri = get(WarcHeader::TargetURI).unwrap_or_default();
        let uri = uri
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_string();
        let date = get(WarcHeader::Date).unwrap_or_default();
        if !page(Record {
            uri,
            date,
            body,
            charset,
        }) {
            break;
        }
    }
    Ok(counts)
}

/// Whether a response is HTML: by its `Content-Type`, or when it has none, by the type the crawler
/// identified (`WARC-Identified-Payload-Type`).
fn is_page(r: &http::Response, get: &impl Fn(WarcHeader) -> Option<String>) -> bool {
    if !r.media_type.is_empty() {
        return http::is_html(&r.media_type);
    }
    get(WarcHeader::IdentifiedPayloadType).is_some_and(|t| http::is_html(&http::media_type(&t)))
}
