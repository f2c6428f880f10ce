/* Chaff's popup: what the engine found on one tab, and a way to see each mark on the page.
 *
 *   targetTab()  the active tab, or `?tab=<id>[&url=<address>]` (the tests open this page as a tab
 *                of its own, where "active" would mean the popup itself)
 *   poll()       asks the tab's content script (tabs.sendMessage getState) until it has a result;
 *                while it has none the popup says "Analysing…", and it says Chaff cannot run only
 *                where that is true (a tab whose address is not http or https)
 *   render()     summary, then the marks grouped by category and severity (low-severity
 *                attributions folded), the analysis time, and copy/save of the report as the CLI's
 *                JSON; clicking a mark sends `reveal {index}` back to the tab; "Pick an element"
 *                sends `pick` (the tab's element picker, picker.js) and closes the popup
 *
 *   switches()   Chaff on this site / everywhere, then (once the engine has named the categories) a
 *                switch per category, the least attribution severity drawn, and hiding; each is
 *                saved at once (settings.js, storage) and the page follows
 *
 * Page-derived text only ever goes in through textContent, and links only when they are http(s).
 * The drawing of the summary and of each mark is report.js's, shared with the playground.
 */
/* global chaffReport, chaffText, chaffSettings */
const api = globalThis.browser ?? globalThis.chrome;
const { el } = chaffReport;
const { t } = chaffText;

/** The popup speaks with the tab's top page; each frame inside it is analysed and drawn on its own. */
const TOP = { frameId: 0 };
/** How often the popup asks the tab for its state while the page is still being read. */
const POLL_MS = 250;
/** After this long without an answer from an http(s) page, the popup says why it may be waiting. */
const SLOW_MS = 3000;

const view = document.getElementById('view');
const status = document.getElementById('status');

function show(...nodes) {
  view.replaceChildren(...nodes);
}

function showMessage(kind, title, detail) {
  const box = el('section', 'message ' + kind);
  box.append(el('p', 'message-title', title));
  if (detail) box.append(el('p', 'message-detail', detail));
  show(box);
  status.textContent = title;
}

