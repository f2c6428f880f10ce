// The one list of highlight names (extension/highlight-names.js) and the sheet that styles them
// (extension/highlight.css) agree: every name is styled, and the sheet styles no other name.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { EXTENSION_DIR, NAMES } from './scenario.mjs';

it('highlight.css styles exactly the names of highlight-names.js', () => {
  const css = readFileSync(`${EXTENSION_DIR}/highlight.css`, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const styled = [...css.matchAll(/::highlight\(([\w-]+)\)/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(styled)].sort(), Object.values(NAMES).sort());
});
