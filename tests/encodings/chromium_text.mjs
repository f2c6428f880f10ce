// Records what Chromium shows for each page in tests/encodings/pages, into
// tests/encodings/chromium.json: the encoding it decoded the page with (document.characterSet),
// document.body.innerText (the text shown), and every text node of the body (shown or hidden).
// tests/encodings.rs compares the CLI's decoding with these. Re-run after adding a page:
//   node tests/encodings/chromium_text.mjs
// Pages are served from 127.0.0.1 as `text/html` with no charset (as a saved file is opened), with
// scripts off (the CLI runs none) and every other request refused.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pages = join(here, 'pages');
const out = join(here, 'chromium.json');

const server = createServer((req, res) => {
  const name = decodeURIComponent(new URL(req.url, 'http://x').pathname.slice(1));
  try {
    const body = readFileSync(join(pages, name));
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHAFF_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ javaScriptEnabled: false });
await context.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
const page = await context.newPage();
const record = {};
for (const name of readdirSync(pages).sort()) {
  await page.goto(base + encodeURIComponent(name), { waitUntil: 'domcontentloaded' });
  record[name] = await page.evaluate(() => {
    const body = document.body;
    // Option lists are left out: the page model reads no form controls.
    for (const el of body ? body.querySelectorAll('select, datalist') : []) el.remove();
    const nodes = [];
    const walker = document.createTreeWalker(body || document.documentElement, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.parentElement.closest('script, style, template')) nodes.push(n.data);
    }
    return { charset: document.characterSet, shown: body ? body.innerText : '', all: nodes.join(' ') };
  });
}
writeFileSync(out, JSON.stringify(record, null, 1) + '\n');
await browser.close();
server.close();
console.log(`${Object.keys(record).length} pages recorded in ${out}`);
