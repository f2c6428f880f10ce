//! A small JSON reader for the page's JSON-LD blocks.
//!
//! The engine reads a handful of fields from JSON-LD (`@type`, `@graph`, `publisher`, `author`,
//! `datePublished`, `isBasedOn`, `name`, `url`), so the wasm module carries this reader instead of
//! serde_json (about N KB gzipped of the module, see the README's performance section). It accepts
//! exactly what serde_json accepts (RFC 8259: no trailing commas, no comments, no control characters
//! in strings, paired surrogates only, numbers within `f64`, fewer than 128 levels of nesting) and, like
//! serde_json's map, an object's repeated key reads as its last value. Numbers keep no value: no field
//! the engine reads is a number.

/// A JSON value, as far as the metadata reader needs it.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A valid number; its value is not kept.
    Number,
    String(String),
    Array(Vec<Json>),
    /// Members in document order; [`Json::get`] reads the last of a repeated key.
    Object(Vec<(String, Json)>),
}

/// serde_json's nesting limit: a document nested this deep is refused (and never overflows the stack).
const MAX_DEPTH: usize = 128;

impl Json {
    /// Parses a whole JSON text (surrounding whitespace allowed); `None` if it is not valid JSON.
    pub fn parse(text: &str) -> Option<Json> {
        let mut reader = Reader {
            bytes: text.as_bytes(),
            at: 0,
        };
        let value = reader.value(0)?;
        reader.skip_whitespace();
        (reader.at == reader.bytes.len()).then_some(value)
    }

