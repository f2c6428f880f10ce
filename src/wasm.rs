//! Bindings for the browser doors: the extension's background context and the `www/` playground.
//!
//! JavaScript hands over a [`Snapshot`] as a plain object and gets back the [`Analysis`] as plain
//! objects (JSON-compatible: maps become objects). Nothing here decides anything; it only converts.
//!
//! ## After a panic
//! The module is built with `panic = "abort"`: a panic traps, and a trap leaves the instance's shadow
//! stack pointer where the panic left it, so the instance must not be used again (the background
//! makes a fresh instance). Two things keep a trap from turning into a confusing second failure:
//! every method takes `&self` (wasm-bindgen's borrow flag left behind by a trap is a shared one, so
//! it never produces "recursive use of an object detected"), and the engine in use sits behind an
//! `Rc` swapped in whole, never a borrow held while rules parse or a page is analysed. A panic hook
//! records the first panic; every later call answers with an error that names it and asks for a new
//! instance. What cannot be caught, a stack overflow, is made impossible instead: every walk a page
//! or a rule drives is iterative or bounded (see the `page`, `html` and `sites::selector` modules).

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{Once, OnceLock};

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::mark::{Category, CategoryFacts, Severity};
use crate::page::snapshot::{self, Snapshot};
use crate::sites::LineError;
use crate::sites::suggest::{self, PickedElement};
use crate::{Analysis, Engine, Page};

/// The engine, compiled once per background context and shared by every tab.
#[wasm_bindgen]
pub struct ChaffEngine {
    /// The engine with built-in rules only; reader rules are layered on a clone of it.
    builtin: Rc<Engine>,
    /// The engine in force, replaced whole when the reader's rules change.
    current: RefCell<Rc<Engine>>,
}

/// The first panic's message, once there has been one.
static PANICKED: OnceLock<String> = OnceLock::new();

/// Records the first panic and reports it on the console, before the module aborts.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let message = info.to_string();
            web_sys::console::error_1(&JsValue::from_str(&format!(
                "Chaff engine panicked: {message}"
            )));
            let _ = PANICKED.set(message);
        }));
    });
}

/// Refuses to run on an instance that has trapped.
fn check_alive() -> Result<(), JsError> {
    match PANICKED.get() {
        Some(message) => Err(JsError::new(&format!(
            "this engine instance stopped after an internal error ({message}); start a new instance"
        ))),
        None => Ok(()),
    }
}

/// What `analyze` and `analyzeText` return.
#[derive(Serialize)]
struct Reply<'a> {
    #[serde(flatten)]
    analysis: &'a Analysis,
    /// Milliseconds the analysis took inside the module.
    elapsed_ms: f64,
    /// The blocks' texts, for text pages only: a text page has no DOM to draw on, so the door shows
    /// these and places marks by `block`, `start` and `end`.
    #[serde(skip_serializing_if = "Option::is_none")]
    blocks: Option<Vec<&'a str>>,
}

#[derive(Serialize)]
struct RuleLineError<'a> {
    line: usize,
    text: &'a str,
    message: &'a str,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot return the result: {e}")))
}

/// What the JavaScript side needs to know of the engine before any page is analysed, so that it keeps
/// no copy of its own: scripts/engine-facts.mjs writes it into `pkg/engine-facts.js` at build time,
/// which the content script, the playground and the tests load.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Facts {
    /// Every category's id, label and noise flag, in drawing order.
    categories: Vec<CategoryFacts>,
    /// Attribution severities, least first.
    severities: [Severity; 3],
    /// Tags the page builder takes as blocks (`page::snapshot::BLOCK_TAGS`).
    block_tags: &'static [&'static str],
    /// Tags whose content the page builder never reads (`page::snapshot::SKIPPED_TAGS`).
    skipped_tags: &'static [&'static str],
    /// `display` values drawn as a box of their own (`page::snapshot::is_block_level`).
    block_level_displays: &'static [&'static str],
    /// The narrowest margin that sets an inline element apart (`page::snapshot::MIN_GAP_PX`).
    min_gap_px: f64,
    /// What makes an element a box where only `style` attributes are known (a DOMParser document, as
    /// the CLI's writer): a parent's `display`, its own `float` or `position`
    /// (`page::snapshot::Display::from_style`).
    blockifying: Blockifying,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Blockifying {
    parent_display: &'static [&'static str],
    float: &'static [&'static str],
    position: &'static [&'static str],
}

