// The extension in Chromium (Debian's /usr/bin/chromium), driven by playwright-core.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from './chromium.mjs';
import { recordCspViolations } from './scenario.mjs';
import { hostileSuite } from './hostile.mjs';
import { browserSuite } from './suite.mjs';
import { popupSuite } from './popup-suite.mjs';
import { a11ySuite } from './a11y-suite.mjs';
import { darkSuite } from './dark-suite.mjs';
import { liveSuite } from './live-suite.mjs';
import { shadowSuite } from './shadow-suite.mjs';
import { cssSeparatedSuite } from './css-separated-suite.mjs';
import { stylesSuite } from './styles-suite.mjs';

function wrap(page) {
  return {
    eval: (fn, arg) => page.evaluate(fn, arg),
    click: (selector) => page.click(selector),
    screenshot: (path, { fullPage = false } = {}) => page.screenshot({ path, fullPage }),
    front: () => page.bringToFront(),
    press: (key) => page.keyboard.press(key),
    mouse: (x, y) => page.mouse.move(x, y),
    frames: async () => page.frames().map((f) => ({ eval: (fn, arg) => f.evaluate(fn, arg) })),
    navigate: (url) => page.goto(url, { waitUntil: 'commit' }).then(() => {}),
    dark: () => page.emulateMedia({ colorScheme: 'dark' }),
    close: () => page.close(),
  };
}

async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'chaff-chromium-'));
  const { context, extensionId } = await launchChromium(profile);

  return {
    async open(url, { recordCsp = false, timeout = 30000 } = {}) {
      const page = await context.newPage();
      if (recordCsp) await page.addInitScript(recordCspViolations);
      await page.goto(url, { timeout });
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
}

browserSuite('chromium', launch);
popupSuite('chromium', launch);
stylesSuite('chromium', launch);
shadowSuite('chromium', launch);
cssSeparatedSuite('chromium', launch);
a11ySuite('chromium', launch);
liveSuite('chromium', launch);
darkSuite('chromium', launch);
hostileSuite('chromium', launch);
