//! The CLI: argument parsing, and the scan pipeline — inputs (files, standard input, WARC crawls)
//! read by one producer, decoded and analysed on every core with one shared engine, and written in
//! input order as text, JSON lines or `--summary` lines.
//!
//! ```text
//!  files / crawl.warc.gz ─ producer ─▶ jobs ─▶ workers (decode ▸ page ▸ Engine::analyze ▸ render)
//!                                                         └─▶ results, reordered ─▶ stdout
//! ```

mod decode;
mod http;
mod input;
mod parallel;
mod prescan;
mod progress;
mod render;
mod warc;

use std::io::{self, Write};
use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use clap::{Parser, Subcommand, ValueEnum};
use encoding_rs::Encoding;

use chaff::Engine;
use render::{Brief, Facts, Origin, Totals};

/// Marks repost noise, unrelated promotion and unconfirmed attributions on news pages.
#[derive(Parser)]
#[command(name = "chaff", version, about)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan HTML or text files (`-` reads standard input) and WARC crawls (`.warc`, `.warc.gz`),
    /// and print their marks and summary.
    Scan {
        /// Output format: `text` (the page with marks; the default for pages) or `json` (one object
        /// per page, one per line; the default when an input is a WARC crawl).
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Print only each page's origin, chain of copies, counts and noise share, then a line of
        /// totals (pages, pages with residue, chains by origin).
        #[arg(long)]
        summary: bool,
        /// The address the page was saved from; used for provenance when the page does not say.
        /// (A crawl's records carry their own.)
        #[arg(long)]
        url: Option<String>,
        /// Decode pages with this encoding (a WHATWG label: windows-1252, shift_jis, koi8-r…)
        /// instead of the one they declare or the one detected; a byte order mark still wins, as
        /// in a browser.
        #[arg(long, value_parser = decode::parse_label)]
        encoding: Option<&'static Encoding>,
        /// Threads analysing pages (default: every core).
        #[arg(long, short = 'j')]
        jobs: Option<NonZeroUsize>,
        /// Extra site rules (uBlock Origin cosmetic filter syntax) to apply on top of the built-in list.
        #[arg(long)]
        site_rules: Option<PathBuf>,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Text,
    /// The page's snapshot as the HTML door writes it (JSON, one per line; no analysis): the format
    /// the extension's content script sends, for comparing the doors.
    Snapshot,
}

/// Exit code for unusable input or setup: the same for every such case, so scripts can tell it from a crash.
const EXIT_BAD_INPUT: u8 = 2;

/// How each page is read and written; the same for every worker.
struct Settings {
    format: Format,
    summary: bool,
    url: Option<String>,
    encoding: Option<&'static Encoding>,
    colored: bool,
}

/// One page to scan.
enum Job {
    File(PathBuf),
    Record {
        file: String,
        record: warc::Record,
    },
    /// A message for standard error, kept in its place among the pages.
    Note(String),
    /// An input that could not be read, with the message naming it.
    Unreadable(String),
}

/// What became of a job.
enum Outcome {
    Page {
        output: Vec<u8>,
        facts: Facts,
    },
    /// The input could not be scanned; the message names it.
    Failed(String),
    Note(String),
}

pub fn run() -> ExitCode {
    let args = Args::parse();
    let Command::Scan {
        format,
        summary,
        url,
        encoding,
        jobs,
        site_rules,
        files,
    } = args.command;
    let mut engine = match Engine::new() {
        Ok(e) => e,
        Err(e) => return fail(&e.to_string()),
    };
    if let Some(path) = site_rules {
        match input::read_bytes(&path) {
            Ok(bytes) => {
                for err in engine.add_site_rules(&String::from_utf8_lossy(&bytes)) {
                    eprintln!("chaff: {}: {err} (skipped)", path.display());
                }
            }
            Err(e) => return fail(&e.to_string()),
        }
    }
    let warcs: Vec<bool> = files
        .iter()
        .map(|p| p.as_os_str() != "-" && warc::is_warc(p))
        .collect();
    let format = format.unwrap_or(if !summary && warcs.contains(&true) {
        Format::Json
    } else {
        Format::Text
    });
    let settings = Settings {
        format,
        summary,
        url,
        encoding,
        colored: format == Format::Text && render::use_color(),
    };
    let workers = jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
        NonZeroUsize::get,
    );

    let total_bytes: u64 = files
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let progress = progress::Progress::new(total_bytes, files.len() > 1 || warcs.contains(&true));
    let consumed = AtomicU64::new(0);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut status = ExitCode::SUCCESS;
    let mut totals = Totals::default();
    let mut pages = 0;
    let mut write_error = None;

    parallel::ordered(
        workers,
        |send| produce(&files, &warcs, &consumed, send),
        |job| scan(&engine, &settings, job),
        |outcome| {
            match outcome {
                Outcome::Page { output, facts } => {
                    pages += 1;
                    totals.add(facts);
                    if let Err(e) =
                        progress.suspend(|| out.write_all(&output).and_then(|_| out.flush()))
                    {
                        write_error = Some(e);
                        return false;
                    }
                }
                Outcome::Failed(message) => {
                    progress.suspend(|| eprintln!("chaff: {message}"));
                    status = ExitCode::from(EXIT_BAD_INPUT);
                }
                Outcome::Note(message) => progress.suspend(|| eprintln!("chaff: {message}")),
            }
            progress.update(consumed.load(Ordering::Relaxed), pages);
            true
        },
    );
    progress.finish();
    let closing = if settings.summary && write_error.is_none() {
        totals
            .write(&mut out, format == Format::Json)
            .and_then(|_| out.flush())
    } else {
        Ok(())
    };
    match write_error.map_or(closing, Err) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => status,
        Err(e) => fail(&format!("cannot write output: {e}")),
        Ok(()) => status,
    }
}

