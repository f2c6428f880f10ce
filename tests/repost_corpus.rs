//! The repost corpus runner: real documents with residue labelled by hand (`tests/corpus/repost/`),
//! each run through the engine exactly as the CLI builds a page (HTML through the snapshot builder,
//! anything else as a text page), and the repost marks compared with the labels.
//!
//! What it measures, per family, per language and in total:
//! - **recall**: a labelled residue passage counts as found when one `repost-noise` mark contains
//!   all of it (text compared with whitespace removed), or, for a passage written over several
//!   lines of a text page (a block per line), when marks joined line to line without a gap contain
//!   it; a mark that covers only part of it is a *partial* and counts as missed;
//! - **false marks**: `repost-noise` marks that overlap no labelled residue (every document has all
//!   of its residue labelled), and among them the marks that touch a labelled clean passage;
//! - **origin accuracy**: on documents whose label names the origin publisher, whether the page's
//!   summary names it (letters and digits compared, either name inside the other, or the label inside
//!   the origin's URL).
//!
//! It asserts the bars of issue 8 where they are reached and, where not yet, the figures reached so
//! far as floors (a ratchet), printing the bar beside each with `MISS`. Run with `--nocapture` to see
//! the table: `cargo test --test repost_corpus -- --nocapture`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chaff::{Category, Engine, Page};
use serde::Deserialize;

/// Issue 8's bars.
const RECALL_BAR: f64 = 0.95;
const ORIGIN_BAR: f64 = 0.9;
const LANGUAGES_BAR: usize = 8;

/// The figures reached so far (at or above the bars), asserted so that a change cannot lose them:
/// raise them as they rise, never lower them to pass. Baseline before the grammar: recall 0.259,
/// 1 false mark, origin 0.283; recall 0.994 before the blind batch's grammar changes, 1.0 after.
const RECALL_FLOOR: f64 = 1.0;
const ORIGIN_FLOOR: f64 = 0.99;

