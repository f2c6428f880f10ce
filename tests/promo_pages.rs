//! Unrelated promotion on realistic pages, through the engine, asserting what a reader sees: which
//! text is marked, with which reason, and which stays clean.
//!
//! Each fixture in `tests/fixtures/promo/` is a full document built like one widget family:
//! - `taboola_feed.html`: a Taboola "Sponsored Stories" feed (classed container, glued brand lines);
//! - `outbrain_around_the_web.html`: an Outbrain "Around the Web" widget (Chaff's site list);
//! - `jetpack_related_posts.html`: WordPress Jetpack related posts inside the entry content, one related;
//! - `yahoo_recommended_stories.html`: a Yahoo "Recommended Stories" stream with an ad and a quote bar;
//! - `ticker_strip.html`: a price ticker strip and a "Top Gainers" box on a Bitcoin article;
//! - `binance_square_cards.html`: Binance-Square-style "You may also like" cards, one related;
//! - `mexc_text_cards.html`: MEXC/BitcoinEthereumNews text cards joined by `<br>`, and a price widget
//!   for the article's own coin;
//! - `inline_links_and_cta.html`: "Read more:" links of both kinds and a Telegram signals call.

use chaff::{Analysis, Category, Engine, Mark, Page};

fn analyze(file: &str, url: &str) -> Analysis {
    let path = format!("{}/tests/fixtures/promo/{file}", env!("CARGO_MANIFEST_DIR"));
    let html = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let page = Page::from_snapshot(&chaff::html::snapshot(&html, url));
    Engine::new()
        .expect("built-in rules compile")
        .analyze(&page)
}

/// The promo mark covering `text`, if any.
fn promo<'a>(a: &'a Analysis, text: &str) -> Option<&'a Mark> {
    a.marks
        .iter()
        .find(|m| m.category == Category::UnrelatedPromo && m.text.contains(text))
}

#[track_caller]
fn marked<'a>(a: &'a Analysis, text: &str) -> &'a Mark {
    promo(a, text).unwrap_or_else(|| {
        panic!(
            "not marked as promo: {text}\nmarks: {:#?}",
            a.marks
                .iter()
                .map(|m| (&m.rule, &m.text))
                .collect::<Vec<_>>()
        )
    })
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
fn taboola_feed_cards_are_marked_as_paid_with_their_heading() {
    let a = analyze(
        "taboola_feed.html",
        "https://blockwire.example/news/ethereum-pectra-march-date",
    );
    let card = marked(
        &a,
        "Doctors Stunned: This Simple Morning Trick Melts Belly Fat",
    );
    assert_eq!(card.rule, "promo.sponsored");
    assert!(
        card.reason
            .contains("“Doctors Stunned: This Simple Morning Trick Melts Belly Fat”"),
        "{}",
        card.reason
    );
    marked(&a, "Seniors Born Before 1965");
    assert_eq!(
        marked(&a, "Sponsored Stories").rule,
        "promo.sponsored-heading"
    );
    clean(&a, "Pectra raises the maximum balance of a validator");
    clean(&a, "Ethereum developers set March date for Pectra upgrade");
}

#[test]
fn outbrain_widget_is_marked_by_chaffs_site_list() {
    let a = analyze(
        "outbrain_around_the_web.html",
        "https://www.metrobusiness.example/tech/apple-earnings-iphone-china",
    );
    let m = marked(&a, "This Is the Highest-Paying Savings Account Right Now");
    assert_eq!(m.reason, "Matched Chaff's site list rule `##.OUTBRAIN`.");
    marked(&a, "Around the Web");
    clean(&a, "Services revenue, which includes the App Store");
    clean(&a, "Markets news before the open, every weekday.");
}

#[test]
fn jetpack_related_posts_keep_the_related_one_and_the_heading() {
    let a = analyze(
        "jetpack_related_posts.html",
        "https://coinledger.example/2025/03/strategy-buys-bitcoin/",
    );
    clean(
        &a,
        "MSTR premium shrinks as Strategy's bitcoin buying slows",
    );
    let m = marked(&a, "Shiba Inu burn rate soars 900% overnight");
    assert_eq!(m.rule, "promo.recommendations");
    assert_eq!(
        m.reason,
        "Recommended card unrelated to this article: it names none of the article's subjects (“Strategy”, “Saylor”) (“Shiba Inu burn rate soars 900% overnight”)."
    );
    // The card's date and category go with it, as one group.
    let date = marked(&a, "February 28, 2025");
    assert_eq!(date.group, m.group);
    marked(&a, "BitGo expands its presence in Europe");
    clean(&a, "Related");
    clean(&a, "Strategy has bought bitcoin in most weeks this year.");
}

