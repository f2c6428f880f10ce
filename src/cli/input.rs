//! Reading a file (or standard input) into a page, with one clear error per way it can fail.

use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use chaff::page::Page;

/// A file that could be read as text.
pub struct Input {
    pub text: String,
}

/// Why a file could not be scanned. Each message names the file and fits on one line.
#[derive(Debug)]
pub enum InputError {
    Unreadable { path: PathBuf, source: io::Error },
    Empty { path: PathBuf },
    Binary { path: PathBuf },
    NotUtf8 { path: PathBuf, valid_up_to: usize },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Unreadable { path, source } => write!(f, "{}: cannot read: {source}", path.display()),
            InputError::Empty { path } => write!(f, "{}: the file is empty; nothing to scan", path.display()),
            InputError::Binary { path } => write!(f, "{}: looks like a binary file, not HTML or text", path.display()),
            InputError::NotUtf8 { path, valid_up_to } => {
                write!(f, "{}: not valid UTF-8 (first bad byte at offset {valid_up_to}); save the page as UTF-8", path.display())
            }
        }
    }
}

/// Reads `path`, `-` meaning standard input.
pub fn read(path: &Path) -> Result<Input, InputError> {
    let mut bytes = Vec::new();
    let result = if path.as_os_str() == "-" {
        io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(path).map(|b| bytes = b)
    };
    result.map_err(|source| InputError::Unreadable { path: path.to_path_buf(), source })?;
    let path = path.to_path_buf();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(InputError::Empty { path });
    }
    // NUL never occurs in HTML or text a reader saved; it does in every binary format.
    if bytes.contains(&0) {
        return Err(InputError::Binary { path });
    }
    let text = String::from_utf8(bytes).map_err(|e| InputError::NotUtf8 { path, valid_up_to: e.utf8_error().valid_up_to() })?;
    Ok(Input { text: text.trim_start_matches('\u{feff}').to_string() })
}

impl Input {
    /// The page: HTML goes through the snapshot builder, anything else is a text page.
    pub fn page(&self, url: &str) -> Page {
        if chaff::html::looks_like_html(&self.text) {
            Page::from_snapshot(&chaff::html::snapshot(&self.text, url))
        } else {
            Page::from_text(&self.text, url)
        }
    }
}
