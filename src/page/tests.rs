use super::snapshot::{ElementNode, Node, Snapshot};
use super::*;

fn el(tag: &str, attrs: &[(&str, &str)], children: Vec<Node>) -> Node {
    Node::Element(ElementNode {
        tag: tag.into(),
        attrs: attrs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
        children,
        display: None,
    })
}
fn t(s: &str) -> Node {
    Node::Text(s.into())
}

#[test]
fn blocks_follow_block_elements_and_collapse_whitespace() {
    let root = el(
        "body",
        &[],
        vec![
            el("h1", &[], vec![t("  Title\n  here ")]),
            el(
                "p",
                &[("class", "lede")],
                vec![
                    t("One "),
                    el("a", &[("href", "https://x.test/")], vec![t("linked")]),
                    t("  text."),
                ],
            ),
            el("script", &[], vec![t("var x;")]),
            el(
                "div",
                &[],
                vec![t("Line one"), el("br", &[], vec![]), t("Line two")],
            ),
        ],
    );
    let Node::Element(_) = &root else {
        unreachable!()
    };
    let page = Page::from_snapshot(&Snapshot {
        root,
        ..Snapshot::default()
    });
    let texts: Vec<_> = page.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Title here", "One linked text.", "Line one", "Line two"]
    );
    assert_eq!(page.blocks[0].kind, BlockKind::Heading(1));
    let p = &page.blocks[1];
    assert_eq!(&p.text[p.links[0].range.clone()], "linked");
    assert_eq!(page.elements[p.element].classes, ["lede"]);
    // "text." starts in the 4th text node (index 3) after two collapsed spaces.
    let at = p.text.find("text.").unwrap();
    assert_eq!(
        p.dom_point(at, false),
        Some(DomPoint { node: 3, offset: 2 })
    );
    // The script's text node still counts: "Line two" is node 6.
    assert_eq!(
        page.blocks[3].dom_point(0, false),
        Some(DomPoint { node: 6, offset: 0 })
    );
}

#[test]
fn range_end_stays_in_its_text_node() {
    let root = el("p", &[], vec![el("b", &[], vec![t("Bold")]), t(" rest")]);
    let page = Page::from_snapshot(&Snapshot {
        root,
        ..Snapshot::default()
    });
    let b = &page.blocks[0];
    assert_eq!(b.dom_point(4, true), Some(DomPoint { node: 0, offset: 4 }));
    assert_eq!(b.dom_point(5, false), Some(DomPoint { node: 1, offset: 1 }));
}

#[test]
fn text_pages_make_a_block_per_line_with_headings_and_bullets() {
    let page = Page::from_text(
        "Short Heading Here\n\nA much longer paragraph follows the heading, as they do.\n  • a point\n",
        "",
    );
    let kinds: Vec<_> = page.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Heading(2),
            BlockKind::Paragraph,
            BlockKind::ListItem
        ]
    );
    assert_eq!(page.blocks[2].text, "a point");
}

#[test]
fn meta_reads_tags_and_jsonld() {
    let snap = Snapshot {
        url: "https://agg.test/a".into(),
        meta: vec![("og:site_name".into(), "Agg".into()), ("canonical".into(), "https://orig.test/a".into())],
        jsonld: vec![r#"{"@type":"NewsArticle","isBasedOn":{"name":"Origin","url":"https://o.test/"},"author":{"name":"Ann"}}"#.into(), "{broken".into()],
        root: el("body", &[], vec![]),
        ..Snapshot::default()
    };
    let page = Page::from_snapshot(&snap);
    assert_eq!(page.meta.site_name.as_deref(), Some("Agg"));
    assert_eq!(
        page.meta.canonical_url.as_deref(),
        Some("https://orig.test/a")
    );
    assert_eq!(page.meta.author.as_deref(), Some("Ann"));
    assert_eq!(
        page.meta.based_on,
        vec![(Some("Origin".into()), Some("https://o.test/".into()))]
    );
}

#[test]
fn editable_regions_and_hidden_elements_are_never_read() {
    let root = el(
        "body",
        &[],
        vec![
            el("p", &[], vec![t("Article text.")]),
            el(
                "div",
                &[("contenteditable", "true")],
                vec![el(
                    "p",
                    &[],
                    vec![t("The post Draft appeared first on My Blog.")],
                )],
            ),
            el("div", &[("hidden", "")], vec![t("Hidden")]),
            el(
                "p",
                &[("contenteditable", "false")],
                vec![t("Read-only text.")],
            ),
        ],
    );
    let page = Page::from_snapshot(&Snapshot {
        root,
        ..Snapshot::default()
    });
    let texts: Vec<_> = page.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["Article text.", "Read-only text."]);
    // Skipped text nodes still count: "Read-only text." is node 3.
    assert_eq!(
        page.blocks[1].dom_point(0, false),
        Some(DomPoint { node: 3, offset: 0 })
    );
}

