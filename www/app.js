/* Chaff's playground: the engine in this page, on pasted HTML or text or a bundled sample.
 *
 * HTML goes through DOMParser (which runs no script) and the extension's own snapshot writer
 * (pkg/snapshot.js, the same file the content script uses), then `engine.analyze`; text goes to
 * `engine.analyzeText`. The preview is rebuilt from the snapshot with createElement/createTextNode
 * (a fixed set of tags, no attributes, so nothing pasted can run or load), and the marks are drawn
 * on it with the CSS Custom Highlight API and the extension's highlight.css. The summary and the
 * marks list are drawn by the extension's report.js (pkg/report.js), as in the popup. */
/* global chaffSnapshot, chaffReport, chaffText, chaffHighlightNames, chaffHighlightLayers, chaffHighlightSorter */
import init, { ChaffEngine } from './pkg/chaff.js';

const SAMPLES = [
  { file: 'mexc-news.html', label: 'MEXC News: a CoinCentral article, reposted', url: 'https://www.mexc.com/news/putin-reveals-us-russia-talks-on-crypto-mining' },
  { file: 'bitcoinethereumnews.html', label: 'BitcoinEthereumNews: a Coinpaper article, reposted', url: 'https://bitcoinethereumnews.com/crypto/putin-claims-us-russia-talks-on-zaporizhzhia-mining/' },
];

const { el } = chaffReport;

/** Tags the preview keeps as they are; other elements become a span (inline) or nothing (NOT_SHOWN). */
const SHOWN = new Set(
  ('p h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote pre code table thead tbody tfoot tr td th caption ' +
    'figure figcaption article section aside header footer nav main div hr br strong em b i u s small ' +
    'sub sup time mark q cite abbr').split(' '),
);
/** Elements whose text a reader never sees; their text nodes still count, so they are made but not shown. */
const NOT_SHOWN = new Set('script style noscript template svg math iframe object canvas video audio head img picture source'.split(' '));

const $ = (id) => document.getElementById(id);
const status = $('status');
let engine = null;
let marks = [];
let ranges = [];

const mode = () => document.querySelector('input[name="mode"]:checked').value;

// ---- preview: rebuilt from the snapshot, text node for text node ------------------------------------

/** Renders a snapshot tree; returns [element, textNodes] with textNodes in the snapshot's numbering. */
/** The preview of a snapshot's flat `nodes` (see extension/snapshot.js), and its text nodes in order. */
function renderSnapshot(nodes) {
  const textNodes = [];
  const make = (item) => {
    const tag = SHOWN.has(item.tag) ? item.tag : item.tag === 'a' ? 'u' : item.display === 'block' ? 'div' : 'span';
    const out = document.createElement(tag);
    if (item.tag === 'a') out.className = 'link';
    if (item.display === 'spaced') out.className = 'spaced';
    return out;
  };
  const body = make(nodes[0] ?? { tag: 'body' });
  const open = [body];
  for (const item of nodes.slice(1)) {
    const top = open[open.length - 1];
    if (typeof item === 'string') {
      const t = document.createTextNode(item);
      textNodes.push(t);
      top.append(t);
    } else if (typeof item === 'number') {
      open.length = Math.max(1, open.length - item);
    } else {
      const out = make(item);
      // Elements a reader does not see still hold their text nodes (counted), just not in the preview.
      if (!NOT_SHOWN.has(item.tag)) top.append(out);
      open.push(out);
    }
  }
  body.classList.add('page');
  return [body, textNodes];
}

function rangeFromAnchor(anchor, textNodes) {
  const [a, b] = anchor;
  const start = textNodes[a.node];
  const end = textNodes[b.node];
  if (!start || !end || !start.isConnected || !end.isConnected) return null;
  const r = document.createRange();
  r.setStart(start, Math.min(a.offset, start.length));
  r.setEnd(end, Math.min(b.offset, end.length));
  return r;
}

/** Text pages: a paragraph per block the engine read (`result.blocks`); a mark is its block's
 * UTF-16 range `start..end`, as the engine gives it. */
function renderText(result) {
  const page = el('div', 'page text');
  const nodes = (result.blocks || []).map((block) => {
    const p = el('p', null, block);
    page.append(p);
    return p.firstChild;
  });
  const rs = result.marks.map((m) => {
    const t = nodes[m.block];
    if (!t || !(m.start <= m.end) || m.end > t.length) return null;
    const r = document.createRange();
    r.setStart(t, m.start);
    r.setEnd(t, m.end);
    return r;
  });
  return [page, rs];
}

