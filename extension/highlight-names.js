/* The names Chaff's highlights take in the page's highlight registry: the one list content.js draws
 * with and the tests read; highlight.css styles the same names (tests/e2e/highlight-names.test.mjs
 * checks that the two agree).
 *
 * Every mark sits in its category's highlight (what the tests count and read). Above those, overlays
 * carry the look that the category alone cannot: one per attribution severity (the category highlight
 * itself paints nothing for attributions), and one `<category>-alternate` per category, which holds
 * every second mark of it in page order so that two neighbouring marks read as two (highlight.css).
 *
 * The registry (CSS.highlights) is shared with the page's own scripts, which can list its names: these
 * say nothing about Chaff, so a page does not find "chaff" there. They are still fixed, so a page that
 * knows them can tell that some reader runs this extension (README: "What a page can see").
 */
/* exported chaffHighlightNames, chaffHighlightLayers, chaffHighlightSorter */
'use strict';

const chaffHighlightNames = Object.freeze({
  'repost-noise': 'hl-r1',
  'unrelated-promo': 'hl-p1',
  'unconfirmed-attribution': 'hl-a1',
  'attribution-high': 'hl-a3',
  'attribution-medium': 'hl-a2',
  'attribution-low': 'hl-a0',
  'repost-noise-alternate': 'hl-r2',
  'unrelated-promo-alternate': 'hl-p2',
  'unconfirmed-attribution-alternate': 'hl-a4',
  focus: 'hl-f1',
});

/** The categories, and their highlights' priority: a later one paints over an earlier one. */
const chaffHighlightCategories = ['repost-noise', 'unrelated-promo', 'unconfirmed-attribution'];

/** Every highlight a mark can be drawn in, lowest priority first: categories, then overlays. */
const chaffHighlightLayers = Object.freeze([
  ...chaffHighlightCategories,
  'attribution-low',
  'attribution-medium',
  'attribution-high',
  ...chaffHighlightCategories.map((c) => `${c}-alternate`),
]);

/**
 * A sorter for one drawing: called on each drawn mark in page order, it gives the layers (keys of
 * chaffHighlightNames) the mark goes in: its category, its severity (attributions), and its
 * category's alternate for every second mark of that category (a card's parts count as one).
 */
function chaffHighlightSorter() {
  const drawnOf = new Map();
  const altOfGroup = new Map();
  return (mark) => {
    const keys = [mark.category];
    if (mark.category === 'unconfirmed-attribution') keys.push(`attribution-${mark.severity ?? 'medium'}`);
    const group = mark.group === undefined || mark.group === null ? null : `${mark.category}:${mark.group}`;
    let alt = group === null ? undefined : altOfGroup.get(group);
    if (alt === undefined) {
      const n = drawnOf.get(mark.category) ?? 0;
      drawnOf.set(mark.category, n + 1);
      alt = n % 2 === 1;
      if (group !== null) altOfGroup.set(group, alt);
    }
    if (alt) keys.push(`${mark.category}-alternate`);
    return keys;
  };
}
