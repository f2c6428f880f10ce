/* Chaff's words for the reader: one lookup over `_locales/<lang>/messages.json`.
 *
 * In the extension the browser's i18n API picks the reader's language. The playground, which is not
 * an extension page, hands over the English file itself (`chaffText.use(messages)`). Substitutions are
 * `$1`…`$9`, as the i18n API writes them. `apply(root)` fills every `[data-i18n]` element's text.
 */
/* exported chaffText */
'use strict';

const chaffText = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  /** messages.json as loaded by a page outside the extension, or null. */
  let table = null;

  function t(key, ...subs) {
    const strings = subs.map(String);
    const native = api && api.i18n && api.i18n.getMessage ? api.i18n.getMessage(key, strings) : '';
    if (native) return native;
    const entry = table && table[key];
    if (!entry) return key;
    return entry.message.replace(/\$(\d)/g, (_, n) => strings[Number(n) - 1] ?? '');
  }

  function use(messages) {
    table = messages;
  }

  function apply(root = document) {
    for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  }

  return { t, use, apply };
})();
