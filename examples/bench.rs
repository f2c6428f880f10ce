//! Native throughput, stage by stage, on pages of different real text:
//! `cargo run --release --example bench` (or `scripts/bench.sh`, which adds the browsers).
//!
//! Pages are built by concatenating different real documents — the fixture pages under
//! `tests/fixtures`, the seed pages in `../shared/seeds` and any corpus under `tests/corpus` — until
//! the page reaches 10 KB, 100 KB, 1 MB and 10 MB of text. Documents are taken in turn, never one
//! text repeated; once all are used the next round starts them again at a different line, and the
//! output says how much of the page is distinct text. "New page" figures analyse 50 KB pages that
//! are each different from the last, because the regex engine learns the text it has seen and a loop
//! over one page hides that cost.
//!
//! Prints figures, never fails on them: timing on a shared machine is noisy. With `--json` the last
//! line is the figures as JSON, and with `--pages DIR` the 50 KB pages are also written to DIR as
//! HTML (a paragraph per block), for the browser half of `scripts/bench.sh`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chaff::rules::RuleSet;
use chaff::{Engine, Page};

/// Sizes of the throughput pages, in bytes of text.
const SIZES: [(usize, &str); 4] = [
    (10 << 10, "10 KB"),
    (100 << 10, "100 KB"),
    (1 << 20, "1 MB"),
    (10 << 20, "10 MB"),
];
/// The article-sized page of the per-page figure.
const PAGE: usize = 50 << 10;
/// How many different 50 KB pages are analysed in turn.
const NEW_PAGES: usize = 20;
/// How many 50 KB pages `--pages` writes (the browser bench's memory figure is after 100 pages).
const HTML_PAGES: usize = 100;

/// The system allocator, counting the bytes in use: the native counterpart of the browser's wasm
/// memory figure (a wasm module's memory never shrinks, so what the heap holds between pages is what
/// it keeps).
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes of heap in use, in MB.
fn live_mb() -> f64 {
    LIVE.load(Ordering::Relaxed) as f64 / (1 << 20) as f64
}

/// One real document's visible text, a block per line.
struct Document {
    text: String,
}

