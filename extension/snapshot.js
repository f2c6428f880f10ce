/* Chaff's snapshot writer: one compact, serialisable picture of a document for the engine.
 *
 * The one writer for every JavaScript door: the extension's content script loads it before
 * content.js, and the playground loads the copy the build puts in www/pkg/. The format is the
 * engine's (src/page/snapshot.rs):
 *
 *   { url, title, meta: [[name, content], …, ["canonical", href]], jsonld: ["{…}", …],
 *     root: { tag: "body", attrs: [[name, value], …], children: ["text", { tag, attrs, children }, …] } }
 *
 * `attrs` and `children` are left out when empty (the engine's decoder defaults them), and text that is
 * only whitespace goes as one space.
 *
 * Text nodes (string children) are numbered in document order over the whole snapshot, counting
 * every string child. `textNodes[i]` is the DOM Text node written as string number i, so a mark's
 * anchor `{node, offset}` becomes a Range with `setStart(textNodes[node], offset)`.
 *
 * What goes in: text once, and per element its tag and only the attributes the engine reads
 * (`options.attributes`, which the background gets from the engine: the page builder's own plus
 * those the site rules test; without it every attribute is kept). Left out: the children of
 * script/style/noscript/template, editable regions entirely (input, textarea, select,
 * [contenteditable]: the reader's own typing is none of our business) and attribute values over
 * MAX_ATTR_CHARS. Open shadow roots (web components) are read where the page draws them, slotted
 * children in their slots (`enter()`); `shadowRoots` lists them for the content script. Closed roots
 * are not read.
 *
 * A hostile page cannot steer the walk: it reads the DOM only through the prototypes' getters and
 * methods (a `<form>` whose `<input name="nextSibling">` shadows the property, or `name="attributes"`,
 * changes nothing), it is a loop with its own stack (no recursion, any depth), and each node is
 * visited once. Elements nested deeper than MAX_NESTING are written flat, in document order, inside
 * their ancestor at that depth: their text is kept, only their nesting is lost. Past MAX_ELEMENTS
 * elements or MAX_TEXT_CHARS of text the walk stops and says so in `stoppedEarly`.
 */
/* exported chaffProto, chaffSnapshot, chaffSnapshotWalk */
'use strict';

/**
 * The prototypes' own getters and methods, as functions of the node: a page's named properties (a
 * `<form>` control named `nextSibling`) cannot shadow these. Shared by the walk, the content script
 * and the element picker.
 */
const chaffProto = Object.freeze({
  getter(proto, name) {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    return (self) => d.get.call(self);
  },
  method(proto, name) {
    const f = proto[name];
    return (self, ...args) => f.apply(self, args);
  },
});

/**
 * A resumable walk: `step(maxNodes)` visits up to that many nodes and returns true once done;
 * `result()` then gives `{snapshot, textNodes, stats}`. The content script runs it in slices so the
 * page stays responsive; `chaffSnapshot` runs it at once.
 *
 * @param {Document} doc  a live document or one from DOMParser
 * @param {{url?: string, attributes?: string[]}} [options]  url: the page address when `doc` has none
 *   of its own (DOMParser); attributes: the attribute names to keep (all when absent)
 */
