//! Scores unconfirmed-attribution marks on REAL articles (`tests/attribution/real/`): saved pages
//! of public news sites, cut to their article paragraphs with the links they carry, each sentence
//! labelled high / medium / low / none before the detector was tuned on them (see the README there).
//!
//! Every article goes through the whole engine as a page (`chaff::html::snapshot` + `Engine`, as the
//! CLI runs it), so paragraph context, links and the page's own publisher count as they do for a
//! reader. A labelled sentence counts as marked when an attribution mark overlaps it.
//!
//! Prints precision, recall and F1 at any severity and for high+medium, recall per class, the
//! severity confusion and false marks by kind, for the whole set and for each source batch apart
//! (`BATCHES`: the set the cues were tuned on, and the batches labelled blind after, with the
//! figures each scored at first contact). Asserts issue 9's bars on the whole set, and each batch's
//! floor.
//!
//! `CHAFF_REAL_DUMP=1 cargo test --test attribution_real -- --nocapture` prints every sentence of
//! every article as an unlabelled row, for labelling new articles (it shows no detector output).

use std::collections::BTreeMap;
use std::path::Path;

use chaff::mark::Severity;
use chaff::{Category, Engine};

/// Issue 9's bars.
const BAR_PRECISION_ANY: f64 = 0.9;
const BAR_RECALL_ANY: f64 = 0.8;
const BAR_RECALL_HIGH_MEDIUM: f64 = 0.75;

/// Figures reached so far, asserted so that they never fall back (a ratchet) while a bar is not
/// met; equal to the bar once it is. All three were met on the 170 articles before the blind batch
/// 401-440 (P 0.948, R 0.805, high+medium 0.754 on 2026-11-25, branch attr4, with the 13 crypto
/// pages 601-613 that scored P 0.70 / R 0.37 at first contact). With 401-440 added (197 articles)
/// the whole set gave P 0.900, R 0.740, high+medium 0.675 at that batch's first contact with
/// attr4's cues (P 0.750 / R 0.561 on the batch; 0.748 / 0.554 with main's at 6e656f1), below the
/// recall bars. Branch attr5 met them again by grammar (venues in writing, the outlet's own interview,
/// unidentified reports that emerge, vague groups and named speakers with reporting verbs from
/// Stanford CoreNLP's list): P 0.936 (421 of 450 marks), R 0.803 (421 of 524), high+medium 0.782
/// (161 of 206) on 2026-11-25. Each batch's own floor is in `BATCHES`.
const FLOOR_PRECISION_ANY: f64 = BAR_PRECISION_ANY;
const FLOOR_RECALL_ANY: f64 = BAR_RECALL_ANY;
const FLOOR_RECALL_HIGH_MEDIUM: f64 = BAR_RECALL_HIGH_MEDIUM;

/// The source batches of the set, by article number: each was gathered and labelled at its own
/// time, and its figures are printed apart, because a batch the cues were tuned on says little about
/// articles the detector has not seen. `first_contact` is what the batch scored when it was first
/// run, before any cue was changed for it (precision, recall at any severity), from the commit that
/// added it; `None` where no figure was recorded before tuning.
struct Batch {
    name: &'static str,
    numbers: std::ops::RangeInclusive<usize>,
    first_contact: Option<(f64, f64)>,
    /// Floors for this batch's current precision and recall (any severity): a ratchet a little
    /// under the figures measured when they were set (2026-11-25, raised on attr4 to the figures
    /// of its last commit, and on attr5 for the batches it changed), so that a cue written for one batch cannot quietly cost another.
    floor: (f64, f64),
}

