/* Chaff's snapshot writer: one compact, serialisable picture of a document for the engine.
 *
 * The one writer for every JavaScript door: the extension's content script loads it before
 * content.js, and the playground loads the copy the build puts in www/pkg/. Both need pkg/engine-facts.js
 * (the engine's facts: block tags, display values) loaded first. The format is the engine's flat form
 * (src/page/snapshot.rs):
 *
 *   { url, title, meta: [[name, content], …, ["canonical", href]], jsonld: ["{…}", …],
 *     nodes: [{ tag: "body", attrs: [[name, value], …] }, "text", { tag: "span", display: "block" }, "…", 2] }
 *
 * An object opens an element, a string is a text node, a number closes that many elements. `attrs` is
 * left out when empty, and text that is only whitespace goes as one space. `display` says how the page
 * draws an element where its tag would mislead the engine: "block" for an element drawn as a box of its
 * own whose tag is not one of the engine's block tags (a span in a flex row), "spaced" for an inline one
 * set apart by a margin or padding (`displayOf`); without it `<span>T</span><span>Talus</span>` reads
 * "TTalus".
 *
 * Text nodes (strings) are numbered in document order over the whole snapshot. `textNodes[i]` is the
 * DOM Text node written as string number i, so a mark's anchor `{node, offset}` becomes a Range with
 * `setStart(textNodes[node], offset)`.
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
 * visited once; the flat form has no depth to bound. Past MAX_ELEMENTS elements or MAX_TEXT_CHARS of
 * text the walk stops and says so in `stoppedEarly`.
 */
