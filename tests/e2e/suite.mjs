// The browser suite, defined once; chromium.test.mjs and firefox.test.mjs run it with their driver.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ARTIFACTS,
  highlightedTexts,
  highlightSizes,
  NAMES,
  openExtensionPage,
  openPopupFor,
  suiteBrowser,
  tabIdOf,
  visibleText,
  waitFor,
  waitForMarks,
} from './scenario.mjs';

const squash = (s) => s.replace(/\s+/g, ' ').trim();

/**
 * @param {string} browser  name used in test titles and screenshot names
 * @param {() => Promise<{open, openExtension, close}>} launch
 */
export function browserSuite(browser, launch) {
  describe(`${browser}: the extension on aggregator pages`, () => {
    const env = suiteBrowser(launch);

    it('marks the MEXC-style page; the popup shows counts, origin and reveals a mark', async () => {
      const url = env.server.url('mexc-news.html');
      const page = await env.driver.open(url);
      await waitForMarks(page);

      const texts = await highlightedTexts(page);
      const repost = texts[NAMES['repost-noise']].map(squash);
      assert.ok(
        repost.some((t) => t.includes('appeared first on CoinCentral')),
        `the feed footer is highlighted as repost noise (got ${JSON.stringify(repost)})`,
      );
      // Editable fields are never read: the draft comment says "appeared first on" too.
      const all = Object.values(texts).flat().join('\n');
      assert.ok(!all.includes('Draft Comment') && !all.includes('Another Draft'), 'nothing inside editable fields is marked');
      await page.screenshot(`${ARTIFACTS}/${browser}-mexc-marked.png`, { fullPage: true });

      const ext = await openExtensionPage(env.driver, 'options.html', () => document.readyState === 'complete', 'an extension page');
      const tabId = await tabIdOf(ext, url);
      const popup = await openPopupFor(env.driver, tabId);
      const sizes = await highlightSizes(page);
      const popupText = await visibleText(popup);
      await popup.screenshot(`${ARTIFACTS}/${browser}-popup.png`, { fullPage: true });

      const repostCount = await popup.eval(
        () => document.querySelector('.count[data-category="repost-noise"] .count-n')?.textContent,
      );
      assert.equal(Number(repostCount), sizes[NAMES['repost-noise']], 'the popup counts the repost-noise marks the page shows');
      // The badge and its tooltip count what the popup lists (a card or a widget once), not the parts drawn.
      const listed = await popup.eval(() => document.querySelectorAll('.mark-button').length);
      const badge = await ext.eval(async (id) => {
        const action = (globalThis.browser ?? globalThis.chrome).action;
        return { text: await action.getBadgeText({ tabId: id }), title: await action.getTitle({ tabId: id }) };
      }, tabId);
      assert.equal(Number(badge.text), listed, `the badge counts the ${listed} marks the popup lists`);
      assert.equal(badge.title, `Chaff: ${listed} marks on this page`);
      assert.match(popupText, /Repost noise\s*\d+/);
      assert.match(popupText, /Noise: \d+% of this page/);
      const origin = await popup.eval(() => document.querySelector('.origin')?.textContent);
      assert.match(origin, /CoinCentral/, 'the popup names CoinCentral as the origin');
      assert.match(popupText, /appeared first on CoinCentral/, 'the popup lists the footer with an excerpt');

      // Click the footer's entry: the page scrolls to it and flashes it.
      assert.equal(await page.eval(() => window.scrollY), 0);
      await popup.click('.mark-button[data-category="repost-noise"]');
      await page.front();
      await waitFor(page, (focus) => (CSS.highlights.get(focus)?.size ?? 0) >= 1, NAMES.focus, 'the focus highlight', 5000);
      // The flashed range is the footer, and once the (smooth) scroll settles it is in view.
      const focused = await page.eval((focus) => [...CSS.highlights.get(focus)].map((r) => r.toString()).join(' '), NAMES.focus);
      assert.match(squash(focused), /appeared first on CoinCentral/);
      await waitFor(
        page,
        async (focus) => {
          const y = window.scrollY;
          await new Promise((r) => setTimeout(r, 200));
          const box = [...(CSS.highlights.get(focus) ?? [])][0]?.getBoundingClientRect();
          return y > 300 && y === window.scrollY && box && box.top >= 0 && box.bottom <= innerHeight;
        },
        NAMES.focus,
        'the page to scroll the mark into view',
        5000,
      );
      await page.screenshot(`${ARTIFACTS}/${browser}-mexc-revealed.png`);
    });

    it('marks the BitcoinEthereumNews-style page and names its origin', async () => {
      const url = env.server.url('bitcoinethereumnews.html');
      const page = await env.driver.open(url);
      await waitForMarks(page);
      const texts = await highlightedTexts(page);
      const repost = texts[NAMES['repost-noise']].map(squash);
      assert.ok(repost.some((t) => t.includes('appeared first on Coinpaper')), `feed footer marked (got ${JSON.stringify(repost)})`);
      await page.screenshot(`${ARTIFACTS}/${browser}-ben-marked.png`, { fullPage: true });

      const ext = await openExtensionPage(env.driver, 'options.html', () => document.readyState === 'complete', 'an extension page');
      const popup = await openPopupFor(env.driver, await tabIdOf(ext, url));
      const origin = await popup.eval(() => document.querySelector('.origin')?.textContent);
      assert.match(origin, /Coinpaper/i);
    });

    for (const name of ['mexc-news.html', 'bitcoinethereumnews.html']) {
      it(`highlights the "reportedly" sentence of ${name} as an unconfirmed attribution`, async () => {
        const page = await env.driver.open(env.server.url(name));
        await waitForMarks(page);
        // All highlights are set together, once the analysis is back.
        const attributions = (await highlightedTexts(page))[NAMES['unconfirmed-attribution']];
        assert.ok(
          attributions.some((t) => /reportedly/i.test(t)),
          `a highlighted attribution holds "reportedly" (got ${JSON.stringify(attributions)})`,
        );
      });
    }

    it("marks a page whose CSP is script-src 'self' without any CSP violation", async () => {
      const url = env.server.url('csp/mexc-news.html');
      const page = await env.driver.open(url, { recordCsp: true });
      await waitForMarks(page);
      const sizes = await highlightSizes(page);
      assert.ok(sizes[NAMES['repost-noise']] >= 1);
      assert.deepEqual(await page.eval(() => window.__chaffCspViolations), [], 'the page saw no CSP violation');

      // The recorder and the policy both work: an inline script is refused and reported.
      await page.eval(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true';
        document.head.append(s);
      });
      await waitFor(page, () => window.__chaffCspViolations.length === 1, null, 'the inline script to be reported', 5000);
      assert.equal(await page.eval(() => window.__inlineRan), undefined);
    });

    it('the popup says marking is off on a tab where Chaff does not run', async () => {
      const ext = await openExtensionPage(env.driver, 'options.html', () => document.readyState === 'complete', 'an extension page');
      const here = await ext.eval(() => location.href);
      const popup = await openPopupFor(env.driver, await tabIdOf(ext, here), { url: here });
      const text = await visibleText(popup);
      assert.match(text, /Marking is off on this page: Chaff does not run here\./);
      await popup.screenshot(`${ARTIFACTS}/${browser}-popup-off.png`, { fullPage: true });
    });

    it('the background answers a snapshot it cannot read with an error, not a crash', async () => {
      const ext = await openExtensionPage(env.driver, 'options.html', () => document.readyState === 'complete', 'an extension page');
      const reply = await ext.eval(() => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'analyze', snapshot: { root: 42 } }));
      assert.match(reply.error, /not a page snapshot/);
      // The engine still works afterwards.
      const ok = await ext.eval(() =>
        (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({
          type: 'analyze',
          snapshot: { url: 'https://example.com/', title: '', meta: [], jsonld: [], root: { tag: 'body', attrs: [], children: ['Hello.'] } },
        }),
      );
      assert.deepEqual(ok.marks, []);
      assert.equal(ok.error, undefined);
    });

    it('opt-in hiding hides the blocks wholly marked as noise, and only while it is on', async () => {
      const page = await env.driver.open(env.server.url('mexc-news.html'));
      await waitForMarks(page);
      const footerShown = () =>
        [...document.querySelectorAll('article p')].find((p) => p.textContent.includes('appeared first on'))?.offsetParent !== null;
      assert.equal(await page.eval(footerShown), true, 'nothing is hidden by default');

      const opts = await openExtensionPage(env.driver, 'options.html', () => document.readyState === 'complete', 'the options page');
      const toggle = () => document.getElementById('hideNoise').click();
      await waitFor(opts, () => document.getElementById('hideNoise').checked === false, null, 'the setting to load', 5000);
      await opts.eval(toggle);
      await waitFor(
        page,
        () => [...document.querySelectorAll('article p')].find((p) => p.textContent.includes('appeared first on'))?.offsetParent === null,
        null,
        'the feed footer to be hidden',
        5000,
      );
      const visible = await page.eval(() => [...document.querySelectorAll('article p')].filter((p) => p.offsetParent !== null).length);
      assert.ok(visible >= 10, `the article's own paragraphs stay (${visible} shown)`);
      assert.equal(await page.eval(() => document.querySelector('.comments .box').offsetParent !== null), true, 'editable fields stay');

      await opts.eval(toggle);
      await waitFor(page, () => !document.querySelector('[data-chaff-hidden]'), null, 'hiding to be undone', 5000);
    });

    it('site rules: the options page reports a bad line by number', async () => {
      const opts = await openExtensionPage(env.driver, 'options.html', () => document.readyState === 'complete', 'the options page');
      await opts.eval(() => {
        document.getElementById('rules').value = 'example.com##.sponsored\nthis is not a rule\n';
        document.getElementById('save').click();
      });
      const errors = await waitFor(
        opts,
        () => document.querySelector('#errors li')?.textContent,
        null,
        'the bad line to be listed',
        10000,
      );
      assert.match(errors, /^Line 2:/);
      await opts.eval(() => {
        document.getElementById('rules').value = '';
        document.getElementById('save').click();
      });
      await waitFor(opts, () => document.getElementById('status').textContent === 'Saved.', null, 'the rules to be cleared', 10000);
    });
  });
}
