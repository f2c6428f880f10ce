//! Translates a rule file's pattern into the regex the engine compiles.
//!
//! Two rewrites, both described in the module docs of [`crate::rules`]: ASCII lowercasing outside
//! escapes for case-insensitive rules, and the ASCII meaning of `\b \B \w \d \s` (as classes inside a
//! bracket expression, where a group cannot stand). A third changes no match: a plain group `( … )`
//! becomes `(?: … )`, since only named groups are read and each capturing group costs memory.

/// ASCII forms of the Perl classes, usable inside a bracket expression.
const WORD: &str = "0-9A-Za-z_";
const DIGIT: &str = "0-9";
const SPACE: &str = r"\t\n\x0B\x0C\r ";

/// The regex source for a rule pattern.
pub fn translate(pattern: &str, lowercase: bool) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(e) = chars.next() else {
                    out.push('\\');
                    break;
                };
                let class = match e {
                    'w' => Some((WORD, false)),
                    'W' => Some((WORD, true)),
                    'd' => Some((DIGIT, false)),
                    'D' => Some((DIGIT, true)),
                    's' => Some((SPACE, false)),
                    'S' => Some((SPACE, true)),
                    _ => None,
                };
                match (class, in_class) {
                    (Some((set, false)), true) => out.push_str(set),
                    (Some((set, negated)), false) => {
                        out.push_str(if negated { "[^" } else { "[" });
                        out.push_str(set);
                        out.push(']');
                    }
                    // A negated class inside brackets has no ASCII spelling here; keep the original.
                    (Some(_), true) => {
                        out.push('\\');
                        out.push(e);
                    }
                    (None, _) if (e == 'b' || e == 'B') && !in_class => {
                        out.push_str("(?-u:\\");
                        out.push(e);
                        out.push(')');
                    }
                    (None, _) => {
                        out.push('\\');
                        out.push(e);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                // A leading `^` and a leading `]` belong to the class syntax.
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap_or('^'));
                }
                if chars.peek() == Some(&']') {
                    out.push(chars.next().unwrap_or(']'));
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '(' if !in_class && chars.peek() == Some(&'?') => {
                // Keep group syntax (`(?P<Name>`, `(?i)`) as written.
                out.push('(');
                while let Some(&n) = chars.peek() {
                    out.push(n);
                    chars.next();
                    if n == '>' || n == ':' || n == ')' {
                        break;
                    }
                }
            }
            // A plain group only groups: only named groups are read (`Hit::captures`), and every
            // capturing group costs the regex's PikeVM a slot per NFA state in its cache (the
            // engine's heap held 28 MB more after its first page with plain groups capturing).
            '(' if !in_class => out.push_str("(?:"),
            c if lowercase => out.push(c.to_ascii_lowercase()),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::translate;

    #[test]
    fn rewrites_perl_classes_and_boundaries_to_ascii() {
        assert_eq!(
            translate(r"\bSource:\s+\w+", true),
            r"(?-u:\b)source:[\t\n\x0B\x0C\r ]+[0-9A-Za-z_]+"
        );
        assert_eq!(translate(r"[\w.-]+", false), r"[0-9A-Za-z_.-]+");
        assert_eq!(
            translate(r"(?P<Site>[A-Z]\w*)", false),
            r"(?P<Site>[A-Z][0-9A-Za-z_]*)"
        );
    }

    #[test]
    fn plain_groups_stop_capturing_and_named_groups_stay() {
        assert_eq!(
            translate(r"(a|b)(?P<Who>c)[(]\(", false),
            r"(?:a|b)(?P<Who>c)[(]\("
        );
        let re = regex::Regex::new(&translate(r"(said|told) (?P<Who>\w+)", true)).unwrap();
        assert_eq!(re.captures_len(), 2);
        let caps = re.captures("he told reuters").unwrap();
        assert_eq!(&caps["Who"], "reuters");
    }

    #[test]
    fn every_translation_compiles_without_unicode_tables() {
        for p in [
            r"\bthe post\b.+? appeared",
            r"[^\s,]+",
            r"\W+\D\S",
            r"[“”\x22]",
        ] {
            regex::Regex::new(&translate(p, true)).unwrap_or_else(|e| panic!("{p}: {e}"));
        }
    }
}