const BATCHES: &[Batch] = &[
    Batch {
        name: "original (001-078, postlight; the cues were tuned on it)",
        numbers: 1..=99,
        // Commit 1a99794, the detector before the set was read (76 articles then).
        first_contact: Some((0.69, 0.51)),
        floor: (0.98, 0.87),
    },
    Batch {
        name: "held-out (101-120, postlight; tuned after first contact)",
        numbers: 101..=199,
        // Commit 4511a10.
        first_contact: Some((0.71, 0.45)),
        floor: (0.80, 0.80),
    },
    Batch {
        name: "goose3 (201-212; tuned after first contact)",
        numbers: 201..=299,
        // Commit 3a7a0ce.
        first_contact: Some((0.45, 0.45)),
        floor: (0.95, 0.60),
    },
    Batch {
        name: "snacktory (301-330, labelled blind on branch lattr)",
        numbers: 301..=330,
        // Measured on merging it, before any cue was changed for it: P 0.689 (42 of 61 marks),
        // R 0.494 (42 of 85), F1 0.575, high+medium 0.297 (11 of 37; 16 of 37 at any severity).
        // main's detector scored the same on it.
        first_contact: Some((0.69, 0.49)),
        floor: (0.94, 0.85),
    },
    Batch {
        name: "crux + snacktory fork (331-352, labelled blind on lattr)",
        numbers: 331..=399,
        // main's detector at first contact (commit dfcc22e): P 0.685 (37 of 54), R 0.521 (37 of
        // 71), high+medium 0.278 (5 of 18). This branch's detector, already changed for the
        // 301-330 batch but not for this one, scored P 0.731 (38 of 52), R 0.535 (38 of 71), F1
        // 0.618, high+medium 0.278 (5 of 18) on merging it.
        first_contact: Some((0.69, 0.52)),
        floor: (0.95, 0.85),
    },
    Batch {
        name: "crypto news (601-613, labelled on attr4 before the run)",
        numbers: 601..=699,
        // Measured on the commit that added it (8bb4765), with main's cues (6e656f1), before any
        // cue was changed: P 0.704 (19 of 27 marks), R 0.365 (19 of 52), F1 0.481, high+medium
        // 0.367 (11 of 30; 14 of 30 at any severity). Labelled by the engineer who then changed
        // the cues on attr4; see the README there for what was read of its errors.
        first_contact: Some((0.70, 0.37)),
        // attr5: P 0.868 (33 of 38), R 0.635 (33 of 52), high+medium 0.567 (17 of 30).
        floor: (0.86, 0.63),
    },
    Batch {
        name: "fundus (401-440, labelled blind on lab-attr4)",
        numbers: 401..=499,
        // First run, labels committed before it (8bbb40c), no cue changed for it: P 0.748 (77 of
        // 103 marks), R 0.554 (77 of 139), F1 0.636, high+medium 0.333 (13 of 39; 18 of 39 at any
        // severity). attr5, after tuning on it: P 0.879 (102 of 116), R 0.734 (102 of 139),
        // high+medium 0.744 (29 of 39). The floor is a little under those figures.
        first_contact: Some((0.75, 0.55)),
        floor: (0.87, 0.73),
    },
];

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/attribution/real");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Label {
    None,
    Low,
    Medium,
    High,
}

impl Label {
    fn parse(s: &str) -> Option<Label> {
        Some(match s {
            "none" => Label::None,
            "low" => Label::Low,
            "medium" => Label::Medium,
            "high" => Label::High,
            _ => return None,
        })
    }

    fn of(severity: Option<Severity>) -> Label {
        match severity {
            Some(Severity::High) => Label::High,
            Some(Severity::Medium) => Label::Medium,
            Some(Severity::Low) | None => Label::Low,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Label::None => "none",
            Label::Low => "low",
            Label::Medium => "medium",
            Label::High => "high",
        }
    }
}

struct Row {
    line: usize,
    article: String,
    label: Label,
    class: String,
    reason: String,
    sentence: String,
}

