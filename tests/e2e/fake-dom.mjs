// A minimal DOM for running the content script and the snapshot writer under Node: nodes expose only
// prototype getters and methods (what the extension reads), and `el(tag, attrs, ...children)` builds trees.
/** A minimal DOM: the content script reads it only through these prototypes' getters and methods. */
export class Node {
  constructor(props) {
    Object.assign(this, props);
  }
  get firstChild() {
    return this._first ?? null;
  }
  get nextSibling() {
    return this._next ?? null;
  }
  get nodeType() {
    return this._type;
  }
  get parentElement() {
    return this._parent ?? null;
  }
  get isConnected() {
    return true;
  }
  get textContent() {
    return this._data ?? '';
  }
  getRootNode() {
    return null;
  }
}
export class DocumentFragment extends Node {
  querySelectorAll() {
    return [];
  }
}
export class ShadowRoot extends DocumentFragment {
  get host() {
    return this._host ?? null;
  }
}
export class CharacterData extends Node {
  get data() {
    return this._data;
  }
  get length() {
    return this._data.length;
  }
}
export class Element extends Node {
  get localName() {
    return this._tag;
  }
  get attributes() {
    return new NamedNodeMap(this._attrs ?? []);
  }
  hasAttributes() {
    return (this._attrs ?? []).length > 0;
  }
  getAttribute(name) {
    const a = (this._attrs ?? []).find(([n]) => n === name);
    return a ? a[1] : null;
  }
  get shadowRoot() {
    return this._shadow ?? null;
  }
  closest() {
    return null;
  }
  setAttribute() {}
  removeAttribute() {}
  scrollIntoView() {}
}
export class HTMLElement extends Element {
  get isContentEditable() {
    return false;
  }
  get style() {
    return new CSSStyleDeclaration(this.getAttribute('style') ?? '');
  }
}
/** An element's `style` attribute, read as written: longhand declarations only, the last one wins. */
export class CSSStyleDeclaration {
  constructor(text) {
    this._text = text;
  }
  getPropertyValue(name) {
    let value = '';
    for (const d of this._text.split(';')) {
      const [n, v] = d.split(':');
      if (v !== undefined && n.trim().toLowerCase() === name) value = v.replace('!important', '').trim().toLowerCase();
    }
    return value;
  }
}
/** A slot: `_assigned` holds the nodes a shadow host's light children give it. */
export class HTMLSlotElement extends HTMLElement {
  assignedNodes() {
    return this._assigned ?? [];
  }
}
export class NamedNodeMap {
  constructor(pairs = []) {
    this._pairs = pairs;
  }
  get length() {
    return this._pairs.length;
  }
  item(i) {
    return new Attr(this._pairs[i]);
  }
}
export class Attr {
  constructor([name, value] = ['', '']) {
    this._name = name;
    this._value = value;
  }
  get name() {
    return this._name;
  }
  get value() {
    return this._value;
  }
}
export class Document {
  constructor(body) {
    this._body = body;
  }
  get URL() {
    return 'https://news.example/a';
  }
  get title() {
    return 'A';
  }
  get designMode() {
    return 'off';
  }
  /** A document with no window, as from DOMParser: no computed styles. */
  get defaultView() {
    return null;
  }
  get body() {
    return this._body;
  }
  get documentElement() {
    return this._body;
  }
  get visibilityState() {
    return 'visible';
  }
  querySelector() {
    return null;
  }
  querySelectorAll() {
    return [];
  }
  addEventListener() {}
}


/** An element with attributes `[[name, value], …]` and children (strings become text nodes). */
export function el(tag, attrs, ...children) {
  const e = new (tag === 'slot' ? HTMLSlotElement : HTMLElement)({ _type: 1, _tag: tag, _attrs: attrs });
  let prev = null;
  for (const c of children) {
    const node = typeof c === 'string' ? new CharacterData({ _type: 3, _data: c }) : c;
    node._parent = e;
    if (prev) prev._next = node;
    else e._first = node;
    prev = node;
  }
  return e;
}

/** Gives `host` an open shadow root holding `children`, like attachShadow({mode: 'open'}). */
export function shadow(host, ...children) {
  host._shadow = el('#shadow-root', [], ...children);
  return host;
}
