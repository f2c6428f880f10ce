/* The names Chaff's highlights take in the page's highlight registry: the one list content.js draws
 * with and the tests read; highlight.css styles the same names (tests/e2e/highlight-names.test.mjs
 * checks that the two agree).
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
  focus: 'hl-f1',
});