fn rows() -> Vec<Row> {
    let data = std::fs::read_to_string(format!("{DIR}/labels.tsv")).expect("labels.tsv");
    data.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(
                cols.len(),
                5,
                "labels.tsv line {}: expected 5 tab-separated columns",
                i + 1
            );
            let label = Label::parse(cols[1])
                .unwrap_or_else(|| panic!("labels.tsv line {}: bad label {:?}", i + 1, cols[1]));
            Row {
                line: i + 1,
                article: cols[0].to_string(),
                label,
                class: cols[2].to_string(),
                reason: cols[3].to_string(),
                sentence: cols[4].to_string(),
            }
        })
        .collect()
}

/// The page URL an article file names in its `og:url`.
fn page_url(html: &str) -> String {
    let key = "property=\"og:url\" content=\"";
    html.find(key)
        .and_then(|i| html[i + key.len()..].split('"').next())
        .unwrap_or("https://news.example.org/a")
        .to_string()
}

fn article_html(article: &str) -> String {
    let path = format!("{DIR}/pages/{article}.html");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn page(article: &str) -> chaff::Page {
    let html = article_html(article);
    chaff::Page::from_snapshot(&chaff::html::snapshot(&html, &page_url(&html)))
}

/// The sentences of a page, as (block, byte range, text), in page order.
fn sentences(page: &chaff::Page) -> Vec<(usize, std::ops::Range<usize>, String)> {
    let mut out = Vec::new();
    for (b, block) in page.blocks.iter().enumerate() {
        for r in chaff::sentences::split(&block.text) {
            out.push((b, r.clone(), block.text[r].to_string()));
        }
    }
    out
}

/// Article number from its file name ("017-reuters-fed" → 17).
fn number(article: &str) -> usize {
    article
        .split('-')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Index of an article's batch in BATCHES, or BATCHES.len() when no batch numbers it.
fn batch_of(article: &str) -> usize {
    let n = number(article);
    BATCHES
        .iter()
        .position(|b| b.numbers.contains(&n))
        .unwrap_or(BATCHES.len())
}

#[derive(Default, Clone, Copy)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Tally {
    fn precision(self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn recall(self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn line(self, name: &str) -> String {
        format!(
            "{name:<34} precision {:.3} ({} of {} marks)  recall {:.3} ({} of {})  F1 {:.3}",
            self.precision(),
            self.tp,
            self.tp + self.fp,
            self.recall(),
            self.tp,
            self.tp + self.fn_,
            self.f1()
        )
    }
}

/// Scores of one set of rows.
#[derive(Default)]
struct Score {
    any: Tally,
    /// Positives labelled high or medium, and marks of high or medium severity.
    high_medium: Tally,
    /// Recall of high+medium positives by a mark of any severity.
    high_medium_found: (usize, usize),
    per_class: BTreeMap<String, (usize, usize)>,
    false_marks: BTreeMap<String, usize>,
    confusion: BTreeMap<(Label, Label), usize>,
}

impl Score {
    fn add(&mut self, row: &Row, got: Option<Label>) {
        let want = row.label;
        let marked = got.is_some();
        let t = &mut self.any;
        match (want != Label::None, marked) {
            (true, true) => t.tp += 1,
            (false, true) => t.fp += 1,
            (true, false) => t.fn_ += 1,
            (false, false) => {}
        }
        let want_hm = want >= Label::Medium;
        let got_hm = got.is_some_and(|g| g >= Label::Medium);
        let t = &mut self.high_medium;
        match (want_hm, got_hm) {
            (true, true) => t.tp += 1,
            (false, true) => t.fp += 1,
            (true, false) => t.fn_ += 1,
            (false, false) => {}
        }
        if want_hm {
            self.high_medium_found.1 += 1;
            if marked {
                self.high_medium_found.0 += 1;
            }
        }
        if want != Label::None {
            let c = self.per_class.entry(row.class.clone()).or_default();
            c.1 += 1;
            if marked {
                c.0 += 1;
            }
        } else if marked {
            *self.false_marks.entry(row.class.clone()).or_default() += 1;
        }
        *self
            .confusion
            .entry((want, got.unwrap_or(Label::None)))
            .or_default() += 1;
    }

    fn print(&self, title: &str) {
        println!("── {title}");
        println!("{}", self.any.line("any severity"));
        println!("{}", self.high_medium.line("high+medium (as high+medium)"));
        let (f, n) = self.high_medium_found;
        println!(
            "high+medium positives marked at any severity: {f} of {n} ({:.3})",
            f as f64 / n.max(1) as f64
        );
        println!("recall per class:");
        for (class, (found, all)) in &self.per_class {
            println!(
                "  {class:<22} {found:>3}/{all:<3} {:.2}",
                *found as f64 / (*all).max(1) as f64
            );
        }
        println!("false marks by kind (the label's class):");
        for (class, n) in &self.false_marks {
            println!("  {class:<22} {n}");
        }
        println!("labelled → marked:");
        for ((want, got), n) in &self.confusion {
            println!("  {:<6} → {:<6} {n}", want.name(), got.name());
        }
    }
}

fn dump() {
    let mut names: Vec<String> = std::fs::read_dir(Path::new(DIR).join("pages"))
        .expect("pages dir")
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .into_string()
                .ok()?
                .strip_suffix(".html")
                .map(str::to_string)
        })
        .collect();
    names.sort();
    for name in names {
        let page = page(&name);
        for (b, range, text) in sentences(&page) {
            let links: Vec<String> = page.blocks[b]
                .links_in(range)
                .map(|l| format!("[{} -> {}]", &page.blocks[b].text[l.range.clone()], l.href))
                .collect();
            println!("{name}\t?\t?\t?\t{text}\t#{b} {}", links.join(" "));
        }
    }
}

#[test]
fn real_articles_meet_the_attribution_bars() {
    if std::env::var_os("CHAFF_REAL_DUMP").is_some() {
        dump();
        return;
    }
    let engine = Engine::new().expect("built-in rules load");
    let rows = rows();
    let mut by_article: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for row in &rows {
        by_article
            .entry(row.article.as_str())
            .or_default()
            .push(row);
    }
    let mut all = Score::default();
    // One score per batch, and one more for articles no batch numbers yet (a new batch, unnamed).
    let mut batches: Vec<Score> = (0..=BATCHES.len()).map(|_| Score::default()).collect();
    let mut batch_articles = vec![0usize; BATCHES.len() + 1];
    let mut lines = Vec::new();
    let mut unmatched_marks = 0;
    for (article, labelled) in &by_article {
        let page = page(article);
        let analysis = engine.analyze(&page);
        // Each attribution mark as (block, byte range) in the page's block text.
        let marks: Vec<(usize, std::ops::Range<usize>, Label, &str, &str)> = analysis
            .marks
            .iter()
            .filter(|m| m.category == Category::UnconfirmedAttribution)
            .filter_map(|m| {
                let text = &page.blocks[m.block].text;
                let start = text.find(m.text.as_str())?;
                Some((
                    m.block,
                    start..start + m.text.len(),
                    Label::of(m.severity),
                    m.rule.as_str(),
                    m.reason.as_str(),
                ))
            })
            .collect();
        let sentences = sentences(&page);
        let mut next = 0;
        let mut used = vec![false; marks.len()];
        for row in labelled {
            let Some(i) = (next..sentences.len()).find(|&i| sentences[i].2 == row.sentence) else {
                panic!(
                    "labels.tsv line {}: sentence not found in {article} (in order): {}",
                    row.line, row.sentence
                );
            };
            next = i + 1;
            let (b, range, _) = &sentences[i];
            let hit = marks
                .iter()
                .enumerate()
                .find(|(_, (mb, mr, ..))| mb == b && mr.start < range.end && range.start < mr.end);
            let got = hit.map(|(k, m)| {
                used[k] = true;
                m.2
            });
            all.add(row, got);
            batches[batch_of(article)].add(row, got);
            let verdict = match (row.label, got) {
                (Label::None, Some(g)) => Some(format!("FALSE MARK ({})", g.name())),
                (want, None) if want != Label::None => Some(format!("MISSED {}", want.name())),
                (want, Some(g)) if want != g => {
                    Some(format!("SEVERITY {} as {}", want.name(), g.name()))
                }
                _ => None,
            };
            if let Some(v) = verdict {
                let how = hit
                    .map(|(_, m)| format!(" [{}: {}]", m.3, m.4))
                    .unwrap_or_default();
                lines.push(format!(
                    "  {v} {article} line {} ({}: {}): {}{how}",
                    row.line, row.class, row.reason, row.sentence
                ));
            }
        }
        unmatched_marks += used.iter().filter(|u| !**u).count();
    }
    let articles = by_article.len();
    for article in by_article.keys() {
        batch_articles[batch_of(article)] += 1;
    }
    let positives = rows.iter().filter(|r| r.label != Label::None).count();
    println!(
        "{} labelled sentences from {articles} real articles ({positives} to mark)",
        rows.len()
    );
    println!("marks on unlabelled sentences (not scored): {unmatched_marks}");
    all.print("all articles");
    for (i, score) in batches.iter().enumerate() {
        if batch_articles[i] > 0 {
            let name = BATCHES.get(i).map_or("not in any batch yet", |b| b.name);
            score.print(&format!("batch: {name}, {} articles", batch_articles[i]));
        }
    }
    println!("── per batch (precision / recall / F1 at any severity; high+medium recall)");
    for (i, score) in batches.iter().enumerate() {
        if batch_articles[i] == 0 {
            continue;
        }
        let batch = BATCHES.get(i);
        let first = batch
            .and_then(|b| b.first_contact)
            .map_or("not recorded".to_string(), |(p, r)| {
                format!("P {p:.2} R {r:.2}")
            });
        println!(
            "  {:<58} P {:.3}  R {:.3}  F1 {:.3}  HM {:.3}  ({} to mark; first contact: {first})",
            batch.map_or("not in any batch yet", |b| b.name),
            score.any.precision(),
            score.any.recall(),
            score.any.f1(),
            score.high_medium.recall(),
            score.any.tp + score.any.fn_,
        );
    }
    for l in &lines {
        println!("{l}");
    }

    // Strict: a high or medium claim counts as found only when marked high or medium.
    let hm_recall = all.high_medium.recall();
    let figures = [
        (
            "precision (any severity)",
            all.any.precision(),
            BAR_PRECISION_ANY,
            FLOOR_PRECISION_ANY,
        ),
        (
            "recall (any severity)",
            all.any.recall(),
            BAR_RECALL_ANY,
            FLOOR_RECALL_ANY,
        ),
        (
            "high+medium recall",
            hm_recall,
            BAR_RECALL_HIGH_MEDIUM,
            FLOOR_RECALL_HIGH_MEDIUM,
        ),
    ];
    println!("── bars (issue 9)");
    for (name, got, bar, _) in figures {
        println!(
            "  {name:<26} {got:.3}  bar {bar:.2}  {}",
            if got >= bar { "met" } else { "MISS" }
        );
    }
    assert!(
        rows.len() >= 800 && articles >= 60,
        "the set needs 800 sentences from 60 articles"
    );
    for (name, got, bar, floor) in figures {
        let need = if floor >= bar { bar } else { floor };
        assert!(
            got >= need,
            "{name} {got:.3} fell below {need:.3} (bar {bar:.2})"
        );
    }
    for (batch, score) in BATCHES.iter().zip(&batches) {
        let (p, r) = batch.floor;
        assert!(
            score.any.precision() >= p && score.any.recall() >= r,
            "batch {}: precision {:.3} / recall {:.3} fell below its floor {p:.2} / {r:.2}",
            batch.name,
            score.any.precision(),
            score.any.recall()
        );
    }
}
