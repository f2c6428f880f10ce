// The extension in Firefox ESR (/usr/bin/firefox-esr), driven by puppeteer-core over WebDriver BiDi.
import puppeteer from 'puppeteer-core';
import { EXTENSION_DIR, recordCspViolations } from './scenario.mjs';
import { hostileSuite } from './hostile.mjs';
import { browserSuite } from './suite.mjs';
import { popupSuite } from './popup-suite.mjs';
import { a11ySuite } from './a11y-suite.mjs';
import { darkSuite } from './dark-suite.mjs';
import { liveSuite } from './live-suite.mjs';
import { shadowSuite } from './shadow-suite.mjs';
import { cssSeparatedSuite } from './css-separated-suite.mjs';
import { stylesSuite } from './styles-suite.mjs';

const FIREFOX = process.env.CHAFF_FIREFOX || '/usr/bin/firefox-esr';
const GECKO_ID = 'chaff@chaff.example';
/** Fixes the otherwise random moz-extension:// address. */
const UUID = '7d3c2f1e-5b4a-4c6d-9e8f-0a1b2c3d4e5f';

function wrap(page) {
  return {
    eval: (fn, arg) => page.evaluate(fn, arg),
    click: (selector) => page.click(selector),
    screenshot: (path, { fullPage = false } = {}) => page.screenshot({ path, fullPage }),
    front: () => page.bringToFront(),
    press: (key) => page.keyboard.press(key),
    mouse: (x, y) => page.mouse.move(x, y),
    frames: async () => page.frames().map((f) => ({ eval: (fn, arg) => f.evaluate(fn, arg) })),
    navigate: async (url) => {
      // Not awaited: the page may keep loading for a while; callers poll for what they need.
      page.goto(url).catch(() => {});
    },
    dark: null,
    close: () => page.close(),
  };
}

/** Firefox with the extension installed; `prefs`: more preferences for this browser. */
async function launch(prefs = {}) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // Without it BiDi refuses to script moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }), ...prefs },
  });
  await browser.installExtension(EXTENSION_DIR);

  return {
    async open(url, { recordCsp = false, timeout = 30000 } = {}) {
      const page = await browser.newPage();
      if (recordCsp) await page.evaluateOnNewDocument(recordCspViolations);
      await page.goto(url, { timeout });
      return wrap(page);
    },
    extensionUrl: (path) => `moz-extension://${UUID}/${path}`,
    async openExtension(path) {
      const page = await browser.newPage();
      await page.setViewport({ width: 420, height: 760 });
      // goto on a moz-extension:// page may never resolve: start it and let the caller poll.
      page.goto(this.extensionUrl(path)).catch(() => {});
      return wrap(page);
    },
    async close() {
      await browser.close();
    },
  };
}

browserSuite('firefox', launch);
popupSuite('firefox', launch);
stylesSuite('firefox', launch);
shadowSuite('firefox', launch);
cssSeparatedSuite('firefox', launch);
a11ySuite('firefox', launch);
liveSuite('firefox', launch);
// BiDi cannot emulate prefers-color-scheme: a Firefox whose pages prefer dark (0 = dark).
darkSuite('firefox', () => launch({ 'layout.css.prefers-color-scheme.content-override': 0 }));
hostileSuite('firefox', launch);
