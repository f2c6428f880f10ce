//! One test per bug fixed, named after the bug.

use chaff::{Category, Engine, Page};

/// Cards were judged against an article term table that still held the page's own residue, so a
/// reason could say a card "shares only “bitcoinethereumnewscom”, “post”" with the article.
#[test]
fn card_reasons_never_name_the_pages_syndication_residue() {
    let page = "\
The post Miners Pivot to AI appeared on BitcoinEthereumNews.com. Miners are signing leases.The post Miners Pivot to AI appeared on BitcoinEthereumNews.com. Miners are signing leases.
Miners Pivot to AI
Publicly listed bitcoin miners are signing record data-center leases as hashprice sits near all-time lows, and several operators now host graphics processors for artificial-intelligence companies.
Core Scientific said hosting revenue is a third of sales, and Hut 8 and IREN announced similar deals in November as power contracts became the scarcest asset a miner owns.
You May Also Like
Dogecoin Slips as Meme Traders Rotate
Dogecoin Slips as Meme Traders Rotate
The post Dogecoin Slips as Meme Traders Rotate appeared on BitcoinEthereumNews.com. Dogecoin edged down to $0.123 while Shiba Inu slipped.
Share
BitcoinEthereumNews2025/12/27 23:44
";
    let analysis = Engine::new().unwrap().analyze(&Page::from_text(page, ""));
    let cards: Vec<_> = analysis
        .marks
        .iter()
        .filter(|m| m.category == Category::UnrelatedPromo && m.rule == "promo.recommendations")
        .collect();
    assert!(
        !cards.is_empty(),
        "the Dogecoin card is unrelated and marked"
    );
    for m in cards {
        let reason = m.reason.to_lowercase();
        assert!(
            !reason.contains("bitcoinethereumnews") && !reason.contains("“post”"),
            "{}",
            m.reason
        );
    }
}

mod robustness {
    //! Hostile and oversized pages (issue 13): each test is named for the failure it guards against.
    //! Sizes are the ones the issue measured; times are measured by the README's figures, not here.

    use chaff::page::snapshot::{Item, OpenTag, Snapshot};
    use chaff::page::utf16;
    use chaff::sites::SiteRules;
    use chaff::{Engine, Page};

    fn html_page(html: &str) -> Page {
        Page::from_snapshot(&chaff::html::snapshot(html, "https://agg.test/a"))
    }