function chaffSnapshotWalk(doc, options) {
  /** Attribute values longer than this are dropped (data URIs, serialised state). */
  const MAX_ATTR_CHARS = 500;
  /**
   * Deeper elements are written flat inside their ancestor at this depth (text kept, nesting lost).
   * Real pages stay under 60 levels. The engine decodes a tree 512 levels deep (src/page/snapshot.rs
   * MAX_TREE_DEPTH, counting the root and text): this, PHRASING_SLACK and those two fit in it. Below
   * it the CLI's writer keeps the same nesting (tests/e2e/writers.test.mjs compares a 450-deep page).
   */
  const MAX_NESTING = 478;
  /** The walk stops after this many elements (a 100,000-span page is 100,001). */
  const MAX_ELEMENTS = 300000;
  /** The walk stops after this much text (UTF-16 units): 40 long articles' worth. */
  const MAX_TEXT_CHARS = 2000000;
  /**
   * Phrasing elements stay nested inside a folded parent for this many levels past MAX_NESTING (a link
   * inside a deep paragraph keeps the sentence whole); deeper, they are folded too.
   */
  const PHRASING_SLACK = 32;
  const PHRASING = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'font', 'i', 'kbd', 'label', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var']);
  /** Text that is only whitespace. */
  const WHITESPACE = /^\s+$/;
  /** Elements written without their children. */
  const CHILDLESS = new Set(['script', 'style', 'noscript', 'template']);
  /** Elements left out entirely: the reader's editable fields. */
  const EDITABLE = new Set(['input', 'textarea', 'select']);

  const { getter, method } = chaffProto;
  const firstChild = getter(Node.prototype, 'firstChild');
  const shadowRoot = getter(Element.prototype, 'shadowRoot');
  const assignedNodes = method(HTMLSlotElement.prototype, 'assignedNodes');
  const nextSibling = getter(Node.prototype, 'nextSibling');
  const nodeType = getter(Node.prototype, 'nodeType');
  const textContent = getter(Node.prototype, 'textContent');
  const localName = getter(Element.prototype, 'localName');
  const attributes = getter(Element.prototype, 'attributes');
  const hasAttributes = method(Element.prototype, 'hasAttributes');
  const getAttribute = method(Element.prototype, 'getAttribute');
  const mapLength = getter(NamedNodeMap.prototype, 'length');
  const mapItem = method(NamedNodeMap.prototype, 'item');
  const attrName = getter(Attr.prototype, 'name');
  const attrValue = getter(Attr.prototype, 'value');
  const textData = getter(CharacterData.prototype, 'data');
  const docURL = getter(Document.prototype, 'URL');
  const docTitle = getter(Document.prototype, 'title');
  const docBody = getter(Document.prototype, 'body');
  const docElement = getter(Document.prototype, 'documentElement');
  const docDesignMode = getter(Document.prototype, 'designMode');
  const queryAll = method(Document.prototype, 'querySelectorAll');
  const query = method(Document.prototype, 'querySelector');

  const keep = options && Array.isArray(options.attributes) ? new Set(options.attributes) : null;
  const url = (options && options.url) || docURL(doc) || '';
  const textNodes = [];
  /** The open shadow roots the walk entered, in document order (the content script draws and watches there). */
  const shadowRoots = [];
  const stats = { elements: 0, textChars: 0, flattened: 0, deepest: 0 };
  let stoppedEarly = null;

  const isEditable = (el, tag) => {
    if (EDITABLE.has(tag)) return true;
    const ce = getAttribute(el, 'contenteditable');
    return ce !== null && ce.toLowerCase() !== 'false';
  };

  const attrsOf = (el) => {
    const out = [];
    if (!hasAttributes(el)) return out;
    const map = attributes(el);
    const n = mapLength(map);
    for (let i = 0; i < n; i++) {
      const a = mapItem(map, i);
      const name = attrName(a).toLowerCase();
      if (keep ? !keep.has(name) : name === 'style' || name.startsWith('on')) continue;
      const value = attrValue(a);
      if (value.length <= MAX_ATTR_CHARS) out.push([name, value]);
    }
    return out;
  };

  // The CLI's writer (src/html) does the same: the first of property, name, itemprop names a meta
  // (src/page/snapshot.rs META_NAME_ATTRIBUTES), lowercased.
  const meta = [];
  for (const m of queryAll(doc, 'meta[content]')) {
    const name = getAttribute(m, 'property') || getAttribute(m, 'name') || getAttribute(m, 'itemprop');
    if (name) meta.push([name.toLowerCase(), getAttribute(m, 'content')]);
  }
  const canonical = query(doc, 'link[rel~="canonical" i][href]');
  if (canonical) {
    const href = getAttribute(canonical, 'href');
    let absolute = href;
    try {
      absolute = new URL(href, url).href;
    } catch (_) {
      /* kept as written */
    }
    meta.push(['canonical', absolute]);
  }
  const jsonld = [];
  for (const s of queryAll(doc, 'script[type="application/ld+json" i]')) jsonld.push(textContent(s));

  const bodyEl = docBody(doc) || docElement(doc);
  const editableDoc = docDesignMode(doc) === 'on' || (bodyEl && isEditable(bodyEl, localName(bodyEl)));
  const root = { tag: 'body', attrs: [], children: [] };
  const snapshot = { url, title: docTitle(doc) || '', meta, jsonld, root };

  // One frame per open element: its DOM node, where its children go (`out`), its depth in the snapshot.
  // Past MAX_NESTING an element is folded: written into `flat` (the children of the element at
  // MAX_NESTING) as a copy of its shell, only once text comes, so empty deep elements cost nothing.
  // Phrasing elements (links, emphasis) stay nested in their parent's copy for PHRASING_SLACK more
  // levels, so a sentence with a link is not cut apart. `epoch` counts additions to `flat`: a frame whose
  // copy is older than the last addition starts a new copy, so the text stays in document order.
  const stack = [];
  let cursor = null;
  let epoch = 0;
  /** Every element object written, so that empty `attrs` and `children` can be left out at the end. */
  const written = [];
  if (bodyEl && !editableDoc) {
    const tag = localName(bodyEl).toLowerCase();
    root.tag = tag;
    root.attrs = attrsOf(bodyEl);
    stats.elements = 1;
    stack.push({ dom: bodyEl, tag, attrs: root.attrs, out: root.children, depth: 0, flat: null, epoch, el: null, hasText: false });
    cursor = enter(stack[0]);
  }

  /**
   * An element with no visible text below it (none, or only whitespace) holds no block, so the engine
   * never reads its attributes or its empty children (icons, images, wrappers): only its tag stays (a
   * block boundary), its text nodes (numbered, so kept) and any `br` below.
   */
  function textless(el) {
    el.attrs = [];
    el.children = el.children.filter((c) => typeof c === 'string' || c.tag === 'br' || c.children.length);
  }

  /** Where `frame`'s next child goes: its own list, or (folded) a current copy of it in `flat`. */
  function outOf(frame) {
    if (frame.depth <= MAX_NESTING) return frame.out;
    if (frame.out === null || frame.epoch !== epoch) {
      const copy = { tag: frame.tag, attrs: frame.attrs, children: [] };
      frame.flat.push(copy);
      written.push(copy);
      frame.out = copy.children;
      frame.epoch = ++epoch;
    }
    return frame.out;
  }

  /**
   * Open shadow roots: the walk follows the flat tree, as the page is drawn. A shadow host's children
   * are its open shadow root's (its light children appear where a slot takes them, unassigned ones are
   * not drawn and not read), a slot's are the nodes assigned to it, or its fallback content when none
   * are. Such a list is fixed when the walk enters the element (`frame.kids`, `frame.at`); any other
   * element's children are read with firstChild/nextSibling as it goes. Closed roots are left alone
   * (the getter does not give them).
   */
  function enter(frame) {
    const el = frame.dom;
    const root = shadowRoot(el);
    let kids = null;
    if (root) {
      shadowRoots.push(root);
      kids = [];
      for (let c = firstChild(root); c !== null; c = nextSibling(c)) kids.push(c);
    } else if (frame.tag === 'slot' && el instanceof HTMLSlotElement) {
      const assigned = assignedNodes(el);
      if (assigned.length) kids = [...assigned];
    }
    if (kids === null) return firstChild(el);
    frame.kids = kids;
    frame.at = 0;
    return kids.length ? kids[0] : null;
  }

  /** The child of `frame`'s element after `node`, in the flat tree. */
  function after(frame, node) {
    if (!frame.kids) return nextSibling(node);
    frame.at += 1;
    return frame.at < frame.kids.length ? frame.kids[frame.at] : null;
  }

  function step(maxNodes) {
    for (let visited = 0; visited < maxNodes && stack.length; visited++) {
      const top = stack[stack.length - 1];
      if (cursor === null) {
        stack.pop();
        if (top.hasText) {
          if (stack.length) stack[stack.length - 1].hasText = true;
        } else if (top.el) {
          textless(top.el);
        }
        if (stack.length) cursor = after(stack[stack.length - 1], top.dom);
        continue;
      }
      const node = cursor;
      const type = nodeType(node);
      if (type === 3 /* TEXT_NODE */) {
        let data = textData(node);
        if (stats.textChars + data.length > MAX_TEXT_CHARS) {
          // Keep the part within the bound (never half a surrogate pair); offsets into the node stay valid.
          let cut = MAX_TEXT_CHARS - stats.textChars;
          if (cut > 0 && /[\uD800-\uDBFF]/.test(data[cut - 1])) cut -= 1;
          data = data.slice(0, cut);
        }
        // Whitespace between tags (indentation) goes as one space: the engine collapses it anyway, and an
        // offset into it stays a valid position in the node.
        if (data.length > 1 && WHITESPACE.test(data)) data = ' ';
        textNodes.push(node);
        outOf(top).push(data);
        if (/\S/.test(data)) top.hasText = true;
        stats.textChars += data.length;
      } else if (type === 1 /* ELEMENT_NODE */) {
        const tag = localName(node).toLowerCase();
        if (!isEditable(node, tag)) {
          const depth = top.depth + 1;
          if (depth > stats.deepest) stats.deepest = depth;
          stats.elements += 1;
          const folded = depth > MAX_NESTING && !(PHRASING.has(tag) && depth <= MAX_NESTING + PHRASING_SLACK);
          const attrs = attrsOf(node);
          let frame;
          if (folded) {
            stats.flattened += 1;
            frame = { dom: node, tag, attrs, out: null, depth: MAX_NESTING + 1, flat: top.flat, epoch: -1, el: null, hasText: false };
          } else {
            const el = { tag, attrs, children: [] };
            outOf(top).push(el);
            written.push(el);
            const flat = depth === MAX_NESTING ? el.children : top.flat;
            frame = { dom: node, tag, attrs, out: el.children, depth, flat, epoch, el, hasText: false };
            if (CHILDLESS.has(tag)) textless(el);
          }
          if (!CHILDLESS.has(tag) && stats.elements < MAX_ELEMENTS) {
            stack.push(frame);
            cursor = enter(frame);
            continue;
          }
        }
      }
      if (stats.textChars >= MAX_TEXT_CHARS) {
        stop(`the page has more than ${MAX_TEXT_CHARS.toLocaleString('en')} characters of text`);
        continue;
      }
      if (stats.elements >= MAX_ELEMENTS) {
        stop(`the page has more than ${MAX_ELEMENTS.toLocaleString('en')} elements`);
        continue;
      }
      cursor = after(top, node);
    }
    return stack.length === 0;
  }

  function stop(why) {
    stoppedEarly = `${why}; Chaff read the part before that`;
    stack.length = 0;
  }

  /** Leaves out empty `attrs` and `children` (the engine's decoder defaults them): a third of a bare element. */
  function trim() {
    for (const el of written) {
      if (!el.attrs.length) delete el.attrs;
      if (!el.children.length) delete el.children;
    }
    written.length = 0;
  }

  return {
    step,
    result: () => {
      trim();
      return { snapshot, textNodes, shadowRoots, stats: { ...stats, stoppedEarly } };
    },
  };
}

/**
 * The whole snapshot at once (the playground's door).
 * @param {Document} doc
 * @param {{url?: string, attributes?: string[]}} [options]
 * @returns {{snapshot: object, textNodes: Text[], stats: object}}
 */
function chaffSnapshot(doc, options) {
  const walk = chaffSnapshotWalk(doc, options);
  while (!walk.step(Infinity));
  return walk.result();
}
