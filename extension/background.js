/* Chaff's background: the one place the wasm engine runs, compiled once for every tab.
 *
 * Chromium runs this file as the MV3 service worker, Firefox as the event page's module script.
 * Content scripts never load the module: on strict-CSP pages Chromium would refuse it and the page
 * would see the attempt (a securitypolicyviolation event).
 *
 *   message ──check(sender, shape)──▶ handler ──analyze──▶ queue (one job per tab, round robin)
 *                                                             │ one job at a time, a yield between jobs
 *                                                             ▼
 *                                     instance: the compiled module instantiated once, with its engine;
 *                                     replaced by a fresh one (new memory) after a trap and when its
 *                                     memory passes MEMORY_BOUND_BYTES
 *
 * Messages (runtime.sendMessage, each `{type, …}`; every reply is a plain object), checked for sender
 * and shape by messages.js: content scripts may send only the first two; extension pages any of them:
 *   analyze      {snapshot}  → `{summary, marks, elapsed_ms}`, or `{error, trap?}`, or `{superseded}` when
 *                            the same tab sent a newer snapshot first; sets the tab's badge
 *   failed       {error}     from a content script that had to turn marking off → `{}`; clears the badge
 *   suggestRule  {host, path} from the element picker (picker.js) → `{rule}`: the site rule for the
 *                            picked element (`path`: [{tag, id, classes}], picked first); no state changes
 *   reviewRule   {rule}      from the element picker → opens the options page with the rule added to the
 *                            text box, where the reader saves it (nothing is saved from a page)
 *   setSiteRules {text}      from the options page → saves the text as `siteRules` in storage.local and
 *                            only then applies it → `{errors: [{line, text, message}]}` or `{error}`
 *   engineState  {}          → `{generation, memoryBytes, memoryBound, analyses}` (the tests read it)
 *   trapNextAnalysis {url}   → `{}`; the next analysis of `url` runs the engine on a bad pointer, a real
 *                            trap, so the tests can check recovery without depending on an engine bug
 * Messages to a tab (tabs.sendMessage, answered by content.js): `rerun`, `getState`, `reveal {index}`,
 * `pick`, and the reader's keyboard shortcuts (manifest `commands`), sent to the active tab under
 * their own names: `toggle-marks`, `next-mark`, `previous-mark`. (`_execute_action` opens the popup.)
 * Every frame of a tab runs its own content script and is analysed on its own; the badge and the popup
 * speak for the top page (frame 0).
 * storage.local `snapshotAttributes`: the attribute names the engine reads (content scripts keep only those).
 */
import init, { ChaffEngine, __chaffForgetInstance } from './pkg/chaff.js';
import { check } from './messages.js';

const api = globalThis.browser ?? globalThis.chrome;

const BADGE_COLOR = '#4b5563';
/**
 * Past this much wasm memory after an analysis the instance is replaced: wasm memory never shrinks.
 * Measured (wasm under Node, November 2026): 21 MB after a 0.7 MB page, 35 MB after 2 MB of text (the
 * most a content script sends, snapshot.js MAX_TEXT_CHARS), 51 MB after 3 MB; it stays flat while
 * pages stay smaller than the largest seen. So ordinary browsing never pays the rebuild (about 150 ms).
 */
const MEMORY_BOUND_BYTES = 48 * 1024 * 1024;
/**
 * An analysis slower than this stops the tab's re-analyses (the page keeps its marks, the popup says why).
 * A running analysis cannot be interrupted (the module runs synchronously here); what bounds its time is
 * the size bound the content script's walk applies (snapshot.js) and the engine being linear.
 */
const SLOW_ANALYSIS_MS = 5000;

// ---- the instance: module compiled once, instantiated again when needed ---------------------------

/** @type {Promise<{engine: ChaffEngine, exports: WebAssembly.Exports}> | null} */
let instanceReady = null;
/** @type {WebAssembly.Module | undefined} compiled once, so that a new instance costs no compile */
let compiled;
/** @type {{engine: ChaffEngine, exports: WebAssembly.Exports} | undefined} the instance in use */
let current;
let generation = 0;
let analyses = 0;

