// The snapshot writer (extension/snapshot.js) under Node on a minimal DOM: immune to shadowed
// properties, any depth without losing text or its order, only the attributes asked for, and how an
// element is drawn where its tag would mislead the engine.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { Attr, CharacterData, CSSStyleDeclaration, Document, Element, HTMLElement, HTMLSlotElement, NamedNodeMap, Node, el, shadow } from './fake-dom.mjs';

const EXTENSION_DIR = process.env.CHAFF_EXTENSION_DIR || fileURLToPath(new URL('../../extension/', import.meta.url));
const context = vm.createContext({ Node, CharacterData, CSSStyleDeclaration, Element, HTMLElement, HTMLSlotElement, NamedNodeMap, Attr, Document, URL });
for (const file of ['pkg/engine-facts.js', 'snapshot.js']) vm.runInContext(readFileSync(`${EXTENSION_DIR}/${file}`, 'utf8'), context, { filename: file });
/** The writer's output as plain objects of this realm (the VM's arrays have other prototypes). */
function snapshotOf(body, options) {
  const { snapshot, textNodes, shadowRoots, stats } = context.chaffSnapshot(new Document(body), options);
  return { snapshot: JSON.parse(JSON.stringify(snapshot)), textNodes: [...textNodes], shadowRoots: [...shadowRoots], stats: { ...stats } };
}

/** The tree the flat `nodes` stand for, as `{tag, attrs, display, children}` objects; iterative. */
function treeOf(snapshot) {
  const { nodes } = snapshot;
  assert.ok(Array.isArray(nodes) && !('root' in snapshot), 'the writer sends the flat form');
  const make = ({ tag, attrs, display }) => ({ tag, ...(attrs ? { attrs } : {}), ...(display ? { display } : {}), children: [] });
  const root = make(nodes[0]);
  const open = [root];
  for (const item of nodes.slice(1)) {
    const top = open[open.length - 1];
    if (typeof item === 'string') top.children.push(item);
    else if (typeof item === 'number') open.length = Math.max(1, open.length - item);
    else {
      const e = make(item);
      top.children.push(e);
      open.push(e);
    }
  }
  // Empty child lists left out, as the assertions below write them.
  const stack = [root];
  while (stack.length) {
    const n = stack.pop();
    if (!n.children.length) delete n.children;
    else for (const c of n.children) if (typeof c !== 'string') stack.push(c);
  }
  return root;
}

/** The strings of a snapshot tree in document order, and its depth; iterative (trees may be deep). */
function walkTree(root) {
  const texts = [];
  let depth = 0;
  const stack = [[root, 0]];
  while (stack.length) {
    const [node, d] = stack.pop();
    if (typeof node === 'string') {
      texts.push(node);
      continue;
    }
    depth = Math.max(depth, d);
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], d + 1]);
  }
  return { texts, depth };
}

it('the walk reads through the prototypes: controls named nextSibling or attributes change nothing', () => {
  // <div><input form="g" name="nextSibling"><form id="g"></form></div>: the form's named property
  // points back at the input, which looped the old walk forever.
  const input = el('input', [['name', 'nextSibling']]);
  const form = el('form', [['id', 'g']], 'Form text.');
  const body = el('body', [], el('div', [], input, form), el('p', [], 'After the form.'));
  Object.defineProperty(form, 'nextSibling', { value: input });
  Object.defineProperty(form, 'attributes', { value: input });
  Object.defineProperty(form, 'localName', { value: 'input' });
  Object.defineProperty(form, 'firstChild', { value: null });
  const { snapshot, textNodes } = snapshotOf(body, { attributes: ['id'] });
  assert.deepEqual(walkTree(treeOf(snapshot)).texts, ['Form text.', 'After the form.']);
  assert.equal(textNodes.length, 2);
  assert.deepEqual(treeOf(snapshot).children[0].children[0], { tag: 'form', attrs: [['id', 'g']], children: ['Form text.'] });
});

it('100,000-deep nesting keeps every text, in document order, numbered as written', () => {
  const DEPTH = 100000;
  // div_i holds "t{i}", then div_{i+1}, then "u{i}": built from the bottom up.
  let inner = el('div', [], `t${DEPTH - 1}`, `u${DEPTH - 1}`);
  for (let i = DEPTH - 2; i >= 0; i--) inner = el('div', [], `t${i}`, inner, `u${i}`);
  const { snapshot, textNodes, stats } = snapshotOf(el('body', [], inner));
  const { texts, depth } = walkTree(treeOf(snapshot));
  const expected = [];
  for (let i = 0; i < DEPTH; i++) expected.push(`t${i}`);
  for (let i = DEPTH - 1; i >= 0; i--) expected.push(`u${i}`);
  assert.deepEqual(texts, expected, 'every text, in document order');
  assert.deepEqual(textNodes.map((n) => n.data), expected, 'text node i is string i');
  // The flat form has no depth to bound: the nesting is the page's (the engine's builder bounds what it keeps).
  assert.equal(depth, DEPTH, `the snapshot nests ${depth} levels`);
  assert.ok(stats.stoppedEarly === null);
});

