//! Article pages through the whole engine (`chaff::html::snapshot` + `Engine`, as the CLI runs them):
//! what the reader sees marked as an unconfirmed attribution, and why. The Zaporizhzhia pair is one
//! article twice, without and with links to its sources, so it shows what a link clears and what it
//! does not.

use chaff::mark::Severity;
use chaff::{Analysis, Category, Engine, Mark};

fn analyze(fixture: &str) -> Analysis {
    let path = format!(
        "{}/tests/fixtures/attribution/{fixture}",
        env!("CARGO_MANIFEST_DIR")
    );
    let html = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let page = chaff::Page::from_snapshot(&chaff::html::snapshot(
        &html,
        "https://cryptodailywire.example/news/a",
    ));
    Engine::new().expect("built-in rules load").analyze(&page)
}

fn attributions(a: &Analysis) -> Vec<&Mark> {
    a.marks
        .iter()
        .filter(|m| m.category == Category::UnconfirmedAttribution)
        .collect()
}

/// The attribution mark whose text contains `needle`.
fn mark<'a>(a: &'a Analysis, needle: &str) -> Option<&'a Mark> {
    attributions(a)
        .into_iter()
        .find(|m| m.text.contains(needle))
}

#[test]
fn without_links_each_attributed_sentence_is_marked_with_its_kind() {
    let a = analyze("zaporizhzhia-unlinked.html");
    let chain = mark(&a, "cited by Kommersant and reposted by KyivPost").expect("chain marked");
    assert_eq!(chain.severity, Some(Severity::High));
    assert_eq!(
        chain.reason,
        "Second-hand claim: it passed through 2 hands (Kommersant, KyivPost) before this page, and none is linked."
    );
    assert!(
        !chain.text.contains("The talks did not include Ukraine"),
        "marks the sentence, not the paragraph: {}",
        chain.text
    );

    // A ticker link in the sentence is not a source.
    let hearsay = mark(&a, "The discussions reportedly focused")
        .expect("hearsay marked despite the ticker link");
    assert_eq!(hearsay.rule, "hearsay.hedge");
    assert!(
        hearsay.reason.contains("“reportedly”"),
        "{}",
        hearsay.reason
    );

    // A tag-page link in the paragraph is not a source either.
    let outlet = mark(&a, "A recent report by The Wall Street Journal")
        .expect("unlinked report marked despite the tag link");
    assert_eq!(outlet.severity, Some(Severity::Low));
    assert!(
        outlet.reason.contains("The Wall Street Journal"),
        "{}",
        outlet.reason
    );

    let vague = mark(&a, "Analysts note that nuclear plants").expect("vague authority marked");
    assert_eq!(vague.severity, Some(Severity::Medium));

    for clean in [
        "The talks did not include Ukraine.",
        "The plant has six reactors.",
        "under Russian control since March 2022",
        "Energy Crisis and Crypto Angle",
    ] {
        assert!(mark(&a, clean).is_none(), "{clean:?} should stay clean");
    }
}

#[test]
fn a_link_in_the_sentence_or_a_related_link_in_the_paragraph_clears_the_mark() {
    let a = analyze("zaporizhzhia-linked.html");
    assert!(
        mark(&a, "cited by Kommersant").is_none(),
        "the KyivPost article is linked in the paragraph"
    );
    assert!(
        mark(&a, "reportedly focused").is_none(),
        "the sentence links Kommersant"
    );
    assert!(
        mark(&a, "The Wall Street Journal").is_none(),
        "“The report” is linked on wsj.com"
    );
    // The control: nothing links the analysts, so their sentence stays marked.
    assert!(mark(&a, "Analysts note that nuclear plants").is_some());
}

#[test]
fn chain_hands_join_the_pages_chain_of_copies_nearest_first() {
    for fixture in ["zaporizhzhia-unlinked.html", "zaporizhzhia-linked.html"] {
        let a = analyze(fixture);
        let names: Vec<&str> = a.summary.chain.iter().map(|h| h.name.as_str()).collect();
        let kyiv = names
            .iter()
            .position(|n| *n == "KyivPost")
            .unwrap_or_else(|| panic!("{fixture}: {names:?}"));
        let kommersant = names
            .iter()
            .position(|n| *n == "Kommersant")
            .unwrap_or_else(|| panic!("{fixture}: {names:?}"));
        assert!(kyiv < kommersant, "{fixture}: nearest first: {names:?}");
        assert_eq!(a.summary.chain[kyiv].evidence, "reposted by");
    }
    let linked = analyze("zaporizhzhia-linked.html");
    let kyiv = linked
        .summary
        .chain
        .iter()
        .find(|h| h.name == "KyivPost")
        .expect("KyivPost in chain");
    assert_eq!(
        kyiv.url.as_deref(),
        Some("https://www.kyivpost.com/post/40000")
    );
}

#[test]
fn wire_copy_marks_quotes_and_hearsay_but_not_venues_own_reporting_or_questions() {
    let a = analyze("wire-quotes.html");
    let quote = mark(&a, "said Tim Beiko").expect("named quote marked");
    assert!(
        quote
            .text
            .starts_with("“This is the most important upgrade since the merge. It changes"),
        "the quote stays with its attribution: {}",
        quote.text
    );
    assert_eq!(quote.severity, Some(Severity::Low));
    assert!(quote.reason.contains("Tim Beiko"), "{}", quote.reason);

    assert!(
        mark(&a, "allegedly delayed").is_some(),
        "a list item is prose"
    );
    let unconfirmed =
        mark(&a, "has not confirmed the final block height").expect("self-declared unconfirmed");
    assert_eq!(unconfirmed.rule, "unconfirmed.said-so");

    for clean in [
        "Our reporters reviewed",
        "said at a press conference",
        "What do analysts expect",
        "Fees on rollups could fall",
        "Reporting by Jane Doe",
    ] {
        assert!(mark(&a, clean).is_none(), "{clean:?} should stay clean");
    }
}
