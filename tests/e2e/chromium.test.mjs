// The extension in Chromium (Debian's /usr/bin/chromium), driven by playwright-core.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { EXTENSION_DIR, recordCspViolations } from './scenario.mjs';
import { browserSuite } from './suite.mjs';

const CHROMIUM = process.env.CHAFF_CHROMIUM || '/usr/bin/chromium';
/** Flags for this network: no background traffic, no QUIC, no sandbox (CI runs as root). */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function wrap(page) {
  return {
    eval: (fn, arg) => page.evaluate(fn, arg),
    click: (selector) => page.click(selector),
    screenshot: (path, { fullPage = false } = {}) => page.screenshot({ path, fullPage }),
    front: () => page.bringToFront(),
  };
}

browserSuite('chromium', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'chaff-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, ...FLAGS],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
  const extensionId = new URL(worker.url()).host;

  return {
    async open(url, { recordCsp = false } = {}) {
      const page = await context.newPage();
      if (recordCsp) await page.addInitScript(recordCspViolations);
      await page.goto(url);
      return wrap(page);
    },
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    async openExtension(path) {
      const page = await context.newPage();
      await page.setViewportSize({ width: 420, height: 760 });
      await page.goto(this.extensionUrl(path));
      return wrap(page);
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
});