    fn texts(page: &Page) -> Vec<&str> {
        page.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    /// Every link range lies inside its block's text on char boundaries, in order.
    fn assert_links_sane(page: &Page) {
        for b in &page.blocks {
            let mut last = 0;
            for l in &b.links {
                assert!(
                    l.range.start < l.range.end && l.range.end <= b.text.len(),
                    "{:?} in {:?}",
                    l.range,
                    b.text
                );
                assert!(
                    b.text.is_char_boundary(l.range.start) && b.text.is_char_boundary(l.range.end)
                );
                assert!(l.range.start >= last, "links out of order in {:?}", b.text);
                last = l.range.start;
            }
            let _ = b.link_density();
        }
    }

    /// `<div>Related: <a href="/x"><div></div>Bitcoin – ETF news today</a></div>` panicked with "start
    /// byte index 9 is not a char boundary" in `Block::link_density`: the link's start, taken in the
    /// block where `<a>` opens, was applied to the block where it ends.
    #[test]
    fn a_block_inside_a_link_splits_the_link_instead_of_panicking() {
        let page = html_page(
            r#"<div>Related: <a href="/x"><div></div>Bitcoin – ETF news today</a></div>"#,
        );
        assert_eq!(texts(&page), ["Related:", "Bitcoin – ETF news today"]);
        assert_links_sane(&page);
        assert!(
            page.blocks[0].links.is_empty(),
            "no linked text in the first block"
        );
        let second = &page.blocks[1];
        assert_eq!(second.links.len(), 1);
        assert_eq!(
            &second.text[second.links[0].range.clone()],
            "Bitcoin – ETF news today"
        );
        assert_eq!(second.link_density(), 1.0);
        Engine::new().unwrap().analyze(&page);
    }

    /// A link whose text runs through several blocks is linked in each of them.
    #[test]
    fn a_link_across_blocks_is_linked_in_every_block_it_covers() {
        let page = html_page(r#"<p>See <a href="/y">the full <div>story</div> here</a> now</p>"#);
        assert_eq!(texts(&page), ["See the full", "story", "here now"]);
        assert_links_sane(&page);
        let linked: Vec<&str> = page
            .blocks
            .iter()
            .flat_map(|b| b.links.iter().map(move |l| &b.text[l.range.clone()]))
            .collect();
        assert_eq!(linked, ["the full", "story", "here"]);
        assert!(
            page.blocks
                .iter()
                .flat_map(|b| &b.links)
                .all(|l| l.href == "/y")
        );
    }

    fn deep_html(depth: usize) -> String {
        let mut html = String::from("<!doctype html><html><body>");
        for i in 0..depth {
            html.push_str(&format!("<div>level{i} "));
        }
        html.push_str("<p>Bitcoin rose, sources say.</p>");
        html.push_str(&"</div>".repeat(depth));
        html.push_str("</body></html>");
        html
    }

    /// 25,000 levels aborted the CLI with a stack overflow, text below depth 400 was dropped in the
    /// browser, and 100,000 levels took 38 s: every level's text is read, and the page says its
    /// structure was flattened. (100,000 levels are measured in the README; the debug build the
    /// tests run in analyses 30,000, past the old overflow, in reasonable time.)
    #[test]
    fn nesting_30000_deep_keeps_every_word_and_says_so() {
        let depth = 30_000;
        let page = html_page(&deep_html(depth));
        let all: String = texts(&page).join(" ");
        assert_eq!(
            all.matches("level").count(),
            depth,
            "every level's text is read"
        );
        assert!(all.contains("level29999"));
        assert!(all.contains("Bitcoin rose, sources say."));
        assert!(
            page.notices.iter().any(|n| n.id == "deep-nesting"),
            "{:?}",
            page.notices
        );
        let analysis = Engine::new().unwrap().analyze(&page);
        assert!(
            analysis
                .summary
                .notices
                .iter()
                .any(|n| n.id == "deep-nesting"),
            "the popup gets the notice"
        );
    }

    /// The same depth sent by a content script as a flat snapshot (no HTML parser involved).
    #[test]
    fn a_flat_snapshot_100000_deep_builds_without_recursion() {
        let depth = 100_000;
        let mut nodes = Vec::new();
        for i in 0..depth {
            nodes.push(Item::Open(OpenTag {
                tag: if i % 2 == 0 {
                    "div".into()
                } else {
                    "span".into()
                },
                attrs: vec![],
                display: None,
            }));
            nodes.push(Item::Text(format!("w{i} ")));
        }
        nodes.push(Item::Close(depth as u32));
        let json = serde_json::to_string(&Snapshot {
            nodes,
            ..Snapshot::default()
        })
        .unwrap();
        let snap: Snapshot = serde_json::from_str(&json).unwrap();
        let page = Page::from_snapshot(&snap);
        let words: usize = page
            .blocks
            .iter()
            .map(|b| b.text.split(' ').filter(|w| w.starts_with('w')).count())
            .sum();
        assert_eq!(words, depth);
        assert!(page.elements.len() <= chaff::page::MAX_ELEMENT_DEPTH + 1);
        assert!(page.notices.iter().any(|n| n.id == "deep-nesting"));
        // The last word's DOM point is its own text node.
        let last = page.blocks.last().unwrap();
        let at = last.text.rfind("w99999").unwrap();
        assert_eq!(
            last.dom_point(at, false).map(|p| p.node),
            Some(depth as u32 - 1)
        );
    }

    /// The tree form recurses to decode, so it is refused past its documented depth with a message
    /// that names the flat form, instead of overflowing the stack (which in wasm corrupts memory).
    #[test]
    fn a_snapshot_tree_deeper_than_the_limit_is_refused_with_a_clear_error() {
        use chaff::page::snapshot::{MAX_TREE_DEPTH, TOO_DEEP};
        let mut value = serde_json::json!("bottom");
        for _ in 0..MAX_TREE_DEPTH + 1 {
            value = serde_json::json!({ "tag": "div", "children": [value] });
        }
        let too_deep = serde_json::json!({ "root": value });
        let err = <Snapshot as serde::Deserialize>::deserialize(&too_deep).unwrap_err();
        assert!(err.to_string().contains(TOO_DEEP), "{err}");
        let mut value = serde_json::json!("bottom");
        for _ in 0..MAX_TREE_DEPTH - 1 {
            value = serde_json::json!({ "tag": "div", "children": [value] });
        }
        let fits: Snapshot =
            <Snapshot as serde::Deserialize>::deserialize(&serde_json::json!({ "root": value }))
                .unwrap();
        assert_eq!(texts(&Page::from_snapshot(&fits)), ["bottom"]);
    }

    /// `##:not(:not(…))` nested 5,000 deep overflowed the stack (and left the wasm engine borrowed);
    /// the CLI aborted at 10,000. Such a line is refused with a reason; the other lines still load.
    #[test]
    fn a_site_rule_with_not_nested_5000_or_10000_deep_is_refused_not_overflowed() {
        for depth in [5_000, 10_000] {
            let line = format!("##{}div{}", ":not(".repeat(depth), ")".repeat(depth));
            let (rules, errors) = SiteRules::parse(&format!("##.ad\n{line}\n"));
            assert_eq!(rules.len(), 1, "the good line loads");
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].line, 2);
            assert!(
                errors[0].message.contains("nested deeper than 16"),
                "{}",
                errors[0].message
            );
        }
        let mut engine = Engine::new().unwrap();
        assert_eq!(
            engine
                .add_site_rules(&format!(
                    "##{}p{}",
                    ":not(".repeat(5_000),
                    ")".repeat(5_000)
                ))
                .len(),
            1
        );
        let page = html_page(include_str!("fixtures/repost/bitcoinethereumnews.html"));
        let fresh = Engine::new().unwrap().analyze(&page);
        assert!(!fresh.marks.is_empty());
        assert_eq!(engine.analyze(&page), fresh, "the engine still works");
    }

