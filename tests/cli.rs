//! The `chaff` command as a user runs it: output formats, standard input, and every way a file can
//! be unusable (a clear one-line message naming the file, exit code 2, never a panic).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn chaff(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chaff"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run chaff");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chaff-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const FOOTER_PAGE: &str = "Bitcoin Climbs Past $98K\nBitcoin rose 4% on Monday as inflows into spot funds resumed after a week of redemptions.\nThe post Bitcoin Climbs Past $98K appeared first on CoinCentral.\n";

fn assert_bad_input(out: &Output, path: &str, says: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains(path), "names the file: {stderr}");
    assert!(stderr.contains(says), "says {says:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn json_output_is_one_object_with_source_summary_and_marks() {
    let path = temp_file("footer.txt", FOOTER_PAGE.as_bytes());
    let out = chaff(&["scan", "--format", "json", path.to_str().unwrap()], None);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"], path.to_str().unwrap());
    assert_eq!(v["summary"]["counts"]["repost-noise"], 1);
    assert_eq!(v["summary"]["origin"]["name"], "CoinCentral");
    let mark = &v["marks"][0];
    assert_eq!(mark["category"], "repost-noise");
    assert_eq!(mark["rule"], "feed-footer.appeared-first-on");
    assert_eq!(
        mark["text"],
        "The post Bitcoin Climbs Past $98K appeared first on CoinCentral."
    );
    assert_eq!(mark["block"], 2);
    assert_eq!(
        (mark["start"].as_u64(), mark["end"].as_u64()),
        (Some(0), Some(64))
    );
    assert!(mark["reason"].as_str().unwrap().contains("CoinCentral"));
}

#[test]
fn text_output_brackets_marks_when_not_on_a_terminal_and_prints_the_summary() {
    let out = chaff(&["scan", "-"], Some(FOOTER_PAGE.as_bytes()));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert!(
        stdout.contains(
            "[repost-noise: The post Bitcoin Climbs Past $98K appeared first on CoinCentral.]"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains('\x1b'), "no colour codes off a terminal");
    assert!(
        stdout.contains("Origin                   CoinCentral"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Feed footer added when this article was copied from CoinCentral"),
        "{stdout}"
    );
}

#[test]
fn html_and_text_are_told_apart_by_content() {
    let html = "<!doctype html><html><body><article><p>Ether fell 3% on Friday.</p><p>The post Ether Falls appeared first on <a href=\"https://cryptoslate.com\">CryptoSlate</a>.</p></article></body></html>";
    let path = temp_file("page.data", html.as_bytes());
    let out = chaff(&["scan", "--format", "json", path.to_str().unwrap()], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["marks"][0]["text"],
        "The post Ether Falls appeared first on CryptoSlate."
    );
    assert!(
        v["marks"][0]["anchor"].is_array(),
        "HTML pages carry DOM anchors"
    );
}

#[test]
fn a_missing_file_is_reported_by_name() {
    let out = chaff(&["scan", "/nonexistent/page.html"], None);
    assert_bad_input(&out, "/nonexistent/page.html", "cannot read");
}

#[test]
fn an_empty_file_is_reported_by_name() {
    let path = temp_file("empty.html", b"  \n\n");
    assert_bad_input(
        &chaff(&["scan", path.to_str().unwrap()], None),
        path.to_str().unwrap(),
        "empty",
    );
}

#[test]
fn a_binary_file_is_reported_by_name() {
    let path = temp_file("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert_bad_input(
        &chaff(&["scan", path.to_str().unwrap()], None),
        path.to_str().unwrap(),
        "binary",
    );
}

/// Regression (issue 15): pages in legacy encodings were refused as "not valid UTF-8".
#[test]
fn a_page_declared_in_a_legacy_encoding_is_decoded_as_a_browser_would() {
    let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1250\"></head><body><p>P\xf8\xedli\x9a \x9elu\x9dou\xe8k\xfd k\xf9\xf2 \xfap\xecl \xef\xe1belsk\xe9 \xf3dy.</p></body></html>";
    let path = temp_file("czech.html", page);
    let out = chaff(&["scan", path.to_str().unwrap()], None);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("Příliš žluťoučký kůň úpěl ďábelské ódy."),
        "{stdout}"
    );
    assert!(
        stdout.contains("(windows-1250, declared in the page)"),
        "{stdout}"
    );
}

#[test]
fn undeclared_latin1_text_is_detected_and_encoding_overrides_it() {
    let path = temp_file(
        "latin1.txt",
        b"Caf\xe9 prices rose in M\xfcnchen and S\xe3o Paulo.",
    );
    let out = chaff(&["scan", path.to_str().unwrap()], None);
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("Café prices rose in München and São Paulo.")
    );
    let out = chaff(
        &["scan", "--encoding", "iso-8859-5", path.to_str().unwrap()],
        None,
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("Cafщ prices"), "{stdout}");
    assert!(stdout.contains("(ISO-8859-5, --encoding)"), "{stdout}");
}

#[test]
fn invalid_bytes_in_a_utf8_page_become_replacement_characters() {
    let path = temp_file("broken.html", b"<html><head><meta charset=\"utf-8\"></head><body><p>Bitcoin \xe2\x80 rose 4% on Monday.</p></body></html>");
    let out = chaff(&["scan", path.to_str().unwrap()], None);
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("Bitcoin \u{FFFD} rose 4% on Monday.")
    );
}

#[test]
fn a_text_file_with_a_stray_nul_is_not_binary() {
    let mut page = FOOTER_PAGE.as_bytes().to_vec();
    page.insert(30, 0);
    let path = temp_file("nul.txt", &page);
    let out = chaff(&["scan", "--format", "json", path.to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["origin"]["name"], "CoinCentral");
}

#[test]
fn an_unknown_encoding_label_is_refused_with_the_labels_to_use() {
    let out = chaff(&["scan", "--encoding", "latin-9000", "-"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("WHATWG label"));
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let good = temp_file("good.txt", FOOTER_PAGE.as_bytes());
    let out = chaff(
        &[
            "scan",
            "--format",
            "json",
            "/nonexistent/a.txt",
            good.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1);
    assert!(stdout.contains("CoinCentral"));
}

/// Regression: pages are analysed on worker threads, whose default stack (2 MiB) is a quarter of
/// the main thread's; a page nested 4,000 deep aborted the debug build with a stack overflow.
#[test]
fn a_deeply_nested_page_scans_on_a_worker_as_it_did_on_the_main_thread() {
    let depth = 5_000;
    let page = format!(
        "<html><body>{}<p>Deep text.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let path = temp_file("deep.html", page.as_bytes());
    let out = chaff(&["scan", path.to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("Deep text.")
    );
}