    /// The value of an object's member `key` (the last one if the key repeats).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn keyword(&mut self, word: &str, value: Json) -> Option<Json> {
        let found = self.bytes[self.at..].starts_with(word.as_bytes());
        found.then(|| {
            self.at += word.len();
            value
        })
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        self.skip_whitespace();
        match self.peek()? {
            b'n' => self.keyword("null", Json::Null),
            b't' => self.keyword("true", Json::Bool(true)),
            b'f' => self.keyword("false", Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'[' | b'{' if depth + 1 >= MAX_DEPTH => None,
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                self.skip_whitespace();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        self.skip_whitespace();
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                Some(Json::Array(items))
            }
            b'{' => {
                self.at += 1;
                let mut members = Vec::new();
                self.skip_whitespace();
                if !self.eat(b'}') {
                    loop {
                        self.skip_whitespace();
                        if self.peek() != Some(b'"') {
                            return None;
                        }
                        let key = self.string()?;
                        self.skip_whitespace();
                        if !self.eat(b':') {
                            return None;
                        }
                        members.push((key, self.value(depth + 1)?));
                        self.skip_whitespace();
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                Some(Json::Object(members))
            }
            _ => self.number(),
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, finite as an `f64`.
    fn number(&mut self) -> Option<Json> {
        self.eat(b'-');
        let mantissa = self.at;
        match self.peek()? {
            b'0' => self.at += 1,
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        let integer_digits = (self.at - mantissa) as i64;
        if self.eat(b'.') {
            self.required_digits()?;
        }
        let mantissa = &self.bytes[mantissa..self.at];
        let mut exponent: i64 = 0;
        if self.eat(b'e') || self.eat(b'E') {
            let negative = !self.eat(b'+') && self.eat(b'-');
            let start = self.at;
            self.required_digits()?;
            for &d in &self.bytes[start..self.at] {
                exponent = (exponent * 10 + i64::from(d - b'0')).min(1 << 40);
            }
            if negative {
                exponent = -exponent;
            }
        }
        // Refused like serde_json's "number out of range": a non-zero value whose decimal magnitude
        // passes f64::MAX (1.7976931348623157e308). Parsing to f64 would pull core's float tables
        // (about 9 KB gzipped) into the module for a value never read.
        let significant: Vec<u8> = mantissa.iter().copied().filter(|&b| b != b'.').collect();
        let Some(first) = significant.iter().position(|&b| b != b'0') else {
            return Some(Json::Number);
        };
        let magnitude = integer_digits - 1 - first as i64 + exponent;
        let digits = &significant[first..];
        let too_large =
            magnitude > 308 || (magnitude == 308 && digits >= &b"17976931348623158"[..]);
        (!too_large).then_some(Json::Number)
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
    }

    fn required_digits(&mut self) -> Option<()> {
        let start = self.at;
        self.digits();
        (self.at > start).then_some(())
    }

    /// A string at the opening quote, unescaped.
    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while self
                .peek()
                .is_some_and(|b| b != b'"' && b != b'\\' && b >= 0x20)
            {
                self.at += 1;
            }
            // The input is a `str` and the run stops at ASCII bytes only: a whole UTF-8 slice.
            out.push_str(std::str::from_utf8(&self.bytes[start..self.at]).ok()?);
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.at += 1;
                    let escaped = self.peek()?;
                    self.at += 1;
                    out.push(match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return None,
                    });
                }
                _ => return None, // a control character
            }
        }
    }

    /// After `\u`: four hex digits, and a low surrogate's `\uXXXX` after a high one.
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        match first {
            0xD800..=0xDBFF => {
                if !(self.eat(b'\\') && self.eat(b'u')) {
                    return None;
                }
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return None;
                }
                char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
            }
            _ => char::from_u32(first),
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes.get(self.at..self.at + 4)?;
        let mut value = 0;
        for &d in digits {
            value = value * 16 + (d as char).to_digit(16)?;
        }
        self.at += 4;
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::Json;

    /// The reader's value in serde_json's terms (numbers compared as "a number").
    fn same_as_serde(ours: &Json, theirs: &serde_json::Value) -> bool {
        use serde_json::Value;
        match (ours, theirs) {
            (Json::Null, Value::Null) | (Json::Number, Value::Number(_)) => true,
            (Json::Bool(a), Value::Bool(b)) => a == b,
            (Json::String(a), Value::String(b)) => a == b,
            (Json::Array(a), Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_as_serde(x, y))
            }
            (Json::Object(_), Value::Object(map)) => {
                let Json::Object(members) = ours else {
                    return false;
                };
                let mut keys: Vec<&String> = members.iter().map(|(k, _)| k).collect();
                keys.sort();
                keys.dedup();
                keys.len() == map.len()
                    && map
                        .iter()
                        .all(|(k, v)| ours.get(k).is_some_and(|mine| same_as_serde(mine, v)))
            }
            _ => false,
        }
    }

    fn agrees_with_serde(text: &str) {
        let ours = Json::parse(text);
        let theirs = serde_json::from_str::<serde_json::Value>(text).ok();
        match (&ours, &theirs) {
            (Some(a), Some(b)) => assert!(same_as_serde(a, b), "values differ for {text:?}"),
            (None, None) => {}
            _ => panic!(
                "accepts differently ({} ours, {} serde_json): {text:?}",
                ours.is_some(),
                theirs.is_some()
            ),
        }
    }

    /// Every JSON-LD block of the real pages in the test corpora reads as serde_json reads it.
    #[test]
    fn real_jsonld_reads_as_serde_json_reads_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
        let mut blocks = 0;
        for dir in ["corpus/promo/pages", "attribution/real/pages"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("corpus folder") {
                let bytes = std::fs::read(entry.expect("entry").path()).expect("page");
                let html = String::from_utf8_lossy(&bytes);
                for (at, _) in html.match_indices("application/ld+json") {
                    let Some(open) = html[at..].find('>') else {
                        continue;
                    };
                    let body = &html[at + open + 1..];
                    let Some(close) = body.find("</script") else {
                        continue;
                    };
                    agrees_with_serde(&body[..close]);
                    blocks += 1;
                }
            }
        }
        assert!(
            blocks >= 30,
            "only {blocks} JSON-LD blocks found in the corpora"
        );
    }

    #[test]
    fn a_real_news_article_block_yields_its_fields() {
        let text = r#"{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":"Bitcoin \u2014 \"rally\"","datePublished":"2025-06-05T10:00:00Z",
            "author":[{"@type":"Person","name":"Jane Roe"}],
            "publisher":{"@type":"Organization","name":"Kyiv Post","logo":{"width":600}}}"#;
        let json = Json::parse(text).expect("valid");
        assert_eq!(
            json.get("@type").and_then(Json::as_str),
            Some("NewsArticle")
        );
        assert_eq!(
            json.get("headline").and_then(Json::as_str),
            Some("Bitcoin \u{2014} \"rally\"")
        );
        let publisher = json.get("publisher").expect("publisher");
        assert_eq!(
            publisher.get("name").and_then(Json::as_str),
            Some("Kyiv Post")
        );
        agrees_with_serde(text);
    }

    #[test]
    fn invalid_json_is_refused_as_serde_json_refuses_it() {
        for text in [
            "",
            "{",
            r#"{"a":1,}"#,
            "[1,]",
            r#"{"a" 1}"#,
            "{'a':1}",
            r#"{"a":01}"#,
            r#"{"a":1.}"#,
            r#"{"a":.5}"#,
            r#"{"a":1e}"#,
            r#"{"a":1e400}"#,
            "1.8e308",
            "17976931348623159e292",
            "0.01e311",
            r#"{"a":-}"#,
            "{\"a\":\"tab\there\"}",
            r#"{"a":"\x"}"#,
            r#"{"a":"\ud800"}"#,
            r#"{"a":"\udc00"}"#,
            r#"{"a":"\ud800\u0041"}"#,
            r#"{"a":"\u12"}"#,
            "{} {}",
            "// comment\n{}",
            "nul",
            "truex",
            &"[".repeat(200),
            &format!("{}{}", "[".repeat(128), "]".repeat(128)),
        ] {
            assert_eq!(Json::parse(text), None, "accepted {text:?}");
            agrees_with_serde(text);
        }
    }

    #[test]
    fn valid_edge_cases_are_read_as_serde_json_reads_them() {
        for text in [
            " \r\n\t{}\n ",
            "[]",
            "null",
            "-0.5E+3",
            "1.7976931348623157e308",
            "0.0000179769e313",
            "0e99999999999999999999",
            "1e-99999999999999999999",
            r#"{"a":1,"a":"last"}"#,
            r#"["\ud83d\ude00","\/","\b\f\n\r\t","é ü"]"#,
            &format!("{}{}", "[".repeat(127), "]".repeat(127)),
            "123456789012345678901234567890",
        ] {
            assert!(Json::parse(text).is_some(), "refused {text:?}");
            agrees_with_serde(text);
        }
        assert_eq!(
            Json::parse(r#"{"a":1,"a":"last"}"#)
                .expect("valid")
                .get("a")
                .and_then(Json::as_str),
            Some("last")
        );
    }
}