/// Shortest shared run of characters (whitespace removed) for a mark to count as touching a passage.
const OVERLAP_CHARS: usize = 12;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Label {
    language: String,
    origin: Option<String>,
    source: BTreeMap<String, String>,
    #[serde(default)]
    residue: Vec<Residue>,
    #[serde(default)]
    clean: Vec<Clean>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Residue {
    family: String,
    phrasing: String,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Clean {
    text: String,
}

/// Counts for one row of the report.
#[derive(Default)]
struct Tally {
    residue: usize,
    found: usize,
    partial: usize,
    false_marks: usize,
    on_clean: usize,
    origins: usize,
    origins_right: usize,
}

impl Tally {
    fn recall(&self) -> f64 {
        ratio(self.found, self.residue)
    }
    fn origin(&self) -> f64 {
        ratio(self.origins_right, self.origins)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `a` and `b` share a run of `OVERLAP_CHARS` characters (or one contains the other).
fn overlaps(a: &str, b: &str) -> bool {
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    if long.contains(short) {
        return !short.is_empty();
    }
    let chars: Vec<char> = short.chars().collect();
    chars
        .windows(OVERLAP_CHARS)
        .any(|w| long.contains(&w.iter().collect::<String>()))
}

fn origin_matches(label: &str, name: &str, url: Option<&str>) -> bool {
    let (l, n) = (key(label), key(name));
    let host = url.map(key).unwrap_or_default();
    (!n.is_empty() && (n.contains(&l) || l.contains(&n))) || (!l.is_empty() && host.contains(&l))
}

fn documents(batch: &str) -> Vec<(PathBuf, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/repost")
        .join(batch);
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let label = entry.expect("directory entry").path();
        if label.extension().is_some_and(|e| e == "toml") {
            let doc = ["html", "txt"]
                .iter()
                .map(|ext| label.with_extension(ext))
                .find(|p| p.exists())
                .unwrap_or_else(|| {
                    panic!(
                        "{}: no .html or .txt document beside the label",
                        label.display()
                    )
                });
            out.push((doc, label));
        }
    }
    out.sort();
    out
}

/// The page as the CLI builds it (see src/cli/input.rs): HTML through the snapshot builder.
fn page(text: &str) -> Page {
    let text = text.trim_start_matches('\u{feff}');
    if chaff::html::looks_like_html(text) {
        Page::from_snapshot(&chaff::html::snapshot(text, ""))
    } else {
        Page::from_text(text, "")
    }
}

/// Marks that run on over consecutive blocks, joined: each but the last reaching its block's end,
/// each but the first starting at its block's start. A passage written over several lines of a text
/// page (a Markdown paragraph wrapped at 80 columns, a quoted note) is a block per line; marked line
/// by line in full, it is marked whole. Only runs of two marks or more; false marks are still
/// counted mark by mark.
fn runs_over_lines(page: &Page, marks: &[&chaff::Mark]) -> Vec<String> {
    let mut sorted: Vec<&chaff::Mark> = marks.to_vec();
    sorted.sort_by_key(|m| (m.block, m.start));
    let len16 = |b: usize| page.blocks[b].text.encode_utf16().count();
    let mut runs = Vec::new();
    let mut run: Vec<&chaff::Mark> = Vec::new();
    for m in sorted {
        let continues = run
            .last()
            .is_some_and(|p| p.block + 1 == m.block && p.end == len16(p.block) && m.start == 0);
        if !continues {
            if run.len() >= 2 {
                runs.push(run.iter().map(|m| norm(&m.text)).collect());
            }
            run.clear();
        }
        run.push(m);
    }
    if run.len() >= 2 {
        runs.push(run.iter().map(|m| norm(&m.text)).collect());
    }
    runs
}

/// What one batch of documents measured.
#[derive(Default)]
struct Measure {
    documents: usize,
    by_family: BTreeMap<String, Tally>,
    by_language: BTreeMap<String, Tally>,
    total: Tally,
    phrasings: std::collections::BTreeSet<String>,
    languages_with_residue: std::collections::BTreeSet<String>,
    problems: Vec<String>,
}

/// Runs every document of `batch` (a folder under tests/corpus/repost) and compares with its label.
fn measure(engine: &Engine, batch: &str) -> Measure {
    let mut m = Measure::default();
    let docs = documents(batch);
    m.documents = docs.len();
    let Measure {
        by_family,
        by_language,
        total,
        phrasings,
        languages_with_residue,
        problems,
        ..
    } = &mut m;

    for (doc, label_path) in &docs {
        let name = doc.file_stem().unwrap().to_string_lossy().to_string();
        let label: Label = toml::from_str(&std::fs::read_to_string(label_path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", label_path.display()));
        assert!(
            label.source.contains_key("repo") || label.source.contains_key("url"),
            "{name}: a document needs its provenance (repo or url)"
        );
        let page = page(&std::fs::read_to_string(doc).unwrap());
        let analysis = engine.analyze(&page);
        let repost: Vec<&chaff::Mark> = analysis
            .marks
            .iter()
            .filter(|m| m.category == Category::RepostNoise)
            .collect();
        let marks: Vec<(String, String)> = repost
            .iter()
            .map(|m| (norm(&m.text), m.rule.clone()))
            .collect();
        let runs = runs_over_lines(&page, &repost);
        let lang = label.language.clone();
        let doc_family = label
            .residue
            .first()
            .map_or("(clean document)".to_string(), |r| r.family.clone());
        let mut row = Tally::default();

        for r in &label.residue {
            phrasings.insert(r.phrasing.clone());
            languages_with_residue.insert(lang.clone());
            let text = norm(&r.text);
            let found = marks.iter().any(|(m, _)| m.contains(&text))
                || runs.iter().any(|m| m.contains(&text));
            let partial = !found && marks.iter().any(|(m, _)| overlaps(m, &text));
            let fam = by_family.entry(r.family.clone()).or_default();
            fam.residue += 1;
            fam.found += found as usize;
            fam.partial += partial as usize;
            row.residue += 1;
            row.found += found as usize;
            row.partial += partial as usize;
            if !found {
                let how = if partial { "partly marked" } else { "missed" };
                problems.push(format!("{name}: {how} {} «{}»", r.family, r.text));
            }
        }
        for (m, rule) in &marks {
            let residue = label.residue.iter().any(|r| overlaps(m, &norm(&r.text)));
            if residue {
                continue;
            }
            let on_clean = label.clean.iter().any(|c| overlaps(m, &norm(&c.text)));
            row.false_marks += 1;
            row.on_clean += on_clean as usize;
            let fam = by_family.entry(format!("false: {rule}")).or_default();
            fam.false_marks += 1;
            fam.on_clean += on_clean as usize;
            problems.push(format!(
                "{name}: false mark {rule}{} «{m}»",
                if on_clean { " ON A CLEAN PASSAGE" } else { "" }
            ));
        }
        if let Some(expected) = &label.origin {
            let got = analysis.summary.origin.as_ref();
            let right = got.is_some_and(|o| origin_matches(expected, &o.name, o.url.as_deref()));
            row.origins += 1;
            row.origins_right += right as usize;
            let fam = by_family.entry(doc_family.clone()).or_default();
            fam.origins += 1;
            fam.origins_right += right as usize;
            if !right {
                problems.push(format!(
                    "{name}: origin {:?}, expected {expected}",
                    got.map(|o| (&o.name, &o.url))
                ));
            }
        }
        for t in [&mut *total, by_language.entry(lang).or_default()] {
            t.residue += row.residue;
            t.found += row.found;
            t.partial += row.partial;
            t.false_marks += row.false_marks;
            t.on_clean += row.on_clean;
            t.origins += row.origins;
            t.origins_right += row.origins_right;
        }
    }

    m
}

/// Prints the batch's table: by family, by language, in total, against the bars, then every problem.
fn report(title: &str, m: &Measure) {
    let Measure {
        by_family,
        by_language,
        total,
        phrasings,
        languages_with_residue,
        problems,
        documents,
    } = m;
    let line = |name: &str, t: &Tally| {
        println!(
            "{name:<44} residue {:>3}  recall {:>5.3} (partial {:>2})  false marks {:>2} (on clean {:>2})  origin {:>5.3} of {:>3}",
            t.residue,
            t.recall(),
            t.partial,
            t.false_marks,
            t.on_clean,
            t.origin(),
            t.origins
        )
    };
    println!(
        "\n{title}: {documents} documents, {} languages with residue, {} phrasings",
        languages_with_residue.len(),
        phrasings.len()
    );
    println!("-- by family (origin: documents whose first residue is of the family)");
    for (f, t) in by_family {
        line(f, t);
    }
    println!("-- by language");
    for (l, t) in by_language {
        line(l, t);
    }
    println!("-- total");
    line("total", total);
    let verdict = |ok: bool| if ok { "met" } else { "MISS" };
    println!(
        "bars: recall {:.3} / {RECALL_BAR} {}; false marks {} / 0 {}; origin {:.3} / {ORIGIN_BAR} {}; languages {} / {LANGUAGES_BAR} {}",
        total.recall(),
        verdict(total.recall() >= RECALL_BAR),
        total.false_marks,
        verdict(total.false_marks == 0),
        total.origin(),
        verdict(total.origin() >= ORIGIN_BAR),
        languages_with_residue.len(),
        verdict(languages_with_residue.len() >= LANGUAGES_BAR)
    );
    println!("-- what the reader would see wrong");
    for p in problems {
        println!("{p}");
    }
}

#[test]
fn repost_corpus_meets_its_bars() {
    let engine = Engine::new().expect("engine");
    let m = measure(&engine, "docs");
    report("repost corpus (docs/)", &m);
    let Measure {
        total,
        phrasings,
        languages_with_residue,
        documents,
        ..
    } = &m;
    assert!(
        *documents >= 200,
        "the corpus holds {} documents; issue 8 asks for 200",
        documents
    );
    assert!(
        languages_with_residue.len() >= LANGUAGES_BAR,
        "residue in {} languages",
        languages_with_residue.len()
    );
    assert!(
        phrasings.len() >= 30,
        "{} distinct phrasings",
        phrasings.len()
    );
    assert!(
        total.recall() >= RECALL_FLOOR.max(RECALL_BAR),
        "recall {:.3} fell below {RECALL_FLOOR}",
        total.recall()
    );
    assert!(
        total.origin() >= ORIGIN_FLOOR.max(ORIGIN_BAR),
        "origin accuracy {:.3} fell below {ORIGIN_FLOOR}",
        total.origin()
    );
    // The bar is no false mark at all, and it is met: any false mark fails.
    assert_eq!(total.false_marks, 0, "{} false marks", total.false_marks);
}

/// The blind batch (`tests/corpus/repost/blind/`): documents labelled and committed before Chaff first
/// ran on them, reported apart from `docs/` so that they keep measuring pages the rules were not
/// tuned on. Its first-contact figures are recorded in the corpus README.
#[test]
fn repost_blind_batch_is_measured_apart() {
    let engine = Engine::new().expect("engine");
    let m = measure(&engine, "blind");
    report("repost blind batch (blind/)", &m);
    assert!(
        m.documents >= 60,
        "the blind batch holds {} documents",
        m.documents
    );
    // First contact was recall 0.357, no false mark, origin 0.433; the grammar changes made since
    // reach the bars, which hold from here on (the batch now also measures what was tuned on it).
    assert!(
        m.total.recall() >= RECALL_BAR,
        "blind recall {:.3}",
        m.total.recall()
    );
    assert!(
        m.total.origin() >= ORIGIN_BAR,
        "blind origin accuracy {:.3}",
        m.total.origin()
    );
    assert_eq!(
        m.total.false_marks, 0,
        "{} false marks",
        m.total.false_marks
    );
}

/// Blind batch 3 (`tests/corpus/repost/blind3/`): documents from captures not used before, labelled
/// and committed before Chaff first ran on them. Printed only: its figures are a measure, not a bar
/// (first contact is recorded in the corpus README).
#[test]
fn repost_blind_batch_3_is_printed_apart() {
    let engine = Engine::new().expect("engine");
    let m = measure(&engine, "blind3");
    report("repost blind batch 3 (blind3/)", &m);
    assert!(
        m.documents >= 30,
        "blind batch 3 holds {} documents",
        m.documents
    );
}

/// Blind batch 4 (`tests/corpus/repost/blind4/`): feed-reader test fixtures and news-API mocks, labelled
/// by an independent labeller and committed before Chaff first ran on them. Printed only: its figures
/// are a measure, not a bar. First contact: main at `6e656f1` recall 0.475 (19/40), origin 0.625
/// (15/24), 1 false mark; with the repost4 rules (main at `4fd69bd`) recall 0.500 (20/40), origin
/// 0.625 (15/24), 1 false mark ("(Via Kottke.)"). After the grammar changes made for it (branch
/// repost5) recall 1.000 (40/40), origin 1.000 (24/24), no false mark: tuned on from here. Details in
/// the corpus README.
#[test]
fn repost_blind_batch_4_is_printed_apart() {
    let engine = Engine::new().expect("engine");
    let m = measure(&engine, "blind4");
    report("repost blind batch 4 (blind4/)", &m);
    assert!(
        m.documents >= 50,
        "blind batch 4 holds {} documents",
        m.documents
    );
}
