/* Chaff's options: every setting the popup has, the reader's site rules, and a backup of all of it.
 *
 *   switches   on everywhere, sites where Chaff is off, categories drawn, least attribution severity
 *              (settings.js, storage.sync) and hiding (storage.local `hideNoise`): saved on change
 *   site rules sent to the background, which saves them and only then applies them; on failure the
 *              reader's text stays in the box and nothing is applied
 *   backup     export: one JSON file `{chaff, settings, hideNoise, siteRules}`; import: the whole file is
 *              checked first, then saved; a failed import leaves every old setting in place
 *   `?add=<rule>` a rule from the element picker, added to the text for the reader to save
 */
/* global chaffText, chaffSettings */
const api = globalThis.browser ?? globalThis.chrome;
const { t } = chaffText;

const $ = (id) => document.getElementById(id);
const rules = $('rules');
const save = $('save');
const status = $('status');
const errors = $('errors');
/** The version written in exported files; an import refuses other versions. */
const BACKUP_VERSION = 1;

function showErrors(list) {
  errors.replaceChildren(
    ...list.map((e) => {
      const li = document.createElement('li');
      const line = document.createElement('span');
      line.className = 'line';
      line.textContent = t('ruleLine', e.line);
      const text = document.createElement('code');
      text.textContent = e.text;
      li.append(line, text, document.createTextNode(` — ${e.message}`));
      return li;
    }),
  );
}

/** Sends the rules to the background; resolves to its line errors, or throws why nothing was saved. */
async function saveRules(text) {
  const reply = await api.runtime.sendMessage({ type: 'setSiteRules', text });
  if (!reply || reply.error) throw new Error(reply ? reply.error : t('noAnswer'));
  return reply.errors;
}

save.addEventListener('click', async () => {
  save.disabled = true;
  status.textContent = t('saving');
  try {
    const lineErrors = await saveRules(rules.value);
    showErrors(lineErrors);
    const n = lineErrors.length;
    status.textContent = n ? t('savedSkipped', n) : t('saved');
  } catch (e) {
    status.textContent = t('notSaved', e.message || e);
  } finally {
    save.disabled = false;
  }
});

// ---- switches --------------------------------------------------------------------------------------

/** The engine's words for the categories: an empty page's analysis carries them. */
async function categoryLabels() {
  const empty = { url: 'about:blank', title: '', meta: [], jsonld: [], root: { tag: 'body', attrs: [], children: [] } };
  const reply = await api.runtime.sendMessage({ type: 'analyze', snapshot: empty }).catch(() => null);
  return (reply && reply.summary && reply.summary.labels) || {};
}

async function showSettings() {
  const s = await chaffSettings.load();
  $('enabled').checked = s.enabled;
  $('offSites').value = s.offSites.join('\n');
  $('minSeverity').value = s.minSeverity;
  const labels = await categoryLabels();
  $('categories').replaceChildren(
    ...Object.keys(s.categories).map((id) => {
      const label = document.createElement('label');
      label.className = 'check';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.id = 'show-' + id;
      box.checked = s.categories[id];
      box.addEventListener('change', async () => {
        const now = await chaffSettings.load();
        chaffSettings.save({ categories: { ...now.categories, [id]: box.checked } });
      });
      const text = document.createElement('span');
      text.textContent = labels[id] || id;
      label.append(box, text);
      return label;
    }),
  );
  const { hideNoise } = await api.storage.local.get('hideNoise');
  $('hideNoise').checked = !!hideNoise;
}

$('enabled').addEventListener('change', () => chaffSettings.save({ enabled: $('enabled').checked }));
$('offSites').addEventListener('change', () =>
  chaffSettings.save({ offSites: [...new Set($('offSites').value.split(/\s+/).filter(Boolean))] }),
);
$('minSeverity').addEventListener('change', () => chaffSettings.save({ minSeverity: $('minSeverity').value }));
$('hideNoise').addEventListener('change', () => api.storage.local.set({ hideNoise: $('hideNoise').checked }));

// ---- backup ----------------------------------------------------------------------------------------

$('export').addEventListener('click', async () => {
  const settings = await chaffSettings.load();
  const { siteRules, hideNoise } = await api.storage.local.get(['siteRules', 'hideNoise']);
  const file = { chaff: BACKUP_VERSION, settings, hideNoise: !!hideNoise, siteRules: siteRules || '' };
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
  a.download = 'chaff-settings.json';
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  $('backupStatus').textContent = t('exported');
});

/** The backup in `text`, checked whole; throws a reader's explanation when it is not one. */
function readBackup(text) {
  let file;
  try {
    file = JSON.parse(text);
  } catch (_) {
    throw new Error(t('importNotJson'));
  }
  if (!file || file.chaff !== BACKUP_VERSION || typeof file.settings !== 'object' || typeof file.siteRules !== 'string') {
    throw new Error(t('importNotBackup'));
  }
  return file;
}

$('import').addEventListener('change', async (event) => {
  const input = event.target;
  const [picked] = input.files;
  input.value = '';
  if (!picked) return;
  const before = await chaffSettings.load();
  try {
    const file = readBackup(await picked.text());
    await chaffSettings.save(chaffSettings.normalise(file.settings));
    try {
      showErrors(await saveRules(file.siteRules));
    } catch (e) {
      await chaffSettings.save(before);
      throw e;
    }
    await api.storage.local.set({ hideNoise: !!file.hideNoise });
    rules.value = file.siteRules;
    await showSettings();
    $('backupStatus').textContent = t('imported');
  } catch (e) {
    $('backupStatus').textContent = t('notImported', e.message || e);
  }
});

// ---- start -----------------------------------------------------------------------------------------

chaffText.apply();
showSettings();
api.storage.local.get('siteRules').then((s) => {
  rules.value = s.siteRules || '';
  const added = new URLSearchParams(location.search).get('add');
  if (added) {
    rules.value = (rules.value && !rules.value.endsWith('\n') ? rules.value + '\n' : rules.value) + added + '\n';
    status.textContent = t('ruleFromPicker');
    rules.focus();
  }
});
