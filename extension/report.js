/* Chaff's report: the one rendering of an engine result (its summary and its marks) as DOM nodes.
 *
 * Used by the popup (popup.html loads it before popup.js) and by the playground (the build copies
 * it to www/pkg/report.js). It only builds nodes; what a click on a mark does is the caller's.
 * Page-derived text only ever goes in through textContent, and links only when they are http(s).
 * The words a reader sees for each category come from the engine (`summary.labels`); this file
 * knows only the category ids, which are also the swatches' CSS classes.
 */
/* global chaffText */
/* exported chaffReport */
'use strict';

const chaffReport = (() => {
  /** Category ids as the engine sends them, in drawing order; each is also a `.swatch` class. */
  const t = chaffText.t;
  /** Longest excerpt shown per mark, in characters, unless the caller says otherwise. */
  const EXCERPT_CHARS = 140;

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

  /** A link that opens in a new tab, or plain text when the address is not http(s). */
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

  function excerpt(text, max = EXCERPT_CHARS) {
    const t = String(text || '').replace(/\s+/g, ' ').trim();
    return t.length > max ? t.slice(0, max - 1).trimEnd() + '…' : t;
  }

  /** The engine's words for a category, or its id when the result carries none. */
  function label(summary, id) {
    return (summary && summary.labels && summary.labels[id]) || id;
  }

  /** Marks in the same group are one promoted card: one entry `{mark, index, texts}`, revealed by its first mark. */
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

  /** Noise share and meter, a count per category, origin and (when there is one) the copy chain. */
  function summary(s) {
    const section = el('section', 'summary');
    const share = Math.round((s.noise_share || 0) * 100);
    const meter = el('div', 'meter');
    meter.setAttribute('role', 'img');
    meter.setAttribute('aria-label', t('noiseShare', share));
    const fill = el('div', 'meter-fill');
    fill.style.width = Math.min(100, share) + '%';
    meter.append(fill);
    section.append(el('p', 'share', t('noiseShare', share)), meter);

    const counts = el('ul', 'counts');
    for (const { id } of s.categories) {
      const n = (s.counts && s.counts[id]) || 0;
      const li = el('li', 'count' + (n ? '' : ' zero'));
      li.dataset.category = id;
      li.append(el('span', 'swatch ' + id), el('span', 'count-label', label(s, id)), el('span', 'count-n', n));
      counts.append(li);
    }
    section.append(counts);

    const origin = el('dl', 'provenance');
    origin.append(el('dt', null, t('origin')));
    const dd = el('dd', 'origin');
    if (s.origin) dd.append(link(s.origin.name, s.origin.url));
    else dd.append(el('span', 'muted', t('originUnknown')));
    origin.append(dd);
    if (s.chain && s.chain.length > 1) {
      origin.append(el('dt', null, t('copiedVia')));
      const chain = el('dd', 'chain');
      s.chain.forEach((hop, i) => {
        if (i) chain.append(el('span', 'arrow', ' ← '));
        const h = link(hop.name, hop.url);
        h.classList.add('hop');
        if (hop.evidence) h.title = (h.title ? h.title + '\n' : '') + hop.evidence;
        chain.append(h);
      });
      origin.append(chain);
    }
    section.append(origin);
    return section;
  }

  /**
   * One entry of `entries()` as a button (`data-index`, `data-category`); the caller adds the click.
   * options.rule: also show the rule id; options.excerptChars: the excerpt's length.
   */
  function markButton({ mark, index, texts }, s, options = {}) {
    const button = el('button', 'mark-button');
    button.type = 'button';
    button.dataset.index = index;
    button.dataset.category = mark.category;
    const head = el('span', 'mark-head');
    head.append(el('span', 'swatch ' + mark.category), el('span', 'mark-category', label(s, mark.category)));
    if (options.rule && mark.rule) head.append(el('code', 'mark-rule', mark.rule));
    if (mark.severity) head.append(el('span', 'severity ' + mark.severity, t('severity_' + mark.severity)));
    if (texts.length > 1) head.append(el('span', 'parts', t('parts', texts.length)));
    button.append(
      head,
      el('span', 'mark-reason', mark.reason),
      el('span', 'mark-text', excerpt(texts.map((t) => excerpt(t)).join(' · '), options.excerptChars)),
    );
    return button;
  }

  /** Attribution severities, most checkable last: low marks are folded by default in lists. */
  const SEVERITIES = ['high', 'medium', 'low'];

  /**
   * Entries grouped for reading: one group per category in drawing order, and for attributions one
   * per severity (high first). Each group is `{category, severity, entries}`; empty groups are left out.
   * The categories and their order are the engine's (`summary.categories`).
   */
  function groups(list, summary) {
    const out = [];
    for (const { id: category } of summary.categories) {
      const own = list.filter((e) => e.mark.category === category);
      if (!own.length) continue;
      const severities = [...new Set(own.map((e) => e.mark.severity || null))];
      if (severities.length === 1 && severities[0] === null) {
        out.push({ category, severity: null, entries: own });
        continue;
      }
      for (const severity of [...SEVERITIES, null]) {
        const entries = own.filter((e) => (e.mark.severity || null) === severity);
        if (entries.length) out.push({ category, severity, entries });
      }
    }
    return out;
  }

  /** The page's report as the CLI writes it with `--format json`: `{source, summary, marks}`. */
  function reportJson(source, result) {
    return JSON.stringify({ source, summary: result.summary, marks: result.marks }, null, 2);
  }

  /** The sentence shown when nothing is marked, in the engine's words. */
  function nothingMarked(s) {
    const words = s.categories.map((c) => c.label.toLowerCase());
    return t('nothingMarked', `${words.slice(0, -1).join(', ')} ${t('or')} ${words[words.length - 1]}`);
  }

  return { SEVERITIES, el, safeHref, link, excerpt, label, entries, groups, reportJson, summary, markButton, nothingMarked };
})();
