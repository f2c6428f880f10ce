//! Prints how long analysis takes and how it grows with the page: `cargo run --release --example bench`.
//!
//! The fixture pages under `tests/fixtures` are joined into one article-sized page and then repeated
//! 1, 2, 4, 8 and 16 times. Analysis is meant to be linear in the page's text, so the time per KB should
//! stay flat and the ratio column should track the size column. Figures, not assertions: timing on a
//! shared machine is noisy, so nothing here fails a build.

use std::path::Path;
use std::time::{Duration, Instant};

use chaff::{Engine, Page};

const RUNS: usize = 15;

fn fixture_text(dir: &Path, out: &mut String) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("tests/fixtures").flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            fixture_text(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&path).expect("fixture");
            let page = Page::from_snapshot(&chaff::html::snapshot(&html, ""));
            for block in page.blocks {
                out.push_str(&block.text);
                out.push('\n');
            }
        }
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let started = Instant::now();
    let engine = Engine::new().expect("built-in rules");
    println!("engine compile: {:.2} ms", started.elapsed().as_secs_f64() * 1e3);

    let mut base = String::new();
    fixture_text(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"), &mut base);
    println!("{:>6} {:>9} {:>11} {:>10} {:>12}", "copies", "KB", "median ms", "µs per KB", "time ratio");
    let mut first: Option<f64> = None;
    for copies in [1, 2, 4, 8, 16] {
        let text = base.repeat(copies);
        let kb = text.len() as f64 / 1024.0;
        let times = (0..RUNS)
            .map(|_| {
                let t = Instant::now();
                let page = Page::from_text(&text, "");
                std::hint::black_box(engine.analyze(&page));
                t.elapsed()
            })
            .collect();
        let ms = median(times).as_secs_f64() * 1e3;
        let ratio = ms / *first.get_or_insert(ms);
        println!("{copies:>6} {kb:>9.1} {ms:>11.2} {:>10.1} {ratio:>12.2}", ms * 1e3 / kb);
    }
}