fn documents(root: &Path) -> Vec<Document> {
    let mut files = Vec::new();
    for dir in [
        root.join("tests/fixtures"),
        root.join("../shared/seeds"),
        root.join("tests/corpus"),
    ] {
        collect(&dir, &mut files);
    }
    files.sort();
    files
        .iter()
        .filter_map(|path| {
            let raw = std::fs::read_to_string(path).ok()?;
            let page = if chaff::html::looks_like_html(&raw) {
                Page::from_snapshot(&chaff::html::snapshot(&raw, ""))
            } else {
                Page::from_text(&raw, "")
            };
            let text: String = page
                .blocks
                .iter()
                .map(|b| format!("{}\n", b.text))
                .collect();
            (text.len() > 200).then_some(Document { text })
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            collect(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "html" || e == "htm" || e == "txt")
        {
            out.push(path);
        }
    }
}

/// Concatenates documents, starting at document `first`, until `size` bytes. Returns the text and
/// how many of its bytes are the first use of a document in this page.
fn page_text(docs: &[Document], first: usize, size: usize) -> (String, usize) {
    let mut text = String::with_capacity(size + 4096);
    let mut distinct = 0;
    let mut round = 0;
    let mut i = first;
    while text.len() < size {
        let doc = &docs[i % docs.len()].text;
        if round == 0 {
            distinct += doc.len().min(size - text.len());
        }
        // Later rounds start each document at a different line, so no two stretches align.
        let lines: Vec<&str> = doc.lines().collect();
        let shift = round % lines.len().max(1);
        for line in lines[shift..].iter().chain(&lines[..shift]) {
            text.push_str(line);
            text.push('\n');
        }
        i += 1;
        if (i - first).is_multiple_of(docs.len()) {
            round += 1;
        }
    }
    let mut cut = size.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    (text, distinct)
}

/// A page of text as the HTML the browser bench serves: the first line as the heading, every other
/// line a paragraph.
fn html_page(text: &str) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let title = escape(lines.next().unwrap_or("Chaff bench page"));
    let mut html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body><article><h1>{title}</h1>\n"
    );
    for line in lines {
        html.push_str(&format!("<p>{}</p>\n", escape(line)));
    }
    html.push_str("</article></body></html>\n");
    html
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Rule matching alone: every rule file over every block, as the detectors call it.
fn match_rules(rules: &[RuleSet], page: &Page) -> usize {
    let mut n = 0;
    for block in &page.blocks {
        let lower = block.text.to_ascii_lowercase();
        for set in rules {
            n += set.hits(&block.text, &lower).len();
        }
    }
    n
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let json = args.iter().any(|a| a == "--json");
    let pages_dir = args
        .iter()
        .position(|a| a == "--pages")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));

    let mut compile = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        black_box(Engine::new().expect("built-in rules"));
        compile.push(t.elapsed());
    }
    let compile_first = compile[0];
    let compile = median(compile);
    let before_engine = live_mb();
    let engine = Engine::new().expect("built-in rules");
    let heap_engine = live_mb() - before_engine;
    let rules: Vec<RuleSet> = ["repost.toml", "promo.toml", "attribution.toml"]
        .iter()
        .map(|f| RuleSet::builtin(f).expect("built-in rules"))
        .collect();

    let docs = documents(root);
    let corpus: usize = docs.iter().map(|d| d.text.len()).sum();
    println!(
        "corpus: {} documents, {:.0} KB of distinct text",
        docs.len(),
        corpus as f64 / 1024.0
    );
    println!(
        "engine compile: {:.1} ms first, {:.1} ms median of 5",
        ms(compile_first),
        ms(compile)
    );

    if let Some(dir) = &pages_dir {
        std::fs::create_dir_all(dir).expect("--pages directory");
        for k in 0..HTML_PAGES {
            let html = html_page(&page_text(&docs, k * 7 + k / docs.len().max(1), PAGE).0);
            std::fs::write(dir.join(format!("page-{k:03}.html")), html)
                .expect("write a bench page");
        }
    }

    // New 50 KB pages in turn: the figure the browser budget is about. The heap the engine keeps
    // (its regex caches) is read after the first page and after the last of 100.
    let pages: Vec<String> = (0..HTML_PAGES)
        .map(|k| page_text(&docs, k * 7 + k / docs.len().max(1), PAGE).0)
        .collect();
    let mut heap_pages = Vec::new();
    let times: Vec<Duration> = pages
        .iter()
        .map(|text| {
            let t = Instant::now();
            black_box(engine.analyze(&Page::from_text(text, "")));
            let took = t.elapsed();
            heap_pages.push(live_mb() - before_engine);
            took
        })
        .collect();
    let per_page = median(times[..NEW_PAGES].to_vec());
    let pages = &pages[..NEW_PAGES];
    println!(
        "engine heap: {heap_engine:.1} MB built, {:.1} MB after 1 page, {:.1} MB after 10, {:.1} MB after {HTML_PAGES} different 50 KB pages",
        heap_pages[0],
        heap_pages[9],
        heap_pages[HTML_PAGES - 1]
    );
    let same = {
        let page = Page::from_text(&pages[0], "");
        median(
            (0..NEW_PAGES)
                .map(|_| {
                    let t = Instant::now();
                    black_box(engine.analyze(&page));
                    t.elapsed()
                })
                .collect(),
        )
    };
    println!(
        "50 KB page, different pages in turn: {:.2} ms median ({:.2} ms for one page analysed again)",
        ms(per_page),
        ms(same)
    );

    println!(
        "{:>7} {:>9} {:>10} {:>10} {:>10} {:>10} {:>9}",
        "page", "distinct", "page ms", "rules ms", "analyse ms", "MB/s", "÷ 100 KB"
    );
    let mut rows = Vec::new();
    let mut base: Option<f64> = None;
    // `--no-sizes`: the figures above only (for a profiler).
    let sizes = if args.iter().any(|a| a == "--no-sizes") {
        &SIZES[..0]
    } else {
        &SIZES[..]
    };
    for (k, (size, label)) in sizes.iter().enumerate() {
        let (text, distinct) = page_text(&docs, 3 + k, *size);
        let runs = if *size > 2 << 20 { 1 } else { 3 };
        let mut build = Vec::new();
        let mut matching = Vec::new();
        let mut analysis = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            let page = Page::from_text(&text, "");
            build.push(t.elapsed());
            let t = Instant::now();
            black_box(match_rules(&rules, &page));
            matching.push(t.elapsed());
            let t = Instant::now();
            black_box(engine.analyze(&page));
            analysis.push(t.elapsed());
        }
        let (build, matching, analysis) = (median(build), median(matching), median(analysis));
        let total = ms(build) + ms(analysis);
        let mbps = text.len() as f64 / (1 << 20) as f64 / (total / 1e3);
        let ratio = if *size == 100 << 10 {
            base = Some(total);
            "1.0×".to_string()
        } else {
            base.map(|b| format!("{:.1}×", total / b))
                .unwrap_or_default()
        };
        println!(
            "{label:>7} {:>8.0}% {:>10.2} {:>10.2} {:>10.2} {mbps:>10.2} {ratio:>9}",
            distinct as f64 * 100.0 / text.len() as f64,
            ms(build),
            ms(matching),
            ms(analysis)
        );
        rows.push(format!(
            r#"{{"size":"{label}","bytes":{},"distinct":{distinct},"page_ms":{:.3},"rules_ms":{:.3},"analyse_ms":{:.3}}}"#,
            text.len(),
            ms(build),
            ms(matching),
            ms(analysis)
        ));
    }
    if json {
        println!(
            r#"{{"compile_ms":{:.3},"compile_first_ms":{:.3},"page50_ms":{:.3},"page50_same_ms":{:.3},"heap_engine_mb":{heap_engine:.2},"heap_1_mb":{:.2},"heap_100_mb":{:.2},"corpus_bytes":{corpus},"documents":{},"sizes":[{}]}}"#,
            ms(compile),
            ms(compile_first),
            ms(per_page),
            ms(same),
            heap_pages[0],
            heap_pages[HTML_PAGES - 1],
            docs.len(),
            rows.join(",")
        );
    }
}
