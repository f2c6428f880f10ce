// The in-browser figures of the bench, measured the same way in each browser (see drivers.mjs).
//
//   firstHighlight  DOMContentLoaded → the first highlight the content script registers, read by a
//                   poll in the page (every 2 ms) from an init script; the first page after the
//                   browser starts is "cold", the next ones (different pages) "warm"
//   engine          in an extension page, the built module analysing different 50 KB pages in turn:
//                   time per ChaffEngine.analyze() call (snapshot in, result out), the module's
//                   compile + instantiate time, the engine's build time, wasm memory after each page
//   contentScript   on real pages: the content script's own work (chaffSnapshot of the document and
//                   a structured clone of it, as the message takes it) timed in the page beside
//                   Mozilla Readability's parse() of a clone of the same document; and the snapshot's
//                   JSON size against the page's visible text
/* global chaffSnapshot, Readability */ // page globals, in functions evaluated in the page
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const SNAPSHOT_JS = fileURLToPath(new URL('../../extension/snapshot.js', import.meta.url));
const READABILITY_JS = createRequire(import.meta.url).resolve('@mozilla/readability/Readability.js');
/** Repeats per page for the content-script comparison (medians are kept). */
const REPEATS = 5;

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/** Installed before any page script: notes when the first highlight appears. */
function watchFirstHighlight() {
  window.__chaffFirstHighlight = null;
  const poll = () => {
    if (globalThis.CSS && CSS.highlights && CSS.highlights.size > 0) {
      window.__chaffFirstHighlight = performance.now();
    } else {
      setTimeout(poll, 2);
    }
  };
  poll();
}

async function poll(tab, fn, arg, what, timeout = 30000) {
  const until = Date.now() + timeout;
  for (;;) {
    const v = await tab.eval(fn, arg).catch(() => null);
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** ms from DOMContentLoaded to the first highlight on `url`, in a new tab. */
async function firstHighlight(driver, url) {
  const tab = await driver.newTab();
  await tab.addInitScript(watchFirstHighlight);
  await tab.goto(url);
  const ms = await poll(
    tab,
    () => {
      const nav = performance.getEntriesByType('navigation')[0];
      const first = window.__chaffFirstHighlight;
      return first === null || !nav || !nav.domContentLoadedEventStart ? null : first - nav.domContentLoadedEventStart;
    },
    null,
    `the first highlight on ${url}`,
  );
  await tab.close();
  return ms;
}

/** Runs in an extension page: the module analysing every page of `urls` in turn. */
async function engineInPage({ urls, snapshotUrl }) {
  await new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = snapshotUrl;
    s.onload = resolve;
    s.onerror = reject;
    document.head.append(s);
  });
  const htmls = await Promise.all(urls.map((u) => fetch(u).then((r) => r.text())));
  const glue = await import('/pkg/chaff.js');
  let t = performance.now();
  const wasm = await glue.default();
  const initMs = performance.now() - t;
  t = performance.now();
  const engine = new glue.ChaffEngine();
  const buildMs = performance.now() - t;
  const memory = [wasm.memory.buffer.byteLength];
  const times = [];
  let marks = 0;
  const parser = new DOMParser();
  for (const html of htmls) {
    const { snapshot } = chaffSnapshot(parser.parseFromString(html, 'text/html'), { url: 'http://127.0.0.1/bench' });
    t = performance.now();
    const result = engine.analyze(snapshot);
    times.push(performance.now() - t);
    marks += result.marks.length;
    memory.push(wasm.memory.buffer.byteLength);
  }
  return { initMs, buildMs, times, memory, marks };
}

/** Runs in a page: the content script's work and Readability's parse, alternating, `repeats` times. */
function contentScriptInPage(repeats) {
  const snap = [];
  const read = [];
  let size = 0;
  for (let i = 0; i < repeats; i++) {
    let t = performance.now();
    const { snapshot } = chaffSnapshot(document);
    structuredClone(snapshot);
    snap.push(performance.now() - t);
    size = JSON.stringify(snapshot).length;
    const clone = document.cloneNode(true);
    t = performance.now();
    new Readability(clone).parse();
    read.push(performance.now() - t);
  }
  const med = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { snapshotMs: med(snap), readabilityMs: med(read), snapshotChars: size, textChars: document.body.innerText.length };
}

/**
 * Every in-browser figure for one browser.
 * @param {() => Promise<object>} launch  a driver factory from drivers.mjs
 * @param {{pageUrls: string[], realUrls: string[], warmPages: number, engineOnly: boolean}} plan
 *   engineOnly: only the extension-page figures (to compare two builds of the module quickly)
 */
export async function measureBrowser(launch, { pageUrls, realUrls, warmPages, engineOnly }) {
  const driver = await launch();
  try {
    const cold = engineOnly ? NaN : await firstHighlight(driver, pageUrls[0]);
    const warm = [];
    if (!engineOnly) for (const url of pageUrls.slice(1, 1 + warmPages)) warm.push(await firstHighlight(driver, url));

    const ext = await driver.openExtension('popup.html');
    const version = await ext.eval(() => navigator.userAgent);
    const engine = await ext.eval(engineInPage, { urls: pageUrls, snapshotUrl: '/snapshot.js' });
    await ext.close();

    const content = [];
    for (const url of engineOnly ? [] : realUrls) {
      const tab = await driver.newTab();
      await tab.goto(url);
      await tab.addScript(SNAPSHOT_JS);
      await tab.addScript(READABILITY_JS);
      content.push({ url, ...(await tab.eval(contentScriptInPage, REPEATS)) });
      await tab.close();
    }
    return { browser: driver.name, version, cold, warm, engine, content };
  } finally {
    await driver.close();
  }
}
