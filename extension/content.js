/* Chaff's content script: thin glue between the page and the engine in the background.
 *
 *   page DOM ──chaffSnapshotWalk()──▶ {snapshot, textNodes}   (snapshot.js, run in slices)
 *                                      │ runtime.sendMessage({type: 'analyze', snapshot}): one structured clone
 *                                      ▼
 *   background.js (wasm engine) ──▶ {summary, marks[{category, reason, anchor…}]}
 *                                      │
 *   draw()   anchors → Ranges over textNodes (one per tree where a mark crosses a shadow root's edge)
 *            → one Highlight per category, filled in slices with add(),
 *            and overlays above (attribution severity, every second mark) that give the look; all set
 *            in CSS.highlights under the names of highlight-names.js
 *   guard()  the page may erase our highlights (CSS.highlights.clear()): noticed and redrawn, up to
 *            MAX_REDRAWS times, then the popup is told
 *   hide()   opt-in (storage.local hideNoise): data-chaff-hidden on blocks wholly marked as noise
 *   explain  a mark under the pointer, or reached by next/previous, gets its explanation (tooltip.js)
 *   settings the reader's switches (settings.js): off for this site or everywhere, categories and the
 *            least severity drawn; a change redraws, or runs / clears the page
 *   watch()  MutationObserver → QUIET_MS without changes (or MAX_WAIT_MS of constant change, and never
 *            sooner than RUN_COST_FACTOR × the last run's cost) → idle time → run() again, uncapped;
 *            sweep() finds open shadow roots attached with no other change (no mutation tells of them)
 *   answer() popup messages: getState → {result, error, url, canDraw, stoppedEarly, erased, tooltip…};
 *            reveal {index} → scroll + flash; the reader's shortcuts (background.js): next-mark /
 *            previous-mark → reveal in page order, toggle-marks → highlights off and on for this page
 *
 * Never throws into the page: any failure clears the highlights, keeps the message for the popup and
 * tells the background (which clears the badge). The page's own DOM is changed only by hide(), and
 * only when the reader asked for it; editable fields are never read or marked. Every DOM read and call
 * on a page element goes through the prototypes (DOM below): a page's named properties (`<input
 * name="closest">` in a form) cannot shadow them. Long work runs in slices of SLICE_MS so that a huge
 * page does not block its own main thread. Open shadow roots are read with the page (snapshot.js walks
 * them) and drawn, watched, hidden and explained like the document; closed ones are left alone.
 */
/* global chaffProto, chaffSnapshotWalk, chaffHighlightNames, chaffHighlightLayers, chaffHighlightSorter */
'use strict';

