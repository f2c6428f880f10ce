/* Chaff's content script: thin glue between the page and the engine in the background.
 *
 *   page DOM ──chaffSnapshot()──▶ {snapshot, textNodes}        (snapshot.js)
 *                                      │ runtime.sendMessage({type: 'analyze', snapshot})
 *                                      ▼
 *   background.js (wasm engine) ──▶ {summary, marks[{category, reason, anchor…}]}
 *                                      │
 *   draw()   anchors → Ranges over textNodes → one Highlight per category in CSS.highlights
 *   hide()   opt-in (storage.local hideNoise): data-chaff-hidden on blocks wholly marked as noise
 *   explain  a mark under the pointer, or reached by next/previous, gets its explanation (tooltip.js)
 *   settings the reader's switches (settings.js): off for this site or everywhere, categories and the
 *            least severity drawn; a change redraws, or runs / clears the page
 *   watch()  MutationObserver → QUIET_MS without changes → animation frame → run() again (capped)
 *   answer() popup messages: getState → {result, error, url, canDraw}; reveal {index} → scroll + flash;
 *            the reader's shortcuts (background.js): next-mark / previous-mark → reveal in page order,
 *            toggle-marks → highlights off and on for this page
 *
 * Never throws into the page: any failure clears the highlights, keeps the message for the popup and
 * tells the background (which clears the badge). The page's own DOM is changed only by hide(), and
 * only when the reader asked for it; editable fields are never read or marked.
 */
'use strict';