async function targetTab() {
  const params = new URLSearchParams(location.search);
  if (params.get('tab') !== null) return { id: Number(params.get('tab')), url: params.get('url') ?? undefined };
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

/** False only when the address is known and Chaff's content script cannot run there. */
function mayRun(url) {
  if (!url) return true;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch (_) {
    return true;
  }
}

function markList(tabId, entries, summary) {
  const list = el('ol', 'marks');
  for (const entry of entries) {
    const li = el('li', 'mark');
    const button = chaffReport.markButton(entry, summary);
    button.setAttribute('aria-label', markLabel(entry, summary));
    button.addEventListener('click', async () => {
      try {
        const reply = await api.tabs.sendMessage(tabId, { type: 'reveal', index: entry.index }, TOP);
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

/**
 * What a screen reader reads for a mark's button: category, severity and parts, the reason, then the
 * marked text (the button's visible chips alone would read "Unconfirmed attribution high Hearsay…").
 */
function markLabel({ mark, texts }, summary) {
  const what = [chaffReport.label(summary, mark.category)];
  if (mark.severity) what.push(t('severityLabel', t('severity_' + mark.severity)));
  if (texts.length > 1) what.push(t('parts', texts.length));
  return t('markLabel', what.join(', '), mark.reason, chaffReport.excerpt(texts.join(' · ')));
}

/** One heading per category (and severity), each with its list; low-severity marks folded. */
function markGroups(tabId, result) {
  const entries = chaffReport.entries(result.marks);
  const sections = [];
  for (const group of chaffReport.groups(entries, result.summary)) {
    const name = chaffReport.label(result.summary, group.category);
    const title = group.severity ? t('groupSeverity', name, t('severity_' + group.severity)) : name;
    const list = markList(tabId, group.entries, result.summary);
    const count = el('span', 'group-n', group.entries.length);
    // Read as "Repost noise, 2 marks": the count is a separate chip on screen.
    const spoken = t('groupLabel', title, group.entries.length);
    if (group.severity === 'low') {
      const fold = el('details', 'group low');
      const summary = el('summary', 'group-title', title);
      summary.setAttribute('aria-label', spoken);
      summary.append(count);
      fold.append(summary, list);
      sections.push(fold);
    } else {
      const section = el('section', 'group');
      section.dataset.category = group.category;
      const h = el('h2', 'group-title', title);
      h.setAttribute('aria-label', spoken);
      h.append(count);
      section.append(h, list);
      sections.push(section);
    }
  }
  return sections;
}

function actions(tabId, url, result) {
  const bar = el('div', 'actions');
  const copy = el('button', 'action', t('copyReport'));
  copy.type = 'button';
  copy.id = 'copy';
  const json = () => chaffReport.reportJson(url || '', result);
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(json());
      status.textContent = t('reportCopied');
    } catch (e) {
      status.textContent = t('couldNotCopy', e.message || e);
    }
  });
  const save = el('a', 'action', t('saveReport'));
  save.id = 'save';
  save.download = `chaff-report-${hostOf(url) || 'page'}.json`;
  save.href = URL.createObjectURL(new Blob([json()], { type: 'application/json' }));
  const pick = el('button', 'action', t('pickElement'));
  pick.type = 'button';
  pick.id = 'pick';
  pick.addEventListener('click', async () => {
    await api.tabs.sendMessage(tabId, { type: 'pick' }, TOP).catch(() => {});
    window.close();
  });
  bar.append(copy, save, pick);
  return bar;
}

function checkbox(id, label, checked, onChange) {
  const box = el('label', 'switch');
  const input = el('input');
  input.type = 'checkbox';
  input.id = id;
  input.checked = checked;
  input.addEventListener('change', () => onChange(input.checked));
  box.append(input, el('span', null, label));
  return box;
}

/** The reader's switches for this tab; `summary` (labels) is null until the page has a result. */
async function switches(tab, url, summary) {
  const host = (() => {
    try {
      return new URL(url).hostname;
    } catch (_) {
      return '';
    }
  })();
  const s = await chaffSettings.load();
  /** Saves an on/off change, then shows the page's state once the page has followed it. */
  const turn = async (changes) => {
    await chaffSettings.save(changes);
    const off = !chaffSettings.activeOn({ ...s, ...changes }, host);
    await poll(tab, (state) => !!state.off === off);
  };
  const nodes = [
    checkbox('on-site', t('onThisSite'), !s.offSites.includes(host), (on) =>
      turn({ offSites: on ? s.offSites.filter((h) => h !== host) : [...new Set([...s.offSites, host])] }),
    ),
    checkbox('on-everywhere', t('onEverywhere'), s.enabled, (on) => turn({ enabled: on })),
  ];
  if (summary) {
    const shown = el('fieldset', 'shown');
    shown.append(el('legend', null, t('draw')));
    for (const { id } of summary.categories) {
      shown.append(
        checkbox('show-' + id, chaffReport.label(summary, id), s.categories[id] !== false, (on) =>
          chaffSettings.save({ categories: { ...s.categories, [id]: on } }),
        ),
      );
    }
    const severity = el('label', 'switch');
    const select = el('select');
    select.id = 'min-severity';
    for (const level of ['low', 'medium', 'high']) {
      const option = el('option', null, t('minSeverity_' + level));
      option.value = level;
      option.selected = s.minSeverity === level;
      select.append(option);
    }
    select.addEventListener('change', () => chaffSettings.save({ minSeverity: select.value }));
    severity.append(el('span', null, t('severityFilter')), select);
    const { hideNoise } = await api.storage.local.get('hideNoise');
    shown.append(severity, checkbox('hide-noise', t('hideNoise'), !!hideNoise, (on) => api.storage.local.set({ hideNoise: on })));
    nodes.push(shown);
  }
  const box = document.getElementById('switches');
  box.replaceChildren(...nodes);
  box.hidden = false;
}

function render(tab, state) {
  const url = state.url || tab.url;
  document.getElementById('host').textContent = hostOf(url);
  if (state.off) {
    switches(tab, url, null);
    showMessage('pending', t('chaffOff'));
    return true;
  }
  if (state.error) {
    showMessage('error', t('markingOff', state.error));
    return true;
  }
  const result = state.result;
  if (!result) return false;
  switches(tab, url, result.summary);
  const nodes = [chaffReport.summary(result.summary)];
  if (state.stoppedEarly) nodes.push(el('p', 'message warning stopped-early', `Stopped early: ${state.stoppedEarly}.`));
  if (state.erased) nodes.push(el('p', 'message warning erased', `Highlights erased: ${state.erased}.`));
  if (!state.canDraw) {
    nodes.push(el('p', 'message warning', t('cannotDraw')));
  }
  const n = chaffReport.entries(result.marks).length;
  const count = n === 1 ? t('markCountOne') : t('markCountMany', n);
  const took = typeof result.elapsed_ms === 'number' ? t('analysedIn', count, result.elapsed_ms.toFixed(1)) : count;
  nodes.push(el('p', 'timing', took));
  if (result.marks.length) nodes.push(...markGroups(tab.id, result));
  else nodes.push(el('p', 'empty', chaffReport.nothingMarked(result.summary)));
  nodes.push(actions(tab.id, url, result));
  show(...nodes);
  status.textContent = t('onThisPage', count);
  return true;
}

/** Asks the tab for its state until it has one to show (and `wanted(state)` holds), then shows it. */
async function poll(tab, wanted = () => true) {
  const started = Date.now();
  let slowShown = false;
  for (;;) {
    let state = null;
    try {
      state = await api.tabs.sendMessage(tab.id, { type: 'getState' }, TOP);
    } catch (_) {
      state = null;
    }
    if (state && wanted(state) && render(tab, state)) return;
    if (!state && !slowShown && Date.now() - started > SLOW_MS) {
      slowShown = true;
      showMessage('pending', t('analysing'), t('analysingDetail'));
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function main() {
  let tab;
  try {
    tab = await targetTab();
  } catch (e) {
    showMessage('error', t('markingOff', e.message || e));
    return;
  }
  if (!tab || tab.id === undefined || Number.isNaN(tab.id)) {
    showMessage('error', t('markingOff', t('noPage')));
    return;
  }
  if (!mayRun(tab.url)) {
    document.getElementById('host').textContent = hostOf(tab.url);
    showMessage('error', t('markingOff', t('doesNotRun')), t('doesNotRunDetail'));
    return;
  }
  await poll(tab);
}

chaffText.apply();
main();

document.getElementById('options').addEventListener('click', (event) => {
  event.preventDefault();
  api.runtime.openOptionsPage().then(() => window.close(), () => {});
});

/** The extension's shortcuts as the browser has them bound, and a way to change them. */
async function listShortcuts() {
  const list = document.getElementById('shortcut-list');
  const commands = await api.commands.getAll().catch(() => []);
  for (const c of commands) {
    list.append(el('dt', null, c.shortcut || t('unbound')), el('dd', null, c.description || t('cmdSummary')));
  }
  document.getElementById('rebind').addEventListener('click', () => {
    // Firefox opens its own page; Chromium keeps shortcuts at chrome://extensions/shortcuts.
    if (api.commands.openShortcutSettings) api.commands.openShortcutSettings();
    else api.tabs.create({ url: 'chrome://extensions/shortcuts' });
  });
}

listShortcuts();
