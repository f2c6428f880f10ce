//! One test per unrelated-promotion bug fixed (issue 10), named after what it guards.

use chaff::{Analysis, Category, Engine, Page};

fn html(body: &str, url: &str) -> Analysis {
    let doc =
        format!("<!doctype html><html><head><title>t</title></head><body>{body}</body></html>");
    Engine::new()
        .expect("rules compile")
        .analyze(&Page::from_snapshot(&chaff::html::snapshot(&doc, url)))
}

fn promo_marks(a: &Analysis) -> Vec<&chaff::Mark> {
    a.marks
        .iter()
        .filter(|m| m.category == Category::UnrelatedPromo)
        .collect()
}

fn marked(a: &Analysis, text: &str) -> bool {
    promo_marks(a).iter().any(|m| m.text.contains(text))
}

const ARTICLE: &str = "\
<h1>Ethereum developers set March date for Pectra upgrade</h1>
<p>Ethereum core developers agreed on Thursday to activate the Pectra upgrade on mainnet in March, after two test networks ran the upgrade without problems, the Ethereum Foundation said.</p>
<p>The upgrade raises the staking limit per validator and lets wallets batch transactions, changes that Ethereum developers have discussed for more than a year, and Pectra will ship in client releases.</p>
<p>Tim Beiko, who coordinates the Ethereum developer calls, said client teams would ship final releases two weeks before the Pectra activation on mainnet.</p>";

/// On a page whose lines are plain `<p>` paragraphs, the cards after "You May Also Like" were not
/// found at all, while the same text as a text file had them marked.
#[test]
fn cards_in_plain_paragraphs_after_a_heading_are_found_as_in_a_text_file() {
    let lines = [
        "You May Also Like",
        "Dogecoin whales move 900 million DOGE as memecoin traders eye resistance",
        "Dogecoin whales move 900 million DOGE as memecoin traders eye resistance",
        "Large holders shifted the memecoin between exchanges overnight.",
        "Share",
        "CoinGape2025/12/27 07:59",
    ];
    let body: String = lines.iter().map(|l| format!("<p>{l}</p>\n")).collect();
    let a = html(&format!("{ARTICLE}{body}"), "https://example.org/pectra");
    let text_page = format!(
        "Ethereum developers set March date for Pectra upgrade\n{}\n{}",
        ARTICLE
            .lines()
            .skip(1)
            .map(|l| l.trim_start_matches("<p>").trim_end_matches("</p>"))
            .collect::<Vec<_>>()
            .join("\n"),
        lines.join("\n")
    );
    let t = Engine::new()
        .unwrap()
        .analyze(&Page::from_text(&text_page, ""));
    for line in &lines[1..] {
        assert!(marked(&t, line), "text page: {line}");
        assert!(
            marked(&a, line),
            "paragraphs: {line}\n{:#?}",
            promo_marks(&a)
        );
    }
    assert!(!marked(&a, "Tim Beiko"), "the article stays clean");
}

/// One price widget counted as eight marks in the counts and the badge, but was one entry in the popup.
#[test]
fn a_widget_counts_once_in_the_summary() {
    let page = "\
Putin says US and Russia discussed crypto mining at Zaporizhzhia plant
Russian President Vladimir Putin said the two countries discussed using the plant's power for cryptocurrency mining.
Market Opportunity
Talus Logo
Talus Price(US)
$0.01072
-4.28%
USD
Talus (US) Live Price Chart
";
    let a = Engine::new().unwrap().analyze(&Page::from_text(page, ""));
    let parts = promo_marks(&a).len();
    assert!(parts >= 5, "every part stays drawable: {parts}");
    assert_eq!(a.summary.counts["unrelated-promo"], 1, "{:#?}", a.marks);
}

/// Section links of the site's own navigation were marked as "Recommended card" (about 900 marks on
/// 29 real pages).
#[test]
fn the_sites_navigation_is_never_marked() {
    let nav = r#"<header><nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/politics">Politics</a></li></ul></nav>
<div class="menu-related"><a href="/jackpot">Jackpot Millions</a> <a href="/thought-leadership">Thought Leadership</a></div></header>"#;
    let list = r#"<div class="related-stories"><h2>Related stories</h2><ul>
<li><a href="/2025/03/dogecoin-whales-move-900-million-doge">Dogecoin whales move 900 million DOGE overnight</a></li>
<li><a href="/2025/03/fed-holds-rates-steady-signals-patience">Fed holds rates steady, signals patience on cuts</a></li>
<li><a href="/2025/03/retirees-flock-to-little-known-annuity">Retirees are flocking to this little-known annuity</a></li></ul></div>
<footer><ul><li><a href="/about">About us</a></li><li><a href="/tags/bitcoin">Bitcoin</a></li></ul></footer>"#;
    let a = html(
        &format!("{nav}<article>{ARTICLE}</article>{list}"),
        "https://example.org/2025/03/pectra-march-date",
    );
    for label in [
        "News",
        "Sport",
        "Politics",
        "Jackpot Millions",
        "Thought Leadership",
        "About us",
        "Bitcoin",
    ] {
        assert!(
            !promo_marks(&a).iter().any(|m| m.text == label),
            "navigation marked: {label}"
        );
    }
    assert!(
        marked(&a, "Dogecoin whales move 900 million DOGE overnight"),
        "{:#?}",
        promo_marks(&a)
    );
}