(() => {
  const api = globalThis.browser ?? globalThis.chrome;

  /** Highlight names, one per category (tests and highlight.css use them too). */
  const CATEGORIES = ['repost-noise', 'unrelated-promo', 'unconfirmed-attribution'];
  const NOISE = new Set(['repost-noise', 'unrelated-promo']);
  const FOCUS = 'chaff-focus';
  const HIDDEN_ATTR = 'data-chaff-hidden';
  /** Quiet time after the last DOM change before analysing again. */
  const QUIET_MS = 500;
  /** A page that never stops changing is still re-analysed this often. */
  const MAX_WAIT_MS = 4000;
  /** Re-runs after the first, per page load: tickers and infinite feeds must not keep us busy. */
  const MAX_RERUNS = 30;
  /** How long a revealed mark stays flashed. */
  const FOCUS_MS = 2500;

  const canDraw = typeof CSS !== 'undefined' && !!CSS.highlights && typeof Highlight === 'function';

  const state = {
    /** The engine's last result for this page, or null. */
    result: null,
    /** Why marking is off on this page, or null. */
    error: null,
    /** Ranges of result.marks, index for index (null where a mark has no usable anchor). */
    ranges: [],
    hideNoise: false,
    /** The reader's switches (settings.js). */
    settings: chaffSettings.DEFAULTS,
    /** The reader turned the highlights off on this page (toggle-marks). */
    marksOff: false,
    /** The mark last revealed by next/previous, an index into result.marks, or -1. */
    cursor: -1,
    runs: 0,
    running: false,
    again: false,
  };

  // ---- run: snapshot out, marks in -------------------------------------------------------------

  async function run() {
    if (!chaffSettings.activeOn(state.settings, location.hostname)) {
      state.result = null;
      clearHighlights();
      unhide();
      return;
    }
    if (state.running) {
      state.again = true;
      return;
    }
    state.running = true;
    try {
      const { snapshot, textNodes } = chaffSnapshot(document);
      const reply = await api.runtime.sendMessage({ type: 'analyze', snapshot });
      if (!reply || reply.error) throw new Error(reply ? reply.error : 'the background did not answer');
      state.result = reply;
      state.error = null;
      state.ranges = reply.marks.map((m) => rangeOf(m, textNodes));
      draw();
      hide();
    } catch (e) {
      fail(e);
    } finally {
      state.running = false;
      state.runs += 1;
      if (state.again) {
        state.again = false;
        schedule();
      }
    }
  }

  function fail(e) {
    state.error = e && e.message ? e.message : String(e);
    state.result = null;
    state.ranges = [];
    try {
      clearHighlights();
      unhide();
    } catch (_) {
      /* nothing more to undo */
    }
    api.runtime.sendMessage({ type: 'failed', error: state.error }).catch(() => {});
  }

  /** A mark's DOM range, or null when its anchor does not fit the nodes (the page changed meanwhile). */
  function rangeOf(mark, textNodes) {
    const a = mark.anchor;
    if (!a) return null;
    const start = textNodes[a[0].node];
    const end = textNodes[a[1].node];
    if (!start || !end || !start.isConnected || !end.isConnected) return null;
    if (a[0].offset > start.length || a[1].offset > end.length) return null;
    const range = document.createRange();
    range.setStart(start, a[0].offset);
    range.setEnd(end, a[1].offset);
    return range;
  }

  // ---- draw: one Highlight per category -----------------------------------------------------------

  function draw() {
    if (!canDraw || state.marksOff) return;
    const byCategory = new Map(CATEGORIES.map((c) => [c, []]));
    state.result.marks.forEach((m, i) => {
      const r = state.ranges[i];
      if (r && byCategory.has(m.category) && chaffSettings.shows(state.settings, m)) byCategory.get(m.category).push(r);
    });
    CATEGORIES.forEach((c, priority) => {
      const h = new Highlight(...byCategory.get(c));
      // Later categories paint over earlier ones where marks overlap (attribution inside noise).
      h.priority = priority;
      CSS.highlights.set('chaff-' + c, h);
    });
  }

  function clearHighlights() {
    if (!canDraw) return;
    for (const c of CATEGORIES) CSS.highlights.delete('chaff-' + c);
    CSS.highlights.delete(FOCUS);
  }

  // ---- hide: opt-in, blocks wholly covered by noise -----------------------------------------------

  const squash = (s) => s.replace(/\s+/g, '');

  /** The smallest element holding the range, when all of its text is the range's text. */
  function wholeBlock(range) {
    let el = range.commonAncestorContainer;
    if (el.nodeType !== 1) el = el.parentElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const text = squash(range.toString());
    return text && squash(el.textContent) === text ? el : null;
  }

  function hide() {
    unhide();
    if (!state.hideNoise || !state.result) return;
    state.result.marks.forEach((m, i) => {
      const r = state.ranges[i];
      if (!r || !NOISE.has(m.category) || !chaffSettings.shows(state.settings, m)) return;
      const el = wholeBlock(r);
      if (el && !el.closest('[contenteditable]:not([contenteditable="false" i])')) el.setAttribute(HIDDEN_ATTR, '');
    });
  }

  function unhide() {
    for (const el of document.querySelectorAll('[' + HIDDEN_ATTR + ']')) el.removeAttribute(HIDDEN_ATTR);
  }

  // ---- watch: re-analyse after DOM changes, batched -----------------------------------------------

  let quietTimer = 0;
  let firstChangeAt = 0;

  function schedule() {
    if (state.runs > MAX_RERUNS) {
      observer.disconnect();
      return;
    }
    const now = Date.now();
    if (!firstChangeAt) firstChangeAt = now;
    clearTimeout(quietTimer);
    const wait = Math.max(0, Math.min(QUIET_MS, firstChangeAt + MAX_WAIT_MS - now));
    quietTimer = setTimeout(() => {
      firstChangeAt = 0;
      requestAnimationFrame(() => run());
    }, wait);
  }

  /** Changes worth a new analysis: text or structure, outside editable regions. */
  function matters(records) {
    for (const r of records) {
      const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (!el) continue;
      if (el.isContentEditable || el.closest('textarea, input, select')) continue;
      return true;
    }
    return false;
  }

  // Our own work never shows up here: highlights are not DOM, and hide() only sets an attribute,
  // which this observer does not watch.
  const observer = new MutationObserver((records) => {
    if (matters(records)) schedule();
  });

  // ---- answer: the popup and the background -------------------------------------------------------

  function reveal(index) {
    const mark = state.result && state.result.marks[index];
    const range = state.ranges[index];
    if (!mark || !range) return { ok: false };
    const ranges = state.result.marks
      .map((m, i) => (mark.group !== undefined && m.group === mark.group ? state.ranges[i] : null))
      .filter(Boolean);
    if (!ranges.length) ranges.push(range);
    const target = range.startContainer.parentElement;
    if (target) {
      // A hidden document (the popup opened as a tab) would never finish a smooth scroll in Firefox.
      const smooth = document.visibilityState === 'visible' && !matchMedia('(prefers-reduced-motion: reduce)').matches;
      target.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'instant' });
    }
    if (canDraw) {
      const h = new Highlight(...ranges);
      h.priority = CATEGORIES.length;
      CSS.highlights.set(FOCUS, h);
      setTimeout(() => {
        if (CSS.highlights.get(FOCUS) === h) CSS.highlights.delete(FOCUS);
      }, FOCUS_MS);
    }
    return { ok: true };
  }

  /** Reveals the next (dir 1) or previous (dir -1) mark in page order, a card's parts counted once. */
  function step(dir) {
    const marks = state.result ? state.result.marks : [];
    const seen = new Set();
    const starts = [];
    marks.forEach((m, i) => {
      const key = m.group === undefined || m.group === null ? null : m.category + ':' + m.group;
      if (!state.ranges[i] || (key !== null && seen.has(key))) return;
      if (key !== null) seen.add(key);
      starts.push(i);
    });
    if (!starts.length) return { ok: false };
    const at = starts.indexOf(state.cursor);
    const next = at < 0 ? (dir > 0 ? 0 : starts.length - 1) : (at + dir + starts.length) % starts.length;
    state.cursor = starts[next];
    const revealed = reveal(state.cursor);
    if (revealed.ok) explain(state.cursor);
    return { ...revealed, index: state.cursor };
  }

  // ---- explain: the tooltip for the mark under the pointer ------------------------------------------

  /** How long a smooth scroll to a revealed mark takes before its explanation is placed. */
  const EXPLAIN_AFTER_SCROLL_MS = 400;

  /** The text position under the pointer, as [node, offset], or null. */
  function caretAt(x, y) {
    if (document.caretPositionFromPoint) {
      const p = document.caretPositionFromPoint(x, y);
      return p ? [p.offsetNode, p.offset] : null;
    }
    const r = document.caretRangeFromPoint ? document.caretRangeFromPoint(x, y) : null;
    return r ? [r.startContainer, r.startOffset] : null;
  }

  /** The drawn mark whose text is under (x, y), innermost first, with the line box holding the point. */
  function markAt(x, y) {
    if (!state.result || state.marksOff) return null;
    const caret = caretAt(x, y);
    if (!caret || caret[0].nodeType !== 3) return null;
    let best = null;
    state.result.marks.forEach((m, i) => {
      const r = state.ranges[i];
      if (!r || !chaffSettings.shows(state.settings, m) || !r.isPointInRange(caret[0], caret[1])) return;
      const box = [...r.getClientRects()].find((b) => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom);
      if (!box) return;
      const size = r.toString().length;
      if (!best || size < best.size) best = { mark: m, box, size };
    });
    return best;
  }

  let pointerFrame = 0;
  function onPointer(e) {
    if (pointerFrame) return;
    const { clientX: x, clientY: y } = e;
    pointerFrame = requestAnimationFrame(() => {
      pointerFrame = 0;
      try {
        const hit = markAt(x, y);
        if (hit) chaffTooltip.show(hit.mark, state.result.summary.labels, hit.box);
        else chaffTooltip.hide();
      } catch (_) {
        chaffTooltip.hide();
      }
    });
  }

  function explain(index) {
    setTimeout(() => {
      const r = state.ranges[index];
      const m = state.result && state.result.marks[index];
      if (r && m) chaffTooltip.show(m, state.result.summary.labels, r.getBoundingClientRect());
    }, EXPLAIN_AFTER_SCROLL_MS);
  }

  document.addEventListener('mousemove', onPointer, { passive: true });
  addEventListener('scroll', () => chaffTooltip.hide(), { passive: true });

  function toggleMarks() {
    state.marksOff = !state.marksOff;
    if (state.marksOff) {
      clearHighlights();
      chaffTooltip.hide();
    }
    else if (state.result) draw();
    return { ok: true, marksOff: state.marksOff };
  }

  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    try {
      switch (msg && msg.type) {
        case 'getState':
          sendResponse({
            result: state.result,
            error: state.error,
            url: location.href,
            canDraw,
            marksOff: state.marksOff,
            tooltip: chaffTooltip.text(),
            off: !chaffSettings.activeOn(state.settings, location.hostname),
            pending: !state.result && !state.error,
          });
          return false;
        case 'reveal':
          sendResponse(reveal(Number(msg.index)));
          return false;
        case 'next-mark':
          sendResponse(step(1));
          return false;
        case 'previous-mark':
          sendResponse(step(-1));
          return false;
        case 'toggle-marks':
          sendResponse(toggleMarks());
          return false;
        case 'pick':
          chaffPicker.start();
          sendResponse({});
          return false;
        case 'rerun':
          schedule();
          sendResponse({});
          return false;
        default:
          return false;
      }
    } catch (e) {
      sendResponse({ error: e && e.message ? e.message : String(e) });
      return false;
    }
  });

  api.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !changes.hideNoise) return;
    state.hideNoise = !!changes.hideNoise.newValue;
    try {
      hide();
    } catch (e) {
      fail(e);
    }
  });

  // ---- start -----------------------------------------------------------------------------------------

  chaffSettings.onChange((settings) => {
    const wasActive = chaffSettings.activeOn(state.settings, location.hostname);
    state.settings = settings;
    try {
      if (!chaffSettings.activeOn(settings, location.hostname) || !wasActive || !state.result) {
        run();
      } else {
        draw();
        hide();
      }
    } catch (e) {
      fail(e);
    }
  });

  Promise.all([
    api.storage.local.get('hideNoise').then((s) => {
      state.hideNoise = !!s.hideNoise;
    }),
    chaffSettings.load().then((settings) => {
      state.settings = settings;
    }),
  ])
    .catch(() => {})
    .then(run)
    .then(() => {
      if (document.body) {
        observer.observe(document.body, { childList: true, characterData: true, subtree: true });
      }
    })
    .catch(fail);
})();
