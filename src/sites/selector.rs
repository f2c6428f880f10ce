//! The CSS selectors a site rule may use, parsed into a small tree and matched against page elements.
//!
//! The subset is what cosmetic filters for news widgets need: tag, `#id`, `.class`, `[attr]`,
//! `[attr=v]`, `[attr^=v]`, `[attr$=v]`, `[attr*=v]`, `[attr~=v]`, `*`, the descendant and child
//! combinators, comma lists, uBlock Origin's `:has-text(text)` and `:has-text(/regex/flags)`, and
//! `:not(…)`. Anything else (sibling combinators, other pseudo-classes) is a [`SelectorError`] that
//! names what is missing, so the reader knows the line was skipped and why.
//!
//! Matching runs right to left over [`Element::parent`] links, as browsers do, and gives up on a
//! descendant combinator as soon as its left side has failed at every ancestor (as Servo and Blink
//! do), so a rule's cost on one element is bounded by the page's depth times its compounds rather
//! than growing with every way of placing them.
//!
//! Parsing and matching recurse once per `:not()` level and once per compound, so both are bounded:
//! [`MAX_NOT_NESTING`] and [`MAX_COMPOUNDS`]. A rule past either is refused with a message that says
//! so (and is skipped, like any bad line); no rule can overflow the stack.

/// Deepest `:not(:not(…))` nesting read. Real filter lists nest `:not()` once or twice; each level
/// costs a stack frame in parsing and matching, so an unbounded rule could overflow the stack.
pub const MAX_NOT_NESTING: usize = 16;

/// Most compounds in one complex selector (`a > b c` has three). Real rules use a handful.
pub const MAX_COMPOUNDS: usize = 32;

use std::fmt;

use regex::Regex;

use crate::page::{Element, Page};
use crate::rules::translate;

/// A comma-separated list of selectors; an element matches when any of them does.
#[derive(Debug, Clone)]
pub struct SelectorList(Vec<Complex>);

/// Compounds joined by combinators, leftmost first; `combinators[i]` joins `compounds[i]` and `compounds[i + 1]`.
#[derive(Debug, Clone)]
struct Complex {
    compounds: Vec<Compound>,
    combinators: Vec<Combinator>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Combinator {
    Descendant,
    Child,
}

/// A tag (or none, for `*` and bare conditions) and the conditions one element must meet.
#[derive(Debug, Clone, Default)]
struct Compound {
    tag: Option<String>,
    conditions: Vec<Condition>,
}

#[derive(Debug, Clone)]
enum Condition {
    Id(String),
    Class(String),
    Attr {
        name: String,
        op: AttrOp,
        value: String,
    },
    HasText(Needle),
    Not(SelectorList),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AttrOp {
    Exists,
    Equals,
    Prefix,
    Suffix,
    Contains,
    Word,
}

/// What `:has-text()` looks for in an element's text.
#[derive(Debug, Clone)]
enum Needle {
    /// A literal, matched case-sensitively as uBlock Origin does.
    Plain(String),
    /// A `/regex/`; with the `i` flag it runs on the ASCII-lowercased text (see [`crate::rules`]).
    Regex { re: Regex, ignore_case: bool },
}

/// Why a selector could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SelectorError {
    /// Nothing after `##`.
    Empty,
    /// The selector ended inside a bracket, a parenthesis or a string; close it.
    Unterminated(&'static str),
    /// A character that cannot start or continue a selector here.
    Unexpected { found: char, at: usize },
    /// A pseudo-class or combinator outside the supported subset; rewrite the rule without it.
    Unsupported(String),
    /// The regex in `:has-text(/…/)` does not compile.
    BadRegex(String),
    /// `:not()` nested deeper than [`MAX_NOT_NESTING`] levels; flatten the rule.
    TooDeep,
    /// More than [`MAX_COMPOUNDS`] compounds in one selector; shorten the chain.
    TooLong,
}

impl fmt::Display for SelectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SelectorError::Empty => write!(f, "the selector is empty"),
            SelectorError::Unterminated(what) => write!(f, "the selector ends inside {what}"),
            SelectorError::Unexpected { found, at } => {
                write!(f, "unexpected `{found}` at column {}", at + 1)
            }
            SelectorError::Unsupported(what) => write!(f, "{what} is not supported"),
            SelectorError::BadRegex(e) => write!(f, "the :has-text() regex does not compile: {e}"),
            SelectorError::TooDeep => write!(
                f,
                ":not() is nested deeper than {MAX_NOT_NESTING} levels, the most Chaff reads"
            ),
            SelectorError::TooLong => write!(
                f,
                "the selector chains more than {MAX_COMPOUNDS} compounds, the most Chaff reads"
            ),
        }
    }
}

