//! Site rules: the parser's verdict on each kind of line, selector matching on real markup, domain
//! matching, exceptions, and Chaff's own list.

use chaff::sites::SiteRules;
use chaff::{Engine, Page};

const PAGE: &str = r#"<!DOCTYPE html><html><head><title>t</title></head><body>
<main><article class="post"><h1>Headline about the plant</h1>
<p>Body text of the article, long enough to be prose about the plant and its power.</p>
<div class="promo-box" data-slot="mid-article"><span>Sponsored</span><a href="/x">Buy the dip with Acme</a></div>
</article>
<aside id="rail"><div class="widget hot"><h3>Hot now</h3><ul><li class="item">First hot item</li><li class="item">Second hot item</li></ul></div></aside>
</main></body></html>"#;

fn page(url: &str) -> Page {
    Page::from_snapshot(&chaff::html::snapshot(PAGE, url))
}

/// Texts of the blocks the rules hide on `url`.
fn hidden(rules: &str, url: &str) -> Vec<String> {
    let (rules, errors) = SiteRules::parse(rules);
    assert!(errors.is_empty(), "{errors:?}");
    let page = page(url);
    let spans = page.block_spans();
    rules
        .hidden(&page, &spans)
        .into_iter()
        .flat_map(|(el, _)| {
            page.blocks[spans[el].clone()]
                .iter()
                .map(|b| b.text.clone())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn each_kind_of_bad_line_is_reported_with_its_number_and_the_rest_still_loads() {
    let list = "! comment\n\n||ads.example.com^\nexample.com##.ok\nexample.com##div:hover\n##.a + .b\nexample..com##.x\n##[data-x=\"unclosed]\n##div:has-text(/[/)\nexample.com##+js(nowebrtc)\n##.also-ok\n";
    let (rules, errors) = SiteRules::parse(list);
    assert_eq!(rules.len(), 2, "{errors:#?}");
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 5, 6, 7, 8, 9, 10]);
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        messages[0].starts_with("line 3: network filters (lines without `##`) are not supported"),
        "{}",
        messages[0]
    );
    assert!(
        messages[1].contains("the pseudo-class `:hover` is not supported"),
        "{}",
        messages[1]
    );
    assert!(
        messages[2].contains("the sibling combinator `+` is not supported"),
        "{}",
        messages[2]
    );
    assert!(
        messages[3].contains("`example..com` is not a domain"),
        "{}",
        messages[3]
    );
    assert!(
        messages[4].contains("ends inside a quoted string"),
        "{}",
        messages[4]
    );
    assert!(
        messages[5].contains("regex does not compile"),
        "{}",
        messages[5]
    );
    assert!(messages[6].contains("scriptlet"), "{}", messages[6]);
}

#[test]
fn selectors_match_tags_classes_ids_attributes_and_combinators() {
    let url = "https://news.example.com/a";
    assert_eq!(
        hidden("##.promo-box", url),
        ["SponsoredBuy the dip with Acme"]
    );
    assert_eq!(
        hidden("##div[data-slot^=mid]", url),
        ["SponsoredBuy the dip with Acme"]
    );
    assert_eq!(
        hidden("##[data-slot$=\"article\"]", url),
        ["SponsoredBuy the dip with Acme"]
    );
    assert_eq!(
        hidden("##[class*=promo]", url),
        ["SponsoredBuy the dip with Acme"]
    );
    assert_eq!(
        hidden("##aside#rail > .widget li.item", url),
        ["First hot item", "Second hot item"]
    );
    assert_eq!(hidden("##article > li", url), Vec::<String>::new());
    assert_eq!(
        hidden("##li.item:not(:has-text(Second))", url),
        ["First hot item"]
    );
    assert_eq!(
        hidden("##.widget:has-text(/^hot now/i), .nothing", url),
        ["Hot now", "First hot item", "Second hot item"]
    );
    assert_eq!(
        hidden("##.widget:has-text(hot now)", url),
        Vec::<String>::new(),
        "plain :has-text is case-sensitive"
    );
}

#[test]
fn domains_match_subdomains_lists_and_negations() {
    assert_eq!(
        hidden("example.com##.promo-box", "https://news.example.com/a").len(),
        1
    );
    assert_eq!(
        hidden("example.com##.promo-box", "https://notexample.com/a").len(),
        0
    );
    assert_eq!(
        hidden("a.org,example.com##.promo-box", "https://example.com/").len(),
        1
    );
    assert_eq!(
        hidden(
            "example.com,~news.example.com##.promo-box",
            "https://news.example.com/a"
        )
        .len(),
        0
    );
    assert_eq!(
        hidden("~example.com##.promo-box", "https://other.org/").len(),
        1
    );
    assert_eq!(
        hidden("example.com##.promo-box", "").len(),
        0,
        "a page without an address gets generic rules only"
    );
}

#[test]
fn an_exception_cancels_the_same_selector_where_it_applies() {
    let rules = "##.promo-box\nnews.example.com#@#.promo-box\n";
    assert_eq!(hidden(rules, "https://news.example.com/a").len(), 0);
    assert_eq!(hidden(rules, "https://other.example.com/a").len(), 1);
}

#[test]
fn the_engine_marks_a_readers_rule_and_reports_bad_lines() {
    let mut engine = Engine::new().expect("built-in rules compile");
    let errors = engine.add_site_rules("||tracker.example^\nnews.example.com##.promo-box\n");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 1);
    let a = engine.analyze(&page("https://news.example.com/a"));
    let m = a
        .marks
        .iter()
        .find(|m| m.text.contains("Buy the dip"))
        .expect("rule marks its element");
    assert_eq!(
        m.reason,
        "Matched your site rule `news.example.com##.promo-box` (line 2)."
    );
    assert!(
        !a.marks
            .iter()
            .any(|m| m.text.contains("Body text of the article"))
    );
}

#[test]
fn every_line_of_chaffs_list_parses_and_says_what_it_hides() {
    let text = include_str!("../rules/sites.txt");
    let (rules, errors) = SiteRules::parse(text);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(rules.len() >= 10);
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if !line.is_empty() && !line.starts_with('!') {
            assert!(
                i > 0 && lines[i - 1].starts_with("! "),
                "line {}: `{line}` needs a `!` comment above it saying what it hides",
                i + 1
            );
        }
    }
}