    /// A selector chaining tens of thousands of compounds recursed once per compound in matching.
    #[test]
    fn a_site_rule_chaining_thousands_of_compounds_is_refused() {
        let (_, errors) = SiteRules::parse(&format!("##{}", vec!["div"; 20_000].join(" > ")));
        assert!(
            errors[0].message.contains("more than 32 compounds"),
            "{}",
            errors[0].message
        );
        let (rules, errors) = SiteRules::parse(&format!("##{}", vec!["div"; 32].join(" ")));
        assert!(errors.is_empty() && rules.len() == 1);
    }

    /// A descendant selector that cannot match on a deep page stops at the first failed climb
    /// instead of trying every placement of its compounds (exponential in the compounds).
    #[test]
    fn a_failing_descendant_chain_on_a_deep_page_gives_up_early() {
        let rule = format!("##span {}", vec!["div"; 31].join(" "));
        let mut engine = Engine::new().unwrap();
        assert!(engine.add_site_rules(&rule).is_empty());
        let page = html_page(&deep_html(600));
        let analysis = engine.analyze(&page);
        assert!(
            analysis.marks.iter().all(|m| !m.rule.starts_with("site.")),
            "no span: nothing hidden"
        );
    }

    /// UTF-16 offsets were computed by rescanning the block from its start for each mark: a 2 MB
    /// text node took 15 s in the CLI and two minutes in the background. The offsets, now found in
    /// one pass, must still be exact, astral characters included.
    #[test]
    fn marks_in_one_long_text_node_have_exact_offsets() {
        // 300 KB here (the debug build is slow in the detectors); the README measures 2 MB.
        let text: String = (0..1_800)
            .map(|i| format!("Reportedly the 😀 price of token number {i} rose {} percent, according to people familiar with the matter. Analysts at firm {i} expect more. ", i % 7))
            .collect();
        let page = html_page(&format!("<!doctype html><body><p>{text}</p></body>"));
        assert_eq!(page.blocks.len(), 1);
        let block = &page.blocks[0];
        let analysis = Engine::new().unwrap().analyze(&page);
        assert!(analysis.marks.len() > 500, "{} marks", analysis.marks.len());
        // Check a spread of marks against the one-at-a-time conversion.
        for m in analysis.marks.iter().step_by(analysis.marks.len() / 50) {
            let mut units = 0;
            let start = block
                .text
                .char_indices()
                .find(|(_, c)| {
                    units += c.len_utf16();
                    units > m.start
                })
                .map(|(i, _)| i)
                .unwrap();
            assert_eq!(utf16::offset(&block.text, start), m.start);
            assert_eq!(&block.text[start..start + m.text.len()], m.text);
            let (a, b) = m.anchor.unwrap();
            assert_eq!((a.node, a.offset as usize), (0, m.start));
            assert_eq!((b.node, b.offset as usize), (0, m.end));
        }
    }