/// A story list without a heading cue (a sidebar of other stories) was not found; found by what it
/// is: several headlines linking to other articles, in a box without article prose.
#[test]
fn a_list_of_other_stories_without_a_heading_is_found() {
    let list = r#"<aside><ul>
<li><a href="https://example.org/2025/03/dogecoin-whales-move-900-million-doge">Dogecoin whales move 900 million DOGE overnight</a><span>2 hours ago</span></li>
<li><a href="https://example.org/2025/03/fed-holds-rates-steady-signals-patience">Fed holds rates steady, signals patience on cuts</a><span>3 hours ago</span></li>
<li><a href="https://example.org/2025/03/ethereum-validators-what-to-do-before-pectra">What Ethereum validators must do before the Pectra upgrade</a></li>
</ul></aside>"#;
    let a = html(
        &format!("<article>{ARTICLE}</article>{list}"),
        "https://example.org/2025/03/pectra-march-date",
    );
    assert!(marked(&a, "Fed holds rates steady"));
    assert!(
        !marked(&a, "What Ethereum validators must do"),
        "the related story stays clean"
    );
    assert!(!marked(&a, "Tim Beiko"));
}

/// A card sharing the article's main names was called unrelated while its reason listed them ("it
/// shares 'miner', 'bitcoin', 'power'").
#[test]
fn a_card_naming_the_articles_subject_is_related_and_reasons_never_list_shared_words() {
    let article = "\
Bitcoin miners pivot to AI as hashprice sits near lows
Publicly listed Bitcoin miners such as Core Scientific and Hut 8 are signing record data-center leases, and Core Scientific said hosting now brings a third of its revenue.
Hut 8 and Core Scientific announced similar deals in November, as power contracts became the scarcest asset a Bitcoin miner owns.
Analysts said Hut 8 could follow Core Scientific into hosting for artificial-intelligence companies.
Related articles
• Riot Platforms expands Texas site as Core Scientific rivals chase power
• Dogecoin whales move 900 million DOGE overnight
";
    let a = Engine::new()
        .unwrap()
        .analyze(&Page::from_text(article, ""));
    assert!(
        !marked(&a, "Riot Platforms"),
        "shares Core Scientific: related"
    );
    let doge = promo_marks(&a)
        .into_iter()
        .find(|m| m.text.contains("Dogecoin"))
        .expect("unrelated card marked");
    assert!(
        doge.reason.contains("names none of the article's subjects"),
        "{}",
        doge.reason
    );
    assert!(!doge.reason.contains("shares only"), "{}", doge.reason);
}

/// File sizes in a table ("71.1 MB (-81%)") were marked as a price widget.
#[test]
fn sizes_with_units_are_not_prices() {
    let body = "<article><h1>Firefox shrinks its installer</h1><p>Mozilla said the new installer is much smaller than the old one on every platform it ships to, after it dropped old libraries.</p>\
<table><tr><td>Windows</td><td>71.1 MB (-81%)</td></tr><tr><td>macOS</td><td>98.4 MB (-12.5%)</td></tr></table></article>";
    let a = html(body, "https://example.org/firefox-installer");
    assert!(promo_marks(&a).is_empty(), "{:#?}", promo_marks(&a));
}

/// A lede beside an "Advertisement" label was marked as a paid placement.
#[test]
fn a_lede_beside_an_ad_label_is_not_the_ad() {
    let body = "<article><h1>Senate passes the budget deal</h1><div><p>Advertisement</p>\
<p>The Senate passed the two-year budget deal late on Thursday, sending it to the president, who has said he will sign it before the deadline at midnight on Friday.</p></div>\
<p>Lawmakers from both parties said the deal was the best they could get before the shutdown deadline, and leaders praised the vote.</p></article>";
    let a = html(body, "https://example.org/budget");
    assert!(!marked(&a, "The Senate passed"), "{:#?}", promo_marks(&a));
}
