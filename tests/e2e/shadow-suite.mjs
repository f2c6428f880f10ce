// Open shadow roots, run in each browser by chromium.test.mjs and firefox.test.mjs: a MEXC-style page
// built from web components (pages/shadow.html) has its article, feed footer and related cards inside
// open shadow roots, a paragraph slotted in from the light DOM, a footer sentence that starts in one tree
// and ends in another, and a closed root. Checked as a reader meets them: the text is read in the order
// it is drawn, the marks are painted in the shadow trees with the category's look, hovering and the
// next-mark shortcut explain them, hiding hides them, and the closed root is never read.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { ARTIFACTS, EXTENSION_DIR, NAMES, openExtensionPage, suiteBrowser, tabIdOf, waitFor, waitForMarks } from './scenario.mjs';

const squash = (s) => s.replace(/\s+/g, ' ').trim();

/** Every range of each category, with its text and the tree it lies in (document, a host's tag). */
const rangesByTree = (page) =>
  page.eval((names) => {
    const tree = (r) => {
      const root = r.startContainer.getRootNode();
      return root === document ? 'document' : root.host.localName;
    };
    return Object.fromEntries(
      Object.entries(names).map(([k, n]) => [k, [...(CSS.highlights.get(n) ?? [])].map((r) => ({ text: r.toString(), tree: tree(r) }))]),
    );
  }, { noise: NAMES['repost-noise'], promo: NAMES['unrelated-promo'], attribution: NAMES['unconfirmed-attribution'], focus: NAMES.focus });

