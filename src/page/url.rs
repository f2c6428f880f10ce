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

#[cfg(test)]
mod tests {
    use super::host;

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
