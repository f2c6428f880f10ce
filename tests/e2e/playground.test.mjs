// The www/ playground in Chromium: a bundled sample analysed in the page, marks drawn and listed.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, it } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { ARTIFACTS, NAMES } from './scenario.mjs';

const WWW = fileURLToPath(new URL('../../www/', import.meta.url));
let server;
let browser;

before(async () => {
  assert.ok(existsSync(`${WWW}/pkg/chaff_bg.wasm`), 'www/pkg has no wasm module: run scripts/build.sh first');
  server = await startServer(WWW);
  browser = await chromium.launch({
    executablePath: process.env.CHAFF_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

it('playground: a sample page is analysed in the page and its marks drawn and listed', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(server.url('/'));
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Ready.');
  await page.selectOption('#sample', 'mexc-news.html');
  await page.waitForFunction(() => !document.getElementById('output').hidden);

  const summary = await page.textContent('#summary');
  assert.match(summary, /Noise: \d+% of this page/);
  assert.match(summary, /CoinCentral/);
  const repost = await page.evaluate((name) => [...(CSS.highlights.get(name) ?? [])].map((r) => r.toString()), NAMES['repost-noise']);
  assert.ok(
    repost.some((t) => t.replace(/\s+/g, ' ').includes('appeared first on CoinCentral')),
    `the preview highlights the feed footer (got ${JSON.stringify(repost)})`,
  );
  assert.match(await page.textContent('#marks'), /appeared first on CoinCentral/);

  // Text mode goes through analyzeText; marks are placed by the engine's blocks and UTF-16 offsets.
  await page.check('input[name="mode"][value="text"]');
  await page.fill('#source', 'Headline 🚀 here\n\nThe post Some Story — “😀” appeared first on CoinCentral.\n');
  await page.click('#analyze');
  await page.waitForFunction(() => /appeared first on CoinCentral/.test(document.getElementById('marks').textContent));
  const textRepost = await page.evaluate((name) => [...(CSS.highlights.get(name) ?? [])].map((r) => r.toString()), NAMES['repost-noise']);
  assert.ok(
    textRepost.some((t) => /appeared first on CoinCentral\.?$/.test(t)),
    `the text preview highlights the footer exactly (got ${JSON.stringify(textRepost)})`,
  );
  await page.screenshot({ path: `${ARTIFACTS}/playground-text.png`, fullPage: true });

  await page.selectOption('#sample', 'bitcoinethereumnews.html');
  await page.waitForFunction(() => /Coinpaper/.test(document.getElementById('summary').textContent));
  await page.screenshot({ path: `${ARTIFACTS}/playground.png`, fullPage: true });
  assert.deepEqual(errors, []);
});
