//! The relatedness measure on labelled cards (`tests/promo/cards.toml`): prints its accuracy at the
//! chosen threshold and across a sweep, and holds it to a floor.

use chaff::detect::promo::relatedness::{RELATED_THRESHOLD, Subject};
use serde::Deserialize;

#[derive(Deserialize)]
struct Data {
    article: Vec<Article>,
}

#[derive(Deserialize)]
struct Article {
    name: String,
    title: String,
    body: String,
    card: Vec<Card>,
}

#[derive(Deserialize)]
struct Card {
    title: String,
    #[serde(default)]
    snippet: String,
    related: bool,
}

/// The share of labelled cards the measure must get right at the chosen threshold.
const MIN_ACCURACY: f32 = 0.95;

fn scored() -> Vec<(String, String, f32, bool)> {
    let data: Data = toml::from_str(include_str!("promo/cards.toml")).expect("cards.toml parses");
    let mut out = Vec::new();
    for a in &data.article {
        let subject = Subject::new(&a.title, a.body.lines());
        for c in &a.card {
            out.push((
                a.name.clone(),
                c.title.clone(),
                subject.judge(&c.title, &c.snippet).score,
                c.related,
            ));
        }
    }
    out
}

fn accuracy(cards: &[(String, String, f32, bool)], threshold: f32) -> f32 {
    cards
        .iter()
        .filter(|(_, _, s, related)| (*s >= threshold) == *related)
        .count() as f32
        / cards.len() as f32
}

#[test]
fn relatedness_separates_labelled_cards() {
    let cards = scored();
    println!("threshold sweep over {} labelled cards:", cards.len());
    for t in (2..=40).step_by(2).map(|t| t as f32 / 100.0) {
        println!("  {t:.2}: {:.3}", accuracy(&cards, t));
    }
    let mut wrong = Vec::new();
    for (article, title, score, related) in &cards {
        if (*score >= RELATED_THRESHOLD) != *related {
            wrong.push(format!(
                "  {article}: {score:.3} labelled {} “{title}”",
                if *related { "related" } else { "unrelated" }
            ));
        }
    }
    let max_unrelated = cards
        .iter()
        .filter(|c| !c.3)
        .map(|c| c.2)
        .fold(0.0, f32::max);
    let min_related = cards
        .iter()
        .filter(|c| c.3)
        .map(|c| c.2)
        .fold(1.0, f32::min);
    println!("highest unrelated card: {max_unrelated:.3}; lowest related card: {min_related:.3}");
    let acc = accuracy(&cards, RELATED_THRESHOLD);
    println!(
        "accuracy at RELATED_THRESHOLD = {RELATED_THRESHOLD}: {acc:.3}\nwrong:\n{}",
        wrong.join("\n")
    );
    assert!(
        acc >= MIN_ACCURACY,
        "accuracy {acc:.3} below {MIN_ACCURACY}:\n{}",
        wrong.join("\n")
    );
}
