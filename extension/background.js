/* Chaff's background: the one place the wasm engine runs, compiled once for every tab.
 *
 * Chromium runs this file as the MV3 service worker, Firefox as the event page's module script.
 * Content scripts never load the module: on strict-CSP pages Chromium would refuse it and the page
 * would see the attempt (a securitypolicyviolation event).
 *
 * Messages (runtime.sendMessage, each `{type, …}`; every reply is a plain object):
 *   analyze      {snapshot}  from a content script → the engine's result
 *                            `{summary, marks, elapsed_ms}` or `{error}`; sets the tab's badge
 *   failed       {error}     from a content script that had to turn marking off → `{}`; clears the badge
 *   suggestRule  {host, path} from the element picker (picker.js) → `{rule}`: the site rule for the
 *                            picked element (`path`: [{tag, id, classes}], picked first); no state changes
 *   reviewRule   {rule}      from the element picker → opens the options page with the rule added to the
 *                            text box, where the reader saves it (nothing is saved from a page)
 *   setSiteRules {text}      from the options page → `{errors: [{line, text, message}]}` or `{error}`;
 *                            saves the text as `siteRules` in storage.local and asks open tabs to re-run
 * Messages to a tab (tabs.sendMessage, answered by content.js): `rerun`, `getState`, `reveal {index}`,
 * `pick`, and the reader's keyboard shortcuts (manifest `commands`), sent to the active tab under
 * their own names: `toggle-marks`, `next-mark`, `previous-mark`. (`_execute_action` opens the popup.)
 */
import init, { ChaffEngine } from './pkg/chaff.js';

const api = globalThis.browser ?? globalThis.chrome;

const BADGE_COLOR = '#4b5563';

/** @type {Promise<ChaffEngine> | null} the engine, built on the first message that needs it */
let engineReady = null;

/** Compiles the module (once per background lifetime), builds the engine, loads the reader's rules. */
function engine() {
  if (!engineReady) {
    engineReady = (async () => {
      await init();
      const built = new ChaffEngine();
      const { siteRules } = await api.storage.local.get('siteRules');
      if (siteRules) built.setSiteRules(siteRules);
      return built;
    })();
    // A failed start is reported to the caller; the next message tries again.
    engineReady.catch(() => {
      engineReady = null;
    });
  }
  return engineReady;
}

/** A trap inside the module may leave the engine object unusable: the next message builds a new one. */
function discardEngine() {
  engineReady = null;
}

const messageOf = (e) => (e && e.message ? e.message : String(e));

function setBadge(tabId, text) {
  if (tabId === undefined) return;
  // The tab may be gone by now; a badge is not worth an error.
  api.action.setBadgeText({ tabId, text }).catch(() => {});
  if (text) api.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR }).catch(() => {});
}

const handlers = {
  async analyze(msg, sender) {
    // Every frame is analysed in its own right; the badge speaks for the tab's top page only.
    const tabId = sender.frameId === 0 && sender.tab ? sender.tab.id : undefined;
    try {
      const result = (await engine()).analyze(msg.snapshot);
      setBadge(tabId, result.marks.length ? String(result.marks.length) : '');
      return result;
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) discardEngine();
      setBadge(tabId, '');
      return { error: messageOf(e) };
    }
  },

  async failed(msg, sender) {
    if (sender.frameId === 0) setBadge(sender.tab && sender.tab.id, '');
    return {};
  },

  async suggestRule(msg) {
    const path = Array.isArray(msg.path) ? msg.path : [];
    return { rule: (await engine()).suggestSiteRule(String(msg.host ?? ''), path) ?? null };
  },

  async reviewRule(msg) {
    const rule = String(msg.rule ?? '').split('\n')[0].slice(0, 500);
    await api.tabs.create({ url: api.runtime.getURL('options.html?add=' + encodeURIComponent(rule)) });
    return {};
  },

  async setSiteRules(msg) {
    const text = String(msg.text ?? '');
    try {
      const errors = (await engine()).setSiteRules(text);
      await api.storage.local.set({ siteRules: text });
      rerunAllTabs();
      return { errors };
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) discardEngine();
      return { error: messageOf(e) };
    }
  },
};

/** Asks every tab's content script to analyse again (tabs without one simply do not answer). */
async function rerunAllTabs() {
  const tabs = await api.tabs.query({});
  for (const tab of tabs) api.tabs.sendMessage(tab.id, { type: 'rerun' }).catch(() => {});
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const handler = msg && Object.hasOwn(handlers, msg.type) ? handlers[msg.type] : null;
  if (!handler) return false;
  handler(msg, sender).then(sendResponse, (e) => sendResponse({ error: messageOf(e) }));
  return true;
});

/** The shortcuts that act on the page; the browser handles `_execute_action` (the popup) itself. */
const PAGE_COMMANDS = new Set(['toggle-marks', 'next-mark', 'previous-mark']);

api.commands.onCommand.addListener(async (command) => {
  if (!PAGE_COMMANDS.has(command)) return;
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  if (tab && tab.id !== undefined) api.tabs.sendMessage(tab.id, { type: command }, { frameId: 0 }).catch(() => {});
});
