/* The reader's switches, one definition for the popup, the options page and the content script.
 *
 * Kept in storage.sync (the browser carries them to the reader's other machines; storage.local where
 * sync is missing). Site rules stay in storage.local: they can outgrow sync's per-item quota.
 *   enabled        Chaff on everywhere (false: nothing is analysed or drawn)
 *   offSites       hosts where Chaff is off
 *   categories     {category id: drawn?}; a category turned off is still counted in the popup
 *   minSeverity    the least severe attribution drawn: 'low' (all), 'medium' or 'high'
 */
/* exported chaffSettings */
/* global chaffEngineFacts */
'use strict';

const chaffSettings = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const area = api.storage.sync ?? api.storage.local;
  const areaName = api.storage.sync ? 'sync' : 'local';
  const SEVERITY_RANK = { low: 0, medium: 1, high: 2 };
  const DEFAULTS = Object.freeze({
    enabled: true,
    offSites: [],
    // Every category of the engine (pkg/engine-facts.js, loaded first) is drawn until turned off.
    categories: Object.fromEntries(chaffEngineFacts.categories.map((c) => [c.id, true])),
    minSeverity: 'low',
  });
  const KEYS = Object.keys(DEFAULTS);

  /** Stored values over the defaults; anything malformed falls back to its default. */
  function normalise(raw) {
    const s = { ...DEFAULTS, categories: { ...DEFAULTS.categories } };
    if (typeof raw.enabled === 'boolean') s.enabled = raw.enabled;
    if (Array.isArray(raw.offSites)) s.offSites = raw.offSites.filter((h) => typeof h === 'string');
    if (raw.categories && typeof raw.categories === 'object') {
      for (const id of Object.keys(s.categories)) {
        if (typeof raw.categories[id] === 'boolean') s.categories[id] = raw.categories[id];
      }
    }
    if (Object.hasOwn(SEVERITY_RANK, raw.minSeverity)) s.minSeverity = raw.minSeverity;
    return s;
  }

  async function load() {
    return normalise(await area.get(KEYS).catch(() => ({})));
  }

  /** Saves some settings; resolves once storage has them. */
  function save(changes) {
    return area.set(changes);
  }

  /** Calls `fn(settings)` whenever a setting changes. */
  function onChange(fn) {
    api.storage.onChanged.addListener((changes, name) => {
      if (name === areaName && KEYS.some((k) => Object.hasOwn(changes, k))) load().then(fn);
    });
  }

  /** Whether Chaff runs on `host`. */
  function activeOn(s, host) {
    return s.enabled && !s.offSites.includes(host);
  }

  /** Whether a mark is drawn under these settings. */
  function shows(s, mark) {
    if (s.categories[mark.category] === false) return false;
    return !mark.severity || (SEVERITY_RANK[mark.severity] ?? 0) >= SEVERITY_RANK[s.minSeverity];
  }

  return { DEFAULTS, normalise, load, save, onChange, activeOn, shows };
})();
