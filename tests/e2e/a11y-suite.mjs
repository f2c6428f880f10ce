// The popup for a keyboard and screen reader user, run in each browser by chromium.test.mjs and
// firefox.test.mjs from the DOM (Firefox has no accessibility tree over WebDriver BiDi; Chromium's own
// tree is read by accessibility.test.mjs): every control has a name, group headings say their counts,
// each mark says category, severity in words and reason, one polite status region says only the
// status, and Tab goes through every control once, in reading order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openExtensionPage, openPopupFor, suiteBrowser, tabIdOf, waitForMarks } from './scenario.mjs';

const CATEGORY = '(Repost noise|Unrelated promotion|Unconfirmed attribution)';

export function a11ySuite(browser, launch) {
  describe(`${browser}: the popup for keyboard and screen reader users`, () => {
    const env = suiteBrowser(launch);

    it('controls are named, headings and marks say what they are, one status region, Tab in reading order', async () => {
      const url = env.server.url('mexc-news.html?a11y');
      const page = await env.driver.open(url);
      await waitForMarks(page);
      const ext = await openExtensionPage(env.driver, 'options.html', () => document.readyState === 'complete', 'an extension page');
      const popup = await openPopupFor(env.driver, await tabIdOf(ext, url));
      const facts = await popup.eval(() => {
        /** The name a screen reader gives a control: aria-label, else its labels' text, else its own text. */
        const nameOf = (e) =>
          (e.getAttribute('aria-label') || [...(e.labels ?? [])].map((l) => l.textContent).join(' ') || e.textContent).replace(/\s+/g, ' ').trim();
        const controls = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')].filter(
          (e) => e.tabIndex >= 0 && !e.disabled && e.checkVisibility(),
        );
        return {
          unnamed: controls.filter((e) => !nameOf(e)).map((e) => e.outerHTML.slice(0, 80)),
          order: controls.map((e) => e.id || nameOf(e).slice(0, 40)),
          groups: [...document.querySelectorAll('.group-title')].map(nameOf),
          marks: [...document.querySelectorAll('.mark-button')].map(nameOf),
          live: [...document.querySelectorAll('[aria-live]:not([aria-live="off"])')].map((e) => ({ role: e.getAttribute('role'), text: e.textContent })),
        };
      });
      assert.deepEqual(facts.unnamed, [], 'every control has a name');
      assert.ok(facts.groups.length >= 3, `group headings: ${JSON.stringify(facts.groups)}`);
      for (const g of facts.groups) assert.match(g, new RegExp(`^${CATEGORY}(: (low|medium|high) severity)?, \\d+ marks$`));
      for (const m of facts.marks) assert.match(m, new RegExp(`^${CATEGORY}(, (low|medium|high) severity)?(, \\d+ parts)?: .{10,} Text: .+`));
      assert.equal(facts.live.length, 1, `one live region: ${JSON.stringify(facts.live)}`);
      assert.equal(facts.live[0].role, 'status');
      assert.match(facts.live[0].text, /^\d+ marks? on this page/);

      await popup.front();
      const order = [];
      for (let i = 0; i < facts.order.length; i++) {
        await popup.press('Tab');
        order.push(
          await popup.eval(() => {
            const e = document.activeElement;
            const name = (e.getAttribute('aria-label') || [...(e.labels ?? [])].map((l) => l.textContent).join(' ') || e.textContent).replace(/\s+/g, ' ').trim();
            return e.id || name.slice(0, 40);
          }),
        );
      }
      assert.deepEqual(order, facts.order, 'Tab follows the reading order, each control once');
      await popup.close();
      await page.close();
    });
  });
}
