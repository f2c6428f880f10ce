//! Property tests on stable (proptest): the fuzz targets' checks (`tests/fuzz/targets.rs`) over
//! inputs built from the pieces pages and rules are made of, plus properties of the HTML pre-pass and
//! the flat snapshot that need a generator that knows the structure.

#[path = "fuzz/targets.rs"]
mod targets;

use proptest::prelude::*;

use chaff::Page;
use chaff::html::bound::{MAX_ATTRIBUTES, bound};
use chaff::page::snapshot::{ElementNode, Item, Node, OpenTag, Snapshot};

const MARKUP: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<a href=\"/x\">",
    "</a>",
    "<span>",
    "</span>",
    "<br>",
    "<li>",
    "<ul>",
    "</ul>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<h2>",
    "</h2>",
    "<aside class=\"related\">",
    "</aside>",
    "<b>",
    "</b>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<div hidden>",
    "<blockquote>",
    "</blockquote>",
    "<",
    ">",
    "\"",
    "=",
];
const WORDS: &[&str] = &[
    "The post ",
    " appeared first on ",
    "CoinSite",
    "Source: ",
    "Bitcoin",
    "reportedly",
    "according to sources",
    "You May Also Like",
    "Sponsored",
    "😀",
    "é",
    "\u{301}",
    "\u{a0}",
    "\u{200b}",
    " ",
    "\n",
    ". ",
    "–",
    "’",
    "$0.01",
];
const RULE_PIECES: &[&str] = &[
    "##",
    "#@#",
    "#?#",
    "example.com",
    "~shop.example.com",
    ",",
    ".ad",
    "#id",
    "div",
    " ",
    " > ",
    "+",
    "[class*=\"x\"]",
    ":not(",
    ")",
    ":has-text(",
    "/sign up|bonus/i",
    "Sponsored",
    "[",
    "]",
    "*",
    "\n",
    "!",
    "||ads.example^",
];

fn joined(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..max).prop_map(|v| v.concat())
}

fn html_like() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![prop::sample::select(MARKUP), prop::sample::select(WORDS)],
        0..120,
    )
    .prop_map(|v| v.concat())
}

/// A snapshot item list: opens, texts and closes in any order (closes beyond the open ones too).
fn flat_items() -> impl Strategy<Value = Vec<Item>> {
    let item = prop_oneof![
        prop::sample::select(
            &[
                "div",
                "p",
                "a",
                "span",
                "li",
                "br",
                "script",
                "h2",
                "blockquote",
                "aside"
            ][..]
        )
        .prop_map(|t| Item::Open(OpenTag {
            tag: t.into(),
            attrs: if t == "a" {
                vec![("href".into(), "/x".into())]
            } else {
                vec![]
            },
            display: None,
        })),
        joined(WORDS, 6).prop_map(Item::Text),
        (0u32..4).prop_map(Item::Close),
    ];
    prop::collection::vec(item, 0..80)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn the_html_door_never_panics_and_marks_stay_in_place(html in html_like()) {
        targets::html(html.as_bytes());
    }

    #[test]
    fn the_engine_over_text_never_panics(text in joined(WORDS, 80)) {
        targets::text(text.as_bytes());
        targets::render_text(text.as_bytes());
    }

    #[test]
    fn the_site_rule_parser_never_panics(rules in joined(RULE_PIECES, 40)) {
        targets::site_rules(rules.as_bytes());
    }

    #[test]
    fn any_flat_snapshot_builds_and_round_trips_through_json(nodes in flat_items()) {
        let snap = Snapshot { nodes, ..Snapshot::default() };
        let json = serde_json::to_vec(&snap).unwrap();
        let back: Snapshot = serde_json::from_slice(&json).unwrap();
        prop_assert_eq!(&back, &snap);
        targets::snapshot(&json);
    }

    /// The flat form and the tree form of one page build the same blocks.
    #[test]
    fn flat_and_tree_forms_build_the_same_page(nodes in flat_items()) {
        let (root, inside) = to_tree(&nodes);
        let mut with_body = vec![Item::Open(OpenTag { tag: "body".into(), attrs: vec![], display: None })];
        with_body.extend(inside);
        let flat = Snapshot { nodes: with_body, ..Snapshot::default() };
        let tree = Snapshot { root, ..Snapshot::default() };
        let (a, b) = (Page::from_snapshot(&flat), Page::from_snapshot(&tree));
        let texts = |p: &Page| p.blocks.iter().map(|b| (b.text.clone(), b.links.clone(), b.segments.clone())).collect::<Vec<_>>();
        prop_assert_eq!(texts(&a), texts(&b));
    }

    /// The pre-pass keeps every character of text: markup without `<` in its text passes with the
    /// same text content once tags are stripped.
    #[test]
    fn the_html_pre_pass_keeps_all_text(depth in 0usize..1200, attrs in 0usize..600, word in "[a-z ]{0,12}") {
        let attr_list: String = (0..attrs).map(|i| format!(" data-{i}='v>{i}'")).collect();
        let html = format!("{}<p{attr_list}>{word}</p>{}", "<div>x".repeat(depth), "</div>".repeat(depth));
        let (out, stats) = bound(&html);
        let strip = |s: &str| {
            let mut text = String::new();
            let mut in_tag = None;
            for c in s.chars() {
                match (in_tag, c) {
                    (None, '<') => in_tag = Some(None),
                    (Some(None), '\'') => in_tag = Some(Some('\'')),
                    (Some(Some('\'')), '\'') => in_tag = Some(None),
                    (Some(None), '>') => in_tag = None,
                    (None, c) => text.push(c),
                    _ => {}
                }
            }
            text
        };
        prop_assert_eq!(strip(&out), strip(&html));
        prop_assert_eq!(stats.dropped_attributes, attrs.saturating_sub(MAX_ATTRIBUTES));
    }
}

/// The tree form of a flat item list inside a `body`, and the list with its closes clamped so that
/// they never close that body (the tree cannot hold text after its root closes).
fn to_tree(nodes: &[Item]) -> (Node, Vec<Item>) {
    let mut clamped = Vec::new();
    let mut stack: Vec<ElementNode> = vec![ElementNode {
        tag: "body".into(),
        ..ElementNode::default()
    }];
    let close = |stack: &mut Vec<ElementNode>| {
        let done = stack.pop().unwrap();
        stack.last_mut().unwrap().children.push(Node::Element(done));
    };
    for item in nodes {
        match item {
            Item::Text(t) => stack
                .last_mut()
                .unwrap()
                .children
                .push(Node::Text(t.clone())),
            Item::Open(o) => stack.push(ElementNode {
                tag: o.tag.clone(),
                attrs: o.attrs.clone(),
                children: vec![],
                display: o.display,
            }),
            Item::Close(n) => {
                let n = (*n as usize).min(stack.len() - 1);
                (0..n).for_each(|_| close(&mut stack));
                clamped.push(Item::Close(n as u32));
                continue;
            }
        }
        clamped.push(item.clone());
    }
    while stack.len() > 1 {
        close(&mut stack);
    }
    (Node::Element(stack.pop().unwrap()), clamped)
}
