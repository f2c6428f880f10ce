//! `chaff scan crawl.warc.gz` as a researcher runs it, on tests/warc/crawl.warc.gz (real pages
//! written into a WARC by warcio; what each record is for: tests/warc/README.md): one JSON line per
//! HTML page with its address and date, skipped records counted on stderr, every gzip layout and a
//! cut file, `--summary`, and the same output on one thread as on many.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;

fn chaff(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chaff"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run chaff")
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/warc/crawl.warc.gz")
}

/// The fixture without compression.
fn plain_warc() -> Vec<u8> {
    let mut plain = Vec::new();
    MultiGzDecoder::new(std::fs::File::open(fixture()).unwrap())
        .read_to_end(&mut plain)
        .unwrap();
    plain
}

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chaff-warc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

const PAGES: [(&str, &str, &str); 6] = [
    (
        "https://bitcoinethereumnews.com/bitcoin/bitcoin-miners-pivot-to-ai-hosting/",
        "2026-11-25T12:00:02Z",
        "UTF-8",
    ),
    (
        "https://example.org/ir-research-data/big5-09/clinton-1.htm",
        "2009-03-01T12:00:03Z",
        "windows-1252",
    ),
    (
        "https://example.org/chardet/KOI8-R/no-encoding-specified.html",
        "2009-01-09T12:00:04Z",
        "KOI8-R",
    ),
    (
        "http://www.geocities.jp/gamehouse_grindcrusher2/videogame_top.htm",
        "2009-06-01T12:00:05Z",
        "Shift_JIS",
    ),
    (
        "https://www.msn.com/en-us/money/markets/stablecoin-supply-hits-record-310-billion/ar-AA1xYz",
        "2026-11-25T12:00:09Z",
        "UTF-8",
    ),
    (
        "http://www.kcna.co.jp/index-e.htm",
        "2009-05-01T12:00:10Z",
        "UTF-16LE",
    ),
];

const SKIPPED: &str = "6 HTML pages scanned; skipped 1 non-HTML, 1 truncated, 1 not 2xx, 0 unreadable; 3 other records (request, metadata, warcinfo…)";

#[test]
fn a_crawl_scans_record_by_record_with_address_date_and_encoding() {
    let path = fixture();
    let out = chaff(&["scan", path.to_str().unwrap()]);
    assert!(out.status.success());
    let got: Vec<(String, String, String)> = lines(&out)
        .iter()
        .map(|v| {
            (
                v["uri"].as_str().unwrap().into(),
                v["date"].as_str().unwrap().into(),
                v["encoding"].as_str().unwrap().into(),
            )
        })
        .collect();
    let want: Vec<(String, String, String)> = PAGES
        .iter()
        .map(|(u, d, e)| (u.to_string(), d.to_string(), e.to_string()))
        .collect();
    assert_eq!(got, want);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim(),
        format!("chaff: {}: {SKIPPED}", path.display())
    );
    // The aggregator's copy is marked as on its own, and traced to CoinDesk.
    let first = &lines(&out)[0];
    assert_eq!(first["summary"]["origin"]["name"], "coindesk.com");
    assert!(
        first["marks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["rule"] == "feed-footer.appeared-on")
    );
}

