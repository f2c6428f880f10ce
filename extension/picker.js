/* Chaff's element picker: the reader points at a part of the page and gets the site rule that marks it.
 *
 *   start()   an overlay (one host element, its own shadow root) outlines the element under the pointer,
 *             inside open shadow roots too (the innermost element drawn there, not its host);
 *             a click picks it; Esc or Cancel ends picking and removes the overlay
 *   picked    its path (tag, id, classes; picked first, read through prototype getters, so a page's
 *             clobbered properties cannot mislead it), up through the flat tree as the snapshot writes it
 *             (a slotted element's slot, a shadow root's host) → background `suggestRule` (the engine
 *             decides the rule) → the panel shows the rule and how many elements it matches here (in the
 *             document and in each open shadow root)
 *   add       background `reviewRule` → the options page opens with the rule added to the reader's list;
 *             it is saved only when the reader presses Save there
 *
 * Loaded with the content script and idle until content.js receives `pick` from the popup.
 */
/* global chaffProto, chaffText */
/* exported chaffPicker */
'use strict';

const chaffPicker = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const { t } = chaffText;
  const parentOf = chaffProto.getter(Node.prototype, 'parentElement');
  const tagOf = chaffProto.getter(Element.prototype, 'localName');
  const attrOf = chaffProto.method(Element.prototype, 'getAttribute');
  const slotOf = chaffProto.getter(Element.prototype, 'assignedSlot');
  const shadowOf = chaffProto.getter(Element.prototype, 'shadowRoot');
  const rootOf = chaffProto.method(Node.prototype, 'getRootNode');
  const hostOf = chaffProto.getter(ShadowRoot.prototype, 'host');

  /** An element's parent in the flat tree (as drawn, as snapshot.js walks): its slot, its parent, or its root's host. */
  const flatParent = (n) => {
    const slot = slotOf(n);
    if (slot) return slot;
    const parent = parentOf(n);
    if (parent) return parent;
    const root = rootOf(n);
    return root instanceof ShadowRoot ? hostOf(root) : null;
  };
  /** Ancestors sent with the picked element; the engine needs only the nearest named one. */
  const MAX_PATH = 32;

  const STYLE = `
    :host { all: initial; position: fixed; inset: 0; z-index: 2147483647; pointer-events: none; }
    .box { position: fixed; border: 2px solid #d97706; background: rgba(245, 158, 11, 0.15); border-radius: 2px; }
    .panel {
      position: fixed; left: 50%; bottom: 16px; transform: translateX(-50%); pointer-events: auto;
      max-width: min(640px, calc(100vw - 32px)); padding: 10px 12px; border-radius: 8px;
      font: 13px/1.45 system-ui, sans-serif; color: #f9fafb; background: #111827; box-shadow: 0 4px 18px rgba(0,0,0,.35);
    }
    .rule { display: block; margin: 6px 0; padding: 4px 6px; font: 12px ui-monospace, monospace; color: #fde68a;
      background: #1f2937; border-radius: 4px; overflow-wrap: anywhere; }
    .actions { display: flex; gap: 8px; margin-top: 6px; }
    button { font: inherit; padding: 3px 10px; border-radius: 6px; border: 1px solid #9ca3af; background: #374151; color: #f9fafb; cursor: pointer; }
    button.primary { background: #f9fafb; color: #111827; }
    button:focus-visible { outline: 2px solid #fbbf24; outline-offset: 2px; }
  `;

  let session = null;

  function pathOf(el) {
    const path = [];
    for (let n = el; n && path.length < MAX_PATH; n = flatParent(n)) {
      const tag = tagOf(n);
      if (tag === 'html') break;
      const classes = (attrOf(n, 'class') || '').split(/\s+/).filter(Boolean);
      path.push({ tag, id: attrOf(n, 'id') || null, classes });
    }
    return path;
  }

  function el(root, tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    root.append(node);
    return node;
  }

  function stop() {
    if (!session) return;
    const { host, listeners } = session;
    for (const [type, fn] of listeners) window.removeEventListener(type, fn, true);
    host.remove();
    session = null;
  }

  function targetAt(x, y) {
    const { host } = session;
    host.style.display = 'none';
    let target = document.elementFromPoint(x, y);
    // The document sees a shadow host; its open root knows the element drawn there (closed ones stay shut).
    for (let root = target && shadowOf(target); root; root = shadowOf(target)) {
      const inner = root.elementFromPoint(x, y);
      if (!inner || inner === target) break;
      target = inner;
    }
    host.style.display = '';
    return target && target !== document.documentElement && target !== document.body ? target : null;
  }

  function outline(target) {
    const { box } = session;
    if (!target) {
      box.hidden = true;
      return;
    }
    const r = target.getBoundingClientRect();
    Object.assign(box.style, { left: r.left + 'px', top: r.top + 'px', width: r.width + 'px', height: r.height + 'px' });
    box.hidden = false;
  }

  /** Elements matching `selector` in the document and in every open shadow root below it. */
  function matches(selector) {
    let count = 0;
    const roots = [document];
    while (roots.length) {
      const root = roots.pop();
      count += root.querySelectorAll(selector).length;
      for (const e of root.querySelectorAll('*')) {
        const shadow = shadowOf(e);
        if (shadow && shadow !== session?.root) roots.push(shadow);
      }
    }
    return count;
  }

  async function picked(target) {
    const { panel } = session;
    session.frozen = true;
    outline(target);
    panel.replaceChildren();
    el(panel, 'div', null, t('pickerWorking'));
    let reply;
    try {
      reply = await api.runtime.sendMessage({ type: 'suggestRule', host: location.hostname, path: pathOf(target) });
    } catch (e) {
      reply = { error: e && e.message ? e.message : String(e) };
    }
    if (!session) return;
    panel.replaceChildren();
    if (!reply || !reply.rule) {
      el(panel, 'div', null, t('pickerFailed', (reply && reply.error) || '—'));
      const close = el(el(panel, 'div', 'actions'), 'button', null, t('pickerCancel'));
      close.addEventListener('click', stop);
      return;
    }
    const rule = reply.rule;
    el(panel, 'div', null, t('pickerRule'));
    el(panel, 'code', 'rule', rule);
    let count = 0;
    try {
      count = matches(rule.slice(rule.indexOf('##') + 2));
    } catch (_) {
      count = 0;
    }
    el(panel, 'div', 'count', count === 1 ? t('pickerMatchesOne') : t('pickerMatchesMany', count));
    const actions = el(panel, 'div', 'actions');
    const add = el(actions, 'button', 'primary', t('pickerAdd'));
    const again = el(actions, 'button', null, t('pickerAgain'));
    const cancel = el(actions, 'button', null, t('pickerCancel'));
    add.addEventListener('click', () => {
      api.runtime.sendMessage({ type: 'reviewRule', rule }).catch(() => {});
      stop();
    });
    again.addEventListener('click', () => {
      session.frozen = false;
      panel.replaceChildren();
      el(panel, 'div', null, t('pickerHint'));
    });
    cancel.addEventListener('click', stop);
    add.focus();
  }

  function start() {
    if (session) return;
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    el(root, 'style', null, STYLE);
    const box = el(root, 'div', 'box');
    box.hidden = true;
    const panel = el(root, 'div', 'panel');
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', t('pickerTitle'));
    el(panel, 'div', null, t('pickerHint'));
    const inPanel = (e) => e.composedPath().includes(host);
    const listeners = [
      ['mousemove', (e) => !session.frozen && !inPanel(e) && outline(targetAt(e.clientX, e.clientY))],
      [
        'click',
        (e) => {
          if (inPanel(e) || session.frozen) return;
          e.preventDefault();
          e.stopPropagation();
          const target = targetAt(e.clientX, e.clientY);
          if (target) picked(target);
        },
      ],
      ['keydown', (e) => e.key === 'Escape' && (e.preventDefault(), stop())],
    ];
    session = { host, root, box, panel, listeners, frozen: false };
    for (const [type, fn] of listeners) window.addEventListener(type, fn, true);
    document.documentElement.append(host);
  }

  return { start, stop };
})();
