//! Bindings for the browser doors: the extension's background context and the `www/` playground.
//!
//! JavaScript hands over a [`Snapshot`] as a plain object and gets back the [`Analysis`] as plain
//! objects (JSON-compatible: maps become objects). Nothing here decides anything; it only converts.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::page::snapshot::Snapshot;
use crate::sites::LineError;
use crate::sites::suggest::{self, PickedElement};
use crate::{Analysis, Engine, Page};

/// The engine, compiled once per background context and shared by every tab.
#[wasm_bindgen]
pub struct ChaffEngine {
    /// The engine with built-in rules only; reader rules are layered on a clone of it.
    builtin: Engine,
    current: Engine,
}

#[derive(Serialize)]
struct Result<'a> {
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

fn to_js<T: Serialize>(value: &T) -> std::result::Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot return the result: {e}")))
}

#[wasm_bindgen]
impl ChaffEngine {
    /// Compiles the built-in rules.
    #[wasm_bindgen(constructor)]
    pub fn new() -> std::result::Result<ChaffEngine, JsError> {
        let builtin = Engine::new().map_err(|e| {
            web_sys::console::error_1(&JsValue::from_str(&e.to_string()));
            JsError::new(&e.to_string())
        })?;
        Ok(ChaffEngine { current: builtin.clone(), builtin })
    }

    /// Replaces the reader's site rules. Returns the lines that could not be used:
    /// `[{line, text, message}]`; every other line is in force.
    #[wasm_bindgen(js_name = setSiteRules)]
    pub fn set_site_rules(&mut self, text: &str) -> std::result::Result<JsValue, JsError> {
        let mut engine = self.builtin.clone();
        let errors: Vec<LineError> = engine.add_site_rules(text);
        self.current = engine;
        let out: Vec<RuleLineError> =
            errors.iter().map(|e| RuleLineError { line: e.line, text: &e.text, message: &e.message }).collect();
        to_js(&out)
    }

    /// The element picker's rule for a picked element on `host`: `path` is `[{tag, id, classes}]`,
    /// the picked element first, then its ancestors. Returns the rule line, or `null` for an empty path.
    #[wasm_bindgen(js_name = suggestSiteRule)]
    pub fn suggest_site_rule(&self, host: &str, path: JsValue) -> std::result::Result<Option<String>, JsError> {
        let path: Vec<PickedElement> =
            serde_wasm_bindgen::from_value(path).map_err(|e| JsError::new(&format!("not an element path: {e}")))?;
        Ok(suggest::suggest(host, &path))
    }

    /// The attribute names a snapshot writer must keep (the others may be left out): `["class", …]`.
    #[wasm_bindgen(js_name = snapshotAttributes)]
    pub fn snapshot_attributes(&self) -> std::result::Result<JsValue, JsError> {
        to_js(&self.current.snapshot_attributes())
    }

    /// Analyses a snapshot (see `page::snapshot`) and returns `{summary, marks, elapsed_ms}`.
    pub fn analyze(&self, snapshot: JsValue) -> std::result::Result<JsValue, JsError> {
        let started = js_sys::Date::now();
        let snapshot: Snapshot = serde_wasm_bindgen::from_value(snapshot)
            .map_err(|e| JsError::new(&format!("not a page snapshot: {e}")))?;
        let analysis = self.current.analyze(&Page::from_snapshot(&snapshot));
        to_js(&Result { analysis: &analysis, elapsed_ms: js_sys::Date::now() - started, blocks: None })
    }

    /// Analyses plain text (a block per line), as the CLI does with a `.txt` file; the result also
    /// carries `blocks`, the texts the marks' offsets refer to.
    #[wasm_bindgen(js_name = analyzeText)]
    pub fn analyze_text(&self, text: &str, url: &str) -> std::result::Result<JsValue, JsError> {
        let started = js_sys::Date::now();
        let page = Page::from_text(text, url);
        let analysis = self.current.analyze(&page);
        let blocks = Some(page.blocks.iter().map(|b| b.text.as_str()).collect());
        to_js(&Result { analysis: &analysis, elapsed_ms: js_sys::Date::now() - started, blocks })
    }
}
