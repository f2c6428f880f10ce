//! The one runner for fixture pages: every `tests/fixtures/**/NAME.expect.toml` describes what the
//! reader must see on `NAME.html` (or `NAME.txt`) beside it, and the page goes through the `chaff`
//! CLI end to end, exactly as a user runs it.
//!
//! ```toml
//! url = "https://…"            # passed as --url (optional)
//! origin = "CoinCentral"       # must be inside summary.origin's name or url (case-insensitive)
//! chain = ["MEXC", "CoinCentral"]   # must appear in the chain, in this order
//! no_marks = ["repost-noise"]  # categories with no mark at all on the page
//! [[mark]]                     # text that must lie inside one mark of the category (and rule)
//! category = "repost-noise"    # "a|b": either category
//! rule = "feed-footer.appeared-first-on"   # optional
//! text = "The post … appeared first on CoinCentral."
//! reason = "…"                 # optional: the mark's reason, exactly
//! reason_contains = "…"        # optional: a part of the mark's reason
//! group = "card-1"             # optional: marks given the same label must be one group (a card)
//! [[clean]]                    # text no mark may contain or lie inside (marks of 16+ characters)
//! text = "…"
//! category = "unrelated-promo" # optional: only marks of this category, of any length
//! ```
//!
//! Text is compared with all whitespace removed, as `../shared/seeds/score.py` does.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Expect {
    url: Option<String>,
    origin: Option<String>,
    #[serde(default)]
    chain: Vec<String>,
    #[serde(default)]
    no_marks: Vec<String>,
    #[serde(default)]
    mark: Vec<ExpectMark>,
    #[serde(default)]
    clean: Vec<Clean>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectMark {
    category: String,
    rule: Option<String>,
    text: String,
    reason: Option<String>,
    reason_contains: Option<String>,
    group: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Clean {
    text: String,
    category: Option<String>,
}

/// A mark as the CLI reports it, text without whitespace.
struct Got {
    category: String,
    rule: String,
    reason: String,
    text: String,
    group: Option<u64>,
}

fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn expectation_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            expectation_files(&path, out);
        } else if path.to_string_lossy().ends_with(".expect.toml") {
            out.push(path);
        }
    }
}

