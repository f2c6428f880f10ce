// The two snapshot writers agree: extension/snapshot.js on the live page in Chromium and the CLI's
// HTML door (src/html) on the same file write the same snapshot of every real page in the corpora:
// the same title, meta pairs (the same attribute winning), canonical URL (made absolute), JSON-LD
// blocks, and the same tree of elements and texts.
//
// The two writers differ only where the engine's page builder (src/page/blocks.rs) cannot tell: what
// `normalize` below folds (text under tags the builder skips, editable regions, whitespace-only text,
// what sits inside an element that holds no text). Anything else is a disagreement, printed with the
// page and the first place the two differ.
//
// The pages are served from 127.0.0.1 with their scripts refused (the CLI sees the markup as saved; a
// page's scripts would change the DOM) and every other host refused.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, FLAGS } from './chromium.mjs';
import { startServer } from './server.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = `${ROOT}${process.env.CARGO_TARGET_DIR || 'target'}/release/chaff`;
const SNAPSHOT_JS = readFileSync(new URL('../../extension/snapshot.js', import.meta.url), 'utf8');
/** The real pages compared, under tests/. */
const CORPORA = process.env.CHAFF_WRITERS_QUICK ? [] : ['corpus/promo/pages', 'attribution/real/pages'];
/** src/page/snapshot.rs SKIPPED_TAGS: the builder reads no text below these. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'canvas', 'video', 'audio', 'input', 'textarea', 'select', 'button', 'head']);
const EDITABLE = new Set(['input', 'textarea', 'select']);
/** The policy the pages are served with: none of their scripts run; the test's own evaluation does. */
const NO_PAGE_SCRIPTS = "script-src 'unsafe-eval'";

/** The snapshot tree of either form (`root`, or the flat `nodes`), as `{tag, attrs, children}` objects. */
function treeOf(snapshot) {
  if (!snapshot.nodes || !snapshot.nodes.length) return snapshot.root;
  const [first, ...rest] = snapshot.nodes;
  const root = { tag: first.tag, attrs: first.attrs ?? [], children: [] };
  const open = [root];
  for (const item of rest) {
    const top = open[open.length - 1];
    if (typeof item === 'string') top.children.push(item);
    else if (typeof item === 'number') open.length = Math.max(1, open.length - item);
    else {
      const el = { tag: item.tag, attrs: item.attrs ?? [], children: [] };
      top.children.push(el);
      open.push(el);
    }
  }
  return root;
}

/**
 * The tree as the page builder reads it: text below SKIPPED tags and editable regions gone, text of
 * only whitespace as one space, and an element holding no visible text reduced to its tag, its text
 * nodes and any `br` below.
 * Returns [node or null, holds text].
 */
