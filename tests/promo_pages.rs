//! A reader's site rule on a realistic page, through the engine. What the promo fixture pages in
//! `tests/fixtures/promo/` must show (which text is marked, with which reason, in which card, and
//! which stays clean) is data beside each page (`NAME.expect.toml`), run by the one case runner,
//! `tests/cases.rs`.

use chaff::{Analysis, Category, Engine, Mark, Page};

#[track_caller]
fn marked<'a>(a: &'a Analysis, text: &str) -> &'a Mark {
    a.marks
        .iter()
        .find(|m| m.category == Category::UnrelatedPromo && m.text.contains(text))
        .unwrap_or_else(|| panic!("not marked as promo: {text}\nmarks: {:#?}", a.marks))
}

#[track_caller]
fn clean(a: &Analysis, text: &str) {
    if let Some(m) = a.marks.iter().find(|m| {
        m.category == Category::UnrelatedPromo && (m.text.contains(text) || text.contains(&m.text))
    }) {
        panic!(
            "marked as promo but should stay clean: {text}\n  by {}: {}",
            m.rule, m.reason
        );
    }
}

#[test]
fn a_readers_site_rule_marks_its_elements_with_the_rule_as_reason() {
    let mut engine = Engine::new().expect("built-in rules compile");
    let errors =
        engine.add_site_rules("! mine\nblockwire.example##.byline\nother.example##.post-body\n");
    assert!(errors.is_empty(), "{errors:?}");
    let path = format!(
        "{}/tests/fixtures/promo/taboola_feed.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let html = std::fs::read_to_string(path).expect("fixture");
    let page = Page::from_snapshot(&chaff::html::snapshot(
        &html,
        "https://www.blockwire.example/news/x",
    ));
    let a = engine.analyze(&page);
    let m = marked(&a, "By Ana Ruiz");
    assert_eq!(
        m.reason,
        "Matched your site rule `blockwire.example##.byline` (line 2)."
    );
    assert_eq!(m.rule, "site.2");
    clean(&a, "Pectra raises the maximum balance");
}
