//! The detectors, one module per category, plus provenance.
//!
//! The engine runs them in this order, each seeing what the earlier ones claimed:
//!
//! ```text
//! page ──► promo (structure, site rules, relatedness) ──► repost (residue outside promo)
//!      ──► attribution (sentences of the article body) ──► provenance (origin and chain)
//! ```
//!
//! Promoted cards often carry their own copy of a feed footer ("The post … appeared on …"); running
//! promo first keeps those footers out of this page's chain of copies.

pub mod attribution;
pub mod promo;
pub mod provenance;
pub mod repost;
