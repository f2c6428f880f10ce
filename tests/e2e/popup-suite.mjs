// The popup as a reader uses it, run in each browser by chromium.test.mjs and firefox.test.mjs:
// a slow page, marks grouped by category and severity, keyboard focus, the exported report, dark.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SLOW_MS } from './server.mjs';
import {
  ARTIFACTS,
  contrast,
  highlightedTexts,
  HIGHLIGHTS,
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

export function popupSuite(browser, launch) {
  describe(`${browser}: the popup`, () => {
    const env = suiteBrowser(launch);
    let ext;

    before(async () => {
      ext = await openExtensionPage(env.driver, 'options.html', () => document.readyState === 'complete', 'an extension page');
    });

    it('on a page that is still loading says "Analysing", never that Chaff cannot run, then shows the marks', async () => {
      // A tab found through a page that has loaded, then sent to a page that takes SLOW_MS to load:
      // its content script starts only when that page is done (document_idle).
      const first = env.server.url('bitcoinethereumnews.html');
      const page = await env.driver.open(first);
      const tabId = await tabIdOf(ext, first);
      const slow = env.server.url('slow/mexc-news.html');
      await page.navigate(slow);
      await waitFor(page, (u) => location.href === u, slow, 'the slow page to start', 10000);

      const popup = await openPopupFor(env.driver, tabId, { url: slow, ready: false });
      const seen = new Set();
      const until = Date.now() + SLOW_MS + 15000;
      while (Date.now() < until) {
        const text = await visibleText(popup).catch(() => '');
        seen.add(text.replace(/\s+/g, ' ').trim());
        if (await popup.eval(() => document.querySelector('.summary') !== null)) break;
        await new Promise((r) => setTimeout(r, 150));
      }
      const texts = [...seen];
      assert.ok(texts.some((t) => /Analysing this page/.test(t)), `the popup said it was analysing (saw ${JSON.stringify(texts)})`);
      assert.ok(!texts.some((t) => /does not run/.test(t)), `the popup never said Chaff cannot run (saw ${JSON.stringify(texts)})`);
      assert.match(await popup.eval(() => document.querySelector('.origin')?.textContent ?? ''), /CoinCentral/);
    });

    it('groups the marks by category and severity, low severity folded until asked for', async () => {
      const url = env.server.url('mexc-news.html');
      const page = await env.driver.open(url);
      await waitForMarks(page);
      const popup = await openPopupFor(env.driver, await tabIdOf(ext, url), { url });

      const groups = await popup.eval(() =>
        [...document.querySelectorAll('#view .group')].map((g) => ({
          tag: g.tagName.toLowerCase(),
          open: g.tagName === 'DETAILS' ? g.open : true,
          title: g.querySelector('.group-title').textContent,
          items: g.querySelectorAll('.mark-button').length,
        })),
      );
      const titles = groups.map((g) => g.title);
      assert.ok(titles[0].startsWith('Repost noise'), `repost noise first (got ${JSON.stringify(titles)})`);
      const high = groups.findIndex((g) => /high severity/.test(g.title));
      const low = groups.findIndex((g) => /low severity/.test(g.title));
      assert.ok(high >= 0 && low > high, `high-severity attributions before low (got ${JSON.stringify(titles)})`);
      assert.equal(groups[high].open, true, 'high severity shown');
      assert.deepEqual([groups[low].tag, groups[low].open], ['details', false], 'low severity folded');

      // No list scrolls in a box of its own: the popup has one scroll at most.
      const nested = await popup.eval(() =>
        [...document.querySelectorAll('#view *')].filter((n) => {
          const o = getComputedStyle(n).overflowY;
          return (o === 'auto' || o === 'scroll') && n.scrollHeight > n.clientHeight;
        }).length,
      );
      assert.equal(nested, 0, 'no nested scrolling box');
      assert.equal(await popup.eval(() => document.documentElement.scrollWidth <= innerWidth), true, 'nothing overflows sideways');

      // One click opens the low-severity group; its marks reveal on the page like any other.
      await popup.click('details.group.low > summary');
      assert.equal(await popup.eval(() => document.querySelector('details.group.low').open), true);
      await popup.screenshot(`${ARTIFACTS}/${browser}-popup-groups.png`, { fullPage: true });
      const before = (await highlightSizes(page))[NAMES['unconfirmed-attribution']];
      assert.ok(before >= groups[low].items, 'the page draws the low-severity marks too');
    });

    it('keyboard focus in the popup is visible and unlike hover', async () => {
      const url = env.server.url('mexc-news.html');
      const page = await env.driver.open(url);
      await waitForMarks(page);
      const popup = await openPopupFor(env.driver, await tabIdOf(ext, url), { url });
      // Tab until a mark button has the focus.
      let focused = null;
      for (let i = 0; i < 12 && !focused; i++) {
        await popup.press('Tab');
        focused = await popup.eval(() => (document.activeElement?.classList.contains('mark-button') ? true : null));
      }
      assert.ok(focused, 'a mark can be reached with the keyboard');
      const ring = await popup.eval(() => {
        const b = document.activeElement;
        const s = getComputedStyle(b);
        return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, bg: getComputedStyle(document.body).backgroundColor };
      });
      assert.equal(ring.style, 'solid');
      assert.ok(ring.width >= 2, `a 2px ring (got ${ring.width})`);
      assert.ok(contrast(ring.color, ring.bg) >= 3, `the ring stands out from the background (${contrast(ring.color, ring.bg).toFixed(2)}:1)`);
      await popup.screenshot(`${ARTIFACTS}/${browser}-popup-focus.png`);
    });

    it('saves the report as the CLI JSON: source, summary and every mark', async () => {
      const url = env.server.url('mexc-news.html');
      const page = await env.driver.open(url);
      await waitForMarks(page);
      const tabId = await tabIdOf(ext, url);
      const popup = await openPopupFor(env.driver, tabId, { url });
      const report = await popup.eval(async () => {
        const a = document.getElementById('save');
        return { name: a.download, json: await (await fetch(a.href)).text() };
      });
      assert.equal(report.name, 'chaff-report-' + new URL(url).host + '.json');
      const parsed = JSON.parse(report.json);
      assert.deepEqual(Object.keys(parsed), ['source', 'summary', 'marks']);
      assert.equal(parsed.source, url);
      const state = await ext.eval((id) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(id, { type: 'getState' }, { frameId: 0 }), tabId);
      assert.deepEqual(parsed.marks, state.result.marks);
      assert.match(await visibleText(popup), /\d+ marks · analysed in [\d.]+ ms/);
    });

    it('the element picker makes a rule for a picked element; saved in the options, it marks the page', async () => {
      // An address no other tab of this suite has, so that the picker starts in this tab.
      const url = env.server.url('mexc-news.html?picker');
      const page = await env.driver.open(url);
      await waitForMarks(page);
      const tabId = await tabIdOf(ext, url);
      await ext.eval((id) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(id, { type: 'pick' }, { frameId: 0 }), tabId);
      await page.front();
      const panel = () => document.documentElement.lastElementChild?.shadowRoot?.querySelector('.panel')?.textContent ?? '';
      await waitFor(page, panel, null, 'the picker to start', 5000);
      assert.match(await page.eval(panel), /Click a part of the page/);
      await page.click('.tldr li');
      const rule = await waitFor(
        page,
        () => document.documentElement.lastElementChild?.shadowRoot?.querySelector('.rule')?.textContent,
        null,
        'the suggested rule',
        10000,
      );
      assert.equal(rule, `${new URL(url).hostname}##div.tldr li`);
      assert.match(await page.eval(panel), /It matches \d+ elements on this page/);
      await page.screenshot(`${ARTIFACTS}/${browser}-picker.png`);

      // "Add to my rules…" opens the options page with the rule added; nothing is saved yet.
      await page.eval(() => document.documentElement.lastElementChild.shadowRoot.querySelector('button.primary').click());
      const optionsUrl = await waitFor(
        ext,
        async () => {
          const tabs = await (globalThis.browser ?? globalThis.chrome).tabs.query({});
          return tabs.map((t) => t.url || '').find((u) => u.includes('options.html?add=')) ?? null;
        },
        null,
        'the options page to open with the rule',
        10000,
      );
      assert.equal(new URL(optionsUrl).searchParams.get('add'), rule);
      assert.equal(await page.eval(() => document.documentElement.lastElementChild?.shadowRoot?.querySelector('.panel') ?? null), null, 'the picker is gone');
      const stored = await ext.eval(() => (globalThis.browser ?? globalThis.chrome).storage.local.get('siteRules'));
      assert.ok(!(stored.siteRules || '').includes('tldr'), 'nothing saved before the reader saves');

      const opts = await openExtensionPage(env.driver, optionsUrl.replace(/^.*?options\.html/, 'options.html'), () => document.getElementById('rules').value.includes('##'), 'the rule in the options text');
      assert.ok((await opts.eval(() => document.getElementById('rules').value)).includes(rule));
      await opts.eval(() => document.getElementById('save').click());
      await waitFor(opts, () => /^Saved/.test(document.getElementById('status').textContent), null, 'the rules to be saved', 10000);
      await waitFor(
        page,
        (name) => [...(CSS.highlights.get(name) ?? [])].some((r) => r.toString().includes('held discussions on joint management')),
        NAMES['unrelated-promo'],
        'the picked element to be marked',
        15000,
      );
      const promo = (await highlightedTexts(page))[NAMES['unrelated-promo']].join(' ');
      assert.match(promo, /held discussions on joint management/);
      // Leave the reader's list as it was.
      await opts.eval(() => {
        document.getElementById('rules').value = '';
        document.getElementById('save').click();
      });
      await waitFor(opts, () => document.getElementById('status').textContent === 'Saved.', null, 'the rules to be cleared', 10000);
    });

    it('shortcuts: next and previous reveal the marks in page order, toggle turns the highlights off and on', async () => {
      const url = env.server.url('mexc-news.html?shortcuts');
      const page = await env.driver.open(url);
      await waitForMarks(page);
      const tabId = await tabIdOf(ext, url);
      const send = (type) =>
        ext.eval(([id, t]) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(id, { type: t }, { frameId: 0 }), [tabId, type]);
      const firstTop = async () =>
        page.eval((n) => [...(CSS.highlights.get(n) ?? [])].map((r) => r.toString()).join(' '), NAMES.focus);

      const a = await send('next-mark');
      const b = await send('next-mark');
      assert.ok(a.ok && b.ok && b.index > a.index, `next goes forward (${a.index} then ${b.index})`);
      assert.ok((await firstTop()).length > 0, 'the revealed mark is flashed');
      const back = await send('previous-mark');
      assert.equal(back.index, a.index, 'previous goes back');
      const wrap = await send('previous-mark');
      assert.ok(wrap.index > b.index, 'previous from the first mark wraps to the last');

      const sizes = await highlightSizes(page);
      const off = await send('toggle-marks');
      assert.equal(off.marksOff, true);
      assert.deepEqual(Object.values(await highlightSizes(page)), [0, 0, 0], 'all highlights off');
      const on = await send('toggle-marks');
      assert.equal(on.marksOff, false);
      assert.deepEqual(await highlightSizes(page), sizes, 'the same highlights back');

      // The browser knows the shortcuts; the popup lists them.
      const popup = await openPopupFor(env.driver, tabId, { url });
      const bound = await popup.eval(async () =>
        (await (globalThis.browser ?? globalThis.chrome).commands.getAll()).map((c) => c.name).sort(),
      );
      assert.deepEqual(bound, ['_execute_action', 'next-mark', 'previous-mark', 'toggle-marks']);
      assert.match(await popup.eval(() => document.getElementById('shortcut-list').textContent), /Go to the next mark/);
    });

    it('switches: a category, the least severity, hiding, and Chaff off for this site change the page', async () => {
      const url = env.server.url('mexc-news.html?switches');
      const page = await env.driver.open(url);
      await waitForMarks(page);
      const popup = await openPopupFor(env.driver, await tabIdOf(ext, url), { url });
      const all = await highlightSizes(page);
      assert.ok(all[NAMES['unrelated-promo']] > 0 && all[NAMES['unconfirmed-attribution']] > 2);
      const sizeOf = (name) => highlightSizes(page).then((s) => s[name]);

      await popup.click('#show-unrelated-promo');
      await waitFor(page, (n) => (CSS.highlights.get(n)?.size ?? -1) === 0, NAMES['unrelated-promo'], 'promotion to be undrawn', 5000);
      assert.equal(await sizeOf(NAMES['repost-noise']), all[NAMES['repost-noise']], 'other categories stay');
      await popup.click('#show-unrelated-promo');
      await waitFor(page, ([name, n]) => CSS.highlights.get(name)?.size === n, [NAMES['unrelated-promo'], all[NAMES['unrelated-promo']]], 'promotion back', 5000);

      const high = await popup.eval(() => document.querySelectorAll('.mark-button .severity.high').length);
      await popup.eval(() => {
        const select = document.getElementById('min-severity');
        select.value = 'high';
        select.dispatchEvent(new Event('change'));
      });
      await waitFor(page, ([name, n]) => CSS.highlights.get(name)?.size === n, [NAMES['unconfirmed-attribution'], high], 'only high-severity attributions', 5000);
      await popup.eval(() => {
        const select = document.getElementById('min-severity');
        select.value = 'low';
        select.dispatchEvent(new Event('change'));
      });
      await waitFor(page, ([name, n]) => CSS.highlights.get(name)?.size === n, [NAMES['unconfirmed-attribution'], all[NAMES['unconfirmed-attribution']]], 'every attribution back', 5000);

      await popup.click('#hide-noise');
      await waitFor(page, () => document.querySelector('[data-chaff-hidden]') !== null, null, 'noise to be hidden', 5000);
      await popup.click('#hide-noise');
      await waitFor(page, () => document.querySelector('[data-chaff-hidden]') === null, null, 'noise shown again', 5000);

      await popup.click('#on-site');
      await waitFor(page, (names) => names.every((n) => !CSS.highlights.get(n)?.size), HIGHLIGHTS, 'every highlight gone', 5000);
      await waitFor(popup, () => /Chaff is off here/.test(document.body.innerText), null, 'the popup to say Chaff is off', 5000);
      await popup.screenshot(`${ARTIFACTS}/${browser}-popup-off-site.png`, { fullPage: true });
      await popup.click('#on-site');
      await waitForMarks(page);
      await waitFor(popup, () => document.querySelector('.summary') !== null, null, 'the summary back', 10000);
      await popup.screenshot(`${ARTIFACTS}/${browser}-popup-switches.png`);
    });

    it('marks inside same- and cross-origin frames, each frame analysed in its own context', async () => {
      const page = await env.driver.open(env.server.url('frames.html'));
      const frameMarks = async () => {
        const out = {};
        for (const frame of await page.frames()) {
          const url = await frame.eval(() => location.href).catch(() => '');
          const m = url.match(/frame=(same|cross)/);
          if (!m) continue;
          out[m[1]] = await frame
            .eval((n) => [...(CSS.highlights.get(n) ?? [])].map((r) => r.toString()).join(' '), NAMES['repost-noise'])
            .catch(() => '');
        }
        return out;
      };
      const until = Date.now() + 20000;
      let marks = {};
      while (Date.now() < until) {
        marks = await frameMarks();
        if (/appeared first on CoinCentral/.test(marks.same ?? '') && /appeared first on CoinCentral/.test(marks.cross ?? '')) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      assert.match(marks.same ?? '', /appeared first on CoinCentral/, 'the same-origin frame is marked');
      assert.match(marks.cross ?? '', /appeared first on CoinCentral/, 'the cross-origin frame is marked');
      await page.screenshot(`${ARTIFACTS}/${browser}-frames.png`, { fullPage: true });
    });

    it('explains a mark on the page: on hover, and when reached by keyboard', async () => {
      const url = env.server.url('mexc-news.html?tooltip');
      const page = await env.driver.open(url);
      await waitForMarks(page);
      const tabId = await tabIdOf(ext, url);
      const tooltip = () =>
        ext.eval((id) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(id, { type: 'getState' }, { frameId: 0 }), tabId).then((s) => s.tooltip);

      // Hover the feed footer: its explanation appears, and the page's layout does not move.
      const footer = await page.eval((name) => {
        const r = [...CSS.highlights.get(name)].find((x) => x.toString().includes('appeared first on'));
        r.startContainer.parentElement.scrollIntoView({ block: 'center', behavior: 'instant' });
        const b = r.getClientRects()[0];
        return { x: b.left + 5, y: b.top + b.height / 2, height: document.documentElement.scrollHeight };
      }, NAMES['repost-noise']);
      await page.mouse(footer.x, footer.y);
      let text = '';
      for (let i = 0; i < 30 && !text; i++) {
        text = await tooltip();
        if (!text) await new Promise((r) => setTimeout(r, 100));
      }
      assert.match(text, /Repost noise/);
      assert.match(text, /copied from CoinCentral/);
      assert.equal(await page.eval(() => document.documentElement.scrollHeight), footer.height, 'no layout shift');
      assert.equal(await page.eval(() => document.activeElement === document.body), true, 'the focus stays where it was');
      await page.screenshot(`${ARTIFACTS}/${browser}-tooltip-hover.png`);

      // Away from any mark, it goes.
      await page.mouse(2, 2);
      for (let i = 0; i < 30 && text; i++) {
        text = await tooltip();
        if (text) await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(text, '');

      // The next-mark shortcut explains the mark it reaches (a high-severity attribution says so).
      for (let i = 0; i < 12; i++) {
        await ext.eval((id) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(id, { type: 'next-mark' }, { frameId: 0 }), tabId);
        await new Promise((r) => setTimeout(r, 600));
        text = await tooltip();
        if (/high/.test(text)) break;
      }
      assert.match(text, /Unconfirmed attribution\s*high/);
      await page.screenshot(`${ARTIFACTS}/${browser}-tooltip-keyboard.png`);
    });

    it('a page that keeps changing is followed without a cap: a ticker does not keep it busy, and a card added after 40 more changes is marked', async () => {
      const url = env.server.url('live.html');
      const page = await env.driver.open(url);
      const tabId = await tabIdOf(ext, url);
      await waitFor(
        page,
        (name) => [...(CSS.highlights.get(name) ?? [])].some((r) => r.toString().includes('appeared first on CoinCentral')),
        NAMES['repost-noise'],
        'the late feed footer to be marked',
        60000,
      );
      const state = await ext.eval(
        (id) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(id, { type: 'getState' }, { frameId: 0 }),
        tabId,
      );
      // More runs than the old cap of 30, and far fewer than the ticker's changes (one per 150 ms).
      assert.ok(state.runs > 30, `the page was followed past 30 runs (${state.runs})`);
      assert.ok(state.runs < 80, `not one run per tick (${state.runs})`);
    });

    it('options: settings exported, and imported whole or not at all', async () => {
      const opts = await openExtensionPage(env.driver, 'options.html', () => document.getElementById('show-unrelated-promo') !== null, 'the options page');
      /** Gives the import control a file, as a reader choosing one does. */
      const importFile = (text) =>
        opts.eval(async (content) => {
          const input = document.getElementById('import');
          const files = new DataTransfer();
          files.items.add(new File([content], 'backup.json', { type: 'application/json' }));
          input.files = files.files;
          document.getElementById('backupStatus').textContent = '';
          input.dispatchEvent(new Event('change'));
          for (let i = 0; i < 100 && !/Imported|Not imported/.test(document.getElementById('backupStatus').textContent); i++) {
            await new Promise((r) => setTimeout(r, 50));
          }
          return document.getElementById('backupStatus').textContent;
        }, text);
      const stored = () =>
        opts.eval(async () => {
          const api = globalThis.browser ?? globalThis.chrome;
          const area = api.storage.sync ?? api.storage.local;
          return { ...(await area.get(null)), ...(await api.storage.local.get(['siteRules', 'hideNoise'])) };
        });
      const before = await stored();

      assert.match(await importFile('not json {'), /^Not imported, nothing changed: the file is not JSON/);
      assert.match(await importFile('{"chaff": 99}'), /^Not imported, nothing changed: the file is not a Chaff settings file/);
      assert.deepEqual(await stored(), before, 'a failed import changes nothing');

      const backup = {
        chaff: 1,
        settings: { enabled: true, offSites: ['quiet.example'], categories: { 'unrelated-promo': false }, minSeverity: 'high' },
        hideNoise: false,
        siteRules: 'news.example##.partner-box\n',
      };
      assert.equal(await importFile(JSON.stringify(backup)), 'Imported.');
      const after = await stored();
      assert.deepEqual(after.offSites, ['quiet.example']);
      assert.equal(after.categories['unrelated-promo'], false);
      assert.equal(after.categories['repost-noise'], true, 'what the file leaves out takes its default');
      assert.equal(after.minSeverity, 'high');
      assert.equal(after.siteRules, backup.siteRules);
      assert.equal(await opts.eval(() => document.getElementById('offSites').value), 'quiet.example');
      assert.equal(await opts.eval(() => document.getElementById('show-unrelated-promo').checked), false);

      // Export writes what is stored, in the format import reads.
      const exported = await opts.eval(async () => {
        let href = null;
        const click = HTMLAnchorElement.prototype.click;
        HTMLAnchorElement.prototype.click = function () {
          href = this.href;
        };
        document.getElementById('export').click();
        for (let i = 0; i < 100 && !href; i++) await new Promise((r) => setTimeout(r, 50));
        HTMLAnchorElement.prototype.click = click;
        return (await fetch(href)).json();
      });
      assert.equal(exported.chaff, 1);
      assert.deepEqual(exported.settings.offSites, ['quiet.example']);
      assert.equal(exported.siteRules, backup.siteRules);
      await opts.screenshot(`${ARTIFACTS}/${browser}-options.png`, { fullPage: true });

      // Back to the defaults for the tests after this one.
      const defaults = { chaff: 1, settings: {}, hideNoise: false, siteRules: '' };
      assert.equal(await importFile(JSON.stringify(defaults)), 'Imported.');
    });

    it('is legible in dark mode', async (t) => {
      const url = env.server.url('mexc-news.html');
      const page = await env.driver.open(url);
      await waitForMarks(page);
      const popup = await openPopupFor(env.driver, await tabIdOf(ext, url), { url });
      if (!popup.dark) {
        t.skip(`${browser}: the env.driver cannot emulate prefers-color-scheme`);
        return;
      }
      await popup.dark();
      const colours = await popup.eval(() => ({
        bg: getComputedStyle(document.body).backgroundColor,
        ink: getComputedStyle(document.querySelector('.mark-reason')).color,
        muted: getComputedStyle(document.querySelector('.mark-text')).color,
      }));
      assert.ok(contrast(colours.bg, 'rgb(0, 0, 0)') < 2, `a dark background (${colours.bg})`);
      assert.ok(contrast(colours.ink, colours.bg) >= 7, `reasons legible (${contrast(colours.ink, colours.bg).toFixed(2)}:1)`);
      assert.ok(contrast(colours.muted, colours.bg) >= 4.5, `excerpts legible (${contrast(colours.muted, colours.bg).toFixed(2)}:1)`);
      await popup.screenshot(`${ARTIFACTS}/${browser}-popup-dark.png`, { fullPage: true });
    });
  });
}
