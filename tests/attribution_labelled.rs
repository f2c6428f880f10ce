//! Scores the attribution detector on the labelled sentences in `tests/attribution/labelled.tsv`
//! (written from realistic article text before the cues were) and holds it to a precision of 0.9 and
//! a recall of 0.85. Each row becomes one article paragraph, parsed from HTML as the CLI parses pages,
//! so links in the sentence and in the rest of the paragraph count as they would on a real page.

use chaff::detect::attribution::Attribution;
use chaff::page::Page;

const MIN_PRECISION: f64 = 0.9;
const MIN_RECALL: f64 = 0.85;

struct Row {
    line: usize,
    positive: bool,
    kind: String,
    sentence: String,
    context: Option<String>,
}

fn rows() -> Vec<Row> {
    let data = include_str!("attribution/labelled.tsv");
    data.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert!(
                cols.len() == 3 || cols.len() == 4,
                "line {}: expected 3 or 4 tab-separated columns",
                i + 1
            );
            assert!(
                cols[0] == "0" || cols[0] == "1",
                "line {}: label must be 0 or 1",
                i + 1
            );
            Row {
                line: i + 1,
                positive: cols[0] == "1",
                kind: cols[1].to_string(),
                sentence: cols[2].to_string(),
                context: cols.get(3).map(|c| c.to_string()),
            }
        })
        .collect()
}

fn page(paragraph: &str) -> Page {
    let html = format!(
        "<html><head><title>t</title></head><body><article><p>{paragraph}</p></article></body></html>"
    );
    Page::from_snapshot(&chaff::html::snapshot(&html, "https://news.example.org/a"))
}

/// Whether the detector marks the labelled sentence (the start of the row's paragraph).
fn marked(detector: &Attribution, row: &Row) -> bool {
    let sentence_len = page(&row.sentence)
        .blocks
        .first()
        .map_or(0, |b| b.text.len());
    let paragraph = match &row.context {
        Some(c) => format!("{} {c}", row.sentence),
        None => row.sentence.clone(),
    };
    let page = page(&paragraph);
    let body = vec![true; page.blocks.len()];
    detector
        .detect(&page, &body)
        .findings
        .iter()
        .any(|f| f.range.start < sentence_len)
}

#[test]
fn labelled_sentences_meet_precision_and_recall() {
    let detector = Attribution::new().expect("built-in rules load");
    let rows = rows();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    let mut kinds: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for row in &rows {
        let got = marked(&detector, row);
        let tally = kinds.entry(row.kind.as_str()).or_default();
        tally.1 += 1;
        if got == row.positive {
            tally.0 += 1;
        }
        match (row.positive, got) {
            (true, true) => tp += 1,
            (false, true) => {
                fp += 1;
                misses.push(format!(
                    "FALSE MARK line {} [{}]: {}",
                    row.line, row.kind, row.sentence
                ));
            }
            (true, false) => {
                fn_ += 1;
                misses.push(format!(
                    "MISSED line {} [{}]: {}",
                    row.line, row.kind, row.sentence
                ));
            }
            (false, false) => {}
        }
    }
    let negatives = rows.iter().filter(|r| !r.positive).count();
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "{} labelled sentences, {negatives} negative ({:.0}%)",
        rows.len(),
        100.0 * negatives as f64 / rows.len() as f64
    );
    println!(
        "precision {precision:.3} ({tp} of {} marks), recall {recall:.3} ({tp} of {} positives)",
        tp + fp,
        tp + fn_
    );
    for (kind, (right, all)) in &kinds {
        println!("  {kind:<18} {right}/{all} right");
    }
    for m in &misses {
        println!("  {m}");
    }
    assert!(
        rows.len() >= 300 && negatives * 3 >= rows.len(),
        "the set needs 300 rows, a third of them negative"
    );
    assert!(
        precision >= MIN_PRECISION,
        "precision {precision:.3} < {MIN_PRECISION}"
    );
    assert!(recall >= MIN_RECALL, "recall {recall:.3} < {MIN_RECALL}");
}