/** Instantiates the module, builds the engine, loads the reader's rules, publishes the attribute list. */
function instance() {
  if (!instanceReady) {
    instanceReady = (async () => {
      if (!compiled) {
        const bytes = await (await fetch(new URL('./pkg/chaff_bg.wasm', import.meta.url))).arrayBuffer();
        compiled = await WebAssembly.compile(bytes);
      }
      const exports = await init({ module_or_path: compiled });
      const engine = new ChaffEngine();
      const { siteRules } = await api.storage.local.get('siteRules');
      if (siteRules) engine.setSiteRules(siteRules);
      generation += 1;
      publishAttributes(engine);
      current = { engine, exports };
      return current;
    })();
    // A failed start is reported to the caller; the next message tries again on a fresh instance.
    instanceReady.catch(() => replaceInstance());
  }
  return instanceReady;
}

/**
 * Drops the current instance (its memory goes with it); the next use instantiates anew. `old` must be
 * the current one: the glue calls into whichever instance is current, so freeing an older engine now
 * would free its pointer in the new instance's memory.
 */
function replaceInstance(old) {
  if (old !== current) return;
  try {
    old?.engine.free();
  } catch (_) {
    // A damaged instance may trap again on free; it is dropped whole all the same.
  }
  current = undefined;
  __chaffForgetInstance();
  instanceReady = null;
}

let publishedAttributes = '';
function publishAttributes(engine) {
  const names = engine.snapshotAttributes();
  const key = names.join(' ');
  if (key === publishedAttributes) return;
  publishedAttributes = key;
  api.storage.local.set({ snapshotAttributes: names }).catch(() => {});
}

/** Errors the module returns on purpose (bad input) are plain `Error`s; anything else is a trap. */
const isTrap = (e) => !(e && e.constructor === Error);

const messageOf = (e) => (e && e.message ? e.message : String(e));

function setBadge(tabId, text) {
  if (tabId === undefined) return;
  // The tab may be gone by now; a badge is not worth an error.
  api.action.setBadgeText({ tabId, text }).catch(() => {});
  if (text) api.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR }).catch(() => {});
  const title = text ? api.i18n.getMessage('badgeTitle', text) : api.i18n.getMessage('actionTitle');
  api.action.setTitle({ tabId, title }).catch(() => {});
}

/** What the badge counts: the marks the popup lists (a card or a widget once), the engine's counts. */
function markCount(result) {
  return Object.values(result.summary.counts).reduce((a, b) => a + b, 0);
}

// ---- the queue: one pending job per tab, served in turn ------------------------------------------

/** @type {Map<string, {snapshot: object, tabId?: number, resolve: Function}>} key: tab id or sender url */
const pending = new Map();
let draining = false;
/** Tabs whose page trapped the engine: `tabId → url`; that page is not analysed again until it changes. */
const trapped = new Map();
/** Tabs whose last analysis was too slow: `tabId → reason`. */
const slow = new Map();
/** url → arm a real trap for the next analysis of that page (tests only; see the header). */
const trapArmed = new Set();

function enqueue(key, job) {
  const older = pending.get(key);
  if (older) older.resolve({ superseded: true });
  // A tab that asks again goes to the back of the line: Map keeps insertion order.
  pending.delete(key);
  pending.set(key, job);
  if (!draining) drain();
}

async function drain() {
  draining = true;
  try {
    while (pending.size) {
      const [key, job] = pending.entries().next().value;
      pending.delete(key);
      job.resolve(await runJob(job));
      // Let other messages in between two pages.
      await new Promise((r) => setTimeout(r, 0));
    }
  } finally {
    draining = false;
  }
}

async function runJob({ snapshot, tabId, top }) {
  // The badge speaks for the tab's top page; frames inside it are analysed and drawn, not counted.
  const badgeTab = top ? tabId : undefined;
  let inst;
  try {
    inst = await instance();
  } catch (e) {
    return { error: `the engine could not start: ${messageOf(e)}` };
  }
  const started = Date.now();
  try {
    let result;
    if (trapArmed.delete(snapshot.url)) {
      const bad = Object.create(ChaffEngine.prototype);
      bad.__wbg_ptr = 0x7ffffff0;
      result = bad.analyze(snapshot);
    } else {
      result = inst.engine.analyze(snapshot);
    }
    analyses += 1;
    const took = Date.now() - started;
    if (took > SLOW_ANALYSIS_MS && tabId !== undefined) {
      const why = `the analysis took ${(took / 1000).toFixed(1)} s (the bound is ${SLOW_ANALYSIS_MS / 1000} s), so Chaff does not re-read this page as it changes`;
      slow.set(tabId, why);
      result.stoppedEarly = why;
    }
    if (inst.exports.memory.buffer.byteLength > MEMORY_BOUND_BYTES) replaceInstance(inst);
    const count = markCount(result);
    setBadge(badgeTab, count ? String(count) : '');
    return result;
  } catch (e) {
    setBadge(badgeTab, '');
    if (!isTrap(e)) return { error: messageOf(e) };
    // The instance may be damaged (its shadow stack, its allocator): replace it whole. Only this tab
    // hears of it, once; the others' jobs run on the fresh instance.
    replaceInstance(inst);
    if (tabId !== undefined) trapped.set(tabId, snapshot.url);
    return { error: `the engine failed on this page (${messageOf(e)}); Chaff restarted it for your other tabs`, trap: true };
  }
}

