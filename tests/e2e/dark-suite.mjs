// The popup and the options page in a dark theme, run in each browser: chromium.test.mjs emulates
// prefers-color-scheme per page; firefox.test.mjs launches a Firefox whose content prefers dark (a pref:
// WebDriver BiDi cannot emulate the media feature). Checked: a dark background, text and the focus ring
// legible on it, and the page's marks listed; screenshots saved.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ARTIFACTS, contrast, openExtensionPage, openPopupFor, suiteBrowser, tabIdOf, waitForMarks } from './scenario.mjs';

export function darkSuite(browser, launch) {
  describe(`${browser}: popup and options in a dark theme`, () => {
    const env = suiteBrowser(launch);

    it('the popup and the options page are dark, their text and focus ring legible', async () => {
      const url = env.server.url('mexc-news.html?dark-theme');
      const page = await env.driver.open(url);
      await waitForMarks(page);
      const ext = await openExtensionPage(env.driver, 'options.html', () => document.readyState === 'complete', 'the options page');
      if (ext.dark) await ext.dark();
      const popup = await openPopupFor(env.driver, await tabIdOf(ext, url));
      if (popup.dark) await popup.dark();
      await popup.front();
      await popup.press('Tab');
      const p = await popup.eval(() => {
        const cs = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
        return {
          dark: matchMedia('(prefers-color-scheme: dark)').matches,
          bg: cs('body', 'backgroundColor'),
          ink: cs('.mark-reason', 'color'),
          muted: cs('.mark-text', 'color'),
          ring: getComputedStyle(document.activeElement).outlineColor,
          ringStyle: getComputedStyle(document.activeElement).outlineStyle,
          marks: document.querySelectorAll('.mark-button').length,
        };
      });
      console.log(`${browser} dark popup: ${JSON.stringify(p)}`);
      assert.equal(p.dark, true, 'the popup sees a dark preference');
      assert.ok(contrast(p.bg, 'rgb(0, 0, 0)') < 2, `a dark background (${p.bg})`);
      assert.ok(contrast(p.ink, p.bg) >= 7, `reasons legible (${contrast(p.ink, p.bg).toFixed(2)}:1)`);
      assert.ok(contrast(p.muted, p.bg) >= 4.5, `excerpts legible (${contrast(p.muted, p.bg).toFixed(2)}:1)`);
      assert.notEqual(p.ringStyle, 'none', 'the focused control has a ring');
      assert.ok(contrast(p.ring, p.bg) >= 3, `the focus ring stands out (${contrast(p.ring, p.bg).toFixed(2)}:1)`);
      assert.ok(p.marks >= 5, 'the marks are listed');
      await popup.screenshot(`${ARTIFACTS}/${browser}-popup-dark-theme.png`, { fullPage: true });

      const o = await ext.eval(() => ({
        bg: getComputedStyle(document.body).backgroundColor,
        ink: getComputedStyle(document.querySelector('h2')).color,
        field: getComputedStyle(document.querySelector('textarea')).backgroundColor,
        fieldInk: getComputedStyle(document.querySelector('textarea')).color,
      }));
      console.log(`${browser} dark options: ${JSON.stringify(o)}`);
      assert.ok(contrast(o.bg, 'rgb(0, 0, 0)') < 2, `options: a dark background (${o.bg})`);
      assert.ok(contrast(o.ink, o.bg) >= 7, `options: headings legible (${contrast(o.ink, o.bg).toFixed(2)}:1)`);
      assert.ok(contrast(o.fieldInk, o.field) >= 7, `options: typed rules legible (${contrast(o.fieldInk, o.field).toFixed(2)}:1)`);
      await ext.screenshot(`${ARTIFACTS}/${browser}-options-dark-theme.png`, { fullPage: true });
      await popup.close();
      await page.close();
    });
  });
}