impl std::error::Error for SelectorError {}

impl SelectorList {
    pub fn parse(source: &str) -> Result<SelectorList, SelectorError> {
        let chars: Vec<char> = source.chars().collect();
        let mut p = Parser {
            chars: &chars,
            at: 0,
            nesting: 0,
        };
        let list = p.list()?;
        p.skip_space();
        match p.peek() {
            None => Ok(list),
            Some(c) => Err(SelectorError::Unexpected { found: c, at: p.at }),
        }
    }

    /// The attribute names the selectors test (`#id` and `.class` count as `id` and `class`),
    /// `:not()` included; walked with a stack, so a deeply nested rule cannot overflow it.
    pub fn attribute_names(&self) -> Vec<&str> {
        let mut names = Vec::new();
        let mut lists = vec![self];
        while let Some(list) = lists.pop() {
            for cond in list
                .0
                .iter()
                .flat_map(|c| &c.compounds)
                .flat_map(|c| &c.conditions)
            {
                match cond {
                    Condition::Id(_) => names.push("id"),
                    Condition::Class(_) => names.push("class"),
                    Condition::Attr { name, .. } => names.push(name.as_str()),
                    Condition::HasText(_) => {}
                    Condition::Not(inner) => lists.push(inner),
                }
            }
        }
        names
    }

    /// Whether element `el` of `page` matches; `text(el)` gives an element's visible text.
    pub fn matches(&self, page: &Page, el: usize, text: &dyn Fn(usize) -> String) -> bool {
        self.0
            .iter()
            .any(|c| c.matches_at(page, el, c.compounds.len() - 1, text) == Outcome::Matched)
    }
}

/// How matching a selector's left part at an element ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Matched,
    /// Not here; a higher ancestor may still do.
    NotHere,
    /// Not here nor at any ancestor: an enclosing descendant combinator can stop looking.
    NowhereAbove,
}

impl Complex {
    fn matches_at(
        &self,
        page: &Page,
        el: usize,
        i: usize,
        text: &dyn Fn(usize) -> String,
    ) -> Outcome {
        if !self.compounds[i].matches(page, el, text) {
            return Outcome::NotHere;
        }
        if i == 0 {
            return Outcome::Matched;
        }
        let mut up = page.elements[el].parent;
        match self.combinators[i - 1] {
            Combinator::Child => match up {
                Some(p) => self.matches_at(page, p, i - 1, text),
                None => Outcome::NowhereAbove,
            },
            Combinator::Descendant => {
                while let Some(p) = up {
                    match self.matches_at(page, p, i - 1, text) {
                        Outcome::NotHere => up = page.elements[p].parent,
                        done => return done,
                    }
                }
                Outcome::NowhereAbove
            }
        }
    }
}

impl Compound {
    fn matches(&self, page: &Page, el: usize, text: &dyn Fn(usize) -> String) -> bool {
        let e: &Element = &page.elements[el];
        if e.tag.starts_with('#') {
            return false;
        }
        if self.tag.as_ref().is_some_and(|t| *t != e.tag) {
            return false;
        }
        self.conditions.iter().all(|c| match c {
            Condition::Id(id) => e.id.as_deref() == Some(id.as_str()),
            Condition::Class(class) => e.classes.iter().any(|c| c == class),
            Condition::Attr { name, op, value } => e.attr(name).is_some_and(|v| match op {
                AttrOp::Exists => true,
                AttrOp::Equals => v == value,
                AttrOp::Prefix => v.starts_with(value.as_str()),
                AttrOp::Suffix => v.ends_with(value.as_str()),
                AttrOp::Contains => v.contains(value.as_str()),
                AttrOp::Word => v.split_whitespace().any(|w| w == value),
            }),
            Condition::HasText(Needle::Plain(s)) => text(el).contains(s.as_str()),
            Condition::HasText(Needle::Regex { re, ignore_case }) => {
                let t = text(el);
                if *ignore_case {
                    re.is_match(&t.to_ascii_lowercase())
                } else {
                    re.is_match(&t)
                }
            }
            Condition::Not(list) => !list.matches(page, el, text),
        })
    }
}

