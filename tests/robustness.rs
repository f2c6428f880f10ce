//! The engine never panics, whatever the page: in the browser a panic would abort the module and
//! turn marking off for every tab, so odd input must come back as an ordinary (possibly empty) result.

use chaff::page::snapshot::{ElementNode, Node, Snapshot};
use chaff::{Engine, Page};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "The post ",
    " appeared first on ",
    "Source: ",
    "https://x.test/a",
    "“",
    "”",
    "’",
    "😀",
    "\u{200b}",
    "\u{a0}",
    "reportedly",
    "according to",
    "Dr.",
    "U.S.",
    "$0.01",
    "4.28%",
    ". ",
    "\n",
    "  ",
    "You May Also Like",
    "Share",
    "Price(US)",
    "Sponsored",
    "é",
    "ß",
    "\u{301}",
    "Kommersant",
    "cited by",
    "reposted by",
    "a",
    "",
];

fn random_text(rng: &mut Rng, len: usize) -> String {
    (0..len).map(|_| rng.pick(PIECES)).collect()
}

fn random_node(rng: &mut Rng, depth: usize) -> Node {
    if depth == 0 || rng.next().is_multiple_of(3) {
        return Node::Text(random_text(rng, 6));
    }
    let tag = rng.pick(&[
        "div",
        "p",
        "a",
        "span",
        "h2",
        "li",
        "ul",
        "br",
        "script",
        "aside",
        "blockquote",
        "td",
    ]);
    let attrs = match rng.next() % 4 {
        0 => vec![("href".into(), random_text(rng, 2))],
        1 => vec![(
            "class".into(),
            rng.pick(&["related", "card", "sponsored", "post"]).into(),
        )],
        _ => vec![],
    };
    let children = (0..rng.next() % 5)
        .map(|_| random_node(rng, depth - 1))
        .collect();
    Node::Element(ElementNode {
        tag: tag.into(),
        attrs,
        children,
        display: None,
    })
}

#[test]
fn random_text_and_snapshots_never_panic_and_marks_stay_inside_their_blocks() {
    let engine = Engine::new().unwrap();
    let mut rng = Rng(0x9e3779b97f4a7c15);
    for _ in 0..300 {
        let text = random_text(&mut rng, 80);
        let page = Page::from_text(&text, "");
        check(&page, &engine);
        let snap = Snapshot {
            root: random_node(&mut rng, 5),
            jsonld: vec![random_text(&mut rng, 3)],
            ..Snapshot::default()
        };
        check(&Page::from_snapshot(&snap), &engine);
    }
}

fn check(page: &Page, engine: &Engine) {
    let analysis = engine.analyze(page);
    for m in &analysis.marks {
        let block = &page.blocks[m.block];
        let units: usize = block.text.chars().map(char::len_utf16).sum();
        assert!(
            m.start < m.end && m.end <= units,
            "mark {}..{} outside block of {units} units",
            m.start,
            m.end
        );
    }
    assert!((0.0..=1.0).contains(&analysis.summary.noise_share));
}
