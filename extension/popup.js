/* Chaff's popup: what the engine found on one tab, and a way to see each mark on the page.
 *
 * It asks the tab's content script (tabs.sendMessage getState) for the last result and draws it;
 * clicking a mark sends `reveal {index}` back. The tab is the active one, or `?tab=<id>` (used by
 * the tests, which open this page as a tab of its own). Page-derived text only ever goes in
 * through textContent, and links only when they are http(s). The drawing itself is report.js's,
 * shared with the playground.
 */
/* global chaffReport */
const api = globalThis.browser ?? globalThis.chrome;
const { el } = chaffReport;

const view = document.getElementById('view');

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

function renderMarks(tabId, result) {
  const list = el('ol', 'marks');
  for (const entry of chaffReport.entries(result.marks)) {
    const li = el('li', 'mark');
    const button = chaffReport.markButton(entry, result.summary);
    button.addEventListener('click', async () => {
      try {
        const reply = await api.tabs.sendMessage(tabId, { type: 'reveal', index: entry.index });
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
  const nodes = [chaffReport.summary(result.summary)];
  if (state.stoppedEarly) nodes.push(el('p', 'message warning stopped-early', `Stopped early: ${state.stoppedEarly}.`));
  if (state.erased) nodes.push(el('p', 'message warning erased', `Highlights erased: ${state.erased}.`));
  if (!state.canDraw) {
    nodes.push(el('p', 'message warning', 'This browser cannot draw highlights; the marks are listed below.'));
  }
  if (result.marks.length) {
    nodes.push(el('h2', 'marks-title', 'Marks'), renderMarks(tabId, result));
  } else {
    nodes.push(el('p', 'empty', chaffReport.nothingMarked(result.summary)));
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
