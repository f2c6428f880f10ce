// What a screen reader reads, from Chromium's own accessibility tree (CDP Accessibility.getFullAXTree)
// of the popup, the options page and a marked page: every control has a role and a name, the group
// headings say their counts, the popup's one live region says only its status (never the report), a
// mark reached with the next-mark shortcut is announced with its category and reason, and Tab goes
// through the popup in reading order. Chromium only: Firefox offers no accessibility tree over WebDriver
// BiDi (the announcement itself is checked in both browsers by shadow-suite.mjs).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from './chromium.mjs';
import { startServer } from './server.mjs';
import { requireBuiltExtension, waitFor, waitForMarks } from './scenario.mjs';

/** Roles a keyboard user can land on, and that must therefore have a name. */
const CONTROLS = new Set(['button', 'link', 'checkbox', 'combobox', 'textbox', 'DisclosureTriangle', 'radio', 'switch', 'menuitem', 'tab']);
const CATEGORY = '(Repost noise|Unrelated promotion|Unconfirmed attribution)';

/** The page's accessibility tree: nodes not ignored, each with role, name, properties, parent and text. */
async function axTree(context, page) {
  const cdp = await context.newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const prop = (n, name) => n.properties?.find((p) => p.name === name)?.value?.value;
    /** The text a node's subtree reads (its static texts, in order). */
    const text = (n) =>
      n.role?.value === 'StaticText' ? (n.name?.value ?? '') : (n.childIds ?? []).map((id) => byId.get(id)).filter(Boolean).map(text).join('');
    const ancestors = (n) => {
      const out = [];
      for (let p = byId.get(n.parentId); p; p = byId.get(p.parentId)) out.push(p);
      return out;
    };
    return nodes
      .filter((n) => !n.ignored)
      .map((n) => ({
        role: n.role?.value,
        name: n.name?.value ?? '',
        focusable: prop(n, 'focusable') === true,
        live: prop(n, 'live'),
        text: text(n),
        inLive: ancestors(n).some((a) => prop(a, 'live') && prop(a, 'live') !== 'off'),
      }));
  } finally {
    await cdp.detach();
  }
}

function assertControlsNamed(nodes, where) {
  const controls = nodes.filter((n) => CONTROLS.has(n.role) || (n.focusable && n.role !== 'RootWebArea'));
  assert.ok(controls.length > 0, `${where} has controls`);
  for (const c of controls) {
    assert.ok(c.role && !['generic', 'none', 'StaticText'].includes(c.role), `${where}: a focusable ${c.role} "${c.name}" has a real role`);
    assert.ok(c.name.trim(), `${where}: a ${c.role} has a name (text: "${c.text.slice(0, 60)}")`);
  }
  return controls;
}