    /// One element with 100,000 attributes cost 7 s in the HTML parser (its duplicate check is
    /// quadratic): attributes past the cap are not read, the text is, and the page says so.
    #[test]
    fn an_element_with_100000_attributes_keeps_its_text_and_says_so() {
        let attrs: String = (0..100_000).map(|i| format!(" data-a{i}=\"v\"")).collect();
        let page = html_page(&format!(
            "<!doctype html><body><div class=\"lead\"{attrs}>Bitcoin rose, sources say.</div></body>"
        ));
        assert_eq!(texts(&page), ["Bitcoin rose, sources say."]);
        assert!(
            page.elements.iter().any(|e| e.classes == ["lead"]),
            "the first attributes are kept"
        );
        assert!(
            page.notices.iter().any(|n| n.id == "many-attributes"),
            "{:?}",
            page.notices
        );
    }

    /// 100,000 spans in one paragraph (a page the issue measured at 5.6 s to its marks in the
    /// browser) make one block with every word, located exactly.
    #[test]
    fn a_paragraph_of_100000_spans_is_one_block_with_every_word() {
        let spans: String = (0..100_000)
            .map(|i| format!("<span>w{i} </span>"))
            .collect();
        let page = html_page(&format!("<!doctype html><body><p>{spans}</p></body>"));
        assert_eq!(page.blocks.len(), 1);
        let block = &page.blocks[0];
        assert_eq!(block.text.split(' ').count(), 100_000);
        let at = block.text.find("w99999").unwrap();
        assert_eq!(
            block.dom_point(at, false).map(|p| (p.node, p.offset)),
            Some((99_999, 0))
        );
    }
}

/// Issue 8: repost residue and the origin's order of evidence.
mod repost_issue8 {
    use chaff::{Category, Engine, Page};

    fn html(html: &str, url: &str) -> Page {
        Page::from_snapshot(&chaff::html::snapshot(html, url))
    }

    fn origin(page: &Page) -> String {
        Engine::new()
            .unwrap()
            .analyze(page)
            .summary
            .origin
            .map(|o| o.name)
            .unwrap_or_default()
    }

    fn repost_marks(page: &Page) -> Vec<chaff::Mark> {
        Engine::new()
            .unwrap()
            .analyze(page)
            .marks
            .into_iter()
            .filter(|m| m.category == Category::RepostNoise)
            .collect()
    }

    const BODY: &str = "<article><h1>Fed holds rates</h1><p>The Federal Reserve held its benchmark rate steady on Wednesday, \
        and officials signalled that two cuts remain likely before the end of the year as inflation cools.</p></article>";

    /// `og:site_name="U.S."` (a Reuters section) beat the JSON-LD publisher "Reuters" as the origin.
    #[test]
    fn og_site_name_never_beats_the_json_ld_publisher() {
        let page = html(
            &format!(
                "<html><head><meta property=\"og:site_name\" content=\"U.S.\">\
                 <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"publisher\":{{\"@type\":\"Organization\",\"name\":\"Reuters\"}}}}</script>\
                 </head><body>{BODY}</body></html>"
            ),
            "https://www.reuters.com/markets/us/fed-holds-2026-01-28/",
        );
        assert_eq!(origin(&page), "Reuters");
    }

