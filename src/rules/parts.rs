//! Named parts: a rule file's vocabulary, composed into its patterns before they compile.
//!
//! A rule file may hold a `[parts]` table. A part is a regex fragment, a list of alternatives, or a
//! table of such lists keyed by language (`[parts.footer_what] en = ["appeared first on"] es = […]`);
//! a pattern names it as `{{name}}` and gets `(?:alt1|alt2|…)` in its place, every language's
//! alternatives together. Parts may name earlier-expanded parts in turn (up to `MAX_DEPTH` levels).
//! Expansion produces plain pattern strings, so everything after it (translation, compilation,
//! matching) sees ordinary patterns: adding a language to a family is a data change.

use std::collections::BTreeMap;

use serde::Deserialize;

/// How deep parts may name parts; deeper is a cycle or a mistake.
const MAX_DEPTH: usize = 4;

/// One named part as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Part {
    /// A regex fragment, used as written.
    Fragment(String),
    /// Alternatives, one of which must match.
    Alternatives(Vec<String>),
    /// Alternatives by language (BCP 47 primary tag): every language's, together.
    ByLanguage(BTreeMap<String, Vec<String>>),
}

impl Part {
    /// The regex source a use of the part stands for (`build.rs` ships parts in this form).
    pub fn source(&self) -> String {
        let alternatives = |v: &mut dyn Iterator<Item = &String>| {
            format!(
                "(?:{})",
                v.map(String::as_str).collect::<Vec<_>>().join("|")
            )
        };
        match self {
            Part::Fragment(s) => s.clone(),
            Part::Alternatives(v) => alternatives(&mut v.iter()),
            Part::ByLanguage(m) => alternatives(&mut m.values().flatten()),
        }
    }
}

/// Replaces every `{{name}}` in `pattern` with its part; an unknown name is an error naming it.
pub fn expand(pattern: &str, parts: &BTreeMap<String, Part>) -> Result<String, String> {
    let mut out = pattern.to_string();
    for _ in 0..=MAX_DEPTH {
        let Some(start) = out.find("{{") else {
            return Ok(out);
        };
        let end = out[start..]
            .find("}}")
            .map(|e| start + e)
            .ok_or_else(|| format!("unclosed {{{{ in {pattern}"))?;
        let name = &out[start + 2..end];
        let part = parts
            .get(name)
            .ok_or_else(|| format!("no part named {name:?}"))?;
        // Expand every use of this name at once, then look again for names the part brought in.
        out = out.replace(&format!("{{{{{name}}}}}"), &part.source());
        if !out.contains("{{") {
            return Ok(out);
        }
    }
    if out.contains("{{") {
        return Err(format!(
            "parts nest deeper than {MAX_DEPTH} levels in {pattern}"
        ));
    }
    Ok(out)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn parts() -> BTreeMap<String, Part> {
        let text = r#"
            who = ["the post", "la entrada"]
            sep = '\s+'
            [what]
            en = ["appeared first on"]
            es = ["se public[oó] primero en"]
        "#;
        toml::from_str(text).unwrap()
    }

    #[test]
    fn parts_become_alternatives_of_every_language() {
        let p = expand("{{who}}{{sep}}.+?{{sep}}{{what}}", &parts()).unwrap();
        assert_eq!(
            p,
            r"(?:the post|la entrada)\s+.+?\s+(?:appeared first on|se public[oó] primero en)"
        );
    }

    #[test]
    fn an_unknown_part_is_an_error_that_names_it() {
        assert!(expand("{{whom}} x", &parts()).unwrap_err().contains("whom"));
    }

    #[test]
    fn regex_repetition_braces_are_left_alone() {
        assert_eq!(expand(r"a{2,3}\d{4}", &parts()).unwrap(), r"a{2,3}\d{4}");
    }
}