(() => {
  const api = globalThis.browser ?? globalThis.chrome;

  const NAMES = chaffHighlightNames;
  const HIDDEN_ATTR = 'data-chaff-hidden';
  /** Quiet time after the last DOM change before analysing again. */
  const QUIET_MS = 500;
  /** A page that never stops changing is still re-analysed this often. */
  const MAX_WAIT_MS = 4000;
  /**
   * A page that keeps changing is read again at the earliest this many times the last run's cost after
   * it, so Chaff's share of a busy page stays under 1/RUN_COST_FACTOR (5%) however long the page lives;
   * there is no cap on the number of runs (a ticker must not stop late cards from being marked).
   */
  const RUN_COST_FACTOR = 20;
  /** How long a revealed mark stays flashed. */
  const FOCUS_MS = 2500;
  /** Main-thread work per slice before yielding to the page (a long task is 50 ms). */
  const SLICE_MS = 8;
  /** How often the registry is checked for our highlights (a page may erase them). */
  const GUARD_MS = 1000;
  /** Erasures redrawn before giving up (and saying so): a page that keeps erasing wins. */
  const MAX_REDRAWS = 5;
  /**
   * Shadow roots attached with no other change are looked for at most this often, and never sooner than
   * SWEEP_COST_FACTOR × the last sweep's cost after it (1%: a walk over a 66,000-element page takes
   * 10–30 ms, so there it runs every 1–3 s; on a common page of 3,000 elements, every second).
   */
  const SWEEP_MS = 1000;
  const SWEEP_COST_FACTOR = 100;

  // ---- DOM through the prototypes -----------------------------------------------------------------

  const { getter, method } = chaffProto;
  const DOM = {
    nodeType: getter(Node.prototype, 'nodeType'),
    parentElement: getter(Node.prototype, 'parentElement'),
    textContent: getter(Node.prototype, 'textContent'),
    isConnected: getter(Node.prototype, 'isConnected'),
    getRootNode: method(Node.prototype, 'getRootNode'),
    parentNode: getter(Node.prototype, 'parentNode'),
    shadowHost: getter(ShadowRoot.prototype, 'host'),
    shadowRoot: getter(Element.prototype, 'shadowRoot'),
    hasAttribute: method(Element.prototype, 'hasAttribute'),
    closest: method(Element.prototype, 'closest'),
    setAttribute: method(Element.prototype, 'setAttribute'),
    removeAttribute: method(Element.prototype, 'removeAttribute'),
    scrollIntoView: method(Element.prototype, 'scrollIntoView'),
    isContentEditable: getter(HTMLElement.prototype, 'isContentEditable'),
    textLength: getter(CharacterData.prototype, 'length'),
    body: getter(Document.prototype, 'body'),
    documentElement: getter(Document.prototype, 'documentElement'),
    visibilityState: getter(Document.prototype, 'visibilityState'),
    querySelectorAll: method(Document.prototype, 'querySelectorAll'),
    rootQuerySelectorAll: method(DocumentFragment.prototype, 'querySelectorAll'),
  };

  const canDraw = typeof CSS !== 'undefined' && !!CSS.highlights && typeof Highlight === 'function';

  const state = {
    /** The engine's last result for this page, or null. */
    result: null,
    /** Why marking is off on this page, or null. */
    error: null,
    /** Why the last analysis covers less than the page (size bound, slow page), or null. */
    stoppedEarly: null,
    /** Ranges of result.marks, index for index (null where a mark has no usable anchor). */
    ranges: [],
    /** A mark that crosses a shadow root's edge: all its ranges, one per tree (ranges[i] is the first). */
    pieces: new Map(),
    /** The open shadow roots the last snapshot read, in document order. */
    shadowRoots: [],
    /** Our Highlight objects by name, as last set in the registry. */
    drawn: new Map(),
    /** Times the page erased our highlights; past MAX_REDRAWS, `erased` says so and we stop redrawing. */
    erasures: 0,
    erased: null,
    /** No more analyses on this page (the engine failed on it, or it is too slow). */
    done: false,
    hideNoise: false,
    attributes: undefined,
    /** The reader's switches (settings.js). */
    settings: chaffSettings.DEFAULTS,
    /** The reader turned the highlights off on this page (toggle-marks). */
    marksOff: false,
    /** The mark last revealed by next/previous, an index into result.marks, or -1. */
    cursor: -1,
    runs: 0,
    /** The last run's main-thread and round-trip cost (ms) and when it ended (Date.now()). */
    lastRunMs: 0,
    lastRunEnd: 0,
    running: false,
    again: false,
  };

  const yieldToPage = () =>
    globalThis.scheduler && typeof globalThis.scheduler.yield === 'function'
      ? globalThis.scheduler.yield()
      : new Promise((resolve) => {
          // A message task: unlike setTimeout it is not throttled in background tabs.
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve();
          channel.port2.postMessage(null);
        });

  /** Calls `fn(i)` for i in [0, count), yielding to the page every SLICE_MS. */
  async function inSlices(count, fn) {
    let i = 0;
    while (i < count) {
      const until = performance.now() + SLICE_MS;
      do fn(i++);
      while (i < count && ((i & 255) !== 0 || performance.now() < until));
      if (i < count) await yieldToPage();
    }
  }

  // ---- run: snapshot out, marks in -------------------------------------------------------------

  async function run() {
    if (state.done) return;
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
    const started = performance.now();
    try {
      const walk = chaffSnapshotWalk(document, { attributes: state.attributes });
      for (let until = performance.now() + SLICE_MS; !walk.step(512); ) {
        if (performance.now() > until) {
          await yieldToPage();
          until = performance.now() + SLICE_MS;
        }
      }
      const { snapshot, textNodes, shadowRoots, stats } = walk.result();
      const reply = await api.runtime.sendMessage({ type: 'analyze', snapshot });
      if (reply && reply.superseded) return;
      if (reply && reply.slow) {
        // Too slow to follow the page's changes: the marks drawn so far stay.
        stopWatching(reply.error);
        return;
      }
      if (!reply || reply.error) {
        if (reply && reply.trap) stopWatching(null);
        throw new Error(reply ? reply.error : 'the background did not answer');
      }
      const ranges = new Array(reply.marks.length);
      const pieces = new Map();
      await inSlices(reply.marks.length, (i) => {
        const all = rangesOf(reply.marks[i], textNodes, shadowRoots.length > 0);
        ranges[i] = all ? all[0] : null;
        if (all && all.length > 1) pieces.set(i, all);
      });
      state.result = reply;
      state.error = null;
      state.stoppedEarly = [stats.stoppedEarly, reply.stoppedEarly].filter(Boolean).join('; and ') || null;
      state.ranges = ranges;
      state.pieces = pieces;
      state.shadowRoots = shadowRoots;
      watchShadowRoots();
      if (reply.stoppedEarly) stopWatching(null);
      await draw();
      hide();
    } catch (e) {
      fail(e);
    } finally {
      state.running = false;
      state.runs += 1;
      state.lastRunMs = performance.now() - started;
      state.lastRunEnd = Date.now();
      if (state.again) {
        state.again = false;
        schedule();
      }
    }
  }

  function stopWatching(why) {
    state.done = true;
    if (why) state.stoppedEarly = why;
    observer.disconnect();
  }

  function fail(e) {
    state.error = e && e.message ? e.message : String(e);
    state.result = null;
    state.ranges = [];
    state.pieces = new Map();
    try {
      clearHighlights();
      unhide();
    } catch (_) {
      /* nothing more to undo */
    }
    api.runtime.sendMessage({ type: 'failed', error: state.error }).catch(() => {});
  }

  /**
   * A mark's DOM ranges, or null when its anchor does not fit the nodes (the page changed meanwhile).
   * One range, unless the page has open shadow roots and the mark crosses one's edge (a slotted link in
   * a shadow's sentence): a Range cannot span two trees, so then one range per run of its text nodes
   * that share a tree.
   */
  function rangesOf(mark, textNodes, shadows) {
    const a = mark.anchor;
    if (!a) return null;
    const start = textNodes[a[0].node];
    const end = textNodes[a[1].node];
    if (!start || !end || !DOM.isConnected(start) || !DOM.isConnected(end)) return null;
    if (a[0].offset > DOM.textLength(start) || a[1].offset > DOM.textLength(end)) return null;
    const range = (from, fromOffset, to, toOffset) => {
      const r = new Range();
      r.setStart(from, fromOffset);
      r.setEnd(to, toOffset);
      return r;
    };
    if (!shadows) return [range(start, a[0].offset, end, a[1].offset)];
    const pieces = [];
    let first = a[0].node;
    let firstOffset = a[0].offset;
    for (let n = a[0].node; n <= a[1].node; n++) {
      const node = textNodes[n];
      if (!DOM.isConnected(node)) return null;
      if (n < a[1].node && DOM.getRootNode(textNodes[n + 1]) === DOM.getRootNode(node)) continue;
      pieces.push(range(textNodes[first], firstOffset, node, n === a[1].node ? a[1].offset : DOM.textLength(node)));
      first = n + 1;
      firstOffset = 0;
    }
    return pieces;
  }

  /** Every range of mark `i`: its pieces where it crosses a shadow root's edge, else its one range. */
  const rangesOfMark = (i) => state.pieces.get(i) ?? (state.ranges[i] ? [state.ranges[i]] : []);

  // ---- draw: one Highlight per category, overlays above, filled in batches --------------------------

  /** Above every category and overlay: the mark the reader picked. */
  const FOCUS_PRIORITY = chaffHighlightLayers.length;

  async function draw() {
    if (!canDraw || state.marksOff) return;
    const highlights = new Map();
    // Marks never overlap (the engine keeps one category per stretch of text, Category::precedence);
    // the overlays (severity, alternate) paint over the category layers.
    chaffHighlightLayers.forEach((key, priority) => {
      const h = new Highlight();
      h.priority = priority;
      highlights.set(key, h);
    });
    const marks = state.result.marks;
    const layersOf = chaffHighlightSorter();
    // add() one range at a time: `new Highlight(...ranges)` throws past ~60,000 ranges.
    await inSlices(marks.length, (i) => {
      if (!state.ranges[i] || !chaffSettings.shows(state.settings, marks[i])) return;
      for (const key of layersOf(marks[i])) for (const r of rangesOfMark(i)) highlights.get(key)?.add(r);
    });
    state.drawn = new Map([...highlights].map(([key, h]) => [NAMES[key], h]));
    setDrawn();
  }

  function setDrawn() {
    for (const [name, h] of state.drawn) CSS.highlights.set(name, h);
  }

  function clearHighlights() {
    if (!canDraw) return;
    for (const key of [...chaffHighlightLayers, 'focus']) CSS.highlights.delete(NAMES[key]);
    state.drawn = new Map();
  }

  /** Puts our highlights back if the page removed or replaced them; past MAX_REDRAWS, says so instead. */
  function guard() {
    if (!canDraw || state.erased || !state.drawn.size) return;
    let missing = false;
    for (const [name, h] of state.drawn) if (CSS.highlights.get(name) !== h) missing = true;
    if (!missing) return;
    state.erasures += 1;
    if (state.erasures > MAX_REDRAWS) {
      state.erased = `this page removed Chaff's highlights ${state.erasures} times; Chaff stopped redrawing them (the marks are listed below)`;
      return;
    }
    setDrawn();
  }

  // ---- hide: opt-in, blocks wholly covered by noise -----------------------------------------------

  const squash = (s) => s.replace(/\s+/g, '');

  /** The smallest element holding the range, when all of its text is the range's text. */
  function wholeBlock(range) {
    let el = range.commonAncestorContainer;
    if (DOM.nodeType(el) !== 1) el = DOM.parentElement(el);
    if (!el || el === DOM.body(document) || el === DOM.documentElement(document)) return null;
    const text = squash(range.toString());
    return text && squash(DOM.textContent(el)) === text ? el : null;
  }

  /**
   * The rule that hides, for shadow roots. highlight.css carries it for the document; Chromium injects
   * that sheet as the document's author sheet, which does not reach into shadow trees (Firefox's user
   * sheet does), so a root where something is hidden adopts this one-rule sheet too.
   */
  const HIDE_RULE = `[${HIDDEN_ATTR}] { display: none !important; }`;
  let hideSheet = null;

  function adoptHideRule(root) {
    if (!hideSheet) {
      hideSheet = new CSSStyleSheet();
      hideSheet.replaceSync(HIDE_RULE);
    }
    const sheets = root.adoptedStyleSheets;
    if (!sheets.includes(hideSheet)) root.adoptedStyleSheets = [...sheets, hideSheet];
  }

  function hide() {
    unhide();
    if (!state.hideNoise || !state.result) return;
    // Which categories are noise is the engine's fact (summary.categories), not a copy kept here.
    const noise = new Set(state.result.summary.categories.filter((c) => c.noise).map((c) => c.id));
    state.result.marks.forEach((m, i) => {
      const r = state.ranges[i];
      if (!r || !noise.has(m.category) || !chaffSettings.shows(state.settings, m)) return;
      const el = wholeBlock(r);
      if (!el || shownByReader.has(el) || DOM.closest(el, '[contenteditable]:not([contenteditable="false" i])')) return;
      const root = DOM.getRootNode(el);
      if (root !== document) adoptHideRule(root);
      DOM.setAttribute(el, HIDDEN_ATTR, '');
    });
  }

  /** Blocks the reader asked to see (a hidden mark revealed from the popup): they stay shown on this page. */
  const shownByReader = new WeakSet();

  /** Shows the hidden blocks holding `range`, up through shadow hosts too (a hidden host hides its tree). */
  function unhideAround(range) {
    for (let node = range.startContainer; node; ) {
      const type = DOM.nodeType(node);
      if (type === 1 && DOM.hasAttribute(node, HIDDEN_ATTR)) {
        DOM.removeAttribute(node, HIDDEN_ATTR);
        shownByReader.add(node);
      }
      node = type === 11 ? DOM.shadowHost(node) : DOM.parentNode(node);
    }
  }

  function unhide() {
    for (const el of DOM.querySelectorAll(document, '[' + HIDDEN_ATTR + ']')) DOM.removeAttribute(el, HIDDEN_ATTR);
    for (const root of state.shadowRoots) {
      for (const el of DOM.rootQuerySelectorAll(root, '[' + HIDDEN_ATTR + ']')) DOM.removeAttribute(el, HIDDEN_ATTR);
    }
  }

  // ---- watch: re-analyse after DOM changes, batched -----------------------------------------------

  let quietTimer = 0;
  let firstChangeAt = 0;

  function schedule() {
    if (state.done) return;
    const now = Date.now();
    if (!firstChangeAt) firstChangeAt = now;
    clearTimeout(quietTimer);
    const settle = Math.min(QUIET_MS, firstChangeAt + MAX_WAIT_MS - now);
    const earliest = state.lastRunEnd + RUN_COST_FACTOR * state.lastRunMs - now;
    quietTimer = setTimeout(() => {
      firstChangeAt = 0;
      whenIdle(() => run());
    }, Math.max(0, settle, earliest));
  }

  /** Runs `fn` when the page's main thread is idle (or after IDLE_TIMEOUT_MS at the latest). */
  const IDLE_TIMEOUT_MS = 1000;
  const whenIdle = (fn) =>
    typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: IDLE_TIMEOUT_MS }) : requestAnimationFrame(fn);

  /** Changes worth a new analysis: text or structure, outside editable regions. */
  function matters(records) {
    for (const r of records) {
      const el = DOM.nodeType(r.target) === 1 ? r.target : DOM.parentElement(r.target);
      if (!el) {
        if (DOM.nodeType(r.target) === 11 /* a shadow root's own children */) return true;
        continue;
      }
      if ((el instanceof HTMLElement && DOM.isContentEditable(el)) || DOM.closest(el, 'textarea, input, select')) continue;
      return true;
    }
    return false;
  }

  // Our own work never shows up here: highlights are not DOM, and hide() only sets an attribute,
  // which this observer does not watch.
  const observer = new MutationObserver((records) => {
    try {
      if (matters(records)) schedule();
    } catch (_) {
      schedule();
    }
  });
  const WATCH = { childList: true, characterData: true, subtree: true };

  /**
   * The body's subtree does not include its shadow trees: each open root the snapshot read is watched
   * too. (A root attached to an element already read, with no other change, is found by sweep().)
   */
  const watched = new WeakSet();

  /**
   * attachShadow() makes no mutation record: a root attached to an element already read (a custom
   * element upgraded when its definition arrives, a widget that draws itself later) would wait for the
   * page's next change. So the elements are swept for open roots the last snapshot did not read, in
   * idle time, at a cost bounded by SWEEP_COST_FACTOR; one found schedules a run.
   */
  /** Roots a sweep has already asked a run for. */
  const reported = new WeakSet();

  function sweep() {
    if (state.done) return;
    const started = performance.now();
    const known = new Set(state.shadowRoots);
    const trees = [DOM.body(document), ...state.shadowRoots];
    let found = false;
    try {
      for (let i = 0; i < trees.length && !found; i++) {
        if (!trees[i]) continue;
        const walker = document.createTreeWalker(trees[i], NodeFilter.SHOW_ELEMENT);
        for (let e = walker.nextNode(); e && !found; e = walker.nextNode()) {
          const root = DOM.shadowRoot(e);
          // Each new root asks for one run: one the walk leaves out (inside an editable region) must
          // not ask again every second.
          if (root && !known.has(root) && !reported.has(root)) {
            reported.add(root);
            found = true;
          }
        }
      }
    } catch (_) {
      return; // a document we cannot walk: the mutation observer alone watches it
    }
    if (found && !state.running) schedule();
    const cost = performance.now() - started;
    setTimeout(() => whenIdle(sweep), Math.max(SWEEP_MS, SWEEP_COST_FACTOR * cost));
  }

  function watchShadowRoots() {
    if (state.done) return;
    for (const root of state.shadowRoots) {
      if (watched.has(root)) continue;
      watched.add(root);
      observer.observe(root, WATCH);
    }
  }

  // ---- answer: the popup and the background -------------------------------------------------------

  function reveal(index) {
    const mark = state.result && state.result.marks[index];
    const range = state.ranges[index];
    if (!mark || !range) return { ok: false };
    const ranges = state.result.marks.flatMap((m, i) => (mark.group !== undefined && m.group === mark.group ? rangesOfMark(i) : []));
    if (!ranges.length) ranges.push(...rangesOfMark(index));
    // In hide mode the reader asked to see it: show it first.
    for (const r of ranges) unhideAround(r);
    const target = DOM.parentElement(range.startContainer);
    if (target) {
      // A hidden document (the popup opened as a tab) would never finish a smooth scroll in Firefox.
      const smooth = DOM.visibilityState(document) === 'visible' && !matchMedia('(prefers-reduced-motion: reduce)').matches;
      DOM.scrollIntoView(target, { block: 'center', behavior: smooth ? 'smooth' : 'instant' });
    }
    if (canDraw) {
      const h = new Highlight();
      for (const r of ranges) h.add(r);
      h.priority = FOCUS_PRIORITY;
      CSS.highlights.set(NAMES.focus, h);
      setTimeout(() => {
        if (CSS.highlights.get(NAMES.focus) === h) CSS.highlights.delete(NAMES.focus);
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

  /** A revealed mark's explanation waits for its scroll to settle: checked this often, this long at most. */
  const SETTLE_POLL_MS = 100;
  const SETTLE_MAX_MS = 2000;

  /** The text position under the pointer, as [node, offset], or null; inside the open shadow roots read. */
  function caretAt(x, y) {
    if (document.caretPositionFromPoint) {
      const p = document.caretPositionFromPoint(x, y, { shadowRoots: state.shadowRoots });
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
      if (!state.ranges[i] || !chaffSettings.shows(state.settings, m)) return;
      for (const r of rangesOfMark(i)) {
        if (!r.isPointInRange(caret[0], caret[1])) continue;
        const box = [...r.getClientRects()].find((b) => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom);
        if (!box) continue;
        const size = rangesOfMark(i).reduce((n, piece) => n + piece.toString().length, 0);
        if (!best || size < best.size) best = { mark: m, box, size };
      }
    });
    return best;
  }

  let pointerFrame = 0;
  /** Where the pointer last was, and whether the tooltip shows a mark reached by keyboard. */
  const pointer = { x: -1, y: -1, keyboardTip: false };
  function onPointer(e) {
    if (pointerFrame) return;
    const { clientX: x, clientY: y } = e;
    // Firefox sends a mousemove without movement after a scroll (the content under the pointer
    // changed): it must not take away the explanation of a mark just reached by keyboard.
    const still = x === pointer.x && y === pointer.y;
    pointer.x = x;
    pointer.y = y;
    if (still && pointer.keyboardTip) return;
    pointer.keyboardTip = false;
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

  /** Explains mark `index` once the scroll that revealed it has settled (a smooth scroll's own scroll
   * events would hide it again): the page's scroll position is read every SETTLE_POLL_MS, and the
   * explanation placed when it stops changing, or after SETTLE_MAX_MS at the latest. */
  function explain(index) {
    const started = Date.now();
    let last = null;
    const settle = () => {
      const at = `${scrollX},${scrollY}`;
      if (at !== last && Date.now() - started < SETTLE_MAX_MS) {
        last = at;
        setTimeout(settle, SETTLE_POLL_MS);
        return;
      }
      const r = state.ranges[index];
      const m = state.result && state.result.marks[index];
      if (!r || !m || state.cursor !== index) return;
      chaffTooltip.show(m, state.result.summary.labels, r.getBoundingClientRect(), { announce: true });
      pointer.keyboardTip = true;
    };
    setTimeout(settle, SETTLE_POLL_MS);
  }

  document.addEventListener('mousemove', onPointer, { passive: true });
  addEventListener('scroll', () => chaffTooltip.hide(), { passive: true });

  async function toggleMarks() {
    state.marksOff = !state.marksOff;
    if (state.marksOff) {
      clearHighlights();
      chaffTooltip.hide();
    } else if (state.result) {
      await draw();
    }
    return { ok: true, marksOff: state.marksOff };
  }

  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    // Only Chaff's own pages and background talk to a content script.
    if (sender && sender.id !== undefined && sender.id !== api.runtime.id) return false;
    try {
      switch (msg && msg.type) {
        case 'getState':
          guard();
          sendResponse({
            result: state.result,
            error: state.error,
            url: location.href,
            canDraw,
            marksOff: state.marksOff,
            runs: state.runs,
            tooltip: chaffTooltip.text(),
            announced: chaffTooltip.announced(),
            off: !chaffSettings.activeOn(state.settings, location.hostname),
            pending: !state.result && !state.error,
            stoppedEarly: state.stoppedEarly,
            erased: state.erased,
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
          toggleMarks().then(sendResponse, (e) => sendResponse({ error: String(e) }));
          return true;
        case 'pick':
          chaffPicker.start();
          sendResponse({});
          return false;
        case 'rerun':
          state.done = false;
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
    if (area !== 'local') return;
    if (changes.snapshotAttributes) state.attributes = changes.snapshotAttributes.newValue;
    if (!changes.hideNoise) return;
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
    if (!chaffSettings.activeOn(settings, location.hostname) || !wasActive || !state.result) {
      run();
    } else {
      draw().then(hide).catch(fail);
    }
  });

  Promise.all([
    api.storage.local.get(['hideNoise', 'snapshotAttributes']).then((s) => {
      state.hideNoise = !!s.hideNoise;
      if (Array.isArray(s.snapshotAttributes)) state.attributes = s.snapshotAttributes;
    }),
    chaffSettings.load().then((settings) => {
      state.settings = settings;
    }),
  ])
    .catch(() => {})
    .then(run)
    .then(() => {
      const body = DOM.body(document);
      if (body && !state.done) observer.observe(body, WATCH);
      if (canDraw) setInterval(guard, GUARD_MS);
      setTimeout(() => whenIdle(sweep), SWEEP_MS);
    })
    .catch(fail);
})();