const SELF = { id: api.runtime.id, origin: api.runtime.getURL('') };

const handlers = {
  async analyze(msg, sender, kind) {
    // Per-tab bookkeeping (queue slot, trap, slowness) is for pages; an extension page is a caller of its own.
    const tabId = kind === 'content' ? sender.tab.id : undefined;
    if (tabId !== undefined) {
      if (trapped.has(tabId)) {
        if (trapped.get(tabId) === msg.snapshot.url) {
          return { error: 'marking stays off on this page after the engine failed on it', trap: true, repeat: true };
        }
        trapped.delete(tabId);
      }
      if (slow.has(tabId)) return { error: slow.get(tabId), slow: true };
    }
    const key = tabId !== undefined ? `tab:${tabId}:${sender.frameId ?? 0}` : `page:${sender.url}`;
    const top = tabId !== undefined && (sender.frameId ?? 0) === 0;
    return new Promise((resolve) => enqueue(key, { snapshot: msg.snapshot, tabId, top, resolve }));
  },

  async failed(msg, sender) {
    if (sender.frameId === 0) setBadge(sender.tab.id, '');
    return {};
  },

  async suggestRule(msg) {
    let inst;
    try {
      inst = await instance();
    } catch (e) {
      return { error: `the engine could not start: ${messageOf(e)}` };
    }
    return { rule: inst.engine.suggestSiteRule(msg.host, msg.path) ?? null };
  },

  async reviewRule(msg) {
    await api.tabs.create({ url: api.runtime.getURL('options.html?add=' + encodeURIComponent(msg.rule)) });
    return {};
  },

  async setSiteRules(msg) {
    // Saved first: nothing is applied unless storage accepted it (over quota, the old rules stay).
    try {
      await api.storage.local.set({ siteRules: msg.text });
    } catch (e) {
      return { error: messageOf(e) };
    }
    let inst;
    try {
      inst = await instance();
      const errors = inst.engine.setSiteRules(msg.text);
      publishAttributes(inst.engine);
      rerunAllTabs();
      return { errors };
    } catch (e) {
      // Saved, so a fresh instance loads them; this one may be damaged.
      if (isTrap(e)) replaceInstance(inst);
      return { error: messageOf(e) };
    }
  },

  async engineState() {
    const { exports } = await instance();
    return { generation, analyses, memoryBytes: exports.memory.buffer.byteLength, memoryBound: MEMORY_BOUND_BYTES };
  },

  async trapNextAnalysis(msg) {
    trapArmed.add(msg.url);
    return {};
  },
};

/** Asks every tab's content script to analyse again (tabs without one simply do not answer). */
async function rerunAllTabs() {
  slow.clear();
  const tabs = await api.tabs.query({});
  for (const tab of tabs) api.tabs.sendMessage(tab.id, { type: 'rerun' }).catch(() => {});
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const verdict = check(msg, sender, SELF);
  if (!verdict.ok) {
    if (verdict.error === null) return false;
    sendResponse({ error: verdict.error });
    return false;
  }
  handlers[msg.type](msg, sender, verdict.kind).then(sendResponse, (e) => sendResponse({ error: messageOf(e) }));
  return true;
});

// A closed or reloaded tab starts afresh.
const forgetTab = (tabId) => {
  trapped.delete(tabId);
  slow.delete(tabId);
};
api.tabs.onRemoved.addListener(forgetTab);
api.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'loading') forgetTab(tabId);
});

// Start the engine with the background, off the first page's critical path.
instance().catch(() => {});

/** The shortcuts that act on the page; the browser handles `_execute_action` (the popup) itself. */
const PAGE_COMMANDS = new Set(['toggle-marks', 'next-mark', 'previous-mark']);

api.commands.onCommand.addListener(async (command) => {
  if (!PAGE_COMMANDS.has(command)) return;
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  if (tab && tab.id !== undefined) api.tabs.sendMessage(tab.id, { type: command }, { frameId: 0 }).catch(() => {});
});
