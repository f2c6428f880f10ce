// The README's screenshots of the extension as a reader sees it, made from the built extension in
// Chromium on the end-to-end fixture pages (tests/e2e/pages), so that they can be made again after any
// change of look. Run after scripts/build.sh:  node tests/e2e/docs-screenshots.mjs
// Writes, in docs/: marks-dark.png (a dark page's marks), tooltip.png (a mark explained on hover),
// shadow.png (marks inside a page's web components), popup-dark.png (the popup in dark mode),
// popup-switches.png (its switches, one category turned off) and picker.png (the element picker).
// docs/screenshot.png and docs/popup.png are scripts/screenshot.mjs's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { startServer } from './server.mjs';
import { NAMES, openPopupFor, requireBuiltExtension, tabIdOf, waitFor, waitForMarks } from './scenario.mjs';

const DOCS = fileURLToPath(new URL('../../docs/', import.meta.url));
/** The popup's own width (popup.css): the toolbar's window is as wide as its body. */
const POPUP_WIDTH = 380;

requireBuiltExtension();
const server = await startServer();
const profile = mkdtempSync(join(tmpdir(), 'chaff-docs-'));
const { context, extensionId } = await launchChromium(profile);
const wrap = (p) => ({ eval: (fn, arg) => p.evaluate(fn, arg), raw: p });
const driver = {
  extensionUrl: (path) => `chrome-extension://${extensionId}/${path}`,
  async openExtension(path) {
    const p = await context.newPage();
    await p.setViewportSize({ width: POPUP_WIDTH, height: 760 });
    await p.goto(this.extensionUrl(path));
    return wrap(p);
  },
};
const written = [];
const save = (name, png) => {
  writeFileSync(join(DOCS, name), png);
  written.push(name);
};
/** A page of the fixtures, marked. */
async function marked(path) {
  const page = await context.newPage();
  await page.goto(server.url(path));
  await waitForMarks(wrap(page));
  await page.evaluate(() => document.fonts.ready);
  return page;
}
/** The popup for the tab at `path`, its window as tall as its content (at most `max`). */
async function popupFor(ext, path, max = 900) {
  const popup = await openPopupFor(driver, await tabIdOf(ext, server.url(path)));
  await popup.raw.waitForSelector('.mark-button');
  const height = await popup.eval((m) => Math.min(m, Math.ceil(document.documentElement.scrollHeight)), max);
  await popup.raw.setViewportSize({ width: POPUP_WIDTH, height });
  return popup.raw;
}

try {
  const ext = await driver.openExtension('options.html');
  await waitFor(ext, () => document.readyState === 'complete', null, 'an extension page', 15000);

  // A dark page: every category and severity, legible on it.
  const dark = await marked('dark.html');
  save('marks-dark.png', await dark.screenshot({ fullPage: true }));

  // A mark explained: the pointer on the feed footer.
  const news = await marked('mexc-news.html');
  const footer = await news.evaluate((name) => {
    const r = [...CSS.highlights.get(name)].find((x) => x.toString().includes('appeared first on'));
    r.startContainer.parentElement.scrollIntoView({ block: 'center', behavior: 'instant' });
    const b = r.getClientRects()[0];
    return { x: b.left + 40, y: b.top + b.height / 2 };
  }, NAMES['repost-noise']);
  await news.mouse.move(footer.x, footer.y);
  await waitFor(
    wrap(news),
    () => [...document.documentElement.children].some((e) => e.getBoundingClientRect().width === 0 && e.localName === 'div'),
    null,
    'the tooltip host',
  );
  await news.waitForTimeout(400);
  save('tooltip.png', await news.screenshot());

  // Web components: marks inside open shadow roots, the footer's explanation shown.
  const shadow = await marked('shadow.html');
  const shadowFooter = await shadow.evaluate(() => {
    const p = document.querySelector('news-article').shadowRoot.querySelector('feed-footer').shadowRoot.querySelector('p');
    p.scrollIntoView({ block: 'center', behavior: 'instant' });
    // The footer's own words (" appeared first on "), after the slotted part.
    const words = [...p.childNodes].find((n) => n.nodeType === 3 && n.data.includes('appeared'));
    const r = new Range();
    r.selectNodeContents(words);
    const b = r.getClientRects()[0];
    return { x: b.left + 40, y: b.top + b.height / 2 };
  });
  await shadow.mouse.move(shadowFooter.x, shadowFooter.y);
  await shadow.waitForTimeout(600);
  save('shadow.png', await shadow.screenshot());

  // The popup in dark mode, on the MEXC-style page.
  const popup = await popupFor(ext, 'mexc-news.html', 1400);
  await popup.emulateMedia({ colorScheme: 'dark' });
  save('popup-dark.png', await popup.screenshot());
  await popup.emulateMedia({ colorScheme: 'light' });

  // Its switches: promotion turned off (the page follows), attributions of medium severity and up.
  await popup.setViewportSize({ width: POPUP_WIDTH, height: 760 });
  await popup.click('#show-unrelated-promo');
  await popup.selectOption('#min-severity', 'medium');
  await waitFor(wrap(news), (name) => !CSS.highlights.get(name)?.size, NAMES['unrelated-promo'], 'promotion to be turned off');
  save('popup-switches.png', await popup.screenshot());
  await popup.click('#show-unrelated-promo');
  await popup.selectOption('#min-severity', 'low');
  await popup.close();

  // The element picker, on the TLDR list.
  await news.evaluate(() => window.scrollTo(0, 0));
  const tabId = await tabIdOf(ext, server.url('mexc-news.html'));
  await ext.eval((id) => globalThis.chrome.tabs.sendMessage(id, { type: 'pick' }, { frameId: 0 }), tabId);
  await news.bringToFront();
  await waitFor(wrap(news), () => document.documentElement.lastElementChild?.shadowRoot?.querySelector('.panel'), null, 'the picker');
  await news.click('.tldr li');
  await waitFor(wrap(news), () => document.documentElement.lastElementChild?.shadowRoot?.querySelector('.rule')?.textContent, null, 'the rule');
  const li = await news.evaluate(() => {
    const b = document.querySelector('.tldr li').getBoundingClientRect();
    return { x: b.left + 30, y: b.top + b.height / 2 };
  });
  await news.mouse.move(li.x, li.y);
  await news.waitForTimeout(300);
  save('picker.png', await news.screenshot());
  console.log(`wrote ${written.map((n) => `docs/${n}`).join(', ')}`);
} finally {
  await context.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