    /// The order of evidence: a JSON-LD publisher other than this site (on a page whose og:site_name
    /// is its own) comes before a canonical URL on another domain, which comes before og:site_name.
    #[test]
    fn a_foreign_json_ld_publisher_comes_before_a_canonical_which_comes_before_og_site_name() {
        let head = |ld: &str| {
            format!(
                "<html><head><meta property=\"og:site_name\" content=\"MSN\">\
                 <link rel=\"canonical\" href=\"https://www.mirror.co.uk/news/fed-holds-123\">{ld}\
                 </head><body>{BODY}</body></html>"
            )
        };
        let url = "https://www.msn.com/en-gb/money/fed-holds/ar-AA1";
        let with_publisher = head(
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"publisher\":{\"name\":\"Daily Mail\"}}</script>",
        );
        assert_eq!(origin(&html(&with_publisher, url)), "Daily Mail");
        let canonical_only = head("");
        assert_eq!(origin(&html(&canonical_only, url)), "mirror.co.uk");
    }

    /// A footer's publisher kept its quotation marks and full stop ("“CryptoPotato”.").
    #[test]
    fn a_footers_publisher_is_named_without_its_quotes_or_full_stop() {
        let text = "Solana DEX volume tops Ethereum\n\
            Solana's decentralised exchanges handled more volume than Ethereum's for a third month, data from DefiLlama shows.\n\
            This post appeared first on “CryptoPotato”.";
        assert_eq!(origin(&Page::from_text(text, "")), "CryptoPotato");
    }

    /// MSN's provider logo ("MailOnline logo") under "© Provided by Daily Mail" was left unmarked.
    #[test]
    fn a_providers_logo_line_is_marked_with_its_provider_line() {
        let text = "© Provided by Daily Mail\nMailOnline logo\n\
            The couple were pictured leaving the restaurant in London on Friday night after a dinner with friends.";
        let page = Page::from_text(text, "");
        let marks = repost_marks(&page);
        assert!(
            marks.iter().any(|m| m.text == "MailOnline logo"),
            "{marks:?}"
        );
        assert_eq!(origin(&page), "Daily Mail");
        // A site's own logo at the top of a page is no provider's.
        let own = Page::from_text(
            "CoinDesk logo\nBitcoin rallied on Tuesday as ETF inflows rose to a record.",
            "",
        );
        assert!(repost_marks(&own).is_empty());
    }

    /// A wire credit right after a closing quotation mark was read as a quoted footer and skipped.
    #[test]
    fn a_credit_after_a_closing_quotation_is_still_residue() {
        let text = "Der Minister sagte: \"Ein paar Kilometer Autobahn kosten Milliarden.\" (mit Material von dpa)";
        let marks = repost_marks(&Page::from_text(text, ""));
        assert!(
            marks
                .iter()
                .any(|m| m.text.contains("(mit Material von dpa)")),
            "{marks:?}"
        );
        // A quoted footer is still the article talking about one.
        let quoted =
            "The regulator quoted the line \"The post X appeared first on Y.\" in its filing.";
        assert!(repost_marks(&Page::from_text(quoted, "")).is_empty());
    }

    /// "Source: X" closing a longer line (a byline and dateline) went unmarked; only a wire's name
    /// counts there, so a chart caption's "Source: TradingView" stays a picture credit.
    #[test]
    fn a_wire_source_label_closing_a_byline_is_residue_and_a_chart_credit_is_not() {
        let byline = "By Jan de Vries 5 February 2015, 21:55 Bron: ANP";
        let marks = repost_marks(&Page::from_text(byline, ""));
        assert!(
            marks.iter().any(|m| m.text.contains("Bron: ANP")),
            "{marks:?}"
        );
        let caption = "Bitcoin's price fell 3% on the day. Source: TradingView";
        assert!(repost_marks(&Page::from_text(caption, "")).is_empty());
    }

    /// "From Decrypt:" and "Vu sur Numerama" introducing copied text were not read as source labels.
    #[test]
    fn from_and_vu_sur_labels_name_the_source() {
        let text = "From Decrypt:\n\
            Ethereum developers set a date for the next upgrade after a final test on the Hoodi network went smoothly.";
        let page = Page::from_text(text, "");
        assert_eq!(repost_marks(&page).len(), 1);
        assert_eq!(origin(&page), "Decrypt");
        let vu = Page::from_text(
            "Vu sur Numerama\nWaze ajoute une alerte pour les ralentissements dus aux travaux.",
            "",
        );
        assert_eq!(origin(&vu), "Numerama");
    }

