//! Which elements of a page the site rules hide, and the blocks each element holds.
//!
//! Blocks are in document order, so the blocks inside one element form a contiguous run: one pass
//! over the blocks, walking each block's ancestors, gives every element its run ([`Page::block_spans`](crate::page::Page::block_spans)).
//! `:has-text()` reads an element's text from its run, so it costs nothing for rules without it.

use std::ops::Range;

use super::{Origin, SiteRule};
use crate::page::Page;

/// The elements the applicable rules hide, outermost only, with the rule that hides each.
pub fn hidden<'r>(
    rules: &'r [SiteRule],
    page: &Page,
    spans: &[Range<usize>],
) -> Vec<(usize, &'r SiteRule)> {
    let host = crate::page::url::host(&page.meta.url).unwrap_or_default();
    let applicable: Vec<&SiteRule> = rules
        .iter()
        .filter(|r| !r.exception && r.domains.applies(&host))
        .filter(|r| {
            !rules.iter().any(|x| {
                x.exception && x.selector_text == r.selector_text && x.domains.applies(&host)
            })
        })
        .collect();
    if applicable.is_empty() {
        return Vec::new();
    }
    let text = |el: usize| -> String {
        let span = spans[el].clone();
        page.blocks[span]
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut hidden_by: Vec<Option<&SiteRule>> = vec![None; page.elements.len()];
    let mut out = Vec::new();
    for el in 1..page.elements.len() {
        if spans[el].is_empty() {
            continue;
        }
        // An element inside a hidden one is hidden with it; report the outermost.
        if let Some(parent) = page.elements[el].parent
            && let Some(rule) = hidden_by[parent]
        {
            hidden_by[el] = Some(rule);
            continue;
        }
        // Reader rules are tried first, so a reader's own line is the reason they see.
        let rule = applicable
            .iter()
            .filter(|r| r.origin == Origin::Reader)
            .chain(applicable.iter().filter(|r| r.origin == Origin::Builtin))
            .find(|r| r.selector.matches(page, el, &text));
        if let Some(rule) = rule {
            hidden_by[el] = Some(rule);
            out.push((el, *rule));
        }
    }
    out
}
