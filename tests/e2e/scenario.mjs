// The end-to-end checks, written once and run in each browser through a small driver:
//   driver.open(url, {recordCsp, timeout}) → page  a new tab; recordCsp: log securitypolicyviolation events
//   driver.openExtension(path)     → page    a new tab at one of the extension's pages
//   driver.extensionUrl(path)      → string  that page's address
//   page.eval(fn, arg), page.click(selector), page.screenshot(path, {fullPage}), page.front()
// Every check reads what a reader would see: highlights registered in the page, the popup's text.
import assert from 'node:assert/strict';
import { mkdirSync, existsSync, readFileSync } from 'node:fs';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { startServer } from './server.mjs';

export const EXTENSION_DIR = process.env.CHAFF_EXTENSION_DIR || fileURLToPath(new URL('../../extension/', import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
mkdirSync(ARTIFACTS, { recursive: true });

/** The engine's facts (categories, severities: pkg/engine-facts.js, generated from the engine by the build). */
export const FACTS = vm.runInNewContext(`${readFileSync(`${EXTENSION_DIR}/pkg/engine-facts.js`, 'utf8')}; chaffEngineFacts`);
/** The highlight names, from the extension's one list (extension/highlight-names.js, derived from FACTS). */
export const NAMES = vm.runInNewContext(
  `${readFileSync(`${EXTENSION_DIR}/pkg/engine-facts.js`, 'utf8')}; ${readFileSync(`${EXTENSION_DIR}/highlight-names.js`, 'utf8')}; chaffHighlightNames`,
);
/** Each category's highlight, in the engine's order. */
export const HIGHLIGHTS = FACTS.categories.map((c) => NAMES[c.id]);
/** Generous: the first analysis wakes the background and compiles the module. */
const MARK_TIMEOUT_MS = 20000;

export function requireBuiltExtension() {
  assert.ok(
    existsSync(`${EXTENSION_DIR}/pkg/chaff_bg.wasm`),
    `${EXTENSION_DIR}/pkg has no wasm module: run scripts/build.sh first`,
  );
}

/** Records the page's CSP violations from its very start (installed before any page script). */
export function recordCspViolations() {
  window.__chaffCspViolations = [];
  window.addEventListener(
    'securitypolicyviolation',
    (e) => window.__chaffCspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    true,
  );
}

/** Polls `fn(arg)` in the page until it returns a truthy value; returns that value. */
export async function waitFor(page, fn, arg, what, timeout = MARK_TIMEOUT_MS) {
  const until = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await page.eval(fn, arg);
      if (last) return last;
    } catch (e) {
      last = e; // the page may be navigating
    }
    if (Date.now() > until) assert.fail(`timed out waiting for ${what} (last: ${last})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const highlightSizes = (page) =>
  page.eval((names) => Object.fromEntries(names.map((n) => [n, CSS.highlights.get(n)?.size ?? 0])), HIGHLIGHTS);

/** The text of every highlighted range, per highlight name (read from the page). */
export const highlightedTexts = (page) =>
  page.eval(
    (names) => Object.fromEntries(names.map((n) => [n, [...(CSS.highlights.get(n) ?? [])].map((r) => r.toString())])),
    HIGHLIGHTS,
  );

export async function waitForMarks(page) {
  return waitFor(page, (name) => (CSS.highlights.get(name)?.size ?? 0) >= 1, NAMES['repost-noise'], 'the repost-noise highlight');
}

/** Opens an extension page and waits until it has loaded there and `ready()` holds. */
export async function openExtensionPage(driver, path, ready, what) {
  const page = await driver.openExtension(path);
  const url = driver.extensionUrl(path);
  await waitFor(page, (u) => location.href === u && document.readyState === 'complete', url, `${url} to load`, 15000);
  await waitFor(page, ready, null, what, 15000);
  return page;
}

/**
 * The id of the tab showing `url`, found from an extension page. Without the "tabs" permission tab
 * URLs are hidden, so ask each tab's content script (getState answers with its URL); a tab without
 * one (like the extension page itself) is matched on its own URL, which the extension may see.
 */
export async function tabIdOf(extPage, url) {
  return waitFor(
    extPage,
    async (u) => {
      const api = globalThis.browser ?? globalThis.chrome;
      for (const tab of await api.tabs.query({})) {
        if (tab.url === u) return tab.id;
        const state = await api.tabs.sendMessage(tab.id, { type: 'getState' }, { frameId: 0 }).catch(() => null);
        if (state && state.url === u) return tab.id;
      }
      return null;
    },
    url,
    `a tab at ${url}`,
  );
}

/**
 * The popup, opened as a tab and describing tab `tabId` (and, as a real popup knows it through the
 * activeTab permission, that tab's `url` when given); resolves once it shows a result or an error,
 * or at once with `{ready: false}`.
 */
export async function openPopupFor(driver, tabId, { url, ready = true } = {}) {
  const query = `tab=${tabId}` + (url ? `&url=${encodeURIComponent(url)}` : '');
  return openExtensionPage(
    driver,
    `popup.html?${query}`,
    ready ? () => document.querySelector('.summary, .message.error') !== null : () => true,
    'the popup to show a result',
  );
}

export const visibleText = (page) => page.eval(() => document.body.innerText);

/** WCAG contrast ratio of two computed `rgb(…)` colours (their alpha is ignored). */
export function contrast(a, b) {
  const lum = (rgb) => {
    const [r, g, bl] = rgb
      .match(/[\d.]+/g)
      .slice(0, 3)
      .map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The page server and the browser one suite runs in, shared by every suite: started before its tests
 * (once the built extension is found) and closed after them whatever they did. A suite that needs more
 * (an extension page, a first page) adds its own `before`, which runs after these.
 * @param {() => Promise<{close(): Promise<void>}>} launch  starts the browser with the extension
 * @param {{routes?: object}} [options]  generated pages for the server (see server.mjs)
 */
export function suiteBrowser(launch, { routes } = {}) {
  const env = { server: null, driver: null };
  before(async () => {
    requireBuiltExtension();
    env.server = await startServer(undefined, { routes });
    env.driver = await launch();
  });
  after(async () => {
    await env.driver?.close();
    await env.server?.close();
  });
  return env;
}