describe('chromium: what a screen reader reads', () => {
  let server;
  let context;
  let extensionId;
  let profile;
  let page;
  let ext;
  let tabId;
  const url = () => server.url('mexc-news.html');

  before(async () => {
    requireBuiltExtension();
    server = await startServer();
    profile = mkdtempSync(join(tmpdir(), 'chaff-a11y-'));
    ({ context, extensionId } = await launchChromium(profile));
    page = await context.newPage();
    await page.goto(url());
    await waitForMarks({ eval: (fn, arg) => page.evaluate(fn, arg) });
    ext = await context.newPage();
    await ext.goto(`chrome-extension://${extensionId}/options.html`);
    tabId = await waitFor(
      { eval: (fn, arg) => ext.evaluate(fn, arg) },
      async (u) => {
        for (const tab of await globalThis.chrome.tabs.query({})) {
          const s = await globalThis.chrome.tabs.sendMessage(tab.id, { type: 'getState' }, { frameId: 0 }).catch(() => null);
          if (s && s.url === u) return tab.id;
        }
        return null;
      },
      url(),
      'the marked tab',
    );
  });

  after(async () => {
    await context?.close();
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('popup: every control named, headings say their counts, the live region says only the status', async () => {
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 420, height: 760 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
    await popup.waitForSelector('.mark-button');
    const nodes = await axTree(context, popup);
    const controls = assertControlsNamed(nodes, 'popup');
    for (const name of ['On for this site', 'On everywhere', 'Repost noise', 'Unrelated promotion', 'Unconfirmed attribution', 'Copy report (JSON)', 'Save report']) {
      assert.ok(controls.some((c) => c.name === name), `the popup has a control named "${name}"`);
    }
    // Group headings (and the folded low-severity group) read their count as words.
    const headings = nodes.filter((n) => (n.role === 'heading' && /marks?$/.test(n.name)) || n.role === 'DisclosureTriangle');
    const groups = headings.filter((n) => new RegExp(`^${CATEGORY}`).test(n.name));
    assert.ok(groups.length >= 3, `group headings: ${JSON.stringify(headings.map((h) => h.name))}`);
    for (const g of groups) assert.match(g.name, new RegExp(`^${CATEGORY}(: (low|medium|high) severity)?, \\d+ marks$`));
    // Each mark's button: category (with severity), reason, then the marked text.
    const marks = controls.filter((c) => c.role === 'button' && new RegExp(`^${CATEGORY}`).test(c.name));
    assert.ok(marks.length >= 5, `mark buttons: ${marks.length}`);
    for (const m of marks) assert.match(m.name, new RegExp(`^${CATEGORY}(, (low|medium|high) severity)?(, \\d+ parts)?: .{10,} Text: .+`));
    assert.ok(marks.some((m) => /^Unconfirmed attribution, high severity: Hearsay/.test(m.name)), 'an attribution says its severity in words');
    // One live region, a status: what it says is short, and the report is not inside it.
    const live = nodes.filter((n) => n.live && n.live !== 'off');
    assert.equal(live.length, 1, `live regions: ${JSON.stringify(live.map((n) => [n.role, n.text]))}`);
    assert.equal(live[0].role, 'status');
    assert.match(live[0].text, /^\d+ marks? on this page/);
    assert.ok(!nodes.some((n) => n.inLive && CONTROLS.has(n.role)), 'no control is inside a live region');

    // Tab goes through every control once, in reading (DOM) order, the switches first.
    const expected = await popup.evaluate(() =>
      [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
        .filter((e) => e.tabIndex >= 0 && !e.disabled && e.checkVisibility())
        .map((e) => e.id || e.textContent.trim().slice(0, 30)),
    );
    const order = [];
    for (let i = 0; i < expected.length; i++) {
      await popup.keyboard.press('Tab');
      order.push(await popup.evaluate(() => document.activeElement.id || document.activeElement.textContent.trim().slice(0, 30)));
    }
    assert.deepEqual(order, expected, 'Tab follows the reading order');
    assert.equal(order[0], 'on-site', 'the first stop is the first switch');
    await popup.close();
  });

  it('options: every control named, the save and restore statuses are the only live regions', async () => {
    const nodes = await axTree(context, ext);
    const controls = assertControlsNamed(nodes, 'options');
    for (const name of ['Sites where Chaff is off', 'Your site rules', 'Save', 'Export settings', 'Attributions']) {
      assert.ok(controls.some((c) => c.name === name), `the options page has a control named "${name}"`);
    }
    const live = nodes.filter((n) => n.live && n.live !== 'off');
    assert.deepEqual(live.map((n) => n.role), ['status', 'status']);
  });

  it('a marked page: a mark reached with the next-mark shortcut is announced with its category and reason', async () => {
    await page.bringToFront();
    const reply = await ext.evaluate((id) => globalThis.chrome.tabs.sendMessage(id, { type: 'next-mark' }, { frameId: 0 }), tabId);
    assert.equal(reply.ok, true);
    const mark = await ext.evaluate(
      async ({ id, index }) => (await globalThis.chrome.tabs.sendMessage(id, { type: 'getState' }, { frameId: 0 })).result.marks[index],
      { id: tabId, index: reply.index },
    );
    let live = [];
    for (let i = 0; i < 40; i++) {
      live = (await axTree(context, page)).filter((n) => n.live === 'polite' && n.text);
      if (live.some((n) => n.text.includes(mark.reason))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const said = live.find((n) => n.text.includes(mark.reason));
    assert.ok(said, `a live region says the mark's reason (live: ${JSON.stringify(live.map((n) => n.text))})`);
    assert.equal(said.role, 'status');
    assert.match(said.text, new RegExp(`^${CATEGORY}(, (low|medium|high) severity)?: `));
    // The page's focus stays where it was: the shortcut explains, it does not move the reader.
    assert.equal(await page.evaluate(() => document.activeElement === document.body), true);
    // The card itself is a tooltip, not a second voice.
    const tooltips = (await axTree(context, page)).filter((n) => n.role === 'tooltip');
    assert.ok(tooltips.length === 1 && !tooltips[0].live, `one tooltip, not live: ${JSON.stringify(tooltips)}`);
  });
});
