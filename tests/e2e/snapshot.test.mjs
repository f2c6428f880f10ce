// The snapshot writer (extension/snapshot.js) under Node on a minimal DOM: immune to shadowed
// properties, any depth without losing text or its order, bounded nesting, only the attributes asked for.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import vm from 'node:vm';
import { Attr, CharacterData, Document, Element, HTMLElement, HTMLSlotElement, NamedNodeMap, Node, el, shadow } from './fake-dom.mjs';

const source = readFileSync(new URL('../../extension/snapshot.js', import.meta.url), 'utf8');
const context = vm.createContext({ Node, CharacterData, Element, HTMLElement, HTMLSlotElement, NamedNodeMap, Attr, Document, URL });
vm.runInContext(source, context, { filename: 'snapshot.js' });
/** The writer's output as plain objects of this realm (the VM's arrays have other prototypes). */
function snapshotOf(body, options) {
  const { snapshot, textNodes, shadowRoots, stats } = context.chaffSnapshot(new Document(body), options);
  return { snapshot: JSON.parse(JSON.stringify(snapshot)), textNodes: [...textNodes], shadowRoots: [...shadowRoots], stats: { ...stats } };
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
  assert.deepEqual(walkTree(snapshot.root).texts, ['Form text.', 'After the form.']);
  assert.equal(textNodes.length, 2);
  assert.deepEqual(snapshot.root.children[0].children[0], { tag: 'form', attrs: [['id', 'g']], children: ['Form text.'] });
});

it('100,000-deep nesting keeps every text, in document order, numbered as written, nesting bounded', () => {
  const DEPTH = 100000;
  // div_i holds "t{i}", then div_{i+1}, then "u{i}": built from the bottom up.
  let inner = el('div', [], `t${DEPTH - 1}`, `u${DEPTH - 1}`);
  for (let i = DEPTH - 2; i >= 0; i--) inner = el('div', [], `t${i}`, inner, `u${i}`);
  const { snapshot, textNodes, stats } = snapshotOf(el('body', [], inner));
  const { texts, depth } = walkTree(snapshot.root);
  const expected = [];
  for (let i = 0; i < DEPTH; i++) expected.push(`t${i}`);
  for (let i = DEPTH - 1; i >= 0; i--) expected.push(`u${i}`);
  assert.deepEqual(texts, expected, 'every text, in document order');
  assert.deepEqual(textNodes.map((n) => n.data), expected, 'text node i is string i');
  // The engine decodes 512 levels of tree, the root and a text node included (MAX_TREE_DEPTH).
  assert.ok(depth + 2 <= 512, `the snapshot nests ${depth} levels`);
  assert.ok(stats.flattened > 0 && stats.stoppedEarly === null);
});

it('a link inside a deeply nested paragraph stays inside the paragraph', () => {
  const p = el('p', [], 'The post ', el('a', [['href', '/x']], 'Title'), ' appeared first on ', el('a', [['href', '/y']], 'Site'), '.');
  let inner = p;
  for (let i = 0; i < 600; i++) inner = el('div', [], inner);
  const { snapshot } = snapshotOf(el('body', [], inner), { attributes: ['href'] });
  const stack = [snapshot.root];
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
  assert.deepEqual(snapshotOf(body, { attributes: ['class', 'id'] }).snapshot.root.children[0].attrs, [['class', 'card']]);
  assert.deepEqual(snapshotOf(body).snapshot.root.children[0].attrs, [['class', 'card'], ['data-x', '1']]);
});

it('empty attribute and child lists are left out, whitespace-only text goes as one space', () => {
  const { snapshot, textNodes } = snapshotOf(el('body', [], '\n    ', el('hr', []), el('p', [['class', 'x']], 'Text.')), { attributes: ['class'] });
  assert.deepEqual(snapshot.root.children, [' ', { tag: 'hr' }, { tag: 'p', attrs: [['class', 'x']], children: ['Text.'] }]);
  assert.equal(textNodes.length, 2, 'the whitespace node is still text node 0');
});

it('editable fields and script contents are never read', () => {
  const body = el('body', [], el('textarea', [], 'typed'), el('div', [['contenteditable', 'true']], 'draft'), el('script', [], 'code'), el('p', [], 'Shown.'));
  assert.deepEqual(walkTree(snapshotOf(body).snapshot.root).texts, ['Shown.']);
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
  assert.deepEqual(walkTree(snapshot.root).texts, expected);
  assert.deepEqual(textNodes.map((n) => n.data), expected, 'text node i is string i');
  assert.equal(shadowRoots.length, 2, 'both open roots are reported');
});

it('an element holding only whitespace (an icon wrapper) keeps its text nodes but not its attributes', () => {
  const icon = el('span', [['class', 'icon icon-share']], ' ', el('i', [['class', 'fa']]), '\n  ');
  const { snapshot, textNodes } = snapshotOf(el('body', [], el('p', [['class', 'x']], 'Text.', icon)), { attributes: ['class'] });
  assert.deepEqual(snapshot.root.children, [{ tag: 'p', attrs: [['class', 'x']], children: ['Text.', { tag: 'span', children: [' ', ' '] }] }]);
  assert.equal(textNodes.length, 3, 'every text node keeps its number');
});
