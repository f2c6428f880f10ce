//! What each fuzz target checks, shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`, nightly)
//! and the stable replay of the kept corpus and crash inputs (`tests/fuzz_replay.rs`).
//!
//! Every target feeds one door its input and checks what a door must always give back: no panic, and
//! marks that lie inside their blocks, on char boundaries, with DOM anchors inside the text nodes the
//! snapshot holds.

#![allow(dead_code)] // each fuzz target uses one of these

use std::sync::OnceLock;

use chaff::page::snapshot::{Event, Snapshot};
use chaff::sites::SiteRules;
use chaff::{Analysis, Engine, Page};

#[path = "../../src/cli/render.rs"]
#[allow(dead_code, unused_imports)]
mod render;

/// A fuzz target: one input, checked.
pub type Target = fn(&[u8]);

/// The targets, by the name of their corpus folder.
pub const TARGETS: &[(&str, Target)] = &[
    ("html", html),
    ("snapshot", snapshot),
    ("text", text),
    ("site_rules", site_rules),
    ("render", render_text),
];

/// Compiles the rules before the first input, so that no input is charged for it.
pub fn init() {
    engine();
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new().expect("built-in rules compile"))
}

/// The HTML door (the CLI's): markup → snapshot → page → analysis.
pub fn html(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let snap = chaff::html::snapshot(&text, "https://fuzz.test/a");
    let page = Page::from_snapshot(&snap);
    check(&page, &engine().analyze(&page), Some(&snap));
}

/// The snapshot decoder (what the content script sends), as JSON.
pub fn snapshot(data: &[u8]) {
    let Ok(snap) = serde_json::from_slice::<Snapshot>(data) else {
        return;
    };
    let page = Page::from_snapshot(&snap);
    check(&page, &engine().analyze(&page), Some(&snap));
}

/// The engine over a text page.
pub fn text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let page = Page::from_text(&text, "https://fuzz.test/a");
    check(&page, &engine().analyze(&page), None);
}

/// The site-rule parser, then the parsed rules matched against a small page.
pub fn site_rules(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (rules, errors) = SiteRules::parse(&text);
    assert!(rules.len() + errors.len() <= text.lines().count());
    let mut engine = engine().clone();
    engine.add_site_rules(&text);
    static PAGE: OnceLock<Page> = OnceLock::new();
    let page = PAGE.get_or_init(|| {
        Page::from_snapshot(&chaff::html::snapshot(SITE_PAGE, "https://fuzz.test/a"))
    });
    check(page, &engine.analyze(page), None);
}

const SITE_PAGE: &str = r#"<!doctype html><body><article class="post"><h1>Bitcoin ETF inflows</h1>
<p>Bitcoin ETFs took in $1 billion, according to sources.</p><aside id="taboola-feed"><div class="card">
<a href="/x">You May Also Like: Dogecoin slips</a></div></aside></article></body>"#;

/// The CLI's text renderer over a text page's analysis.
pub fn render_text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let page = Page::from_text(&text, "");
    let analysis = engine().analyze(&page);
    let mut out = Vec::new();
    let from = render::Origin {
        source: "fuzz",
        record: None,
        encoding: ("UTF-8", "fuzz input".into()),
    };
    render::text(&mut out, &from, &page, &analysis, false).expect("writing to memory");
    String::from_utf8(out).expect("the renderer writes UTF-8");
}

/// What every analysis must satisfy.
fn check(page: &Page, analysis: &Analysis, snap: Option<&Snapshot>) {
    let text_nodes: Option<Vec<usize>> = snap.map(|s| {
        let mut lens = Vec::new();
        s.walk(|e| {
            if let Event::Text(t) = e {
                lens.push(t.encode_utf16().count());
            }
        });
        lens
    });
    for b in &page.blocks {
        for l in &b.links {
            assert!(l.range.start < l.range.end && l.range.end <= b.text.len());
            assert!(b.text.is_char_boundary(l.range.start) && b.text.is_char_boundary(l.range.end));
        }
    }
    for m in &analysis.marks {
        let block = &page.blocks[m.block];
        let units = block.text.encode_utf16().count();
        assert!(
            m.start < m.end && m.end <= units,
            "mark {}..{} outside a block of {units} units",
            m.start,
            m.end
        );
        if let (Some((a, b)), Some(lens)) = (m.anchor, &text_nodes) {
            for p in [a, b] {
                let len = lens[p.node as usize];
                assert!(
                    p.offset as usize <= len,
                    "anchor {p:?} past its text node of {len} units"
                );
            }
            assert!(
                (a.node, a.offset) < (b.node, b.offset),
                "anchor {a:?}..{b:?} empty or reversed"
            );
        }
    }
    assert!((0.0..=1.0).contains(&analysis.summary.noise_share));
}
