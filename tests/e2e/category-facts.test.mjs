// Category facts have one source, the engine (src/mark.rs, through pkg/engine-facts.js): every file of the
// extension and the playground that styles or names a category by its id names only the engine's
// categories, and styles every one of them. A category added, renamed or removed in the engine
// without its look here fails this test (highlight-names.test.mjs holds the same for highlight.css).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FACTS } from './scenario.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const IDS = Array.from(FACTS.categories, (c) => c.id).sort();
/** The places that give each category its look, and how each names a category there. */
const LOOKS = {
  'extension/popup.css': /\.swatch\.([a-z-]+)/g,
  'www/style.css': /\.swatch\.([a-z-]+)/g,
  'extension/tooltip.js': /\[data-category="([a-z-]+)"\]/g,
};

it('the engine gives the categories, their labels and noise flags', () => {
  assert.ok(IDS.length >= 3, JSON.stringify(FACTS.categories));
  for (const c of FACTS.categories) assert.ok(c.id && c.label && typeof c.noise === 'boolean', JSON.stringify(c));
});

for (const [file, pattern] of Object.entries(LOOKS)) {
  it(`${file} styles exactly the engine's categories`, () => {
    const text = readFileSync(`${ROOT}${file}`, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const named = [...new Set([...text.matchAll(pattern)].map((m) => m[1]))].sort();
    assert.deepEqual(named, IDS);
  });
}

it('no JavaScript of the extension or the playground spells out a category id', () => {
  const files = ['content.js', 'highlight-names.js', 'settings.js', 'report.js', 'popup.js', 'options.js', 'picker.js', 'background.js'].map((f) => `extension/${f}`);
  files.push('www/app.js');
  for (const file of files) {
    const text = readFileSync(`${ROOT}${file}`, 'utf8');
    for (const id of IDS) assert.ok(!text.includes(`'${id}'`) && !text.includes(`"${id}"`), `${file} spells out '${id}': take it from the engine's facts`);
  }
});