/* global chaffEngineFacts */
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
  /** The walk stops after this many elements (a 100,000-span page is 100,001). */
  const MAX_ELEMENTS = 300000;
  /** The walk stops after this much text (UTF-16 units): 40 long articles' worth. */
  const MAX_TEXT_CHARS = 2000000;
  /** Text that is only whitespace. */
  const WHITESPACE = /^\s+$/;
  /** Elements written without their children. */
  const CHILDLESS = new Set(['script', 'style', 'noscript', 'template']);
  /** Elements left out entirely: the reader's editable fields. */
  const EDITABLE = new Set(['input', 'textarea', 'select']);
  /** The engine's block tags, the display values it takes as boxes, the least margin that is a space. */
  const BLOCK_TAGS = new Set(chaffEngineFacts.blockTags);
  const SKIPPED_TAGS = new Set(chaffEngineFacts.skippedTags);
  const BLOCK_DISPLAYS = new Set(chaffEngineFacts.blockLevelDisplays);
  const MIN_GAP_PX = chaffEngineFacts.minGapPx;
  const BLOCKIFYING = {
    parentDisplay: new Set(chaffEngineFacts.blockifying.parentDisplay),
    float: new Set(chaffEngineFacts.blockifying.float),
    position: new Set(chaffEngineFacts.blockifying.position),
  };
  /** CSS px per em where a written length has no computed value (a DOMParser document): the default font size. */
  const PX_PER_EM = 16;

  const { getter, method } = chaffProto;
  const firstChild = getter(Node.prototype, 'firstChild');
  const parentElement = getter(Node.prototype, 'parentElement');
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
  const docView = getter(Document.prototype, 'defaultView');
  const styleOf = getter(HTMLElement.prototype, 'style');
  const getProperty = method(CSSStyleDeclaration.prototype, 'getPropertyValue');
  const queryAll = method(Document.prototype, 'querySelectorAll');
  const query = method(Document.prototype, 'querySelector');

  const keep = options && Array.isArray(options.attributes) ? new Set(options.attributes) : null;
  // A live document has computed styles; a DOMParser one has none, and then the `style` attribute is
  // all there is, as for the CLI's writer (src/page/snapshot.rs Display::from_style).
  const view = docView(doc);
  const computed = view ? (el) => view.getComputedStyle(el) : (el) => (el instanceof HTMLElement ? styleOf(el) : null);
  const url = (options && options.url) || docURL(doc) || '';
  const textNodes = [];
  /** The open shadow roots the walk entered, in document order (the content script draws and watches there). */
  const shadowRoots = [];
  const stats = { elements: 0, textChars: 0, deepest: 0 };
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

  /** A CSS length in px: computed values are px; written ones may be em or rem (at PX_PER_EM). */
  const px = (value) => {
    const m = /^(-?[\d.]+)(px|r?em)?$/.exec(value.trim());
    if (!m || (!m[2] && Number(m[1]) !== 0)) return 0;
    return Number(m[1]) * (m[2] && m[2] !== 'px' ? PX_PER_EM : 1);
  };
  const SIDES = ['margin-left', 'margin-right', 'padding-left', 'padding-right'];

  const value = (style, name) => (style ? getProperty(style, name).trim().toLowerCase() : '');

  /**
   * How `el` is drawn where its tag would mislead the engine: 'block', 'spaced' or undefined. A computed
   * display already says when CSS made a flex or grid item, a float or a positioned element a box; from
   * written styles alone (no window) that is worked out as the CLI's writer does.
   */
  const displayOf = (el, tag) => {
    // Nothing to set apart in an element without children (an image, an empty icon; src/page/snapshot.rs Display).
    if (BLOCK_TAGS.has(tag) || SKIPPED_TAGS.has(tag) || (firstChild(el) === null && shadowRoot(el) === null)) return undefined;
    const style = computed(el);
    if (!style) return undefined;
    const display = value(style, 'display');
    if (display === 'none' || display === 'contents') return undefined;
    if (BLOCK_DISPLAYS.has(display)) return 'block';
    if (!view) {
      const parent = parentElement(el);
      const parentDisplay = value(parent && computed(parent), 'display');
      if (BLOCKIFYING.parentDisplay.has(parentDisplay) || BLOCKIFYING.float.has(value(style, 'float')) || BLOCKIFYING.position.has(value(style, 'position'))) return 'block';
    }
    return SIDES.some((side) => px(value(style, side)) >= MIN_GAP_PX) ? 'spaced' : undefined;
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
  /** The flat form, in document order (see the header). */
  const nodes = [];
  const snapshot = { url, title: docTitle(doc) || '', meta, jsonld, nodes };

  /** Writes an element's start: its tag, the kept attributes, how it is drawn. */
  function open(el, tag) {
    const item = { tag };
    const attrs = attrsOf(el);
    if (attrs.length) item.attrs = attrs;
    const display = displayOf(el, tag);
    if (display) item.display = display;
    nodes.push(item);
  }

  /** Closes the innermost open element (consecutive closes go as one count). */
  function close() {
    const last = nodes.length - 1;
    if (typeof nodes[last] === 'number') nodes[last] += 1;
    else nodes.push(1);
  }

  // One frame per open element: its DOM node and, for shadow hosts and slots, the list of its children
  // in the flat tree (`kids`, `at`; see enter()).
  const stack = [];
  let cursor = null;
  if (bodyEl && !editableDoc) {
    const tag = localName(bodyEl).toLowerCase();
    open(bodyEl, tag);
    stats.elements = 1;
    stack.push({ dom: bodyEl, tag });
    cursor = enter(stack[0]);
  } else {
    nodes.push({ tag: 'body' });
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
        close();
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
        nodes.push(data);
        stats.textChars += data.length;
      } else if (type === 1 /* ELEMENT_NODE */) {
        const tag = localName(node).toLowerCase();
        if (!isEditable(node, tag)) {
          const depth = stack.length;
          if (depth > stats.deepest) stats.deepest = depth;
          stats.elements += 1;
          open(node, tag);
          if (!CHILDLESS.has(tag) && stats.elements < MAX_ELEMENTS) {
            stack.push({ dom: node, tag });
            cursor = enter(stack[stack.length - 1]);
            continue;
          }
          close();
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

  /**
   * What the engine never reads goes (src/page/blocks.rs): an element with no visible text below it
   * holds no block, so it keeps only its tag (a block boundary) and how it is drawn, and below such an
   * element, elements holding neither text nodes (which stay, numbered) nor a `br` go entirely. Two
   * passes over the flat list: which elements hold what, then the list without what goes.
   */
  function compact() {
    const n = nodes.length;
    const visible = new Uint8Array(n);
    const held = new Uint8Array(n); // a text node or a br below (or itself a br)
    const parentOf = new Int32Array(n);
    const open = [];
    const shut = () => {
      const i = open.pop();
      const p = open.length ? open[open.length - 1] : -1;
      if (p >= 0) {
        visible[p] |= visible[i];
        held[p] |= held[i];
      }
    };
    for (let i = 0; i < n; i++) {
      const item = nodes[i];
      if (typeof item === 'string') {
        const p = open[open.length - 1];
        held[p] = 1;
        if (!WHITESPACE.test(item) && item.length) visible[p] = 1;
      } else if (typeof item === 'number') {
        for (let k = 0; k < item && open.length; k++) shut();
      } else {
        parentOf[i] = open.length ? open[open.length - 1] : -1;
        if (item.tag === 'br') held[i] = 1;
        open.push(i);
      }
    }
    while (open.length) shut();
    const out = [];
    let dropping = 0;
    for (let i = 0; i < n; i++) {
      const item = nodes[i];
      if (typeof item === 'number') {
        let closes = item;
        for (; dropping > 0 && closes > 0; closes--) dropping -= 1;
        if (closes && typeof out[out.length - 1] === 'number') out[out.length - 1] += closes;
        else if (closes) out.push(closes);
      } else if (typeof item === 'string') {
        out.push(item);
      } else if (dropping > 0) {
        dropping += 1;
      } else if (parentOf[i] >= 0 && !visible[parentOf[i]] && !held[i]) {
        dropping = 1;
      } else {
        if (!visible[i]) delete item.attrs;
        out.push(item);
      }
    }
    // Closes at the end are implied.
    while (typeof out[out.length - 1] === 'number') out.pop();
    nodes.length = 0;
    for (const item of out) nodes.push(item);
  }

  return {
    step,
    result: () => {
      compact();
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
