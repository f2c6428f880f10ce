// The background's message gate (extension/messages.js), without a browser: who may send what, and
// in what shape. The browser suites check the same gate end to end from an extension page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';

const source = readFileSync(new URL('../../extension/messages.js', import.meta.url), 'utf8');
const { check } = await import(`data:text/javascript,${encodeURIComponent(source)}`);

const SELF = { id: 'chaff@chaff.example', origin: 'moz-extension://7d3c2f1e/' };
const contentScript = { id: SELF.id, url: 'https://news.example/a', tab: { id: 7 } };
const optionsPage = { id: SELF.id, url: `${SELF.origin}options.html` };
const popupAsTab = { id: SELF.id, url: `${SELF.origin}popup.html?tab=7`, tab: { id: 9 } };
const otherExtension = { id: 'someone@else', url: 'https://news.example/a', tab: { id: 7 } };
const snapshot = { url: 'https://news.example/a', title: '', meta: [], jsonld: [], nodes: [{ tag: 'body' }] };

it('setSiteRules from a content script is refused; from the options page it is accepted', () => {
  assert.deepEqual(check({ type: 'setSiteRules', text: '##.ad' }, contentScript, SELF), {
    ok: false,
    error: 'setSiteRules is not accepted from this sender',
  });
  assert.deepEqual(check({ type: 'setSiteRules', text: '##.ad' }, optionsPage, SELF), { ok: true, kind: 'extension' });
  assert.deepEqual(check({ type: 'setSiteRules', text: '##.ad' }, popupAsTab, SELF), { ok: true, kind: 'extension' });
});

it('a content script may ask for analysis and report a failure, and nothing else', () => {
  assert.equal(check({ type: 'analyze', snapshot }, contentScript, SELF).ok, true);
  assert.equal(check({ type: 'failed', error: 'x' }, contentScript, SELF).ok, true);
  for (const type of ['setSiteRules', 'engineState', 'trapNextAnalysis']) {
    assert.equal(check({ type, text: '', url: '' }, contentScript, SELF).ok, false, type);
  }
});

it('messages from another extension, or of the wrong shape, are refused', () => {
  assert.equal(check({ type: 'analyze', snapshot }, otherExtension, SELF).ok, false);
  assert.match(check({ type: 'analyze', snapshot: 'text' }, contentScript, SELF).error, /not a page snapshot/);
  assert.match(check({ type: 'analyze', snapshot: { url: 1, root: {} } }, contentScript, SELF).error, /bad url/);
  assert.match(check({ type: 'analyze', snapshot: { url: 'x' } }, contentScript, SELF).error, /no nodes/);
  assert.match(check({ type: 'setSiteRules', text: 42 }, optionsPage, SELF).error, /must be text/);
  assert.match(check({ type: 'failed', error: {} }, contentScript, SELF).error, /must be text/);
});

it('what is not a message for the background gets no answer at all', () => {
  for (const msg of [null, 'analyze', [], { type: 'getState' }, { type: 'constructor' }, { type: '__proto__' }]) {
    assert.deepEqual(check(msg, contentScript, SELF), { ok: false, error: null });
  }
});
