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
/// Each pass expands every name the text holds at that level, so a pattern may use any number of
/// parts; only parts naming parts in turn count towards `MAX_DEPTH`.
pub fn expand(pattern: &str, parts: &BTreeMap<String, Part>) -> Result<String, String> {
    let mut out = pattern.to_string();
    for _ in 0..=MAX_DEPTH {
        let mut names = Vec::new();
        let mut rest = out.as_str();
        while let Some(start) = rest.find("{{") {
            let end = rest[start..]
                .find("}}")
                .map(|e| start + e)
                .ok_or_else(|| format!("unclosed {{{{ in {pattern}"))?;
            names.push(rest[start + 2..end].to_string());
            rest = &rest[end + 2..];
        }
        if names.is_empty() {
            return Ok(out);
        }
        names.sort_unstable();
        names.dedup();
        for name in names {
            let part = parts
                .get(&name)
                .ok_or_else(|| format!("no part named {name:?}"))?;
            out = out.replace(&format!("{{{{{name}}}}}"), &part.source());
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

    /// Regression (issue 8): the expansion counted names rather than levels, so a pattern using more
    /// than five different parts was refused as "nested too deep".
    #[test]
    fn a_pattern_may_use_many_parts_side_by_side() {
        let mut p = parts();
        for n in ["a", "b", "c", "d", "e", "f"] {
            p.insert(n.to_string(), Part::Fragment(n.to_string()));
        }
        assert_eq!(
            expand("{{a}}{{b}}{{c}}{{d}}{{e}}{{f}}{{who}}", &p).unwrap(),
            "abcdef(?:the post|la entrada)"
        );
    }

    #[test]
    fn parts_naming_parts_nest_only_so_deep() {
        let mut p = BTreeMap::new();
        for i in 0..=MAX_DEPTH + 1 {
            p.insert(
                format!("p{i}"),
                Part::Fragment(format!("{{{{p{}}}}}", i + 1)),
            );
        }
        assert!(expand("{{p0}}", &p).unwrap_err().contains("deeper"));
    }
}
