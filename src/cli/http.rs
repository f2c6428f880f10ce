//! The HTTP response inside a WARC `response` record: status, `Content-Type` (its media type and
//! charset), and the body as the browser received it (chunked transfer coding removed, gzip or
//! deflate content coding undone).

use std::io::Read;

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

/// A parsed HTTP response.
pub struct Response {
    pub status: u16,
    /// The media type, lowercase, without parameters (`text/html`).
    pub media_type: String,
    /// The `charset` parameter of `Content-Type`, as given.
    pub charset: Option<Vec<u8>>,
    pub body: Vec<u8>,
}

/// Why a response's body cannot be used.
#[derive(Debug, PartialEq, Eq)]
pub enum HttpError {
    /// No status line and header block.
    Malformed,
    /// The body is shorter than its `Content-Length` or its compression stream is cut.
    Truncated,
    /// A content coding other than gzip and deflate (brotli, zstd).
    UnsupportedCoding(String),
}

/// Parses `record` (a WARC response record's block).
pub fn parse(record: &[u8]) -> Result<Response, HttpError> {
    let (head_len, sep) = find(record, b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| find(record, b"\n\n").map(|i| (i, 2)))
        .ok_or(HttpError::Malformed)?;
    let head = String::from_utf8_lossy(&record[..head_len]);
    let mut body = &record[head_len + sep..];
    let mut lines = head.lines();
    let status_line = lines.next().ok_or(HttpError::Malformed)?;
    if !status_line.starts_with("HTTP/") {
        return Err(HttpError::Malformed);
    }
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or(HttpError::Malformed)?;
    let mut content_type = None;
    let mut content_length = None;
    let mut chunked = false;
    let mut coding = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(value.to_string()),
            "content-length" => content_length = value.parse::<usize>().ok(),
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => coding = Some(value.to_ascii_lowercase()),
            _ => {}
        }
    }
    let dechunked;
    if chunked {
        dechunked = dechunk(body)?;
        body = &dechunked;
    } else if content_length.is_some_and(|n| body.len() < n) {
        return Err(HttpError::Truncated);
    }
    let body = match coding.as_deref() {
        None | Some("" | "identity") => body.to_vec(),
        Some("gzip" | "x-gzip") => inflate(MultiGzDecoder::new(body))?,
        // "deflate" is zlib-wrapped by the standard and raw by some servers; browsers take both.
        Some("deflate") => {
            inflate(ZlibDecoder::new(body)).or_else(|_| inflate(DeflateDecoder::new(body)))?
        }
        Some(other) => return Err(HttpError::UnsupportedCoding(other.to_string())),
    };
    let content_type = content_type.unwrap_or_default();
    let media_type = media_type(&content_type);
    let charset = super::prescan::charset_from_content(content_type.as_bytes());
    Ok(Response {
        status,
        media_type,
        charset,
        body,
    })
}

/// The media type of a `Content-Type` value: lowercase, without parameters.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Whether a media type is a page a browser renders as HTML.
pub fn is_html(media_type: &str) -> bool {
    matches!(media_type, "text/html" | "application/xhtml+xml")
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn inflate(mut reader: impl Read) -> Result<Vec<u8>, HttpError> {
    let mut out = Vec::new();
    reader
        .read_to_end(&mut out)
        .map_err(|_| HttpError::Truncated)?;
    Ok(out)
}

/// Removes the chunked transfer coding; a missing last chunk means the body was cut.
fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, HttpError> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end = find(body, b"\n").ok_or(HttpError::Truncated)?;
        let size_text = String::from_utf8_lossy(&body[..line_end]);
        let size_text = size_text
            .trim()
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let size = usize::from_str_radix(&size_text, 16).map_err(|_| HttpError::Malformed)?;
        body = &body[line_end + 1..];
        if size == 0 {
            return Ok(out);
        }
        let chunk = body.get(..size).ok_or(HttpError::Truncated)?;
        out.extend_from_slice(chunk);
        body = &body[size..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn status_type_charset_and_body() {
        let r = parse(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"windows-1250\"\r\nContent-Length: 5\r\n\r\nhello").unwrap();
        assert_eq!(
            (
                r.status,
                r.media_type.as_str(),
                r.charset.as_deref(),
                r.body.as_slice()
            ),
            (200, "text/html", Some(&b"windows-1250"[..]), &b"hello"[..])
        );
    }

    #[test]
    fn chunked_and_gzip_bodies_are_undone() {
        let r = parse(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").unwrap();
        assert_eq!(r.body, b"hello world");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(b"<p>page</p>").unwrap();
        let mut record =
            b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Type: text/html\r\n\r\n"
                .to_vec();
        record.extend(gz.finish().unwrap());
        assert_eq!(parse(&record).unwrap().body, b"<p>page</p>");
    }

    #[test]
    fn short_bodies_are_truncated() {
        assert_eq!(
            parse(b"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nhello").err(),
            Some(HttpError::Truncated)
        );
        assert_eq!(
            parse(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n50\r\nhello").err(),
            Some(HttpError::Truncated)
        );
        assert_eq!(
            parse(b"GET / HTTP/1.1\r\n\r\n").err(),
            Some(HttpError::Malformed)
        );
    }
}
