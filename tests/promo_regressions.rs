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

/// A story list of `ARTICLE`'s page: two unrelated headlines and, first, `first` (a related one).
fn stories(first: &str) -> String {
    format!(
        r#"{first}
<div><h4><a href="https://example.org/2025/03/dogecoin-whales-move-900-million-doge">Dogecoin whales move 900 million DOGE overnight</a></h4></div>
<div><h4><a href="https://example.org/2025/03/fed-holds-rates-steady-signals-patience">Fed holds rates steady, signals patience on cuts</a></h4></div>"#
    )
}

/// A box's first card whose headline is an `<h3>` link (us-magazine's "PHOTOS: See Lady Gaga's…")
/// was taken as the box's heading and marked with the box's verdict, though the card is related.
#[test]
fn a_linked_headline_is_its_cards_title_not_the_boxs_heading() {
    let first = r#"<div><h3><a href="https://example.org/2025/03/pectra-upgrade-what-ethereum-validators-must-do">Pectra upgrade: what Ethereum validators must do</a></h3></div>"#;
    let a = html(
        &format!(
            "<article>{ARTICLE}</article><div class=\"link-related\">{}</div>",
            stories(first)
        ),
        "https://example.org/2025/03/pectra-march-date",
    );
    assert!(marked(&a, "Fed holds rates steady"));
    assert!(
        !marked(&a, "Pectra upgrade: what Ethereum validators"),
        "{:#?}",
        promo_marks(&a)
    );
}

/// A widget's tab ("Videos", linking to this article with a query) and a card's one-word rubric
/// ("tribune", linking to the card's story) were marked as recommended cards.
#[test]
fn tabs_and_rubrics_are_never_marked() {
    let tabs = r#"<ul class="quicktabs_tabs"><li><a href="/2025/03/pectra-march-date?quicktabs_2=0">Stories</a></li><li><a href="/2025/03/pectra-march-date?quicktabs_2=1">Videos</a></li></ul>"#;
    let a = html(
        &format!(
            "<article>{ARTICLE}</article><div class=\"related\">{tabs}{}</div>",
            stories(
                r#"<p><a href="/tribune/63757/travailler-partout-teletravail">tribune</a></p>"#
            )
        ),
        "https://example.org/2025/03/pectra-march-date",
    );
    assert!(marked(&a, "Fed holds rates steady"));
    for label in ["Videos", "Stories", "tribune"] {
        assert!(!marked(&a, label), "{label}: {:#?}", promo_marks(&a));
    }
}

/// A list's heading that repeats a label of the site's menu ("Most Read" as a tab of `c-nav` and as
/// the list's `<h2>`; "Techland" as a menu item and a box's heading) was marked as a promo heading.
#[test]
fn a_heading_repeating_a_menu_label_is_not_marked() {
    let menu = r##"<ul class="c-nav"><li><a href="#">Most Read</a></li><li><a href="#">Most Shared</a></li></ul>"##;
    let a = html(
        &format!(
            "<article>{ARTICLE}</article>{menu}<div><h2>Most Read</h2>{}</div>",
            stories(
                r#"<div><h4><a href="https://example.org/2025/03/senate-passes-farm-bill-extension">Senate passes farm bill extension after long night</a></h4></div>"#
            )
        ),
        "https://example.org/2025/03/pectra-march-date",
    );
    assert!(marked(&a, "Fed holds rates steady"));
    assert!(
        promo_marks(&a).iter().all(|m| m.text.trim() != "Most Read"),
        "{:#?}",
        promo_marks(&a)
    );
}

/// Stories in a drop-down of the site's header menu (slate.fr's `#header` `menu_articles`), and a
/// post's WordPress taxonomy links ("International Monetary Fund" in `taxonomies-links`), were
/// marked as recommended cards: both are the site's navigation.
#[test]
fn header_menu_stories_and_taxonomy_links_are_navigation() {
    let header = r#"<div id="header"><div class="menu_articles">
<p><a href="/tribune/63537/synarchie-mythe-complot-permanent">La Synarchie, ce complot permanent qui revient</a></p>
<p><a href="/tribune/63757/travailler-partout-teletravail">On ne peut pas travailler n'importe où</a></p>
<p><a href="/story/62687/tablettes-tabac-avenir-france">Les tablettes: le tabac a-t-il un avenir en France</a></p>
</div></div>"#;
    let taxonomy = r#"<dl class="related-news-module taxonomies-links"><dt>Companies</dt>
<dd><a href="https://example.org/post_company/international-monetary-fund/">International Monetary Fund</a></dd>
<dd><a href="https://example.org/post_company/world-bank-group-lending/">World Bank Group</a></dd></dl>"#;
    let a = html(
        &format!("{header}<article>{ARTICLE}</article>{taxonomy}"),
        "https://example.org/2025/03/pectra-march-date",
    );
    assert!(promo_marks(&a).is_empty(), "{:#?}", promo_marks(&a));
}