/** The categories' highlights and the overlays above them, as the extension draws them. */
function drawHighlights() {
  const layers = new Map(chaffHighlightLayers.map((key, priority) => {
    const h = new Highlight();
    h.priority = priority;
    return [key, h];
  }));
  const layersOf = chaffHighlightSorter();
  // add() one at a time: `new Highlight(...ranges)` throws past ~60,000 ranges.
  ranges.forEach((r, i) => r && layersOf(marks[i]).forEach((key) => layers.get(key)?.add(r)));
  for (const [key, h] of layers) CSS.highlights.set(chaffHighlightNames[key], h);
}

function reveal(index) {
  const r = ranges[index];
  if (!r) return;
  r.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const mark = marks[index];
  const group = ranges.filter((x, i) => x && mark.group !== undefined && marks[i].group === mark.group);
  const h = new Highlight();
  for (const x of group.length ? group : [r]) h.add(x);
  h.priority = chaffHighlightLayers.length;
  const focus = chaffHighlightNames.focus;
  CSS.highlights.set(focus, h);
  setTimeout(() => CSS.highlights.get(focus) === h && CSS.highlights.delete(focus), 2500);
}

// ---- summary and marks --------------------------------------------------------------------------------

function renderSummary(result) {
  $('summary').replaceChildren(
    chaffReport.summary(result.summary),
    el('p', 'muted small', `${result.marks.length} marks in ${result.elapsed_ms.toFixed(1)} ms`),
  );
}

function renderMarks(result) {
  const items = chaffReport.entries(marks).map((entry) => {
    const li = el('li');
    const b = chaffReport.markButton(entry, result.summary, { rule: true, excerptChars: 200 });
    b.disabled = !ranges[entry.index];
    b.addEventListener('click', () => reveal(entry.index));
    li.append(b);
    return li;
  });
  $('marks').replaceChildren(...(items.length ? items : [el('li', 'muted', chaffReport.nothingMarked(result.summary))]));
}

// ---- analyse ------------------------------------------------------------------------------------------

function analyze() {
  const source = $('source').value;
  const url = $('url').value.trim();
  const preview = $('preview');
  try {
    let result;
    if (mode() === 'html') {
      const doc = new DOMParser().parseFromString(source, 'text/html');
      const { snapshot } = chaffSnapshot(doc, { url });
      result = engine.analyze(snapshot);
      const [body, textNodes] = renderSnapshot(snapshot.nodes);
      preview.replaceChildren(body);
      ranges = result.marks.map((m) => (m.anchor ? rangeFromAnchor(m.anchor, textNodes) : null));
    } else {
      result = engine.analyzeText(source, url);
      const [body, rs] = renderText(result);
      preview.replaceChildren(body);
      ranges = rs;
    }
    marks = result.marks;
    renderSummary(result);
    renderMarks(result);
    if (typeof CSS !== 'undefined' && CSS.highlights) drawHighlights();
    $('output').hidden = false;
    status.textContent = '';
  } catch (e) {
    status.textContent = `Could not analyse: ${e.message || e}`;
  }
}

async function loadSample(file) {
  const sample = SAMPLES.find((s) => s.file === file);
  if (!sample) return;
  const res = await fetch('pkg/samples/' + sample.file);
  $('source').value = await res.text();
  $('url').value = sample.url;
  document.querySelector('input[name="mode"][value="html"]').checked = true;
  if (engine) analyze();
}

for (const s of SAMPLES) {
  const o = el('option', null, s.label);
  o.value = s.file;
  $('sample').append(o);
}
$('sample').addEventListener('change', (e) => loadSample(e.target.value).catch((err) => (status.textContent = String(err))));
$('analyze').addEventListener('click', analyze);

// The reader's words come from the extension's messages file, which the build copies beside the module.
Promise.all([init(), fetch('pkg/messages.json').then((r) => r.json()).then(chaffText.use)])
  .then(() => {
    engine = new ChaffEngine();
    $('analyze').disabled = false;
    status.textContent = 'Ready.';
  })
  .catch((e) => {
    status.textContent = `The engine could not start: ${e.message || e}`;
  });
