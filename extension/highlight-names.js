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
/* exported chaffHighlightNames */
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