/// The engine's facts for the JavaScript side (see [`Facts`]); needs no engine instance.
#[wasm_bindgen(js_name = engineFacts)]
pub fn engine_facts() -> Result<JsValue, JsError> {
    to_js(&Facts {
        categories: Category::facts(),
        severities: [Severity::Low, Severity::Medium, Severity::High],
        block_tags: snapshot::BLOCK_TAGS,
        skipped_tags: snapshot::SKIPPED_TAGS,
        block_level_displays: snapshot::BLOCK_LEVEL_DISPLAYS,
        min_gap_px: snapshot::MIN_GAP_PX,
        blockifying: Blockifying {
            parent_display: snapshot::BLOCKIFYING_DISPLAYS,
            float: snapshot::BLOCKIFYING_FLOATS,
            position: snapshot::BLOCKIFYING_POSITIONS,
        },
    })
}

#[wasm_bindgen]
impl ChaffEngine {
    /// Compiles the built-in rules.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<ChaffEngine, JsError> {
        install_panic_hook();
        check_alive()?;
        let builtin = Rc::new(Engine::new().map_err(|e| {
            web_sys::console::error_1(&JsValue::from_str(&e.to_string()));
            JsError::new(&e.to_string())
        })?);
        Ok(ChaffEngine {
            current: RefCell::new(builtin.clone()),
            builtin,
        })
    }

    /// Whether this instance has trapped (and must be replaced by a new one).
    #[wasm_bindgen(getter)]
    pub fn poisoned(&self) -> bool {
        PANICKED.get().is_some()
    }

    /// Replaces the reader's site rules. Returns the lines that could not be used:
    /// `[{line, text, message}]`; every other line is in force.
    #[wasm_bindgen(js_name = setSiteRules)]
    pub fn set_site_rules(&self, text: &str) -> Result<JsValue, JsError> {
        check_alive()?;
        let mut engine = Engine::clone(&self.builtin);
        let errors: Vec<LineError> = engine.add_site_rules(text);
        self.current.replace(Rc::new(engine));
        let out: Vec<RuleLineError> = errors
            .iter()
            .map(|e| RuleLineError {
                line: e.line,
                text: &e.text,
                message: &e.message,
            })
            .collect();
        to_js(&out)
    }

    /// The element picker's rule for a picked element on `host`: `path` is `[{tag, id, classes}]`,
    /// the picked element first, then its ancestors. Returns the rule line, or `null` for an empty path.
    #[wasm_bindgen(js_name = suggestSiteRule)]
    pub fn suggest_site_rule(&self, host: &str, path: JsValue) -> Result<Option<String>, JsError> {
        check_alive()?;
        let path: Vec<PickedElement> = serde_wasm_bindgen::from_value(path)
            .map_err(|e| JsError::new(&format!("not an element path: {e}")))?;
        Ok(suggest::suggest(host, &path))
    }

    /// The attribute names a snapshot writer must keep (the others may be left out): `["class", …]`.
    #[wasm_bindgen(js_name = snapshotAttributes)]
    pub fn snapshot_attributes(&self) -> Result<JsValue, JsError> {
        check_alive()?;
        to_js(&self.engine().snapshot_attributes())
    }

    /// Analyses a snapshot (see `page::snapshot`) and returns `{summary, marks, elapsed_ms}`.
    pub fn analyze(&self, snapshot: JsValue) -> Result<JsValue, JsError> {
        check_alive()?;
        let started = js_sys::Date::now();
        let snapshot: Snapshot = serde_wasm_bindgen::from_value(snapshot)
            .map_err(|e| JsError::new(&format!("not a page snapshot: {e}")))?;
        let engine = self.engine();
        let analysis = engine.analyze(&Page::from_snapshot(&snapshot));
        to_js(&Reply {
            analysis: &analysis,
            elapsed_ms: js_sys::Date::now() - started,
            blocks: None,
        })
    }

    /// Analyses plain text (a block per line), as the CLI does with a `.txt` file; the result also
    /// carries `blocks`, the texts the marks' offsets refer to.
    #[wasm_bindgen(js_name = analyzeText)]
    pub fn analyze_text(&self, text: &str, url: &str) -> Result<JsValue, JsError> {
        check_alive()?;
        let started = js_sys::Date::now();
        let page = Page::from_text(text, url);
        let analysis = self.engine().analyze(&page);
        let blocks = Some(page.blocks.iter().map(|b| b.text.as_str()).collect());
        to_js(&Reply {
            analysis: &analysis,
            elapsed_ms: js_sys::Date::now() - started,
            blocks,
        })
    }
}

impl ChaffEngine {
    /// The engine in force, taken out of its cell at once so that no borrow outlives this line.
    fn engine(&self) -> Rc<Engine> {
        self.current.borrow().clone()
    }
}
