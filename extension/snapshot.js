/* Chaff's snapshot writer: one compact, serialisable picture of a document for the engine.
 *
 * The one writer for every JavaScript door: the extension's content script loads it before
 * content.js, and the playground loads the copy the build puts in www/pkg/. The format is the
 * engine's (src/page/snapshot.rs):
 *
 *   { url, title, meta: [[name, content], …, ["canonical", href]], jsonld: ["{…}", …],
 *     root: { tag: "body", attrs: [[name, value], …], children: ["text", { tag, attrs, children }, …] } }
 *
 * Text nodes (string children) are numbered in document order over the whole snapshot, counting
 * every string child. `textNodes[i]` is the DOM Text node written as string number i, so a mark's
 * anchor `{node, offset}` becomes a Range with `setStart(textNodes[node], offset)`.
 *
 * The writer leaves out only what is never text to a reader or must not be read: the children of
 * script/style/noscript/template (size), editable regions entirely (input, textarea, select,
 * [contenteditable]: the reader's own typing is none of our business), `style` and `on*` attributes
 * and attribute values over MAX_ATTR_CHARS. Everything else goes in; the engine decides what counts.
 */
/* exported chaffSnapshot */
'use strict';

/**
 * @param {Document} doc  a live document or one from DOMParser
 * @param {{url?: string}} [options]  url: the page address when `doc` has none of its own (DOMParser)
 * @returns {{snapshot: object, textNodes: Text[]}}
 */
function chaffSnapshot(doc, options) {
  /** Attribute values longer than this are dropped (data URIs, serialised state). */
  const MAX_ATTR_CHARS = 500;
  /** Deeper elements are left out: a guard against pathological pages, far beyond real ones. */
  const MAX_DEPTH = 400;
  /** Elements written without their children. */
  const CHILDLESS = new Set(['script', 'style', 'noscript', 'template']);
  /** Elements left out entirely: the reader's editable fields. */
  const EDITABLE = new Set(['input', 'textarea', 'select']);

  const url = (options && options.url) || doc.URL || '';
  const textNodes = [];

  const isEditable = (el) => {
    if (EDITABLE.has(el.localName)) return true;
    const ce = el.getAttribute('contenteditable');
    return ce !== null && ce.toLowerCase() !== 'false';
  };

  const attrsOf = (el) => {
    const out = [];
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name === 'style' || name.startsWith('on') || a.value.length > MAX_ATTR_CHARS) continue;
      out.push([name, a.value]);
    }
    return out;
  };

  const write = (el, depth) => {
    const tag = el.localName.toLowerCase();
    const node = { tag, attrs: attrsOf(el), children: [] };
    if (CHILDLESS.has(tag) || depth >= MAX_DEPTH) return node;
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3 /* TEXT_NODE */) {
        textNodes.push(child);
        node.children.push(child.data);
      } else if (child.nodeType === 1 /* ELEMENT_NODE */ && !isEditable(child)) {
        node.children.push(write(child, depth + 1));
      }
    }
    return node;
  };

  const absolute = (href) => {
    try {
      return new URL(href, url).href;
    } catch (_) {
      return href;
    }
  };

  const meta = [];
  for (const m of doc.querySelectorAll('meta[content]')) {
    const name = m.getAttribute('name') || m.getAttribute('property') || m.getAttribute('itemprop');
    if (name) meta.push([name, m.getAttribute('content')]);
  }
  const canonical = doc.querySelector('link[rel~="canonical" i][href]');
  if (canonical) meta.push(['canonical', absolute(canonical.getAttribute('href'))]);

  const jsonld = [];
  for (const s of doc.querySelectorAll('script[type="application/ld+json" i]')) jsonld.push(s.textContent);

  const body = doc.body || doc.documentElement;
  const editableDoc = doc.designMode === 'on' || (body && isEditable(body));
  const root = body && !editableDoc ? write(body, 0) : { tag: 'body', attrs: [], children: [] };

  return { snapshot: { url, title: doc.title || '', meta, jsonld, root }, textNodes };
}
