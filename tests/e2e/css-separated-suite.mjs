// Issue 11's main bug, run in each browser by chromium.test.mjs and firefox.test.mjs: words that only
// the page's CSS sets apart (a flex row of a coin's logo and name, a margin before "(US)" and before
// a price change, a card's source and time in a flex row) ran together in the excerpts the reader sees
// ("TTalus Price(US)", "LiveBitcoinNews2025/12/27 07:59"). pages/css-separated.html has them as MEXC
// lays them out, with no whitespace between the elements in the markup.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ARTIFACTS, openExtensionPage, openPopupFor, suiteBrowser, tabIdOf, waitForMarks } from './scenario.mjs';

export function cssSeparatedSuite(browser, launch) {
  describe(`${browser}: words set apart by CSS stay apart`, () => {
    const env = suiteBrowser(launch);

    it('excerpts keep the spaces the page draws between elements (regression: "TTalus Price(US)")', async () => {
      const url = env.server.url('css-separated.html');
      const page = await env.driver.open(url);
      await waitForMarks(page);
      const ext = await openExtensionPage(env.driver, 'options.html', () => document.readyState === 'complete', 'an extension page');
      const tabId = await tabIdOf(ext, url);
      // What the engine read: the marks' own texts.
      const state = await ext.eval((id) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(id, { type: 'getState' }, { frameId: 0 }), tabId);
      const texts = state.result.marks.map((m) => m.text);
      assert.ok(texts.includes('Talus Price (US)'), `the coin's name apart from its logo, a space before (US): ${JSON.stringify(texts)}`);
      assert.ok(texts.includes('$0.01072 -4.28%'), `the price apart from its change: ${JSON.stringify(texts)}`);
      assert.ok(texts.includes('LiveBitcoinNews') && texts.includes('2025/12/27 07:59'), `a card's source apart from its time: ${JSON.stringify(texts)}`);
      // What the reader sees: the popup's excerpts.
      const popup = await openPopupFor(env.driver, tabId);
      const excerpts = await popup.eval(() => [...document.querySelectorAll('.mark-button .mark-text')].map((e) => e.textContent));
      const coin = excerpts.find((e) => e.includes('Talus Price'));
      assert.ok(coin, `the coin widget is listed: ${JSON.stringify(excerpts)}`);
      assert.match(coin, /(^| · )Talus Price \(US\) · \$0\.01072 -4\.28%/, `the widget's excerpt: ${coin}`);
      // (A card's excerpt is cut before its source line; the marks' texts above hold that.)
      for (const e of excerpts) assert.doesNotMatch(e, /TTalus|Price\(US\)|News2025/, `words run together: ${e}`);
      await popup.screenshot(`${ARTIFACTS}/${browser}-css-separated-popup.png`, { fullPage: true });
      await page.screenshot(`${ARTIFACTS}/${browser}-css-separated-page.png`);
      await popup.close();
      await ext.close();
    });
  });
}
