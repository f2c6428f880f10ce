/* Chaff's popup: what the engine found on one tab, and a way to see each mark on the page.
 *
 * It asks the tab's content script (tabs.sendMessage getState) for the last result and draws it;
 * clicking a mark sends `reveal {index}` back. The tab is the active one, or `?tab=<id>` (used by
 * the tests, which open this page as a tab of its own). Page-derived text only ever goes in
 * through textContent, and links only when they are http(s).
 */
const api = globalThis.browser ?? globalThis.chrome;

/** Category ids as the engine sends them, with the words and colours the reader sees. */
const CATEGORIES = [
  { id: 'repost-noise', label: 'Repost noise' },
  { id: 'unrelated-promo', label: 'Unrelated promotion' },
  { id: 'unconfirmed-attribution', label: 'Unconfirmed attribution' },
];
const LABEL = Object.fromEntries(CATEGORIES.map((c) => [c.id, c.label]));
/** Longest excerpt shown per mark, in characters. */
const EXCERPT_CHARS = 140;

const view = document.getElementById('view');

/** Creates an element with a class and text (never HTML). */
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
  a.title = href;
  return a;
}

function excerpt(text) {
  const t = String(text || '').replace(/\s+/g, ' ').trim();
  return t.length > EXCERPT_CHARS ? t.slice(0, EXCERPT_CHARS - 1).trimEnd() + '…' : t;
}

function show(...nodes) {
  view.replaceChildren(...nodes);
}

function showMessage(kind, title, detail) {
  const box = el('section', 'message ' + kind);
  box.append(el('p', 'message-title', title));
  if (detail) box.append(el('p', 'message-detail', detail));
  show(box);
}

async function targetTab() {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null) return { id: Number(param) };
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab;
}

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch (_) {
    return '';
  }
}

/** Marks in the same group are one promoted card: one entry, revealed by its first mark. */
function entries(marks) {
  const out = [];
  const byGroup = new Map();
  marks.forEach((mark, index) => {
    if (mark.group !== undefined && mark.group !== null) {
      const key = mark.category + ':' + mark.group;
      const entry = byGroup.get(key);
      if (entry) {
        entry.texts.push(mark.text);
        return;
      }
      byGroup.set(key, out[out.push({ mark, index, texts: [mark.text] }) - 1]);
    } else {
      out.push({ mark, index, texts: [mark.text] });
    }
  });
  return out;
}

function renderSummary(summary) {
  const section = el('section', 'summary');
  const share = Math.round((summary.noise_share || 0) * 100);
  const meter = el('div', 'meter');
  meter.setAttribute('role', 'img');
  meter.setAttribute('aria-label', `Noise: ${share}% of this page`);
  const fill = el('div', 'meter-fill');
  fill.style.width = Math.min(100, share) + '%';
  meter.append(fill);
  section.append(el('p', 'share', `Noise: ${share}% of this page`), meter);

  const counts = el('ul', 'counts');
  for (const c of CATEGORIES) {
    const n = (summary.counts && summary.counts[c.id]) || 0;
    const li = el('li', 'count' + (n ? '' : ' zero'));
    li.dataset.category = c.id;
    li.append(el('span', 'swatch ' + c.id), el('span', 'count-label', c.label), el('span', 'count-n', n));
    counts.append(li);
  }
  section.append(counts);

  const origin = el('dl', 'provenance');
  origin.append(el('dt', null, 'Origin'));
  const dd = el('dd', 'origin');
  if (summary.origin) dd.append(link(summary.origin.name, summary.origin.url));
  else dd.append(el('span', 'muted', 'not revealed by this page'));
  origin.append(dd);
  if (summary.chain && summary.chain.length > 1) {
    origin.append(el('dt', null, 'Copied via'));
    const chain = el('dd', 'chain');
    summary.chain.forEach((hop, i) => {
      if (i) chain.append(el('span', 'arrow', ' ← '));
      const h = link(hop.name, hop.url);
      if (hop.evidence) h.title = (h.title ? h.title + '\n' : '') + hop.evidence;
      chain.append(h);
    });
    origin.append(chain);
  }
  section.append(origin);
  return section;
}

function renderMarks(tabId, marks) {
  const list = el('ol', 'marks');
  for (const { mark, index, texts } of entries(marks)) {
    const li = el('li', 'mark');
    const button = el('button', 'mark-button');
    button.type = 'button';
    button.dataset.index = index;
    button.dataset.category = mark.category;
    const head = el('span', 'mark-head');
    head.append(el('span', 'swatch ' + mark.category), el('span', 'mark-category', LABEL[mark.category] || mark.category));
    if (mark.severity) head.append(el('span', 'severity ' + mark.severity, mark.severity));
    if (texts.length > 1) head.append(el('span', 'parts', texts.length + ' parts'));
    button.append(head, el('span', 'mark-reason', mark.reason), el('span', 'mark-text', excerpt(texts.join(' · '))));
    button.addEventListener('click', async () => {
      try {
        const reply = await api.tabs.sendMessage(tabId, { type: 'reveal', index });
        button.classList.toggle('gone', !reply || !reply.ok);
      } catch (_) {
        button.classList.add('gone');
      }
    });
    li.append(button);
    list.append(li);
  }
  return list;
}

function render(tabId, state) {
  document.getElementById('host').textContent = hostOf(state.url);
  if (state.error) {
    showMessage('error', `Marking is off on this page: ${state.error}`);
    return;
  }
  const result = state.result;
  if (!result) {
    showMessage('pending', 'Still reading this page…');
    return false;
  }
  const nodes = [renderSummary(result.summary)];
  if (!state.canDraw) {
    nodes.push(el('p', 'message warning', 'This browser cannot draw highlights; the marks are listed below.'));
  }
  if (result.marks.length) {
    nodes.push(el('h2', 'marks-title', 'Marks'), renderMarks(tabId, result.marks));
  } else {
    nodes.push(el('p', 'empty', 'Nothing marked: no repost noise, unrelated promotion or unconfirmed attribution found on this page.'));
  }
  show(...nodes);
  return true;
}

async function main() {
  let tab;
  try {
    tab = await targetTab();
  } catch (e) {
    showMessage('error', `Marking is off on this page: ${e.message || e}`);
    return;
  }
  if (!tab || tab.id === undefined || Number.isNaN(tab.id)) {
    showMessage('error', 'Marking is off on this page: there is no page to read.');
    return;
  }
  // The content script may still be working (or the page loading): ask a few times.
  for (let attempt = 0; attempt < 20; attempt++) {
    let state;
    try {
      state = await api.tabs.sendMessage(tab.id, { type: 'getState' });
    } catch (_) {
      state = null;
    }
    if (state && render(tab.id, state) !== false) return;
    if (!state && attempt >= 6) {
      showMessage(
        'error',
        'Marking is off on this page: Chaff does not run here.',
        'Chaff reads ordinary web pages (http and https). Browser pages, extension stores and pages opened before Chaff was installed are out of its reach; reload the page to try again.',
      );
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

main();

document.getElementById('options').addEventListener('click', (event) => {
  event.preventDefault();
  api.runtime.openOptionsPage().then(() => window.close(), () => {});
});
