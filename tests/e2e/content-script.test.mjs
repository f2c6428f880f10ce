// The content script's failure paths, run in a bare VM with a fake browser around it: when the
// engine fails, marking turns off for the page (highlights cleared, the popup told why, the
// background told to clear the badge) and nothing is thrown into the page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import vm from 'node:vm';
import { Attr, CharacterData, CSSStyleDeclaration, Document, DocumentFragment, Element, HTMLElement, HTMLSlotElement, NamedNodeMap, Node, ShadowRoot } from './fake-dom.mjs';

const EXT = new URL('../../extension/', import.meta.url);
/** The content scripts, in the manifest's order (the engine's facts, then highlight-names.js). */
const MANIFEST = JSON.parse(readFileSync(new URL('manifest.json', EXT), 'utf8'));
const SOURCES = MANIFEST.content_scripts[0].js.map((f) => [f, readFileSync(new URL(f, EXT), 'utf8')]);
const NAMES = vm.runInNewContext(`${SOURCES[0][1]}; ${SOURCES[1][1]}; chaffHighlightNames`);
const REPOST = NAMES['repost-noise'];

/** A page with one paragraph, a fake extension API answering `analyze` with `reply`, and highlights. */
function loadContentScript({ reply, highlights = true }) {
  const sent = [];
  const listeners = [];
  const thrown = [];
  const text = new CharacterData({ _type: 3, _data: 'The post X appeared first on Y.' });
  const body = new HTMLElement({ _type: 1, _tag: 'body', _first: text });
  const chrome = {
    runtime: {
      id: 'chaff',
      sendMessage: async (msg) => {
        sent.push(msg);
        if (msg.type === 'analyze') return typeof reply === 'function' ? reply() : reply;
        return {};
      },
      onMessage: { addListener: (fn) => listeners.push(fn) },
    },
    storage: { local: { get: async () => ({}) }, onChanged: { addListener() {} } },
  };
  const addEventListener = () => {};
  const registry = new Map([[REPOST, { size: 1 }]]);
  const context = {
    chrome,
    Node,
    CharacterData,
    CSSStyleDeclaration,
    Element,
    HTMLElement,
    HTMLSlotElement,
    NamedNodeMap,
    Attr,
    Document,
    DocumentFragment,
    ShadowRoot,
    Range: class {
      setStart() {}
      setEnd() {}
    },
    document: new Document(body),
    location: { href: 'https://news.example/a' },
    MutationObserver: class {
      observe() {}
      disconnect() {}
    },
    MessageChannel,
    performance,
    matchMedia: () => ({ matches: false }),
    addEventListener,
    requestAnimationFrame: (fn) => setTimeout(fn, 0),
    setTimeout,
    clearTimeout,
    setInterval: () => 0,
    console,
  };
  if (highlights) {
    context.CSS = { highlights: registry };
    context.Highlight = class extends Set {};
  }
  vm.createContext(context);
  try {
    for (const [name, source] of SOURCES) vm.runInContext(source, context, { filename: name });
  } catch (e) {
    thrown.push(e);
  }
  const ask = (msg) =>
    new Promise((resolve) => {
      for (const fn of listeners) fn(msg, { id: 'chaff' }, resolve);
    });
  return { sent, ask, registry, thrown };
}

const settle = () => new Promise((r) => setTimeout(r, 50));

it('an engine error turns marking off, clears the highlights and tells the popup and the background', async () => {
  const page = loadContentScript({ reply: { error: 'RuntimeError: unreachable' } });
  await settle();
  assert.deepEqual(page.thrown, []);
  const state = await page.ask({ type: 'getState' });
  assert.equal(state.error, 'RuntimeError: unreachable');
  assert.equal(state.result, null);
  assert.equal(page.registry.has(REPOST), false, 'stale highlights are removed');
  assert.deepEqual(
    page.sent.map((m) => m.type),
    ['analyze', 'failed'],
  );
  assert.equal((await page.ask({ type: 'reveal', index: 0 })).ok, false);
});

it('a background that does not answer is reported, not thrown', async () => {
  const page = loadContentScript({
    reply: () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    },
  });
  await settle();
  assert.deepEqual(page.thrown, []);
  assert.match((await page.ask({ type: 'getState' })).error, /Receiving end does not exist/);
});

it('without CSS.highlights the result is kept for the popup, which is told nothing can be drawn', async () => {
  const result = { summary: { counts: {}, noise_share: 0, origin: null, chain: [] }, marks: [], elapsed_ms: 1 };
  const page = loadContentScript({ reply: result, highlights: false });
  await settle();
  const state = await page.ask({ type: 'getState' });
  assert.equal(state.error, null);
  assert.equal(state.canDraw, false);
  assert.deepEqual(state.result, result);
});
