/* Chaff's options: the reader's site rules (sent to the background, which checks and saves them)
 * and the opt-in hiding switch (storage.local `hideNoise`, read by every content script). */
const api = globalThis.browser ?? globalThis.chrome;

const rules = document.getElementById('rules');
const save = document.getElementById('save');
const status = document.getElementById('status');
const errors = document.getElementById('errors');
const hideNoise = document.getElementById('hideNoise');

function showErrors(list) {
  errors.replaceChildren(
    ...list.map((e) => {
      const li = document.createElement('li');
      const line = document.createElement('span');
      line.className = 'line';
      line.textContent = `Line ${e.line}:`;
      const text = document.createElement('code');
      text.textContent = e.text;
      li.append(line, text, document.createTextNode(` — ${e.message}`));
      return li;
    }),
  );
}

save.addEventListener('click', async () => {
  save.disabled = true;
  status.textContent = 'Saving…';
  try {
    const reply = await api.runtime.sendMessage({ type: 'setSiteRules', text: rules.value });
    if (!reply || reply.error) throw new Error(reply ? reply.error : 'the background did not answer');
    showErrors(reply.errors);
    const n = reply.errors.length;
    status.textContent = n ? `Saved; ${n} line${n === 1 ? '' : 's'} skipped.` : 'Saved.';
  } catch (e) {
    status.textContent = `Not saved: ${e.message || e}`;
  } finally {
    save.disabled = false;
  }
});

hideNoise.addEventListener('change', () => {
  api.storage.local.set({ hideNoise: hideNoise.checked });
});

api.storage.local.get(['siteRules', 'hideNoise']).then((s) => {
  rules.value = s.siteRules || '';
  hideNoise.checked = !!s.hideNoise;
  // `?add=<rule>`: a rule from the element picker, added to the text for the reader to save.
  const added = new URLSearchParams(location.search).get('add');
  if (added) {
    rules.value = (rules.value && !rules.value.endsWith('\n') ? rules.value + '\n' : rules.value) + added + '\n';
    status.textContent = api.i18n.getMessage('ruleFromPicker');
    rules.focus();
  }
});