it('a link inside a 600-deep paragraph stays inside the paragraph', () => {
  const p = el('p', [], 'The post ', el('a', [['href', '/x']], 'Title'), ' appeared first on ', el('a', [['href', '/y']], 'Site'), '.');
  let inner = p;
  for (let i = 0; i < 600; i++) inner = el('div', [], inner);
  const { snapshot } = snapshotOf(el('body', [], inner), { attributes: ['href'] });
  const stack = [treeOf(snapshot)];
  let found = null;
  while (stack.length && !found) {
    const n = stack.pop();
    if (typeof n === 'string') continue;
    if (n.tag === 'p') found = n;
    stack.push(...(n.children ?? []));
  }
  assert.deepEqual(found, {
    tag: 'p',
    children: ['The post ', { tag: 'a', attrs: [['href', '/x']], children: ['Title'] }, ' appeared first on ', { tag: 'a', attrs: [['href', '/y']], children: ['Site'] }, '.'],
  });
});

it('only the attributes the engine reads are kept; all but style and handlers without a list', () => {
  const body = el('body', [], el('div', [['class', 'card'], ['style', 'color:red'], ['data-x', '1'], ['onclick', 'f()']], 'Text.'));
  assert.deepEqual(treeOf(snapshotOf(body, { attributes: ['class', 'id'] }).snapshot).children[0].attrs, [['class', 'card']]);
  assert.deepEqual(treeOf(snapshotOf(body).snapshot).children[0].attrs, [['class', 'card'], ['data-x', '1']]);
});

it('empty attribute and child lists are left out, whitespace-only text goes as one space', () => {
  const { snapshot, textNodes } = snapshotOf(el('body', [], '\n    ', el('hr', []), el('p', [['class', 'x']], 'Text.')), { attributes: ['class'] });
  assert.deepEqual(treeOf(snapshot).children, [' ', { tag: 'hr' }, { tag: 'p', attrs: [['class', 'x']], children: ['Text.'] }]);
  assert.equal(textNodes.length, 2, 'the whitespace node is still text node 0');
});

it('editable fields and script contents are never read', () => {
  const body = el('body', [], el('textarea', [], 'typed'), el('div', [['contenteditable', 'true']], 'draft'), el('script', [], 'code'), el('p', [], 'Shown.'));
  assert.deepEqual(walkTree(treeOf(snapshotOf(body).snapshot)).texts, ['Shown.']);
});

it('open shadow roots are read in the order they are drawn: slotted light children where their slot is', () => {
  // <x-card>#shadow(<h3>Shadow head</h3><slot/><p>Shadow tail</p>) with a slotted <p> and a light child
  // no slot takes; an empty <slot> shows its fallback; a nested host inside the shadow is read too.
  const slotted = el('p', [], 'Slotted light text.');
  const unslotted = el('span', [], 'Never drawn.');
  const slot = el('slot', []);
  slot._assigned = [slotted];
  const inner = shadow(el('x-inner', []), el('p', [], 'Nested shadow text.'));
  const host = shadow(el('x-card', [], slotted, unslotted), el('h3', [], 'Shadow head'), slot, el('slot', [['name', 'none']], 'Fallback text.'), inner, el('p', [], 'Shadow tail'));
  const { snapshot, textNodes, shadowRoots } = snapshotOf(el('body', [], el('p', [], 'Before.'), host, el('p', [], 'After.')));
  const expected = ['Before.', 'Shadow head', 'Slotted light text.', 'Fallback text.', 'Nested shadow text.', 'Shadow tail', 'After.'];
  assert.deepEqual(walkTree(treeOf(snapshot)).texts, expected);
  assert.deepEqual(textNodes.map((n) => n.data), expected, 'text node i is string i');
  assert.equal(shadowRoots.length, 2, 'both open roots are reported');
});

it('an element holding only whitespace (an icon wrapper) keeps its text nodes but not its attributes', () => {
  const icon = el('span', [['class', 'icon icon-share']], ' ', el('i', [['class', 'fa']]), '\n  ');
  const { snapshot, textNodes } = snapshotOf(el('body', [], el('p', [['class', 'x']], 'Text.', icon)), { attributes: ['class'] });
  assert.deepEqual(treeOf(snapshot).children, [{ tag: 'p', attrs: [['class', 'x']], children: ['Text.', { tag: 'span', children: [' ', ' '] }] }]);
  assert.equal(textNodes.length, 3, 'every text node keeps its number');
});

it('how an element is drawn goes where its tag would mislead: boxes, and inline elements set apart by a margin', () => {
  // A DOMParser document has no computed style: the style attribute is read, as the CLI's writer does.
  const body = el(
    'body',
    [],
    el('a', [['style', 'display:flex']], el('span', [['style', 'display: block']], 'T'), el('span', [], 'Talus Price')),
    el('p', [], el('span', [], 'Price'), el('span', [['style', 'margin-left: 6px']], '(US)'), el('span', [['style', 'margin-left: 1px']], '$')),
    el('div', [['style', 'display:flex']], 'A div is a block by its tag.'),
    el('span', [['style', 'display:none; margin-left: 9px']], 'Hidden.'),
    el('p', [], 'An image ', el('img', [['style', 'float: left']]), 'floats in its paragraph.'),
  );
  const tree = treeOf(snapshotOf(body).snapshot);
  assert.deepEqual(tree.children, [
    // The second span has no style of its own: it is a flex item, which CSS makes a box.
    { tag: 'a', display: 'block', children: [{ tag: 'span', display: 'block', children: ['T'] }, { tag: 'span', display: 'block', children: ['Talus Price'] }] },
    { tag: 'p', children: [{ tag: 'span', children: ['Price'] }, { tag: 'span', display: 'spaced', children: ['(US)'] }, { tag: 'span', children: ['$'] }] },
    { tag: 'div', children: ['A div is a block by its tag.'] },
    { tag: 'span', children: ['Hidden.'] },
    { tag: 'p', children: ['An image ', { tag: 'img' }, 'floats in its paragraph.'] },
  ]);
});