struct Parser<'a> {
    chars: &'a [char],
    at: usize,
    /// `:not()` levels open at `at`.
    nesting: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn skip_space(&mut self) -> bool {
        let start = self.at;
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
        self.at > start
    }

    fn list(&mut self) -> Result<SelectorList, SelectorError> {
        let mut out = vec![self.complex()?];
        loop {
            self.skip_space();
            if self.peek() != Some(',') {
                return Ok(SelectorList(out));
            }
            self.at += 1;
            out.push(self.complex()?);
        }
    }

    fn complex(&mut self) -> Result<Complex, SelectorError> {
        self.skip_space();
        let mut compounds = vec![self.compound()?];
        let mut combinators = Vec::new();
        loop {
            let spaced = self.skip_space();
            let combinator = match self.peek() {
                Some('>') => {
                    self.at += 1;
                    self.skip_space();
                    Combinator::Child
                }
                Some(c @ ('+' | '~')) => {
                    return Err(SelectorError::Unsupported(format!(
                        "the sibling combinator `{c}`"
                    )));
                }
                Some(c) if spaced && c != ',' && c != ')' => Combinator::Descendant,
                _ => {
                    return Ok(Complex {
                        compounds,
                        combinators,
                    });
                }
            };
            if compounds.len() == MAX_COMPOUNDS {
                return Err(SelectorError::TooLong);
            }
            combinators.push(combinator);
            compounds.push(self.compound()?);
        }
    }

    fn compound(&mut self) -> Result<Compound, SelectorError> {
        let start = self.at;
        let mut compound = Compound::default();
        if self.peek() == Some('*') {
            self.at += 1;
        } else if self.peek().is_some_and(is_name_char) {
            compound.tag = Some(self.name().to_ascii_lowercase());
        }
        loop {
            match self.peek() {
                Some('#') => {
                    self.at += 1;
                    compound
                        .conditions
                        .push(Condition::Id(self.required_name()?));
                }
                Some('.') => {
                    self.at += 1;
                    compound
                        .conditions
                        .push(Condition::Class(self.required_name()?));
                }
                Some('[') => {
                    self.at += 1;
                    compound.conditions.push(self.attr()?);
                }
                Some(':') => {
                    self.at += 1;
                    compound.conditions.push(self.pseudo()?);
                }
                _ => break,
            }
        }
        if self.at == start {
            return match self.peek() {
                None => Err(SelectorError::Empty),
                Some(c) => Err(SelectorError::Unexpected {
                    found: c,
                    at: self.at,
                }),
            };
        }
        Ok(compound)
    }

    fn name(&mut self) -> String {
        let start = self.at;
        while self.peek().is_some_and(is_name_char) {
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect()
    }

    fn required_name(&mut self) -> Result<String, SelectorError> {
        let name = self.name();
        if name.is_empty() {
            return match self.peek() {
                None => Err(SelectorError::Unterminated("a name")),
                Some(c) => Err(SelectorError::Unexpected {
                    found: c,
                    at: self.at,
                }),
            };
        }
        Ok(name)
    }

    fn attr(&mut self) -> Result<Condition, SelectorError> {
        self.skip_space();
        let name = self.required_name()?.to_ascii_lowercase();
        self.skip_space();
        let op = match self.peek() {
            Some(']') => {
                self.at += 1;
                return Ok(Condition::Attr {
                    name,
                    op: AttrOp::Exists,
                    value: String::new(),
                });
            }
            Some('=') => AttrOp::Equals,
            Some('^') => AttrOp::Prefix,
            Some('$') => AttrOp::Suffix,
            Some('*') => AttrOp::Contains,
            Some('~') => AttrOp::Word,
            Some(c) => {
                return Err(SelectorError::Unexpected {
                    found: c,
                    at: self.at,
                });
            }
            None => return Err(SelectorError::Unterminated("an attribute selector `[…]`")),
        };
        self.at += if op == AttrOp::Equals { 1 } else { 2 };
        if op != AttrOp::Equals && self.chars.get(self.at - 1) != Some(&'=') {
            return Err(SelectorError::Unexpected {
                found: self.chars.get(self.at - 1).copied().unwrap_or(' '),
                at: self.at - 1,
            });
        }
        self.skip_space();
        let value = match self.peek() {
            Some(q @ ('"' | '\'')) => {
                self.at += 1;
                let start = self.at;
                while self.peek().is_some_and(|c| c != q) {
                    self.at += 1;
                }
                if self.peek().is_none() {
                    return Err(SelectorError::Unterminated("a quoted string"));
                }
                let v: String = self.chars[start..self.at].iter().collect();
                self.at += 1;
                v
            }
            _ => self.required_name()?,
        };
        self.skip_space();
        match self.peek() {
            Some(']') => {
                self.at += 1;
                Ok(Condition::Attr { name, op, value })
            }
            Some(c) => Err(SelectorError::Unexpected {
                found: c,
                at: self.at,
            }),
            None => Err(SelectorError::Unterminated("an attribute selector `[…]`")),
        }
    }

    fn pseudo(&mut self) -> Result<Condition, SelectorError> {
        let name = self.name().to_ascii_lowercase();
        match name.as_str() {
            "has-text" => {
                let arg = self.parenthesised()?;
                needle(arg.trim()).map(Condition::HasText)
            }
            "not" => {
                if self.peek() != Some('(') {
                    return Err(SelectorError::Unterminated(":not(…)"));
                }
                if self.nesting == MAX_NOT_NESTING {
                    return Err(SelectorError::TooDeep);
                }
                self.at += 1;
                self.nesting += 1;
                let list = self.list()?;
                self.nesting -= 1;
                self.skip_space();
                if self.peek() != Some(')') {
                    return Err(SelectorError::Unterminated(":not(…)"));
                }
                self.at += 1;
                Ok(Condition::Not(list))
            }
            "" => Err(SelectorError::Unexpected {
                found: ':',
                at: self.at - 1,
            }),
            other => Err(SelectorError::Unsupported(format!(
                "the pseudo-class `:{other}`"
            ))),
        }
    }

    /// The raw text between balanced parentheses (the opening one is next).
    fn parenthesised(&mut self) -> Result<String, SelectorError> {
        if self.peek() != Some('(') {
            return Err(SelectorError::Unterminated(":has-text(…)"));
        }
        self.at += 1;
        let start = self.at;
        let mut depth = 1;
        while let Some(c) = self.peek() {
            match c {
                '\\' => self.at += 1,
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        let arg = self.chars[start..self.at].iter().collect();
                        self.at += 1;
                        return Ok(arg);
                    }
                }
                _ => {}
            }
            self.at += 1;
        }
        Err(SelectorError::Unterminated(":has-text(…)"))
    }
}

/// A `:has-text()` argument: `/regex/flags` or literal text (quotes optional).
fn needle(arg: &str) -> Result<Needle, SelectorError> {
    if arg.is_empty() {
        return Err(SelectorError::Unsupported("an empty :has-text()".into()));
    }
    if let Some(rest) = arg.strip_prefix('/')
        && let Some(end) = rest.rfind('/')
    {
        let (pattern, flags) = (&rest[..end], &rest[end + 1..]);
        if let Some(bad) = flags.chars().find(|f| *f != 'i') {
            return Err(SelectorError::Unsupported(format!(
                "the regex flag `{bad}`"
            )));
        }
        let ignore_case = flags.contains('i');
        let re = Regex::new(&translate(pattern, ignore_case))
            .map_err(|e| SelectorError::BadRegex(e.to_string()))?;
        return Ok(Needle::Regex { re, ignore_case });
    }
    let unquoted = arg
        .strip_prefix('"')
        .and_then(|a| a.strip_suffix('"'))
        .or_else(|| arg.strip_prefix('\'').and_then(|a| a.strip_suffix('\'')))
        .unwrap_or(arg);
    Ok(Needle::Plain(unquoted.to_string()))
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_' || c == '\\'
}
