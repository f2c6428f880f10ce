//! The one place URLs are taken apart.

/// The host of an absolute URL (`scheme://host/…`), lowercased, without user info, port or the
/// trailing dot of a fully qualified name. `None` for anything that is not an absolute URL.
pub fn host(url: &str) -> Option<String> {
    let (_, rest) = url.trim().split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = authority
        .split(':')
        .next()?
        .trim_end_matches('.')
        .to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

/// `href` resolved against the absolute URL `base` and serialised as the WHATWG URL parser does for
/// ordinary web addresses (`new URL(href, base).href`): scheme and host lowercased, the default port
/// dropped, an empty path written `/`, dot segments removed, spaces, quotes, angle brackets and
/// non-ASCII characters percent-encoded. Used for `<link rel=canonical>`, which the content script
/// resolves with the browser's parser: both doors must write the same address. When neither `href`
/// nor `base` is absolute, `href` is kept as written (the browser's writer does the same).
pub fn resolve(base: &str, href: &str) -> String {
    let href: String = href
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if let Some(absolute) = Parts::parse(&href) {
        return absolute.serialise();
    }
    let Some(base) = Parts::parse(base.trim()) else {
        return href;
    };
    let (reference, fragment) = split_off(&href, '#');
    let (reference, query) = split_off(reference, '?');
    let mut url = Parts {
        fragment: fragment.map(str::to_string),
        ..base.clone()
    };
    if let Some(rest) = href.strip_prefix("//") {
        return Parts::parse(&format!("{}://{rest}", base.scheme))
            .map_or(href.clone(), |u| u.serialise());
    }
    if reference.is_empty() {
        if query.is_some() {
            url.query = query.map(str::to_string);
        } else if fragment.is_none() {
            url.fragment = None;
        } else {
            url.query = base.query.clone();
        }
        return url.serialise();
    }
    url.query = query.map(str::to_string);
    url.path = if reference.starts_with('/') {
        reference.to_string()
    } else {
        let dir = base.path.rfind('/').map_or("/", |i| &base.path[..=i]);
        format!("{dir}{reference}")
    };
    url.serialise()
}

/// An absolute hierarchical URL taken apart (only what [`resolve`] needs).
#[derive(Clone)]
struct Parts {
    scheme: String,
    /// User info, host and port as written.
    authority: String,
    path: String,
    query: Option<String>,
    fragment: Option<String>,
}

impl Parts {
    fn parse(url: &str) -> Option<Parts> {
        let (scheme, rest) = url.split_once("://")?;
        let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if !valid {
            return None;
        }
        let (rest, fragment) = split_off(rest, '#');
        let (rest, query) = split_off(rest, '?');
        let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
        Some(Parts {
            scheme: scheme.to_ascii_lowercase(),
            authority: authority.to_string(),
            path: path.to_string(),
            query: query.map(str::to_string),
            fragment: fragment.map(str::to_string),
        })
    }

    fn serialise(&self) -> String {
        let (userinfo, hostport) = self
            .authority
            .rsplit_once('@')
            .map_or(("", self.authority.as_str()), |(u, h)| (u, h));
        let mut host = hostport.to_ascii_lowercase();
        let default_port = match self.scheme.as_str() {
            "http" | "ws" => ":80",
            "https" | "wss" => ":443",
            "ftp" => ":21",
            _ => "",
        };
        if !default_port.is_empty() && host.ends_with(default_port) {
            host.truncate(host.len() - default_port.len());
        }
        let host = host.strip_suffix(':').unwrap_or(&host);
        let path = remove_dot_segments(&self.path.replace('\\', "/"));
        let mut out = format!("{}://", self.scheme);
        if !userinfo.is_empty() {
            out.push_str(userinfo);
            out.push('@');
        }
        out.push_str(host);
        out.push_str(&encode(
            if path.is_empty() { "/" } else { &path },
            PATH_ENCODED,
        ));
        if let Some(q) = &self.query {
            out.push('?');
            out.push_str(&encode(q, QUERY_ENCODED));
        }
        if let Some(f) = &self.fragment {
            out.push('#');
            out.push_str(&encode(f, FRAGMENT_ENCODED));
        }
        out
    }
}

/// ASCII characters the URL standard percent-encodes in a path, a query (special schemes) and a
/// fragment; every non-ASCII character is encoded too (as UTF-8 bytes).
const PATH_ENCODED: &str = " \"#<>?`{}";
const QUERY_ENCODED: &str = " \"#<>'";
const FRAGMENT_ENCODED: &str = " \"<>`";

fn encode(s: &str, set: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() && !c.is_ascii_control() && !set.contains(c) {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// `s` split at the first `sep`: before it, and after it if it occurs.
fn split_off(s: &str, sep: char) -> (&str, Option<&str>) {
    s.split_once(sep).map_or((s, None), |(a, b)| (a, Some(b)))
}

/// RFC 3986 section 5.2.4, as the URL standard's path parser applies it (`%2e` counts as a dot).
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match seg.to_ascii_lowercase().as_str() {
            "." | "%2e" => {
                if last {
                    out.push("");
                }
            }
            ".." | ".%2e" | "%2e." | "%2e%2e" => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            _ => out.push(seg),
        }
    }
    if path.is_empty() {
        return String::new();
    }
    format!("/{}", out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::{host, resolve};

    #[test]
    fn canonical_urls_resolve_as_the_browser_resolves_them() {
        let base = "https://news.example.com/a/b/page.html?x=1#top";
        for (href, expected) in [
            ("https://Other.COM", "https://other.com/"),
            ("HTTPS://other.com:443/x y", "https://other.com/x%20y"),
            ("//cdn.example.com/p", "https://cdn.example.com/p"),
            ("/root?q=1", "https://news.example.com/root?q=1"),
            ("sibling.html", "https://news.example.com/a/b/sibling.html"),
            ("../up/./there", "https://news.example.com/a/up/there"),
            ("?q=2", "https://news.example.com/a/b/page.html?q=2"),
            ("#frag", "https://news.example.com/a/b/page.html?x=1#frag"),
            ("  /café\n ", "https://news.example.com/caf%C3%A9"),
        ] {
            assert_eq!(resolve(base, href), expected, "{href}");
        }
        assert_eq!(resolve("", "/relative"), "/relative");
        assert_eq!(resolve("", "https://a.com/b"), "https://a.com/b");
    }

    #[test]
    fn hosts_of_absolute_urls_only() {
        assert_eq!(
            host("https://User@News.Example.com.:8080/a?b#c").as_deref(),
            Some("news.example.com")
        );
        assert_eq!(host("coinpaper.com/13398"), None);
        assert_eq!(host("https://"), None);
    }
}
