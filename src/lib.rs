//! # Chaff
//!
//! Chaff reads a news page the way a careful reader would and marks three things wrapped around the
//! news on aggregator sites:
//!
//! - **repost noise** (`repost-noise`): syndication residue such as "The post … appeared first on …",
//!   source lines, teasers scraped twice, reposting disclaimers;
//! - **unrelated promotion** (`unrelated-promo`): recommendation cards, price widgets and calls to
//!   action that have nothing to do with the article;
//! - **unconfirmed attributions** (`unconfirmed-attribution`): claims resting on someone's word that
//!   the page gives the reader no way to check.
//!
//! It also names the article's origin publisher and the chain of copies the page reveals.
//!
//! The engine is pure Rust over a small [page model](page). Every door (the browser extension, the
//! `www/` playground, the `chaff` CLI) builds a [`page::snapshot::Snapshot`] and hands it to
//! [`Engine::analyze`]; the browser-facing bindings live in `wasm` (wasm32 only), the HTML parser
//! used by the CLI in `html` (native only).
//!
//! ## Crate features
//! None. Browser dependencies are compiled only for `wasm32`, the HTML parser and the CLI's argument
//! parser only for other targets.
//!
//! ## Performance
//! Analysis is linear in the page's text: every rule file compiles once into regex sets that scan
//! each block once, offsets are converted to UTF-16 once per mark, and relatedness is scored against
//! one term table built per page. `cargo run --release --example bench` prints the figures.

pub mod detect;
pub mod engine;
pub mod mark;
pub mod page;
pub mod rules;
pub mod sentences;
pub mod sites;

#[cfg(not(target_arch = "wasm32"))]
pub mod html;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use engine::{Engine, EngineError};
pub use mark::{Analysis, Category, Mark, Summary};
pub use page::Page;
