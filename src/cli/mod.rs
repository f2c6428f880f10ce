//! The CLI: argument parsing, reading inputs, and the two output formats.

mod input;
mod render;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use chaff::Engine;

/// Marks repost noise, unrelated promotion and unconfirmed attributions on news pages.
#[derive(Parser)]
#[command(name = "chaff", version, about)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan HTML or text files (`-` reads standard input) and print their marks and summary.
    Scan {
        /// Output format: `json` (one object per file, one per line) or `text` (the page with marks).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The address the page was saved from; used for provenance when the page does not say.
        #[arg(long)]
        url: Option<String>,
        /// Extra site rules (uBlock Origin cosmetic filter syntax) to apply on top of the built-in list.
        #[arg(long)]
        site_rules: Option<PathBuf>,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Text,
}

/// Exit code for unusable input or setup: the same for every such case, so scripts can tell it from a crash.
const EXIT_BAD_INPUT: u8 = 2;

pub fn run() -> ExitCode {
    let args = Args::parse();
    let Command::Scan { format, url, site_rules, files } = args.command;
    let mut engine = match Engine::new() {
        Ok(e) => e,
        Err(e) => return fail(&e.to_string()),
    };
    if let Some(path) = site_rules {
        match input::read(&path) {
            Ok(input) => {
                for err in engine.add_site_rules(&input.text) {
                    eprintln!("chaff: {}: {err} (skipped)", path.display());
                }
            }
            Err(e) => return fail(&e.to_string()),
        }
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut status = ExitCode::SUCCESS;
    for path in &files {
        let page = match input::read(path) {
            Ok(input) => input.page(url.as_deref().unwrap_or("")),
            Err(e) => {
                eprintln!("chaff: {e}");
                status = ExitCode::from(EXIT_BAD_INPUT);
                continue;
            }
        };
        let analysis = engine.analyze(&page);
        let source = path.display().to_string();
        let written = match format {
            Format::Json => render::json(&mut out, &source, &analysis),
            Format::Text => render::text(&mut out, &source, &page, &analysis, render::use_color()),
        };
        if let Err(e) = written.and_then(|_| out.flush()) {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return status;
            }
            return fail(&format!("cannot write output: {e}"));
        }
    }
    status
}

fn fail(message: &str) -> ExitCode {
    eprintln!("chaff: {message}");
    ExitCode::from(EXIT_BAD_INPUT)
}
