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