#[test]
fn the_servers_charset_counts_and_a_byte_order_mark_beats_it() {
    let out = chaff(&["scan", "--format", "text", fixture().to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    // Undeclared KOI8-R: a detector alone picks KOI8-U; the HTTP header settles it.
    assert!(
        stdout.contains("no-encoding-specified.html 2009-01-09T12:00:04Z (KOI8-R, HTTP header)"),
        "{stdout}"
    );
    assert!(stdout.contains("МОСКВА, 9 янв - РИА Новости."));
    assert!(stdout.contains("index-e.htm 2009-05-01T12:00:10Z (UTF-16LE, byte order mark)"));
    // The Shift_JIS page arrived gzipped and chunked.
    assert!(
        stdout.contains("videogame_top.htm 2009-06-01T12:00:05Z (Shift_JIS, declared in the page)")
    );
    assert!(stdout.contains("ゲーム"), "Japanese text decoded");
}

#[test]
fn gzip_per_record_whole_file_gzip_and_plain_scan_alike() {
    let plain = plain_warc();
    let mut whole = GzEncoder::new(Vec::new(), flate2::Compression::default());
    whole.write_all(&plain).unwrap();
    let variants = [
        fixture(),
        temp_file("whole.warc.gz", &whole.finish().unwrap()),
        temp_file("plain.warc", &plain),
    ];
    let outputs: Vec<Vec<serde_json::Value>> = variants
        .iter()
        .map(|p| {
            let out = chaff(&["scan", p.to_str().unwrap()]);
            assert!(
                String::from_utf8_lossy(&out.stderr).contains(SKIPPED),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let mut v = lines(&out);
            for line in &mut v {
                line["source"] = serde_json::Value::Null;
            }
            v
        })
        .collect();
    assert_eq!(outputs[0].len(), 6);
    assert_eq!(outputs[0], outputs[1], "whole-file gzip");
    assert_eq!(outputs[0], outputs[2], "no gzip");
}

#[test]
fn a_crawl_cut_short_keeps_the_records_before_the_cut_and_says_so() {
    // Cut inside the last page (the UTF-16 KCNA record, 14 KB, before a small metadata record).
    let plain = plain_warc();
    let gz = std::fs::read(fixture()).unwrap();
    for (name, bytes) in [
        ("cut.warc", &plain[..plain.len() - 3000]),
        ("cut.warc.gz", &gz[..gz.len() - 1500]),
    ] {
        let path = temp_file(name, bytes);
        let out = chaff(&["scan", path.to_str().unwrap()]);
        assert!(out.status.success(), "a cut crawl is not an error");
        let uris: Vec<String> = lines(&out)
            .iter()
            .map(|v| v["uri"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(
            uris,
            PAGES[..5]
                .iter()
                .map(|p| p.0.to_string())
                .collect::<Vec<_>>(),
            "{name}"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("5 HTML pages scanned; skipped 1 non-HTML, 2 truncated"),
            "{name}: {stderr}"
        );
    }
}

#[test]
fn summary_gives_a_line_per_page_and_closing_totals() {
    let out = chaff(&["scan", "--summary", fixture().to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 7, "{stdout}");
    assert_eq!(
        lines[0],
        "https://bitcoinethereumnews.com/bitcoin/bitcoin-miners-pivot-to-ai-hosting/: origin coindesk.com; chain BitcoinEthereumNews.com ← coindesk.com; repost-noise 3, unrelated-promo 0, unconfirmed-attribution 0; noise 18%"
    );
    assert!(
        lines[4].contains("origin The Block; chain MSN ← The Block; repost-noise 1"),
        "{}",
        lines[4]
    );
    assert_eq!(
        lines[6],
        "== 6 pages, 2 with residue; chains by origin: example.org 2, The Block 1, coindesk.com 1, geocities.jp 1, kcna.co.jp 1"
    );

    let out = chaff(&[
        "scan",
        "--summary",
        "--format",
        "json",
        fixture().to_str().unwrap(),
    ]);
    let json = self::lines(&out);
    assert_eq!(json.len(), 7);
    assert_eq!(json[0]["chain"][1]["name"], "coindesk.com");
    assert!(
        json[0].get("marks").is_none(),
        "summary lines carry no marks"
    );
    assert_eq!(json[6]["totals"]["pages"], 6);
    assert_eq!(json[6]["totals"]["pages_with_residue"], 2);
    assert_eq!(json[6]["totals"]["chains_by_origin"]["The Block"], 1);
}

#[test]
fn parallel_and_serial_output_are_equal() {
    let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/encodings/pages");
    let mut args: Vec<String> = ["scan", "--format", "json"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut names: Vec<_> = std::fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    args.extend(names.iter().take(12).map(|p| p.display().to_string()));
    args.push(fixture().display().to_string());
    args.push("/nonexistent/page.html".into());
    let run = |jobs: &str| {
        let mut a: Vec<&str> = args.iter().map(String::as_str).collect();
        a.extend(["--jobs", jobs]);
        chaff(&a)
    };
    let serial = run("1");
    let parallel = run("4");
    assert_eq!(
        serial.status.code(),
        Some(2),
        "the missing file is reported"
    );
    assert_eq!(lines(&serial).len(), 12 + 6);
    assert_eq!(
        String::from_utf8_lossy(&serial.stdout),
        String::from_utf8_lossy(&parallel.stdout)
    );
    assert_eq!(
        String::from_utf8_lossy(&serial.stderr),
        String::from_utf8_lossy(&parallel.stderr)
    );
}

#[test]
fn no_progress_bar_when_standard_error_is_not_a_terminal() {
    let out = chaff(&[
        "scan",
        "--summary",
        fixture().to_str().unwrap(),
        fixture().to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.lines().count(),
        2,
        "only the two skip counts: {stderr}"
    );
    assert!(
        !stderr.contains('\r') && !stderr.contains('\x1b'),
        "{stderr:?}"
    );
}

#[test]
fn a_progress_bar_with_counts_rate_and_time_left_on_a_terminal() {
    // `script` (util-linux) runs chaff with standard error on a pseudo-terminal and logs what it drew.
    let log = std::env::temp_dir().join(format!("chaff-progress-{}.log", std::process::id()));
    let command = format!(
        "{} scan --summary {} {} > /dev/null",
        env!("CARGO_BIN_EXE_chaff"),
        fixture().display(),
        fixture().display()
    );
    let status = Command::new("script")
        .args(["-qec", &command, log.to_str().unwrap()])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run script (util-linux)");
    assert!(status.success());
    let drawn = String::from_utf8_lossy(&std::fs::read(&log).unwrap()).into_owned();
    assert!(drawn.contains("ETA"), "{drawn:?}");
    assert!(drawn.contains("pages/s"), "{drawn:?}");
    let total = 2.0 * std::fs::metadata(fixture()).unwrap().len() as f64 / 1024.0;
    assert!(
        drawn.contains(&format!("/{total:.2} KiB")),
        "bytes read of the two files' total: {drawn:?}"
    );
}