/// Checks one fixture; returns what the reader would see wrong, one line each.
fn check(expect_path: &Path) -> Vec<String> {
    let name = expect_path
        .to_string_lossy()
        .trim_end_matches(".expect.toml")
        .to_string();
    let page = ["html", "txt"]
        .iter()
        .map(|ext| PathBuf::from(format!("{name}.{ext}")))
        .find(|p| p.exists());
    let Some(page) = page else {
        return vec![format!(
            "{name}: no .html or .txt page beside the expectations"
        )];
    };
    let expect: Expect = toml::from_str(&std::fs::read_to_string(expect_path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", expect_path.display()));
    check_page(&page, &expect)
}

/// Runs one page through the CLI and compares what it reports with `expect`.
fn check_page(page: &Path, expect: &Expect) -> Vec<String> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chaff"));
    cmd.args(["scan", "--format", "json"]);
    if let Some(url) = &expect.url {
        cmd.args(["--url", url]);
    }
    let out = cmd.arg(page).output().expect("run chaff");
    assert!(
        out.status.success(),
        "{}: chaff failed: {}",
        page.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let marks: Vec<Got> = json["marks"]
        .as_array()
        .expect("marks")
        .iter()
        .map(|m| Got {
            category: m["category"].as_str().unwrap().into(),
            rule: m["rule"].as_str().unwrap().into(),
            reason: m["reason"].as_str().unwrap().into(),
            text: norm(m["text"].as_str().unwrap()),
            group: m["group"].as_u64(),
        })
        .collect();
    let mut problems = Vec::new();
    let file = page.file_name().unwrap().to_string_lossy().to_string();
    // Group label → the group of the first mark given it.
    let mut groups: std::collections::BTreeMap<&str, Option<u64>> = Default::default();
    for m in &expect.mark {
        let want = norm(&m.text);
        let hit = marks.iter().find(|g| {
            m.category.split('|').any(|want| want == g.category)
                && m.rule.as_ref().is_none_or(|rule| *rule == g.rule)
                && g.text.contains(&want)
        });
        if let Some(g) = hit {
            if m.reason.as_ref().is_some_and(|r| *r != g.reason)
                || m.reason_contains
                    .as_ref()
                    .is_some_and(|r| !g.reason.contains(r.as_str()))
            {
                problems.push(format!("{file}: REASON of {}: {:?}", m.text, g.reason));
            }
            if let Some(label) = &m.group {
                let first = *groups.entry(label).or_insert(g.group);
                if g.group.is_none() || first != g.group {
                    problems.push(format!("{file}: GROUP {label}: {} is not in it", m.text));
                }
            }
        } else {
            problems.push(format!(
                "{file}: MISS [{}{}] {}",
                m.category,
                m.rule
                    .as_deref()
                    .map(|r| format!(" {r}"))
                    .unwrap_or_default(),
                m.text
            ));
        }
    }
    for c in &expect.clean {
        let want = norm(&c.text);
        let min_chars = if c.category.is_some() { 1 } else { 16 };
        if let Some(Got {
            category: cat,
            rule,
            ..
        }) = marks.iter().find(|g| {
            c.category.as_ref().is_none_or(|want| *want == g.category)
                && (g.text.contains(&want)
                    || (g.text.chars().count() >= min_chars && want.contains(g.text.as_str())))
        }) {
            problems.push(format!(
                "{file}: FALSE MARK [{cat} {rule}] on clean text: {}",
                c.text
            ));
        }
    }
    for cat in &expect.no_marks {
        for Got { rule, text, .. } in marks.iter().filter(|g| g.category == *cat) {
            problems.push(format!("{file}: UNEXPECTED [{cat} {rule}] {text}"));
        }
    }
    let summary = &json["summary"];
    if let Some(origin) = &expect.origin {
        let got = format!(
            "{} {}",
            summary["origin"]["name"].as_str().unwrap_or(""),
            summary["origin"]["url"].as_str().unwrap_or("")
        )
        .to_lowercase();
        if !got.contains(&origin.to_lowercase()) {
            problems.push(format!(
                "{file}: ORIGIN expected {origin:?}, got {}",
                summary["origin"]
            ));
        }
    }
    let hops: Vec<String> = summary["chain"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|h| {
                    format!(
                        "{} {}",
                        h["name"].as_str().unwrap_or(""),
                        h["url"].as_str().unwrap_or("")
                    )
                    .to_lowercase()
                })
                .collect()
        })
        .unwrap_or_default();
    let mut at = 0;
    for want in &expect.chain {
        match hops[at..]
            .iter()
            .position(|h| h.contains(&want.to_lowercase()))
        {
            Some(i) => at += i + 1,
            None => {
                problems.push(format!(
                    "{file}: CHAIN expected {:?} in order, got {hops:?}",
                    expect.chain
                ));
                break;
            }
        }
    }
    problems
}

#[test]
fn fixture_pages_show_the_reader_what_their_expectations_say() {
    let mut files = Vec::new();
    expectation_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
        &mut files,
    );
    files.sort();
    assert!(!files.is_empty(), "no fixture expectations found");
    let problems: Vec<String> = files.iter().flat_map(|f| check(f)).collect();
    println!("{} fixture pages checked", files.len());
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The seed pages beside the repository (`../shared/seeds`, present in CI) pass their expectations,
/// read from the same `expected.json` that `score.py` reads (a category may be "a|b": either).
#[test]
fn seed_pages_pass_their_expectations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(text) = std::fs::read_to_string(dir.join("expected.json")) else {
        println!("no seed pages at {}; skipped", dir.display());
        return;
    };
    let seeds: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&text).expect("expected.json");
    let mut problems = Vec::new();
    for (file, exp) in &seeds {
        let texts = |key: &str| exp[key].as_array().cloned().unwrap_or_default();
        let expect = Expect {
            origin: exp["origin"].as_str().map(str::to_string),
            clean: texts("clean")
                .iter()
                .map(|c| Clean {
                    text: c.as_str().unwrap().into(),
                    category: None,
                })
                .collect(),
            mark: texts("marks")
                .iter()
                .map(|m| ExpectMark {
                    category: m["category"].as_str().unwrap().into(),
                    rule: None,
                    text: m["text"].as_str().unwrap().into(),
                    reason: None,
                    reason_contains: None,
                    group: None,
                })
                .collect(),
            ..Expect::default()
        };
        problems.extend(check_page(&dir.join(file), &expect));
    }
    println!("{} seed pages checked", seeds.len());
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