export function shadowSuite(browser, launch) {
  describe(`${browser}: open shadow roots`, () => {
    const env = suiteBrowser(launch);
    let ext;
    let page;
    let tabId;
    const url = () => env.server.url('shadow.html');
    const state = () => ext.eval((id) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(id, { type: 'getState' }, { frameId: 0 }), tabId);

    before(async () => {
      page = await env.driver.open(url());
      await waitForMarks(page);
      ext = await openExtensionPage(env.driver, 'options.html', () => document.readyState === 'complete', 'an extension page');
      tabId = await tabIdOf(ext, url());
    });

    it('text in open shadow roots is read in the order it is drawn; a closed root is not read', async () => {
      // The content script's own writer, run in the page: what the engine is sent.
      const source = ['pkg/engine-facts.js', 'snapshot.js'].map((f) => readFileSync(`${EXTENSION_DIR}/${f}`, 'utf8')).join('\n');
      const texts = await page.eval((src) => {
        (0, eval)(`${src}; globalThis.__snapshot = chaffSnapshot;`);
        return globalThis.__snapshot(document).textNodes.map((n) => n.data.trim()).filter(Boolean);
      }, source);
      const at = (needle) => texts.findIndex((t) => t.includes(needle));
      const order = ['Russian President Vladimir Putin', 'discussions reportedly', 'The US expressed interest', 'Cryptocurrency mining requires', 'The post', 'appeared first on', 'Disclaimer:', 'You May Also Like', 'Hoskinson Says XRP'];
      const seen = order.map(at);
      assert.ok(seen.every((i) => i >= 0), `every part is read: ${JSON.stringify(Object.fromEntries(order.map((o, k) => [o, seen[k]])))}`);
      assert.deepEqual([...seen].sort((a, b) => a - b), seen, `read in drawing order (the slotted paragraph between the shadow's own): ${seen}`);
      assert.equal(at('Sealed Away'), -1, 'the closed root is not read');
    });

    it('marks inside open shadow roots are drawn with their category, across a tree edge too', async () => {
      const r = await rangesByTree(page);
      console.log(`${browser} shadow marks: ${JSON.stringify(r)}`);
      const noise = r.noise.filter((x) => x.tree !== 'document');
      // The footer's sentence: "The post <a>…</a>" is slotted (the article's tree), the rest is the footer's own.
      assert.ok(noise.some((x) => x.tree === 'feed-footer' && /appeared first on CoinCentral/.test(squash(x.text))), `footer's own part marked: ${JSON.stringify(noise)}`);
      assert.ok(noise.some((x) => x.tree === 'news-article' && /^The post Putin Reveals/.test(squash(x.text))), `footer's slotted part marked: ${JSON.stringify(noise)}`);
      assert.ok(r.promo.some((x) => x.tree === 'related-cards' && /Hoskinson Says XRP/.test(x.text)), 'a related card in a shadow root is marked');
      assert.ok(r.attribution.some((x) => x.tree === 'news-article' && /reportedly/.test(x.text)), 'the "reportedly" sentence in a shadow root is marked');
      const all = [...r.noise, ...r.promo, ...r.attribution].map((x) => x.text).join('\n');
      assert.ok(!all.includes('Sealed Away'), 'nothing in the closed root is marked');
      assert.ok(r.noise.some((x) => x.tree === 'document' && /^Disclaimer/.test(x.text)), 'the light DOM is still marked');

      // The look reaches into the shadow trees: the styles the page paints there.
      const looks = await page.eval((n) => {
        const article = document.querySelector('news-article').shadowRoot;
        const footer = article.querySelector('feed-footer').shadowRoot.querySelector('p');
        const card = document.querySelector('related-cards').shadowRoot.querySelector('.card p');
        const style = (el, name) => {
          const cs = getComputedStyle(el, `::highlight(${name})`);
          return `${cs.textDecorationLine} ${cs.textDecorationStyle}`;
        };
        return { footer: style(footer, n.noise), card: style(card, n.promo), reportedly: style(article.getElementById('reportedly'), n.high) };
      }, { noise: NAMES['repost-noise'], promo: NAMES['unrelated-promo'], high: NAMES['attribution-high'] });
      assert.deepEqual(looks, { footer: 'line-through solid', card: 'underline wavy', reportedly: 'underline solid' });
      await page.screenshot(`${ARTIFACTS}/${browser}-shadow-marked.png`, { fullPage: true });
    });

    it('a mark in a shadow root is explained on hover and reached by the next-mark shortcut', async () => {
      const box = await page.eval(() => {
        const p = document.querySelector('news-article').shadowRoot.getElementById('reportedly');
        p.scrollIntoView({ block: 'center', behavior: 'instant' });
        const b = p.getClientRects()[0];
        return { x: b.left + 30, y: b.top + 8 };
      });
      await page.front();
      await page.mouse(box.x, box.y);
      let text = '';
      for (let i = 0; i < 30 && !/Unconfirmed attribution/.test(text); i++) {
        text = (await state()).tooltip;
        if (!/Unconfirmed attribution/.test(text)) await new Promise((r) => setTimeout(r, 100));
      }
      assert.match(text, /Unconfirmed attribution/, 'hovering the shadow sentence explains it');
      assert.match(text, /reportedly|unnamed|hearsay|source/i);
      await page.screenshot(`${ARTIFACTS}/${browser}-shadow-tooltip.png`);
      await page.mouse(2, 2);

      // Step through the marks with the shortcut: the footer, split over two trees, is flashed whole and
      // explained; further on, the cards in their own shadow root are reached.
      const next = async () => {
        await ext.eval((id) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(id, { type: 'next-mark' }, { frameId: 0 }), tabId);
        return (await rangesByTree(page)).focus;
      };
      let focus = [];
      for (let i = 0; i < 20 && !focus.some((f) => /appeared first on/.test(f.text)); i++) focus = await next();
      assert.deepEqual(focus.map((f) => f.tree).sort(), ['feed-footer', 'news-article'], `the footer's two parts are flashed: ${JSON.stringify(focus)}`);
      let tip = '';
      for (let i = 0; i < 40 && !/Repost noise/.test(tip); i++) {
        await new Promise((r) => setTimeout(r, 100));
        tip = (await state()).tooltip;
      }
      assert.match(tip, /Repost noise/, 'the footer reached by keyboard is explained');
      // …and said to a screen reader: category and reason in the polite live region beside the card.
      assert.match((await state()).announced, /^Repost noise: Feed footer/, 'the footer reached by keyboard is announced');
      await page.screenshot(`${ARTIFACTS}/${browser}-shadow-keyboard.png`);
      for (let i = 0; i < 20 && !focus.some((f) => f.tree === 'related-cards'); i++) focus = await next();
      assert.ok(focus.some((f) => f.tree === 'related-cards'), `the shortcut reaches the cards in their shadow root: ${JSON.stringify(focus)}`);
    });

    it('the element picker picks inside an open shadow root, not its host (regression: it stopped at the host)', async () => {
      await ext.eval((id) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(id, { type: 'pick' }, { frameId: 0 }), tabId);
      await page.front();
      await waitFor(page, () => document.documentElement.lastElementChild?.shadowRoot?.querySelector('.panel') !== null, null, 'the picker to start', 5000);
      // A click on the second card's summary, inside related-cards' open root.
      await page.eval(() => {
        const p = document.querySelector('related-cards').shadowRoot.querySelectorAll('.card p')[1];
        p.scrollIntoView({ block: 'center', behavior: 'instant' });
        const b = p.getBoundingClientRect();
        const at = { clientX: b.left + 20, clientY: b.top + b.height / 2, bubbles: true, composed: true };
        document.elementFromPoint(at.clientX, at.clientY).dispatchEvent(new MouseEvent('mousemove', at));
        document.elementFromPoint(at.clientX, at.clientY).dispatchEvent(new MouseEvent('click', at));
      });
      const rule = await waitFor(page, () => document.documentElement.lastElementChild?.shadowRoot?.querySelector('.rule')?.textContent, null, 'the suggested rule', 10000);
      assert.match(rule, /##.*card.* p$/, `the rule names the card's paragraph inside the root: ${rule}`);
      assert.doesNotMatch(rule, /related-cards$/, 'not the shadow host');
      const panel = await page.eval(() => document.documentElement.lastElementChild.shadowRoot.querySelector('.panel').textContent);
      assert.match(panel, /It matches 3 elements on this page/, 'the three cards in the shadow root are counted');
      await page.screenshot(`${ARTIFACTS}/${browser}-shadow-picker.png`);
      await page.eval(() => [...document.documentElement.lastElementChild.shadowRoot.querySelectorAll('button')].at(-1).click());
      await waitFor(page, () => !document.documentElement.lastElementChild?.shadowRoot?.querySelector('.panel'), null, 'the picker to close', 5000);
    });

    it('a shadow root attached with no other change is read and marked (regression: it waited for the next change)', async () => {
      await page.eval(() => window.attachLateNote());
      const late = () =>
        rangesByTree(page).then((r) => r.noise.filter((x) => x.tree === 'div' && /Late Root Story/.test(x.text)));
      let found = [];
      for (let i = 0; i < 100 && !found.length; i++) {
        found = await late();
        if (!found.length) await new Promise((r) => setTimeout(r, 200));
      }
      assert.ok(found.length > 0, 'the late root\'s feed footer is marked');
      await page.screenshot(`${ARTIFACTS}/${browser}-shadow-late-root.png`, { fullPage: true });
    });

    it('hiding noise hides blocks inside shadow roots; a hidden mark revealed from the popup is shown (regression: reveal showed nothing in hide mode)', async () => {
      const shown = () => {
        const card = document.querySelector('related-cards').shadowRoot.querySelector('.card p');
        const footer = document.querySelector('news-article').shadowRoot.querySelector('feed-footer');
        return { card: getComputedStyle(card).display !== 'none', footer: footer.getClientRects().length > 0 };
      };
      const waitShown = async (want, what) => {
        let s;
        for (let i = 0; i < 50; i++) {
          s = await page.eval(shown);
          if (s.card === want && s.footer === want) return;
          await new Promise((r) => setTimeout(r, 100));
        }
        assert.fail(`timed out waiting for ${what} (last: ${JSON.stringify(s)})`);
      };
      await waitShown(true, 'nothing hidden by default');
      const opts = await openExtensionPage(env.driver, 'options.html', () => document.readyState === 'complete', 'the options page');
      await waitFor(opts, () => document.getElementById('hideNoise').checked === false, null, 'the setting to load', 5000);
      await opts.eval(() => document.getElementById('hideNoise').click());
      try {
        await waitShown(false, "the shadow roots' card text and footer to be hidden");
        await page.screenshot(`${ARTIFACTS}/${browser}-shadow-hidden.png`, { fullPage: true });
        // Revealing a hidden mark from the popup shows it (hiding stays on for the rest): the footer in
        // its shadow roots and the disclaimer in the light DOM.
        const marks = (await state()).result.marks;
        const index = (re) => marks.findIndex((m) => m.category === 'repost-noise' && re.test(m.reason));
        const footerAt = index(/feed footer/i);
        const disclaimerAt = index(/disclaimer/i);
        assert.ok(footerAt >= 0 && disclaimerAt >= 0, `footer and disclaimer marks: ${JSON.stringify(marks.map((m) => m.reason))}`);
        const disclaimerShown = () => document.querySelector('.disclaimer').getClientRects().length > 0;
        assert.equal(await page.eval(disclaimerShown), false, 'the disclaimer is hidden');
        for (const i of [footerAt, disclaimerAt]) {
          const reply = await ext.eval(({ id, i }) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(id, { type: 'reveal', index: i }, { frameId: 0 }), { id: tabId, i });
          assert.equal(reply.ok, true);
        }
        assert.equal(await page.eval(() => document.querySelector('news-article').shadowRoot.querySelector('feed-footer').getClientRects().length > 0), true, 'the revealed footer is shown');
        assert.equal(await page.eval(disclaimerShown), true, 'the revealed disclaimer is shown');
        assert.equal((await page.eval(shown)).card, false, 'the cards stay hidden');
      } finally {
        await opts.eval(() => document.getElementById('hideNoise').click());
      }
      await waitShown(true, 'hiding to be undone');
      await opts.close();
    });
  });
}