    /// "… Continue reading <title>" whose link the scrape lost was missed; a pointer that is still a
    /// link to this page's own site stays a promo question, not residue.
    #[test]
    fn an_unlinked_continue_reading_after_a_cut_excerpt_is_residue_but_a_same_site_link_is_not() {
        let text = "Exchange Begins Repayments\n\
            The exchange said on Friday that it had begun repayments to some… Continue reading Exchange Begins Repayments";
        assert_eq!(repost_marks(&Page::from_text(text, "")).len(), 1);
        let same_site = html(
            "<html><body><p>The exchange said on Friday that it had begun repayments to some… \
             <a href=\"https://news.example.com/exchange-repayments\">Continue reading Exchange Begins Repayments</a></p></body></html>",
            "https://news.example.com/today",
        );
        assert!(repost_marks(&same_site).is_empty());
    }

    /// Template lines of the origin's site ("Don't Miss a Beat – Subscribe…") copied with the article
    /// were left unmarked.
    #[test]
    fn the_origins_template_lines_copied_along_are_residue() {
        let text = "Bitcoin miners sold 2,000 BTC last week as hashprice fell to a record low, data from several pools shows.\n\
            Don't Miss a Beat – Subscribe to get email alerts delivered directly to your inbox\n\
            Check Latest Headlines on HodlX";
        assert_eq!(repost_marks(&Page::from_text(text, "")).len(), 2);
    }

    /// A republication note whose publisher comes after a date, a language or a description
    /// ("erschien zuerst am … auf", "zuerst auf Deutsch im …", "originalmente en inglés en la
    /// publicación …") was missed, and its origin with it.
    #[test]
    fn a_note_naming_its_publisher_after_a_date_or_a_language_gives_the_origin() {
        for (text, publisher) in [
            (
                "Dieser Beitrag erschien zuerst am 12.03.2024 auf Netzpolitik.org.",
                "Netzpolitik.org",
            ),
            (
                "_Dieser Text erschien zuerst auf Englisch [im Guardian](https://www.theguardian.com/x)._",
                "Guardian",
            ),
            (
                "Este texto fue publicado originalmente en inglés en el blog de [Mozilla](https://blog.mozilla.org/x)",
                "Mozilla",
            ),
        ] {
            let body = format!(
                "Die Stadt will bis 2030 alle Busse auf Strom umstellen und dafür drei neue Depots bauen.\n{text}"
            );
            let page = Page::from_text(&body, "");
            assert_eq!(repost_marks(&page).len(), 1, "{text}");
            assert_eq!(origin(&page), publisher, "{text}");
        }
    }
}

/// A footer inside a related recommended card is that card's story's residue: it is not marked (related
/// cards are never marked) and names no origin for this article.
#[test]
fn a_footer_inside_a_related_card_is_neither_marked_nor_read_for_the_origin() {
    let text = "\
Miners Pivot to AI
Publicly listed bitcoin miners are signing record data-center leases as hashprice sits near all-time lows, and several operators now host graphics processors for artificial-intelligence companies.
Core Scientific said hosting revenue is a third of sales, and Hut 8 and IREN announced similar deals in November as power contracts became the scarcest asset a miner owns.
You May Also Like
Bitcoin Miners Sign More AI Hosting Deals
Bitcoin Miners Sign More AI Hosting Deals
The post Bitcoin Miners Sign More AI Hosting Deals appeared first on CoinCentral. Bitcoin miners Hut 8 and IREN signed new hosting leases with artificial-intelligence companies.
Share
";
    let analysis = Engine::new().unwrap().analyze(&Page::from_text(text, ""));
    assert!(
        !analysis
            .marks
            .iter()
            .any(|m| m.text.contains("appeared first on CoinCentral")),
        "{:#?}",
        analysis.marks
    );
    assert!(
        analysis.summary.origin.is_none(),
        "{:?}",
        analysis.summary.origin
    );
}
