// The two browsers the bench drives, behind one small interface:
//   driver.name, driver.newTab() → tab, driver.openExtension(path) → tab, driver.close()
//   tab.goto(url), tab.eval(fn, arg), tab.addInitScript(fn), tab.addScript(file), tab.close()
// Chromium through playwright-core (the tests' launcher), Firefox ESR through puppeteer-core over
// WebDriver BiDi; see ../shared/notes/toolchain.md for why each is launched as it is.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { launchChromium } from '../../tests/e2e/chromium.mjs';
import { EXTENSION_DIR } from '../../tests/e2e/scenario.mjs';

const FIREFOX = process.env.CHAFF_FIREFOX || '/usr/bin/firefox-esr';
const GECKO_ID = 'chaff@chaff.example';
/** Fixes the otherwise random moz-extension:// address (the same as the e2e tests'). */
const UUID = '7d3c2f1e-5b4a-4c6d-9e8f-0a1b2c3d4e5f';

export async function chromiumDriver() {
  const profile = mkdtempSync(join(tmpdir(), 'chaff-bench-'));
  const { context, extensionId } = await launchChromium(profile);
  const wrap = (page) => ({
    goto: (url) => page.goto(url, { waitUntil: 'domcontentloaded' }),
    eval: (fn, arg) => page.evaluate(fn, arg),
    addInitScript: (fn) => page.addInitScript(fn),
    addScript: (file) => page.addScriptTag({ content: readFileSync(file, 'utf8') }),
    close: () => page.close(),
  });
  return {
    name: 'Chromium',
    newTab: async () => wrap(await context.newPage()),
    async openExtension(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return wrap(page);
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function firefoxDriver() {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }) },
  });
  await browser.installExtension(EXTENSION_DIR);
  const wrap = (page) => ({
    goto: (url) => page.goto(url, { waitUntil: 'domcontentloaded' }),
    eval: (fn, arg) => page.evaluate(fn, arg),
    addInitScript: (fn) => page.evaluateOnNewDocument(fn),
    addScript: (file) => page.addScriptTag({ content: readFileSync(file, 'utf8') }),
    close: () => page.close(),
  });
  return {
    name: 'Firefox',
    newTab: async () => wrap(await browser.newPage()),
    async openExtension(path) {
      const page = await browser.newPage();
      // goto on a moz-extension:// page may never resolve: start it and poll for it instead.
      page.goto(`moz-extension://${UUID}/${path}`).catch(() => {});
      const until = Date.now() + 15000;
      while (Date.now() < until) {
        const ready = await page.evaluate(() => location.protocol === 'moz-extension:' && document.readyState === 'complete').catch(() => false);
        if (ready) return wrap(page);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`moz-extension://${UUID}/${path} did not load`);
    },
    close: () => browser.close(),
  };
}