function normalize(node) {
  if (typeof node === 'string') return [/^\s+$/.test(node) ? ' ' : node, /\S/.test(node)];
  const tag = node.tag;
  const attrs = node.attrs ?? [];
  const ce = attrs.find(([n]) => n === 'contenteditable');
  if (EDITABLE.has(tag) || (ce && ce[1].toLowerCase() !== 'false')) return [null, false];
  let children = [];
  let text = false;
  if (!SKIPPED.has(tag)) {
    for (const child of node.children ?? []) {
      const [c, t] = normalize(child);
      if (c !== null) children.push(c);
      text ||= t;
    }
  }
  if (!text) children = children.filter((c) => typeof c === 'string' || c.tag === 'br' || c.children.length);
  // Attribute order: the DOM keeps the markup's, the Rust parser sorts them; the builder looks them up by name.
  const sorted = text ? [...attrs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
  return [{ tag, attrs: sorted, children }, text];
}

/** The normalized tree as lines, one per open, text and close, for a readable first difference. */
function lines(node, out = [], depth = 0) {
  const pad = depth < 16 ? '  '.repeat(depth) : `[${depth}] `;
  if (typeof node === 'string') out.push(`${pad}${JSON.stringify(node)}`);
  else {
    out.push(`${pad}<${node.tag}${node.attrs.map(([n, v]) => ` ${n}=${JSON.stringify(v)}`).join('')}>`);
    for (const c of node.children) lines(c, out, depth + 1);
  }
  return out;
}

/** Where two snapshots differ, in words (empty when they agree). */
export function differences(js, rust) {
  const found = [];
  for (const key of ['url', 'title']) if (js[key] !== rust[key]) found.push(`${key}: ${JSON.stringify(js[key])} ≠ ${JSON.stringify(rust[key])}`);
  for (const key of ['meta', 'jsonld']) {
    const [a, b] = [JSON.stringify(js[key]), JSON.stringify(rust[key])];
    if (a !== b) found.push(`${key}:\n  js   ${a.slice(0, 600)}\n  rust ${b.slice(0, 600)}`);
  }
  const [a, b] = [lines(normalize(treeOf(js))[0]), lines(normalize(treeOf(rust))[0])];
  const at = a.findIndex((l, i) => l !== b[i]);
  if (at >= 0 || a.length !== b.length) {
    const i = at >= 0 ? at : Math.min(a.length, b.length);
    found.push(`tree, line ${i}:\n  js   ${a.slice(Math.max(0, i - 2), i + 3).join('\n       ')}\n  rust ${b.slice(Math.max(0, i - 2), i + 3).join('\n       ')}`);
  }
  return found;
}

/** The CLI's snapshots of `files`, in order, each written as the page at `url`. */
function rustSnapshots(files, url) {
  const json = execFileSync(CLI, ['scan', '--format', 'snapshot', '--jobs', '1', '--url', url, ...files], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return json.trim().split('\n').map((line) => JSON.parse(line));
}

let scratchDir;
const scratch = () => (scratchDir ??= mkdtempSync(join(tmpdir(), 'chaff-writers-')));

/** Generated pages, served at `/written/<name>.html` and written to a scratch file for the CLI. */
const routes = {};

describe('the two snapshot writers', { timeout: 600000 }, () => {
  let server;
  let browser;
  let page;
  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run cargo build --release first`);
    server = await startServer(`${ROOT}tests`, { routes });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    // Scripting stays on, as for a reader (with it off, Chromium parses <noscript> as markup), while
    // the page's own scripts are refused by a policy that still lets the test evaluate snapshot.js.
    const context = await browser.newContext();
    const local = new URL(server.url('/')).host;
    await context.route('**/*', async (route) => {
      // Only the page itself is needed: images, styles and other hosts are refused, so no request
      // outlives the page that made it.
      const request = route.request();
      if (new URL(request.url()).host !== local || request.resourceType() !== 'document') return route.abort();
      const response = await route.fetch();
      return route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': NO_PAGE_SCRIPTS } });
    });
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
  });

  /**
   * What snapshot.js writes of the page at `url`, as the page at `as` (the address the CLI was given:
   * one for all the pages of a run, so that relative canonical links resolve alike).
   */
  async function jsSnapshot(url, as) {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    // As a JSON string: Playwright refuses to carry objects nested hundreds deep.
    const json = await page.evaluate(
      ([source, as]) => JSON.stringify(new Function(`${source}; return chaffSnapshot;`)()(document, { url: as }).snapshot),
      [SNAPSHOT_JS, as],
    );
    return JSON.parse(json);
  }

  /** Both writers' snapshots of `html`, saved as `name`. */
  async function both(name, html) {
    routes[`/written/${name}.html`] = () => html;
    const file = join(scratch(), `${name}.html`);
    writeFileSync(file, html);
    const as = `https://news.example/section/${name}.html`;
    const [rust] = rustSnapshots([file], as);
    return [await jsSnapshot(server.url(`written/${name}.html`), as), rust];
  }

  // One regression test per disagreement the corpus runs found (or that the issue named), each on a
  // page made to show it; the corpus runs below hold them on real pages.
  const REGRESSIONS = {
    'title-whitespace-collapsed-as-document-title': '<title>\n  A title\n\tover   lines </title><p>Text.</p>',
    'meta-property-wins-over-name-and-names-lowercased':
      '<meta name="twitter:title" property="OG:Title" content="T"><meta NAME="Description" content="D"><meta property="" name="author" content="A"><p>Text.</p>',
    'canonical-made-absolute-first-only-rel-any-case':
      '<link REL="Canonical" href="../other/page%201.html?x=1"><link rel="canonical" href="/second"><p>Text.</p>',
    'json-ld-type-any-case': '<script type="Application/LD+JSON">{"@type":"NewsArticle"}</script><p>Text.</p>',
    'long-attribute-counted-in-utf16-units': `<p class="${'😀'.repeat(300)}">Emoji class.</p><p class="${'é'.repeat(499)}">Accent class.</p>`,
    'noscript-read-as-a-reader-with-scripting-sees-it': '<noscript><img src="/pixel.gif"><p>Enable scripts.</p></noscript><p>Text.</p><script>document.body.append("added")</script>',
    'nesting-450-deep-not-folded': `${'<div class="d">x'.repeat(450)}<p>Deep <a href="/l">link</a> text.</p>${'</div>'.repeat(450)}<p>After.</p>`,
  };
  for (const [name, html] of Object.entries(REGRESSIONS)) {
    it(`agree: ${name}`, async () => {
      const [js, rust] = await both(name, `<!doctype html><html><head>${html.includes('<title>') ? '' : '<title>t</title>'}</head><body>${html}</body></html>`);
      assert.deepEqual(differences(js, rust), []);
    });
  }

  it('the comparison sees a difference in text, attributes, meta and title', () => {
    const page = { url: 'u', title: 't', meta: [['og:title', 'T']], jsonld: [], root: { tag: 'body', children: [{ tag: 'p', attrs: [['class', 'a']], children: ['Text.'] }] } };
    const changed = (f) => {
      const copy = structuredClone(page);
      f(copy);
      return differences(page, copy).length;
    };
    assert.equal(changed(() => {}), 0);
    assert.equal(changed((p) => (p.root.children[0].children[0] = 'Other.')), 1);
    assert.equal(changed((p) => (p.root.children[0].attrs[0][1] = 'b')), 1);
    assert.equal(changed((p) => (p.meta[0][0] = 'title')), 1);
    assert.equal(changed((p) => (p.title = 'T')), 1);
  });

  for (const corpus of CORPORA) {
    it(`write the same snapshot of every page in tests/${corpus}`, async () => {
      const dir = `${ROOT}tests/${corpus}`;
      const names = readdirSync(dir).filter((n) => n.endsWith('.html')).sort();
      assert.ok(names.length > 50, `${corpus} has ${names.length} pages`);
      const as = `https://news.example/${corpus}/page.html`;
      const rust = rustSnapshots(names.map((n) => `${dir}/${n}`), as);
      const disagreements = [];
      for (const [i, name] of names.entries()) {
        const found = differences(await jsSnapshot(server.url(`${corpus}/${name}`), as), rust[i]);
        if (found.length) disagreements.push(`tests/${corpus}/${name}:\n${found.join('\n')}`);
      }
      assert.equal(disagreements.length, 0, `${disagreements.length} of ${names.length} pages differ:\n\n${disagreements.join('\n\n')}`);
    });
  }
});
