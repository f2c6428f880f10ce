//! The separators of the compact rule form, shared by `build.rs` (which writes it) and
//! [`super::compact`] (which reads it).
//!
//! A file is a list of records, each ended by [`RECORD_CHAR`]; a record's fields are separated by
//! [`FIELD_CHAR`], its first field says what it is; a list inside a field (patterns, tags) is
//! separated by [`ITEM_CHAR`]. These are ASCII's record, unit and group separators, which no rule
//! text holds (the writer checks).
//!
//! Records: `language <tag>`; `part <name> <regex source>`; `rule <id> <reason> <kind> <severity>
//! <scope> <0|1 case-sensitive> <tags> <patterns>` (an empty kind, severity or scope is absent);
//! `structural <id> <reason>`.

pub const RECORD_CHAR: char = '\u{1e}';
pub const FIELD_CHAR: char = '\u{1f}';
pub const ITEM_CHAR: char = '\u{1d}';

pub const LANGUAGE: &str = "language";
pub const PART: &str = "part";
pub const RULE: &str = "rule";
pub const STRUCTURAL: &str = "structural";
