//! The detectors, one module per category, plus provenance.
//!
//! The engine runs them in this order, each seeing what the earlier ones claimed:
//!
//! ```text
//! page ──► repost scan (one regex pass: every residue phrase, every block)
//!      ──► promo (structure, site rules, relatedness against the article less its residue)
//!      ──► repost (the scan's residue outside promo, teasers, labels)
//!      ──► attribution (sentences of the article body) ──► provenance (origin and chain)
//! ```
//!
//! Promoted cards often carry their own copy of a feed footer ("The post … appeared on …"); promo
//! claims them before repost decides, which keeps those footers out of this page's chain of copies.
//! The scan comes first so that residue ("The post …", a doubled teaser) does not count as what the
//! article is about when cards are judged.

pub mod attribution;
pub mod promo;
pub mod provenance;
pub mod repost;
