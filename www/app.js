/* Chaff's playground: the engine in this page, on pasted HTML or text or a bundled sample.
 *
 * HTML goes through DOMParser (which runs no script) and the extension's own snapshot writer
 * (pkg/snapshot.js, the same file the content script uses), then `engine.analyze`; text goes to
 * `engine.analyzeText`. The preview is rebuilt from the snapshot with createElement/createTextNode
 * (a fixed set of tags, no attributes, so nothing pasted can run or load), and the marks are drawn
 * on it with the CSS Custom Highlight API and the extension's highlight.css. */
/* global chaffSnapshot */
import init, { ChaffEngine } from './pkg/chaff.js';

const SAMPLES = [
  { file: 'mexc-news.html', label: 'MEXC News: a CoinCentral article, reposted', url: 'https://www.mexc.com/news/putin-reveals-us-russia-talks-on-crypto-mining' },
  { file: 'bitcoinethereumnews.html', label: 'BitcoinEthereumNews: a Coinpaper article, reposted', url: 'https://bitcoinethereumnews.com/crypto/putin-claims-us-russia-talks-on-zaporizhzhia-mining/' },
];

const CATEGORIES = [
  { id: 'repost-noise', label: 'Repost noise' },
  { id: 'unrelated-promo', label: 'Unrelated promotion' },
  { id: 'unconfirmed-attribution', label: 'Unconfirmed attribution' },
];
const LABEL = Object.fromEntries(CATEGORIES.map((c) => [c.id, c.label]));

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

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function safeHref(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch (_) {
    return null;
  }
}

function link(text, url) {
  const href = url && safeHref(url);
  if (!href) return el('span', null, text);
  const a = el('a', null, text);
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  return a;
}

const mode = () => document.querySelector('input[name="mode"]:checked').value;

// ---- preview: rebuilt from the snapshot, text node for text node ------------------------------------

/** Renders a snapshot tree; returns [element, textNodes] with textNodes in the snapshot's numbering. */
function renderSnapshot(root) {
  const textNodes = [];
  const build = (node) => {
    if (typeof node === 'string') {
      const t = document.createTextNode(node);
      textNodes.push(t);
      return t;
    }
    const tag = SHOWN.has(node.tag) ? node.tag : node.tag === 'a' ? 'u' : 'span';
    const out = document.createElement(tag);
    if (node.tag === 'a') out.className = 'link';
    for (const child of node.children) {
      const built = build(child);
      if (typeof child === 'string' || !NOT_SHOWN.has(child.tag)) out.append(built);
    }
    return out;
  };
  const body = build(root);
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

/** Text pages: a block per non-empty line; a mark is found in its line by its text (display only). */
function renderText(text, result) {
  const page = el('div', 'page text');
  const nodes = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const p = el('p', null, line);
      page.append(p);
      return p.firstChild;
    });
  const rs = result.marks.map((m) => {
    const t = nodes[m.block];
    const at = t ? t.data.indexOf(m.text) : -1;
    if (at < 0) return null;
    const r = document.createRange();
    r.setStart(t, at);
    r.setEnd(t, at + m.text.length);
    return r;
  });
  return [page, rs];
}

function drawHighlights() {
  CATEGORIES.forEach((c, priority) => {
    const h = new Highlight(...ranges.filter((r, i) => r && marks[i].category === c.id));
    h.priority = priority;
    CSS.highlights.set('chaff-' + c.id, h);
  });
}

function reveal(index) {
  const r = ranges[index];
  if (!r) return;
  r.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const mark = marks[index];
  const group = ranges.filter((x, i) => x && mark.group !== undefined && marks[i].group === mark.group);
  const h = new Highlight(...(group.length ? group : [r]));
  h.priority = CATEGORIES.length;
  CSS.highlights.set('chaff-focus', h);
  setTimeout(() => CSS.highlights.get('chaff-focus') === h && CSS.highlights.delete('chaff-focus'), 2500);
}

// ---- summary and marks --------------------------------------------------------------------------------

function renderSummary(result) {
  const s = result.summary;
  const box = $('summary');
  const share = Math.round((s.noise_share || 0) * 100);
  const counts = el('ul', 'counts');
  for (const c of CATEGORIES) {
    const li = el('li');
    li.append(el('span', 'swatch ' + c.id), el('span', null, c.label), el('strong', null, s.counts[c.id] || 0));
    counts.append(li);
  }
  const prov = el('dl', 'provenance');
  prov.append(el('dt', null, 'Origin'));
  const origin = el('dd');
  origin.append(s.origin ? link(s.origin.name, s.origin.url) : el('span', 'muted', 'not revealed'));
  prov.append(origin, el('dt', null, 'Chain'));
  const chain = el('dd');
  if (s.chain.length) {
    s.chain.forEach((hop, i) => {
      if (i) chain.append(el('span', 'muted', ' ← '));
      const h = link(hop.name, hop.url);
      h.title = hop.evidence;
      chain.append(h);
    });
  } else chain.append(el('span', 'muted', 'none revealed'));
  prov.append(chain);
  box.replaceChildren(
    el('h2', null, `Noise: ${share}% of this page`),
    counts,
    prov,
    el('p', 'muted small', `${result.marks.length} marks in ${result.elapsed_ms.toFixed(1)} ms`),
  );
}

function renderMarks() {
  const list = $('marks');
  const seen = new Set();
  const items = [];
  marks.forEach((m, i) => {
    if (m.group !== undefined) {
      const key = m.category + ':' + m.group;
      if (seen.has(key)) return;
      seen.add(key);
    }
    const parts = marks.filter((x) => m.group !== undefined && x.group === m.group && x.category === m.category);
    const li = el('li');
    const b = el('button', 'mark ' + m.category);
    b.type = 'button';
    const head = el('span', 'head');
    head.append(el('span', 'swatch ' + m.category), el('strong', null, LABEL[m.category] || m.category), el('code', 'rule', m.rule));
    if (m.severity) head.append(el('span', 'pill', m.severity));
    const text = (parts.length > 1 ? parts.map((x) => x.text).join(' · ') : m.text).replace(/\s+/g, ' ');
    b.append(head, el('span', 'reason', m.reason), el('span', 'excerpt', text.length > 200 ? text.slice(0, 199) + '…' : text));
    b.disabled = !ranges[i];
    b.addEventListener('click', () => reveal(i));
    li.append(b);
    items.push(li);
  });
  list.replaceChildren(...(items.length ? items : [el('li', 'muted', 'Nothing marked on this page.')]));
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
      const [body, textNodes] = renderSnapshot(snapshot.root);
      preview.replaceChildren(body);
      ranges = result.marks.map((m) => (m.anchor ? rangeFromAnchor(m.anchor, textNodes) : null));
    } else {
      result = engine.analyzeText(source, url);
      const [body, rs] = renderText(source, result);
      preview.replaceChildren(body);
      ranges = rs;
    }
    marks = result.marks;
    renderSummary(result);
    renderMarks();
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

init()
  .then(() => {
    engine = new ChaffEngine();
    $('analyze').disabled = false;
    status.textContent = 'Ready.';
  })
  .catch((e) => {
    status.textContent = `The engine could not start: ${e.message || e}`;
  });
