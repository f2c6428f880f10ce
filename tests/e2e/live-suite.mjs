// A page that never stops changing, run in each browser by chromium.test.mjs and firefox.test.mjs: a
// price ticker changes every 150 ms for 60 s (pages/ticker.js) and three reposts are appended while it
// ticks. Each repost's feed footer must be marked while the ticker is still running (the page is never
// quiet, so a content script waiting for quiet would never mark them), and the content script must not
// analyse once per tick.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ARTIFACTS, NAMES, openExtensionPage, suiteBrowser, tabIdOf } from './scenario.mjs';

/** ticker.js's ticks: 60 s at one per 150 ms. */
const TICKS = 60000 / 150;
const LATE = 3;

export function liveSuite(browser, launch) {
  describe(`${browser}: a page that never stops changing`, () => {
    const env = suiteBrowser(launch);

    it('a ticker changing every 150 ms for 60 s: reposts appended while it ticks are marked before it stops, with far fewer runs than ticks', { timeout: 120000 }, async () => {
      const url = env.server.url('ticker.html');
      const page = await env.driver.open(url);
      const ext = await openExtensionPage(env.driver, 'options.html', () => document.readyState === 'complete', 'an extension page');
      const tabId = await tabIdOf(ext, url);
      const marked = new Map();
      let s;
      for (const until = Date.now() + 75000; Date.now() < until && marked.size < LATE; ) {
        s = await page.eval(
          (name) => ({
            now: performance.now(),
            ticking: window.__ticking,
            late: window.__late,
            footers: [...(CSS.highlights.get(name) ?? [])].map((r) => r.toString()),
          }),
          NAMES['repost-noise'],
        );
        for (const l of s.late) {
          if (marked.has(l.title) || !s.footers.some((f) => f.includes(l.title) && f.includes('appeared first on CoinCentral'))) continue;
          marked.set(l.title, { afterMs: Math.round(s.now - l.at), ticking: s.ticking });
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      console.log(`${browser} ticker: ${JSON.stringify(Object.fromEntries(marked))}`);
      assert.equal(marked.size, LATE, `every late repost's footer is marked (seen: ${JSON.stringify([...marked.keys()])}, last state: ${JSON.stringify(s && { ticking: s.ticking, late: s.late })})`);
      for (const [title, m] of marked) assert.equal(m.ticking, true, `"${title}" was marked while the ticker still ran`);
      const state = await ext.eval((id) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(id, { type: 'getState' }, { frameId: 0 }), tabId);
      console.log(`${browser} ticker: ${state.runs} runs so far, against ${TICKS} ticks`);
      assert.ok(state.runs >= 1 + LATE, `the page was read again for each repost (${state.runs} runs)`);
      assert.ok(state.runs < TICKS / 4, `not one run per tick (${state.runs} runs)`);
      await page.screenshot(`${ARTIFACTS}/${browser}-ticker.png`, { fullPage: true });
      await page.close();
    });
  });
}
