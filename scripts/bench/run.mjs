// The bench's browser half and its one table: `node scripts/bench/run.mjs --pages DIR --native FILE`
// (scripts/bench.sh runs the native half first and passes its pages and figures).
//
// Serves the bench pages (DIR/page-NNN.html, 50 KB of different real text each) and the real fixture
// pages from 127.0.0.1, measures both browsers (browser.mjs), reads the built module's size, and
// prints one Markdown table: figure, browser, value, budget, pass or miss. Budgets are issue 12's.
// Prints figures, never fails on them (except when it cannot measure at all). `--engine-only` measures
// only the module in an extension page (with CHAFF_EXTENSION_DIR, to compare two builds).
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { measureBrowser, median } from './browser.mjs';
import { chromiumDriver, firefoxDriver } from './drivers.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MODULE = join(process.env.CHAFF_EXTENSION_DIR || join(ROOT, 'extension'), 'pkg/chaff_bg.wasm');
/** Real pages for the content-script comparison: every HTML page under these folders. */
const REAL_DIRS = ['tests/fixtures', 'tests/e2e/pages', 'tests/corpus'];
/** Warm first-highlight pages after the cold one. */
const WARM_PAGES = 10;
/** The engine figure leaves out the first page (it builds the lazy DFA's first states). */
const ENGINE_SKIP = 1;

const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const pagesDir = arg('--pages');
const engineOnly = args.includes('--engine-only');
const native = JSON.parse(readFileSync(arg('--native'), 'utf8'));
if (!pagesDir || !existsSync(MODULE)) {
  console.error('usage: scripts/bench.sh (needs the built extension: scripts/build.sh)');
  process.exit(2);
}

function htmlFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return extname(name) === '.html' ? [path] : [];
  });
}

/** /pages/<file> from the bench's page folder, /real/<path> from the repository; CORS open so the
 * extension page can fetch them. */
async function serve() {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [base, rest] = path.startsWith('/pages/') ? [pagesDir, path.slice(7)] : [ROOT, path.slice(6)];
    const file = normalize(join(base, rest));
    const type = extname(file) === '.css' ? 'text/css' : 'text/html; charset=utf-8';
    try {
      if (!file.startsWith(normalize(base)) || !(path.startsWith('/pages/') || path.startsWith('/real/'))) throw new Error('outside');
      // Read first: a missing file must still get its 404 (headers cannot be sent twice).
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', 'access-control-allow-origin': '*' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

function moduleSize() {
  const bytes = readFileSync(MODULE);
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 },
  });
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: br.length };
}

const fmt = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const kb = (b) => `${(b / 1024).toFixed(0)} KB`;
const browserVersion = (ua) => (ua.match(/(Chrome|Firefox)\/([\d.]+)/) || [null, '?', '?']).slice(1).join(' ');

const server = await serve();
const pageUrls = readdirSync(pagesDir)
  .filter((f) => f.endsWith('.html'))
  .sort()
  .map((f) => `${server.base}/pages/${f}`);
const realUrls = REAL_DIRS.flatMap((d) => htmlFiles(join(ROOT, d))).map((f) => `${server.base}/real/${relative(ROOT, f)}`);

const results = [];
for (const launch of [chromiumDriver, firefoxDriver]) {
  try {
    results.push(await measureBrowser(launch, { pageUrls, realUrls, warmPages: WARM_PAGES, engineOnly }));
  } catch (e) {
    console.error(`bench: ${launch.name}: ${e.stack || e}`);
  }
}
server.close();

const rows = [];
const row = (figure, where, value, budget, pass) => rows.push({ figure, where, value, budget, verdict: pass === null ? '—' : pass ? 'pass' : '**miss**' });

const size100 = native.sizes.find((s) => s.size === '100 KB');
const size1m = native.sizes.find((s) => s.size === '1 MB');
const total = (s) => s.page_ms + s.analyse_ms;
row('engine compile (Engine::new)', 'native', `${fmt(native.compile_ms)} ms`, '—', null);
row('new 50 KB page, different pages in turn', 'native', `${fmt(native.page50_ms, 2)} ms`, '—', null);
for (const s of native.sizes) {
  const mbps = s.bytes / 2 ** 20 / (total(s) / 1e3);
  row(`${s.size} page: page model + analysis (rules alone)`, 'native', `${fmt(total(s))} ms, ${fmt(mbps, 2)} MB/s (${fmt(s.rules_ms)} ms)`, '—', null);
}
if (size100 && size1m) {
  const growth = total(size1m) / total(size100);
  row('1 MB ÷ 100 KB time', 'native', `${fmt(growth)}×`, '≤ 12×', growth <= 12);
}

for (const r of results) {
  const where = `${r.browser} ${browserVersion(r.version).split(' ')[1]}`;
  const engineTimes = r.engine.times.slice(ENGINE_SKIP);
  const p50 = median(engineTimes);
  row('engine per new 50 KB page, warm (p50)', where, `${fmt(p50, 2)} ms`, '≤ 2 ms', p50 <= 2);
  row('module compile + instantiate; engine build', where, `${fmt(r.engine.initMs)} ms; ${fmt(r.engine.buildMs)} ms`, '—', null);
  if (!engineOnly) {
    const warm = median(r.warm);
    row('DOMContentLoaded → first highlight, warm (p50)', where, `${fmt(warm, 0)} ms`, '≤ 100 ms', warm <= 100);
    row('DOMContentLoaded → first highlight, cold', where, `${fmt(r.cold, 0)} ms`, '≤ 300 ms', r.cold <= 300);
    const ratios = r.content.map((c) => c.snapshotMs / c.readabilityMs);
    const ratio = median(ratios);
    row(
      'content script ÷ Readability parse (median)',
      where,
      `${fmt(ratio, 2)}× (${fmt(median(r.content.map((c) => c.snapshotMs)), 2)} ms ÷ ${fmt(median(r.content.map((c) => c.readabilityMs)), 2)} ms, ${r.content.length} pages)`,
      '≤ 0.5×',
      ratio <= 0.5,
    );
    const sizeRatio = median(r.content.map((c) => c.snapshotChars / Math.max(1, c.textChars)));
    row('snapshot ÷ visible text (median)', where, `${fmt(sizeRatio)}×`, '≤ 2×', sizeRatio <= 2);
  }
  const mem = r.engine.memory;
  const tenth = mem[Math.min(10, mem.length - 1)];
  const last = mem[mem.length - 1];
  row(
    `wasm memory: start, after 10, after ${mem.length - 1} pages`,
    where,
    `${fmt(mem[0] / 2 ** 20)} MB, ${fmt(tenth / 2 ** 20)} MB, ${fmt(last / 2 ** 20)} MB`,
    'flat',
    last <= tenth,
  );
}
const size = moduleSize();
row('wasm module: raw, gzip -9, brotli', 'build', `${kb(size.raw)}, ${kb(size.gzip)}, ${kb(size.brotli)}`, '≤ 250 KB gzip', size.gzip <= 250 * 1024);

const versions = results.map((r) => browserVersion(r.version)).join(', ');
const load = `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`;
console.log(`\nChaff bench — ${new Date().toISOString().slice(0, 10)}; ${versions}; ${native.documents} real documents, ${kb(native.corpus_bytes)} of distinct text; ${load}\n`);
console.log('| figure | where | value | budget | verdict |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.figure} | ${r.where} | ${r.value} | ${r.budget} | ${r.verdict} |`);
if (results.length < 2) {
  console.error('bench: a browser could not be measured (see above)');
  process.exit(1);
}
