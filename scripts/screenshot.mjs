// The README's screenshot: a MEXC News repost (the seed page ../shared/seeds/000_2623946f74af0f7e.txt,
// laid out as a MEXC News article) marked by the built extension in Chromium, with the popup beside it.
// Run by hand after scripts/build.sh:  node scripts/screenshot.mjs
// Writes docs/screenshot.png (page and popup side by side) and docs/popup.png (the popup alone).
// Not part of the tests; it reuses their browser launch and static server.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../tests/e2e/chromium.mjs';
import { startServer } from '../tests/e2e/server.mjs';
import { openPopupFor, requireBuiltExtension, tabIdOf, waitFor, waitForMarks } from '../tests/e2e/scenario.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SEED = process.env.CHAFF_SEED || join(ROOT, '../shared/seeds/000_2623946f74af0f7e.txt');
const DOCS = join(ROOT, 'docs');
const PAGE = 'news/putin-reveals-us-russia-talks-on-crypto-mining.html';
const CANONICAL = 'https://www.mexc.com/news/putin-reveals-us-russia-talks-on-crypto-mining';

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** The seed's lines as a MEXC News article: title, TLDR, body with its subheads, widget, disclaimer, cards. */
function articleHtml(seedText) {
  const lines = seedText.split(/\r?\n/).map((l) => l.trim());
  const title = lines.find((l, i) => i > 0 && l);
  const at = (pred, from = 0) => lines.findIndex((l, i) => i >= from && pred(l));
  const iTitle = lines.indexOf(title);
  const iWidget = at((l) => l === 'Market Opportunity');
  const iDisclaimer = at((l) => l.startsWith('Disclaimer:'));
  const iRelated = at((l) => l === 'You May Also Like');

  const body = [];
  let bullets = [];
  const flush = () => {
    if (bullets.length) body.push(`<ul>${bullets.map((b) => `<li>${esc(b)}</li>`).join('')}</ul></div>`);
    bullets = [];
  };
  for (const l of lines.slice(iTitle + 1, iWidget).filter(Boolean)) {
    if (l === 'TLDR') body.push('<div class="tldr"><h2>TLDR</h2>');
    else if (l.startsWith('•')) bullets.push(l.replace(/^•\s*/, ''));
    else {
      flush();
      const subhead = l.length < 90 && !/[.!?:]$/.test(l);
      body.push(subhead ? `<h2>${esc(l)}</h2>` : `<p>${esc(l)}</p>`);
    }
  }
  flush();

  const w = lines.slice(iWidget, iDisclaimer).filter(Boolean);
  const widget = `<section class="widget">
      <div class="widget-title">${esc(w[0])}</div>
      <div class="coin"><span class="coin-logo" aria-label="${esc(w[1])}">T</span><span class="coin-name">${esc(w[2])}</span></div>
      <div class="price">${esc(w[3])}</div>
      <div class="price-sub">${esc(w[4])}</div>
      <div class="change">${esc(w[5])} <span>${esc(w[6])}</span></div>
      <div class="chart">${esc(w[7])}</div>
    </section>`;

  // Cards: title, title again (the image's alt), summary, "Share", then source and date run together.
  const cards = [];
  const rest = lines.slice(iRelated + 1).filter(Boolean);
  for (let i = 0; i + 3 < rest.length; ) {
    const [t, , summary] = rest.slice(i, i + 3);
    const shareAt = rest.indexOf('Share', i);
    if (shareAt < 0) break;
    const meta = rest[shareAt + 1] && !rest[shareAt + 1].startsWith('Share') ? rest[shareAt + 1] : '';
    const m = meta.match(/^(.*?)(\d{4}\/\d{2}\/\d{2} \d{2}:\d{2})$/);
    cards.push(`<div class="card">
        <div class="thumb"></div>
        <div><h3><a href="/news/${cards.length + 1}">${esc(t)}</a></h3>
        <p>${esc(summary)}</p>
        <div class="meta">${m ? `<b>${esc(m[1])}</b> · ${esc(m[2])}` : esc(meta)} <span class="share">Share</span></div></div>
      </div>`);
    if (!meta || cards.length >= 3) break;
    i = shareAt + 2;
  }

  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${esc(title)} | MEXC News</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta property="og:site_name" content="MEXC">
  <meta property="og:type" content="article">
  <meta property="og:title" content="${esc(title)}">
  <meta name="description" content="${esc(lines[0].replace(/^TLDR\s*/, '').slice(0, 160))}">
  <link rel="canonical" href="${CANONICAL}">
  <style>
    body { margin: 0; font: 16px/1.65 "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; color: #1f2329; background: #fff; }
    .site-header { display: flex; align-items: center; gap: 28px; height: 56px; padding: 0 32px; background: #0b0e11; }
    .logo { font: 800 22px/1 Arial, sans-serif; letter-spacing: 0.5px; color: #fff; text-decoration: none; }
    .logo b { color: #2354e6; }
    .site-header nav a { color: #c5c9d1; margin-right: 20px; text-decoration: none; font-size: 14px; }
    .site-header nav a.on { color: #fff; }
    .site-header .cta { margin-left: auto; background: #2354e6; color: #fff; border-radius: 6px; padding: 7px 16px; font-size: 14px; }
    .layout { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 40px; max-width: 1140px; margin: 0 auto; padding: 18px 32px; }
    .crumbs { font-size: 13px; color: #81858c; margin-bottom: 10px; }
    article h1 { font-size: 30px; line-height: 1.25; margin: 0 0 10px; }
    .byline { font-size: 13px; color: #81858c; margin-bottom: 18px; }
    .byline b { color: #1f2329; font-weight: 600; }
    article h2 { font-size: 20px; margin: 26px 0 8px; }
    .tldr { background: #f5f7fa; border-radius: 8px; padding: 4px 22px 6px; }
    .tldr h2 { margin-top: 12px; font-size: 17px; }
    .tldr ul { padding-left: 20px; margin: 6px 0 10px; }
    .widget { border: 1px solid #e6e8ea; border-radius: 10px; padding: 14px 18px; margin-bottom: 18px; }
    .widget-title { font-weight: 700; margin-bottom: 10px; }
    .coin { display: flex; align-items: center; gap: 8px; font-size: 14px; color: #4a4f57; }
    .coin-logo { width: 26px; height: 26px; border-radius: 50%; background: #111; color: #fff; display: grid; place-items: center; font: 700 13px Arial, sans-serif; }
    .price { font-size: 24px; font-weight: 700; margin-top: 6px; }
    .price-sub { font-size: 12px; color: #81858c; }
    .change { color: #e5484d; font-weight: 600; font-size: 14px; }
    .change span { color: #81858c; font-weight: 400; }
    .chart { margin-top: 10px; height: 40px; border-radius: 6px; background: linear-gradient(180deg, rgba(229, 72, 77, 0.14), rgba(229, 72, 77, 0)); font-size: 12px; color: #81858c; padding: 6px 8px; }
    .disclaimer { font-size: 13px; line-height: 1.5; color: #81858c; border-top: 1px solid #e6e8ea; padding-top: 14px; margin-top: 28px; }
    .related h2 { font-size: 16px; margin: 0 0 4px; }
    aside { position: sticky; top: 12px; align-self: start; }
    .card { display: grid; grid-template-columns: 64px 1fr; gap: 12px; border-bottom: 1px solid #eef0f2; padding: 10px 0; }
    .thumb { height: 52px; border-radius: 6px; background: linear-gradient(135deg, #2354e6, #8aa6f5); }
    .card h3 { font-size: 14px; margin: 0 0 4px; line-height: 1.35; }
    .card h3 a { color: #1f2329; text-decoration: none; }
    .card p { margin: 0 0 4px; font-size: 13px; color: #4a4f57; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
    .card .meta { font-size: 12px; color: #81858c; }
    .card .share { float: right; }
    aside h2 { font-size: 16px; margin: 0 0 10px; }
  </style>
</head>
<body>
  <header class="site-header">
    <a class="logo" href="/">M<b>E</b>XC</a>
    <nav><a href="/markets">Markets</a><a href="/futures">Futures</a><a class="on" href="/news">News</a><a href="/learn">Learn</a></nav>
    <span class="cta">Sign Up</span>
  </header>
  <div class="layout">
    <main>
      <div class="crumbs">MEXC News › Crypto News</div>
      <article class="news-article">
        <h1>${esc(title)}</h1>
        <div class="byline"><b>CoinCentral</b> · 2025/12/27 08:05</div>
        ${body.join('\n        ')}
      </article>
      <p class="disclaimer">${esc(lines[iDisclaimer])}</p>
    </main>
    <aside>
      ${widget}
      <section class="related">
        <h2>${esc(lines[iRelated])}</h2>
        ${cards.join('\n        ')}
      </section>
    </aside>
  </div>
</body>
</html>
`;
}

requireBuiltExtension();
const site = mkdtempSync(join(tmpdir(), 'chaff-shot-site-'));
mkdirSync(join(site, 'news'));
writeFileSync(join(site, PAGE), articleHtml(readFileSync(SEED, 'utf8')));
const server = await startServer(site);
const profile = mkdtempSync(join(tmpdir(), 'chaff-shot-profile-'));
const { context, extensionId } = await launchChromium(profile);
try {
  const wrap = (p) => ({ eval: (fn, arg) => p.evaluate(fn, arg) });
  const driver = {
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    async openExtension(path) {
      const p = await context.newPage();
      await p.setViewportSize({ width: 380, height: 900 });
      await p.goto(this.extensionUrl(path));
      return Object.assign(wrap(p), { raw: p });
    },
  };

  const url = server.url(PAGE);
  const page = await context.newPage();
  await page.goto(url);
  await waitForMarks(wrap(page));
  await waitFor(wrap(page), () => document.fonts.status === 'loaded', null, 'fonts');
  // Show the end of the article: the feed footer and disclaimer, with the sidebar's widget and cards.
  await page.evaluate(() => {
    const footer = [...document.querySelectorAll('article p')].find((p) => p.textContent.includes('appeared first on'));
    if (footer) window.scrollTo(0, footer.getBoundingClientRect().top + window.scrollY - innerHeight * 0.62);
  });
  await page.waitForTimeout(300);
  const pageShot = await page.screenshot();

  const ext = await driver.openExtension('options.html');
  await waitFor(ext, () => document.readyState === 'complete', null, 'an extension page', 15000);
  const tabId = await tabIdOf(ext, url);
  const popup = await openPopupFor(driver, tabId);
  // The popup as the toolbar shows it: its list scrolls inside a fixed height, so no full-page capture.
  const height = await popup.eval(() => Math.min(900, Math.ceil(document.body.getBoundingClientRect().height)));
  await popup.raw.setViewportSize({ width: 380, height });
  const popupShot = await popup.raw.screenshot();

  mkdirSync(DOCS, { recursive: true });
  writeFileSync(join(DOCS, 'popup.png'), popupShot);

  // Page and popup side by side, as a browser window with its popup open would show them.
  const board = await context.newPage();
  await board.setViewportSize({ width: 1280 + 380 + 24 * 3, height: 900 + 24 * 2 });
  const img = (buf) => `data:image/png;base64,${buf.toString('base64')}`;
  await board.setContent(`<body style="margin:0;background:#1f2937;display:flex;gap:24px;padding:24px;align-items:flex-start">
    <img src="${img(pageShot)}" width="1280" height="900" style="border-radius:8px;box-shadow:0 8px 24px rgba(0,0,0,.45)">
    <img src="${img(popupShot)}" width="380" style="border-radius:8px;box-shadow:0 8px 24px rgba(0,0,0,.45)">
  </body>`);
  await board.waitForFunction(() => [...document.images].every((i) => i.complete));
  writeFileSync(join(DOCS, 'screenshot.png'), await board.screenshot());
  console.log(`wrote ${join(DOCS, 'screenshot.png')} and ${join(DOCS, 'popup.png')}`);
} finally {
  await context.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(site, { recursive: true, force: true });
}