/// Feeds every input to the workers: a page file as one job, a crawl as a job per HTML record and a
/// note of what it skipped.
fn produce(
    files: &[PathBuf],
    warcs: &[bool],
    consumed: &AtomicU64,
    send: &mut dyn FnMut(Job) -> bool,
) {
    for (path, &is_warc) in files.iter().zip(warcs) {
        if !is_warc {
            if !send(Job::File(path.clone())) {
                return;
            }
            consumed.fetch_add(
                std::fs::metadata(path).map_or(0, |m| m.len()),
                Ordering::Relaxed,
            );
            continue;
        }
        let file = path.display().to_string();
        let mut wanted = true;
        let read = warc::read(path, consumed, |record| {
            wanted = send(Job::Record {
                file: file.clone(),
                record,
            });
            wanted
        });
        if !wanted {
            return;
        }
        let note = match read {
            Ok(counts) => Job::Note(format!("{file}: {counts}")),
            Err(e) => Job::Unreadable(format!("{file}: cannot read: {e}")),
        };
        if !send(note) {
            return;
        }
    }
}

/// A page's bytes and where they came from.
struct PageInput {
    /// The file named on the command line.
    source: String,
    bytes: Vec<u8>,
    /// The server's charset (a crawl's record).
    transport: Option<Vec<u8>>,
    /// `WARC-Target-URI` and `WARC-Date` (a crawl's record).
    record: Option<(String, String)>,
    url: String,
}

/// One job on a worker: read, decode, build the page, analyse, render. A panic in the engine fails
/// this page alone, with its name, and the scan goes on.
fn scan(engine: &Engine, s: &Settings, job: Job) -> Outcome {
    let input = match job {
        Job::Note(message) => return Outcome::Note(message),
        Job::Unreadable(message) => return Outcome::Failed(message),
        Job::File(path) => match read_page(&path) {
            Ok(bytes) => PageInput {
                source: path.display().to_string(),
                bytes,
                transport: None,
                record: None,
                url: s.url.clone().unwrap_or_default(),
            },
            Err(e) => return Outcome::Failed(e.to_string()),
        },
        Job::Record { file, record } => PageInput {
            source: file,
            url: record.uri.clone(),
            bytes: record.body,
            transport: record.charset,
            record: Some((record.uri, record.date)),
        },
    };
    let name = match &input.record {
        Some((uri, _)) => format!("{}: {uri}", input.source),
        None => input.source.clone(),
    };
    panic::catch_unwind(AssertUnwindSafe(|| scan_page(engine, s, &input))).unwrap_or_else(|_| {
        Outcome::Failed(format!(
            "{name}: the engine failed on this page (a bug: please report it with the page)"
        ))
    })
}

fn scan_page(engine: &Engine, s: &Settings, input: &PageInput) -> Outcome {
    let url = (!input.url.is_empty()).then_some(input.url.as_str());
    let hints = decode::Hints {
        forced: s.encoding,
        transport: input.transport.as_deref(),
        url,
    };
    let decoded = decode::decode(&input.bytes, hints);
    if s.format == Format::Snapshot {
        let mut output = serde_json::to_vec(&input::snapshot(&decoded.text, &input.url))
            .expect("a snapshot is JSON");
        output.push(b'\n');
        return Outcome::Page {
            output,
            facts: Facts {
                residue: false,
                chain_origin: None,
            },
        };
    }
    let page = input::page(&decoded.text, &input.url);
    let analysis = engine.analyze(&page);
    let from = Origin {
        source: &input.source,
        record: input.record.as_ref().map(|(u, d)| (u.as_str(), d.as_str())),
        encoding: (decoded.encoding.name(), decoded.basis.to_string()),
    };
    let brief = Brief::of(&analysis);
    let mut output = Vec::new();
    let written = if s.summary {
        render::summary_line(&mut output, &from, &brief, s.format == Format::Json)
    } else {
        match s.format {
            Format::Json | Format::Snapshot => render::json(&mut output, &from, &analysis),
            Format::Text => render::text(&mut output, &from, &page, &analysis, s.colored),
        }
    };
    written.expect("writing to memory cannot fail");
    Outcome::Page {
        output,
        facts: brief.facts(),
    }
}

fn read_page(path: &Path) -> Result<Vec<u8>, input::InputError> {
    let bytes = input::read_bytes(path)?;
    input::check_page(path, &bytes)?;
    Ok(bytes)
}

fn fail(message: &str) -> ExitCode {
    eprintln!("chaff: {message}");
    ExitCode::from(EXIT_BAD_INPUT)
}