/// Where the article's box is not found (latimes-3 of the real set, a "story stack" of numbered
/// items), an empty ad slot's "Advertisement" grew over the item around it and marked its
/// paragraphs, with the reason "Item labelled “1”" (the item's number, not the label).
#[test]
fn an_ad_label_does_not_mark_the_paragraphs_beside_it() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/promo/pages/latimes-3.html"
    );
    let page = std::fs::read_to_string(path).expect("latimes-3 is in the real set");
    let a = Engine::new()
        .expect("rules compile")
        .analyze(&Page::from_snapshot(&chaff::html::snapshot(
            &page,
            "https://www.latimes.com/",
        )));
    assert!(!marked(&a, "Construction for the Los Angeles Coliseum"));
    assert!(
        promo_marks(&a).iter().all(|m| !m.reason.contains("“1”")),
        "{:#?}",
        promo_marks(&a)
    );
}

/// A saved page of the real set (`tests/corpus/promo/pages/<id>.html`), analysed as `chaff scan
/// --url` reads it.
fn real_page(id: &str, url: &str) -> Analysis {
    let path = format!(
        "{}/tests/corpus/promo/pages/{id}.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let page = std::fs::read_to_string(&path).expect("the page is in the real set");
    Engine::new()
        .expect("rules compile")
        .analyze(&Page::from_snapshot(&chaff::html::snapshot(&page, url)))
}

/// Nat Geo wraps every part of the page, the article's part too, in one repeated frame
/// (`div.GeneralContainer`): the frames were read as a list's items, the article was not found, and
/// its 30 story cards were left unjudged (the body was a banner's three words).
#[test]
fn an_article_inside_a_repeated_page_frame_is_found_and_its_cards_judged() {
    let a = real_page("natgeo-1", "https://nationalgeographic.com/");
    for card in [
        "Never-before-seen bird hybrid surprises scientists",
        "Humans are not prepared for a pandemic caused by fungi",
        "Indonesia's giant capital city is sinking. Can it be saved?",
    ] {
        assert!(marked(&a, card), "{card}");
    }
    assert!(!marked(
        &a,
        "The long history of separate toys for girls and boys"
    ));
}

/// "Partner Stories", a link in the Mirror's footer menu, was read as the heading of a paid
/// section that grew over the whole footer: its labels ("Popular Topics", "Secondary Menu Items")
/// and its newsletter link were marked as paid cards.
#[test]
fn a_menu_item_naming_a_promo_section_heads_no_section() {
    let a = real_page("mirror-2", "https://mirror.co.uk/");
    for nav in [
        "Popular Topics",
        "Secondary Menu Items",
        "Newsletter preference centre",
    ] {
        assert!(!marked(&a, nav), "{nav}: {:#?}", promo_marks(&a));
    }
}

/// Times of India's footer glues its links into one block per row ("About usCreate Your Own
/// AdTerms of Use…"): the rows and their unlinked labels ("Living and Entertainment") were marked
/// as recommended cards.
#[test]
fn a_row_of_links_to_no_article_is_navigation() {
    let a = real_page("toi-3", "https://timesofindia.indiatimes.com/");
    for nav in [
        "Create Your Own Ad",
        "Terms of Use and Grievance Redressal Policy",
        "Living and Entertainment",
        "Newspaper Subscription",
    ] {
        assert!(!marked(&a, nav), "{nav}");
    }
}

/// The site's own pitches (house promos: its app, its newsletter) were left unmarked: The Portugal
/// News' "Explore The Portugal News on your mobile app." and its newsletter box were read as page text.
#[test]
fn a_sites_app_and_newsletter_pitches_are_marked() {
    let a = real_page("portugalnews-1", "https://theportugalnews.com/");
    for pitch in [
        "Explore The Portugal News on your mobile app.",
        "Read today's Portuguese stories delivered to your email.",
    ] {
        assert!(marked(&a, pitch), "{pitch}");
    }
}

/// The house-promo rule's newsletter pattern first took any "Sign up for … newsletters": inews-1's
/// menu link "Sign up for newsletters" (navigation) was marked as a pitch.
#[test]
fn a_menu_link_to_the_newsletters_page_is_not_a_pitch() {
    let a = real_page("inews-1", "https://inews.co.uk/");
    assert!(
        !marked(&a, "Sign up for newsletters"),
        "{:#?}",
        promo_marks(&a)
    );
}

/// A headless list of links in the article's body was taken for the site's story list:
/// computerworld-1's own list of recommended AI courses ("HarvardX: CS50’s Introduction to Artificial
/// Intelligence with Python" and more, list items beside its paragraphs, each linking to edx.org) was
/// marked as recommendation cards. Its "Sponsored Links" box stays marked.
#[test]
fn an_articles_own_list_of_outside_links_is_not_a_story_list() {
    let a = real_page(
        "computerworld-1",
        "https://www.computerworld.com/article/4049928/top-ai-certifications-that-will-get-you-hired-and-promoted.html",
    );
    for item in [
        "HarvardX: CS50’s Introduction to Artificial Intelligence with Python",
        "HarvardX: Data Science: Building Machine Learning Models",
        "IBM: AI for Everyone: Master the Basics",
    ] {
        assert!(!marked(&a, item), "{item}: {:#?}", promo_marks(&a));
    }
    assert!(marked(&a, "Sponsored Links"), "{:#?}", promo_marks(&a));
}
