//! The element picker's rule: the site-rule line (uBlock Origin cosmetic syntax) that a reader's
//! picked element becomes.
//!
//! The picker sends the element and its ancestors as [`PickedElement`]s (tag, id, classes), nearest
//! first. The rule names the element by what is likely to stay the same on the site's next page:
//! an id, or classes, that read like words. Names that look generated — by CSS-in-JS tools
//! (`css-1q2w3e4`), by counters (`post-48213`) or hashes — change from page to page and would make a
//! rule that never matches again, so they are passed over. When the element itself has no stable
//! name, the nearest ancestor that has one scopes it (`div.sidebar li`); when none has, the last
//! [`FALLBACK_DEPTH`] tags are chained with `>`.

use serde::Deserialize;

use super::selector::SelectorList;

/// One element of the picked path, as the picker reads it from the DOM.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PickedElement {
    pub tag: String,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub classes: Vec<String>,
}

/// Longest id or class kept: longer names are usually generated.
const MAX_NAME_LEN: usize = 40;
/// A run of this many digits marks a counter or a hash (`post-48213`, `x9f811a`).
const DIGIT_RUN: usize = 3;
/// Classes named per compound: more makes the rule brittle, fewer too broad.
const MAX_CLASSES: usize = 2;
/// Tags chained when no element on the path has a stable name.
const FALLBACK_DEPTH: usize = 3;

/// Whether an id or class reads like a name a site keeps from page to page.
fn stable(name: &str) -> bool {
    let well_formed = !name.is_empty()
        && name.len() <= MAX_NAME_LEN
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !well_formed {
        return false;
    }
    let mut run = 0;
    for c in name.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        if run >= DIGIT_RUN {
            return false;
        }
    }
    // A generated segment mixes letters and digits without vowels' help: `css-1x2y3z`, `sc-bdVaJa`.
    !name.split(['-', '_']).any(|seg| {
        seg.len() >= 5
            && seg.chars().any(|c| c.is_ascii_digit())
            && seg.chars().any(|c| c.is_ascii_alphabetic())
    })
}

fn tag_of(el: &PickedElement) -> String {
    let tag = el.tag.to_ascii_lowercase();
    if !tag.is_empty() && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        tag
    } else {
        "*".to_string()
    }
}

/// The element's own stable name: `#id`, or its tag with up to [`MAX_CLASSES`] stable classes.
fn name_of(el: &PickedElement) -> Option<String> {
    if let Some(id) = el.id.as_deref().filter(|id| stable(id)) {
        return Some(format!("#{id}"));
    }
    let classes: Vec<&str> = el
        .classes
        .iter()
        .map(String::as_str)
        .filter(|c| stable(c))
        .take(MAX_CLASSES)
        .collect();
    if classes.is_empty() {
        return None;
    }
    Some(format!("{}.{}", tag_of(el), classes.join(".")))
}

/// The rule for the first element of `path` (nearest first) on `host`: `host##selector`.
/// Returns `None` for an empty path.
pub fn suggest(host: &str, path: &[PickedElement]) -> Option<String> {
    let picked = path.first()?;
    let selector = match name_of(picked) {
        Some(name) => name,
        None => match path[1..].iter().find_map(name_of) {
            Some(scope) => format!("{scope} {}", tag_of(picked)),
            None => {
                let mut tags: Vec<String> = path.iter().take(FALLBACK_DEPTH).map(tag_of).collect();
                tags.reverse();
                tags.join(" > ")
            }
        },
    };
    debug_assert!(
        SelectorList::parse(&selector).is_ok(),
        "suggested selector must parse: {selector}"
    );
    let host = host.trim().trim_start_matches("www.").to_ascii_lowercase();
    Some(format!("{host}##{selector}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(tag: &str, id: Option<&str>, classes: &[&str]) -> PickedElement {
        PickedElement {
            tag: tag.into(),
            id: id.map(Into::into),
            classes: classes.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn an_id_names_the_element() {
        let path = [el(
            "DIV",
            Some("taboola-below-article"),
            &["trc_related_container"],
        )];
        assert_eq!(
            suggest("www.news.example", &path).unwrap(),
            "news.example###taboola-below-article"
        );
    }

    #[test]
    fn stable_classes_name_it_and_generated_ones_are_passed_over() {
        let path = [el(
            "section",
            Some("post-48213"),
            &["css-1x2y3z", "related-posts", "widget", "third"],
        )];
        assert_eq!(
            suggest("news.example", &path).unwrap(),
            "news.example##section.related-posts.widget"
        );
    }

    #[test]
    fn an_unnamed_element_is_scoped_by_its_nearest_named_ancestor() {
        let path = [
            el("li", None, &[]),
            el("ul", None, &["sc-bdVaJa9"]),
            el("aside", None, &["sidebar"]),
        ];
        assert_eq!(
            suggest("news.example", &path).unwrap(),
            "news.example##aside.sidebar li"
        );
    }

    #[test]
    fn with_no_stable_name_anywhere_the_last_tags_are_chained() {
        let path = [
            el("a", None, &[]),
            el("li", None, &[]),
            el("ul", None, &[]),
            el("body", None, &[]),
        ];
        assert_eq!(
            suggest("news.example", &path).unwrap(),
            "news.example##ul > li > a"
        );
    }

    #[test]
    fn every_suggestion_is_a_rule_the_options_page_accepts() {
        let paths = [
            vec![el("div", Some("x"), &[])],
            vec![el("span", None, &["a_b", "c-d"])],
            vec![
                el("p", None, &["1bad", "café"]),
                el("div", Some("main"), &[]),
            ],
            vec![el("weird<tag>", None, &[])],
        ];
        for path in paths {
            let rule = suggest("news.example", &path).unwrap();
            let (rules, errors) = crate::sites::SiteRules::parse(&rule);
            assert!(errors.is_empty() && rules.len() == 1, "{rule}: {errors:?}");
        }
        assert_eq!(suggest("news.example", &[]), None);
    }
}
