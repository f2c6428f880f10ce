//! The attribute list a snapshot writer keeps (`Engine::snapshot_attributes`): the page builder's own
//! plus every attribute a site rule tests, so the lean snapshot never hides what a rule looks for.

use chaff::Engine;

#[test]
fn snapshot_attributes_cover_the_builder_and_the_builtin_site_rules() {
    let names = Engine::new().unwrap().snapshot_attributes();
    for name in [
        "aria-hidden",
        "class",
        "contenteditable",
        "hidden",
        "href",
        "id",
        "role",
        "data-testid",
        "data-t",
    ] {
        assert!(
            names.iter().any(|n| n == name),
            "{name} missing from {names:?}"
        );
    }
    assert!(
        !names.iter().any(|n| n == "style" || n == "src"),
        "{names:?}"
    );
    let mut sorted = names.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(names, sorted, "sorted, once each");
}

#[test]
fn snapshot_attributes_follow_the_readers_rules_including_not() {
    let mut engine = Engine::new().unwrap();
    engine.add_site_rules(
        "example.com##div[DATA-Partner=\"x\"]\nexample.com##p:not(:not([data-deep]))\n",
    );
    let names = engine.snapshot_attributes();
    assert!(names.iter().any(|n| n == "data-partner"), "{names:?}");
    assert!(names.iter().any(|n| n == "data-deep"), "{names:?}");
}