#[test]
fn yahoo_recommended_stories_are_judged_one_by_one() {
    let a = analyze(
        "yahoo_recommended_stories.html",
        "https://finance.yahoo.com/news/first-us-spot-solana-etfs-start-trading-140512345.html",
    );
    clean(&a, "Grayscale's Solana Trust converts to an ETF");
    let m = marked(&a, "Fed holds rates steady, signals patience on cuts");
    assert!(
        m.reason
            .contains("(“Fed holds rates steady, signals patience on cuts”)"),
        "{}",
        m.reason
    );
    marked(&a, "Retirees are flocking to this little-known annuity");
    let ad = marked(&a, "Homeowners in your area are replacing their roofs");
    assert_eq!(
        ad.reason,
        "Matched Chaff's site list rule `yahoo.com##li.js-stream-ad`."
    );
    marked(&a, "Dow 30 44,910.65 +0.13%");
    clean(&a, "Recommended Stories");
    clean(&a, "Bitwise's Solana Staking ETF drew $56 million");
}

#[test]
fn ticker_strip_marks_only_coins_the_article_does_not_discuss() {
    let a = analyze(
        "ticker_strip.html",
        "https://chainstreet.example/markets/bitcoin-tops-87000-etf-inflows",
    );
    clean(&a, "BTC $87,120.55 +1.21%");
    let eth = marked(&a, "ETH $2,950.10 -0.85%");
    assert_eq!(eth.rule, "promo.price-widget");
    assert_eq!(
        eth.reason,
        "Price widget for ETH, which the article never mentions."
    );
    marked(&a, "PEPE $0.0000071 +9.80%");
    assert_eq!(
        marked(&a, "Bonk BONK").reason,
        "Price widget for Bonk, which the article never mentions."
    );
    marked(&a, "Top Gainers");
    clean(&a, "Bitcoin climbed above $87,000 on Monday");
}

#[test]
fn binance_square_cards_keep_the_related_post() {
    let a = analyze(
        "binance_square_cards.html",
        "https://www.binance.com/en/square/post/18800123",
    );
    clean(
        &a,
        "Ripple's RLUSD stablecoin passes $1 billion on the XRP Ledger",
    );
    let m = marked(&a, "This presale coin could 100x before January");
    assert!(
        m.reason
            .contains("(“This presale coin could 100x before January"),
        "{}",
        m.reason
    );
    marked(
        &a,
        "Dogecoin forms a bull flag as Elon Musk teases X payments",
    );
    clean(&a, "You may also like");
    clean(&a, "Validators on the XRP Ledger approved an amendment");
}

#[test]
fn mexc_text_cards_and_the_articles_own_price_widget() {
    let a = analyze(
        "mexc_text_cards.html",
        "https://www.mexc.com/news/talus-token-surges",
    );
    for own in [
        "Market Opportunity",
        "Talus Price(US)",
        "$0.01072",
        "Talus (US) Live Price Chart",
    ] {
        clean(&a, own);
    }
    clean(
        &a,
        "Sui network activity hits record as Talus and other AI-agent apps launch",
    );
    let m = marked(
        &a,
        "Hoskinson Says XRP and Cardano Projects Lead Tokenization Race",
    );
    marked(&a, "LiveBitcoinNews2025/12/27 07:59");
    assert_eq!(
        marked(&a, "Cardano founder Charles Hoskinson says").group,
        m.group
    );
    marked(&a, "PANews2025/12/27 08:15");
    clean(&a, "You May Also Like");
    clean(&a, "Talus builds tools for on-chain AI agents");
    // The cards are claimed: a card's copied feed footer is not read as this page's repost residue.
    assert!(!a.marks.iter().any(|m| m.category == Category::RepostNoise && m.text.contains("Sui network activity")), "{:#?}", a.marks);
}

#[test]
fn inline_read_more_links_of_both_kinds_and_a_signals_call() {
    let a = analyze(
        "inline_links_and_cta.html",
        "https://cryptofrontline.example/putin-zaporizhzhia-mining",
    );
    clean(
        &a,
        "Ukraine rejects any Zaporizhzhia nuclear plant deal made without Kyiv",
    );
    let m = marked(
        &a,
        "Dogecoin forms a bull flag as memecoin traders eye $0.30",
    );
    assert_eq!(m.rule, "promo.inline");
    let cta = marked(
        &a,
        "Join our Telegram channel for free daily crypto signals",
    );
    assert_eq!(cta.reason, "Call to join a Telegram channel for signals.");
    clean(&a, "The plant, Europe's largest nuclear power station");
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
