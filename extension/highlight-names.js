/* The names Chaff's highlights take in the page's highlight registry: the one list content.js and the
 * playground draw with and the tests read, derived from the engine's categories and severities
 * (pkg/engine-facts.js, generated from the engine at build time: load it first), so that no file here
 * keeps a copy of them. highlight.css styles the same names (tests/e2e/highlight-names.test.mjs checks
 * that the sheet styles exactly these, so a category added to the engine without a look fails there).
 *
 * Every mark sits in its category's highlight (what the tests count and read). Above those, overlays
 * carry the look that the category alone cannot: one per severity (a category whose marks have a
 * severity paints nothing itself), and one `<category>-alternate` per category, which holds every
 * second mark of it in page order so that two neighbouring marks read as two (highlight.css).
 *
 * The registry (CSS.highlights) is shared with the page's own scripts, which can list its names: these
 * say nothing about Chaff (a category's initials: `hl-rn` for repost-noise), so a page does not find
 * "chaff" there. They are still fixed, so a page that knows them can tell that some reader runs this
 * extension (README: "What a page can see").
 */
/* global chaffEngineFacts */
/* exported chaffHighlightNames, chaffHighlightLayers, chaffHighlightSorter */
'use strict';

/** The categories' ids, in the engine's drawing order: a later one paints over an earlier one. */
const chaffHighlightCategories = chaffEngineFacts.categories.map((c) => c.id);

/** Layer key → highlight name: categories, their alternates, severities (`attribution-<severity>`), focus. */
const chaffHighlightNames = (() => {
  const initials = (id) => id.split('-').map((w) => w[0]).join('');
  const names = {};
  for (const id of chaffHighlightCategories) {
    names[id] = `hl-${initials(id)}`;
    names[`${id}-alternate`] = `hl-${initials(id)}-alt`;
  }
  for (const level of chaffEngineFacts.severities) names[`attribution-${level}`] = `hl-${level}`;
  names.focus = 'hl-focus';
  return Object.freeze(names);
})();

/** Every highlight a mark can be drawn in, lowest priority first: categories, then overlays. */
const chaffHighlightLayers = Object.freeze([
  ...chaffHighlightCategories,
  ...chaffEngineFacts.severities.map((level) => `attribution-${level}`),
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
    if (mark.severity) keys.push(`attribution-${mark.severity}`);
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