/// Issue 11: "TTalus Price(US)". Elements the page's CSS draws apart, with no whitespace between
/// them in the markup, stay apart in the block text (and so in every excerpt).
#[test]
fn words_that_css_draws_apart_are_not_joined() {
    let html = r#"<html><body><a class="coin" href="/talus" style="display:flex">
        <span style="display:block">T</span><span style="display: block !important">Talus Price</span></a>
        <p><span>Talus Price</span><span style="margin-left: 6px">(US)</span><span style="margin:0 0.1em">$</span>1.20</p>
        <p><b>bold</b><i style="display:inline">joined</i></p></body></html>"#;
    let snapshot = crate::html::snapshot(html, "https://agg.test/a");
    let page = Page::from_snapshot(&snapshot);
    let texts: Vec<_> = page.blocks.iter().map(|b| b.text.as_str()).collect();
    // A margin sets its element apart on both sides; a 0.1 em one (1.6 px) is kerning, not a
    // space; `display: inline` changes nothing.
    assert_eq!(
        texts,
        ["T", "Talus Price", "Talus Price (US) $1.20", "boldjoined"]
    );
    // The space a margin makes has no character in the DOM: a range ending after it ends where
    // "Price" ends (node 4 is "Talus Price" in the paragraph), and one starting on it starts there.
    let p = &page.blocks[2];
    let gap = p.text.find(" (").unwrap();
    let price = DomPoint {
        node: 4,
        offset: 11,
    };
    assert_eq!(p.dom_point(gap + 1, true), Some(price));
    assert_eq!(p.dom_point(gap, false), Some(price));
    assert_eq!(
        p.dom_point(gap + 1, false),
        Some(DomPoint { node: 5, offset: 0 })
    );
}

#[test]
fn display_read_from_the_style_attribute() {
    use super::snapshot::Display;
    let of = |tag, style| Display::from_style(tag, style, "");
    assert_eq!(of("span", "display:block"), Some(Display::Block));
    // Flex and grid items, floats and absolutely positioned elements are boxes (CSS blockifies them).
    assert_eq!(
        Display::from_style("span", "", "display:flex"),
        Some(Display::Block)
    );
    assert_eq!(
        Display::from_style("span", "", "display: inline-grid"),
        Some(Display::Block)
    );
    assert_eq!(
        Display::from_style("span", "display:contents", "display:flex"),
        None
    );
    assert_eq!(of("span", "float: left"), Some(Display::Block));
    assert_eq!(of("span", "position:absolute"), Some(Display::Block));
    assert_eq!(of("span", "position:relative"), None);
    assert_eq!(
        of("span", "color:red; DISPLAY: Flex !important"),
        Some(Display::Block)
    );
    assert_eq!(of("a", "display: table-cell"), Some(Display::Block));
    assert_eq!(of("span", "display:block; display:inline"), None);
    assert_eq!(of("span", "display:inline-block"), None);
    assert_eq!(
        of("span", "display:inline-block; margin: 0 8px"),
        Some(Display::Spaced)
    );
    assert_eq!(
        of("span", "padding: 1px 2px 1px 0.5em"),
        Some(Display::Spaced)
    );
    assert_eq!(of("span", "margin-right: 3px"), None);
    assert_eq!(of("span", "margin-left: 10%"), None);
    assert_eq!(of("span", "display:none; margin: 8px"), None);
    // Already a block by its tag: nothing to say.
    assert_eq!(of("div", "display:block"), None);
    assert_eq!(of("center", "display:flex"), None);
}
