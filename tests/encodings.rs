//! Real pages in legacy encodings (tests/encodings/pages, provenance in its README) scanned by the
//! CLI must show the text a browser shows. `tests/encodings/chromium.json` holds what Chromium 156
//! decoded and displayed for each (made by `node tests/encodings/chromium_text.mjs`).
//!
//! Compared per page: the encoding chosen, and the words with non-ASCII characters (where a wrong
//! decoding shows): every such word Chromium shows is in the CLI's text, and every such word in
//! the CLI's text is in the page's text as Chromium decoded it (the CLI reads no CSS, so it also
//! sees text a stylesheet hides).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde::Deserialize;

#[derive(Deserialize)]
struct Shown {
    charset: String,
    /// `document.body.innerText`.
    shown: String,
    /// Every text node of the body, shown or not.
    all: String,
}

/// Undeclared pages on which the browsers' detectors disagree: Chromium's (CED) answers the first,
/// Firefox's (chardetng, which the CLI uses) the second. Firefox ESR 153 was checked to choose the
/// second on each.
const DETECTORS_DISAGREE: &[(&str, &str, &str)] = &[
    (
        "chardet-chromium-iso-8859-7-with-no-encoding-specified.html",
        "ISO-8859-7",
        "windows-1253",
    ),
    (
        "chardet-chromium-koi8-r-with-no-encoding-specified.html",
        "KOI8-R",
        "KOI8-U",
    ),
    (
        "chardet-mozilla-bug421271-text.html",
        "windows-1252",
        "windows-1250",
    ),
];

fn non_ascii_words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace().filter(|w| !w.is_ascii())
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The CLI's text output per page: (encoding, text), marks' brackets removed.
fn scan(pages: &Path, names: &[&String]) -> BTreeMap<String, (String, String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_chaff"))
        .arg("scan")
        .args(names.iter().map(|n| pages.join(n)))
        .env("NO_COLOR", "1")
        .output()
        .expect("run chaff");
    assert!(
        out.status.success(),
        "every page scans: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("the CLI writes UTF-8");
    let mut result = BTreeMap::new();
    for section in stdout.split("\n== ").map(|s| s.trim_start_matches("== ")) {
        let (header, body) = section.split_once('\n').expect("a header line");
        let (path, encoding) = header
            .rsplit_once(" (")
            .expect("the header names the encoding");
        let name = Path::new(path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let encoding = encoding.split(',').next().unwrap().to_string();
        let mut text = body.split("\n-- summary").next().unwrap().to_string();
        for c in ["repost-noise", "unrelated-promo", "unconfirmed-attribution"] {
            text = text.replace(&format!("[{c}: "), "");
        }
        result.insert(name, (encoding, text));
    }
    result
}

#[test]
fn legacy_encoded_real_pages_show_the_text_a_browser_shows() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/encodings");
    let browser: BTreeMap<String, Shown> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("chromium.json")).unwrap()).unwrap();
    let names: Vec<&String> = browser.keys().collect();
    assert!(
        names.len() >= 50,
        "at least 50 real pages ({})",
        names.len()
    );
    let cli = scan(&dir.join("pages"), &names);
    assert_eq!(cli.len(), names.len(), "one section per page");

    let mut failures = Vec::new();
    let mut words = 0;
    for (name, shown) in &browser {
        let (encoding, text) = &cli[name];
        let expected = DETECTORS_DISAGREE
            .iter()
            .find(|(n, chromium, _)| n == name && *chromium == shown.charset)
            .map_or(shown.charset.as_str(), |(_, _, firefox)| firefox);
        if !encoding.eq_ignore_ascii_case(expected) {
            failures.push(format!(
                "{name}: decoded as {encoding}, the browser uses {expected}"
            ));
            continue;
        }
        if expected != shown.charset {
            continue; // Chromium's text is in another encoding; the encoding check above is Firefox's.
        }
        let cli_text = squeeze(text);
        for word in non_ascii_words(&shown.shown) {
            words += 1;
            if !cli_text.contains(word) {
                failures.push(format!(
                    "{name}: the browser shows {word:?}, the CLI does not"
                ));
            }
        }
        let page_text = squeeze(&shown.all);
        for word in non_ascii_words(text) {
            let word = word.trim_end_matches(']');
            if !page_text.contains(word) {
                failures.push(format!(
                    "{name}: the CLI shows {word:?}, not in the page as the browser decoded it"
                ));
            }
        }
    }
    assert!(
        words > 1_500,
        "the comparison covers the pages' non-ASCII words ({words})"
    );
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
