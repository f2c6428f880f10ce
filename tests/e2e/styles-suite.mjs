// How the marks look on the page, run in each browser by chromium.test.mjs and firefox.test.mjs:
// each category and attribution severity has its own line, every line colour stands out on a light
// and a dark page (WCAG contrast ≥ 3:1, the bar for non-text graphics), low severity is the quietest,
// and two neighbouring marks of one category never merge into one band.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ARTIFACTS, contrast, NAMES, suiteBrowser, waitForMarks } from './scenario.mjs';

/** WCAG 2 non-text contrast (1.4.11): a mark's line against the page. */
const MIN_CONTRAST = 3;
/** Page backgrounds every line colour must stand out on: white, our dark fixture's, black. */
const BACKGROUNDS = ['rgb(255, 255, 255)', 'rgb(17, 24, 39)', 'rgb(0, 0, 0)'];
/** The highlights that give a mark its look: three categories' (attribution's through its severity). */
const LOOKS = ['repost-noise', 'unrelated-promo', 'attribution-high', 'attribution-medium', 'attribution-low'];

const channels = (c) => c.match(/[\d.]+/g).map(Number);
const alpha = (c) => channels(c)[3] ?? 1;


/** Each highlight's computed style, read on the parent of its first range (or the body when empty). */
const styles = (page, names) =>
  page.eval((names) => {
    const out = {};
    for (const [key, name] of Object.entries(names)) {
      const first = [...(CSS.highlights.get(name) ?? [])][0];
      const el = first ? first.startContainer.parentElement : document.body;
      const cs = getComputedStyle(el, `::highlight(${name})`);
      out[key] = {
        marks: CSS.highlights.get(name)?.size ?? 0,
        line: cs.textDecorationLine,
        style: cs.textDecorationStyle,
        thickness: cs.textDecorationThickness,
        lineColor: cs.textDecorationColor,
        color: cs.color,
        background: cs.backgroundColor,
      };
    }
    out.page = getComputedStyle(document.body).backgroundColor;
    return out;
  }, names);

export function stylesSuite(browser, launch) {
  describe(`${browser}: how marks look`, () => {
    const env = suiteBrowser(launch);

    for (const [fixture, shade] of [['dark.html', 'dark'], ['bitcoinethereumnews.html', 'light']]) {
      it(`on a ${shade} page each category and severity has its own line, at least 3:1 against the page`, async () => {
        const page = await env.driver.open(env.server.url(fixture));
        await waitForMarks(page);
        const names = Object.fromEntries(LOOKS.map((k) => [k, NAMES[k]]));
        const s = await styles(page, names);
        console.log(`${browser} ${shade}: ${JSON.stringify(s)}`);
        const looks = LOOKS.map((k) => `${s[k].line} ${s[k].style} ${s[k].thickness} ${s[k].lineColor} ${s[k].background}`);
        assert.equal(new Set(looks).size, LOOKS.length, `each look differs: ${looks.join(' | ')}`);
        // Without colour vision: the categories differ in the line itself.
        const shapes = ['repost-noise', 'unrelated-promo', 'attribution-high'].map((k) => `${s[k].line} ${s[k].style}`);
        assert.equal(new Set(shapes).size, 3, `each category has its own kind of line: ${shapes.join(' | ')}`);
        for (const k of LOOKS) {
          assert.notEqual(s[k].line, 'none', `${k} draws a line`);
          for (const bg of [s.page, ...BACKGROUNDS]) {
            const ratio = contrast(s[k].lineColor, bg);
            assert.ok(ratio >= MIN_CONTRAST, `${k}'s line ${s[k].lineColor} on ${bg}: ${ratio.toFixed(2)}:1`);
          }
          assert.ok(s[k].color === s['attribution-low'].color || k === 'repost-noise', `${k} keeps the page's letters`);
        }
        // The faded noise text stays readable (text-level contrast on both kinds of page).
        for (const bg of [s.page, ...BACKGROUNDS]) {
          assert.ok(contrast(s['repost-noise'].color, bg) >= MIN_CONTRAST, `noise text ${s['repost-noise'].color} on ${bg}`);
        }
        // Low severity is the quietest: thinner line, no wash; medium is lighter than high.
        const px = (k) => parseFloat(s[k].thickness);
        assert.ok(px('attribution-low') < px('attribution-medium') && px('attribution-medium') <= px('attribution-high'), 'line weights');
        assert.ok(alpha(s['attribution-low'].background) < alpha(s['attribution-medium'].background), 'low has less wash than medium');
        assert.ok(alpha(s['attribution-medium'].background) < alpha(s['attribution-high'].background), 'medium has less wash than high');
        // Every second mark adds a little of its category's wash; a low one stays under a medium one.
        const alts = await styles(page, Object.fromEntries(['repost-noise', 'unrelated-promo', 'unconfirmed-attribution'].map((c) => [c, NAMES[`${c}-alternate`]])));
        for (const c of ['repost-noise', 'unrelated-promo', 'unconfirmed-attribution']) {
          assert.ok(alpha(alts[c].background) > 0, `${c}-alternate has a wash`);
        }
        assert.ok(alpha(alts['unconfirmed-attribution'].background) < alpha(s['attribution-medium'].background), 'an alternate low attribution stays quieter than a medium one');
        // Regression: Firefox painted the noise overlay's unset colour as the page's, so every second
        // noise mark lost its faded letters.
        assert.equal(alts['repost-noise'].color, s['repost-noise'].color, 'every second noise mark keeps the faded letters');
        await page.screenshot(`${ARTIFACTS}/${browser}-marks-${shade}.png`, { fullPage: true });
        await page.close();
      });
    }

    it('on the dark page a high and a low attribution are drawn, and two neighbouring marks never merge into one band', async () => {
      const page = await env.driver.open(env.server.url('dark.html'));
      await waitForMarks(page);
      const seen = await page.eval((n) => {
        const texts = (name) => [...(CSS.highlights.get(name) ?? [])].map((r) => r.toString());
        const attributions = [...(CSS.highlights.get(n.all) ?? [])];
        const alternate = CSS.highlights.get(n.alternate);
        return {
          high: texts(n.high),
          low: texts(n.low),
          attributions: attributions.map((r) => ({ text: r.toString(), alternate: !!alternate?.has(r) })),
        };
      }, { all: NAMES['unconfirmed-attribution'], high: NAMES['attribution-high'], low: NAMES['attribution-low'], alternate: NAMES['unconfirmed-attribution-alternate'] });
      console.log(`${browser} dark attributions: ${JSON.stringify(seen)}`);
      assert.ok(seen.high.length >= 1, 'a high-severity attribution is drawn');
      assert.ok(seen.low.length >= 1, 'a low-severity attribution is drawn');
      const at = (needle) => seen.attributions.find((a) => a.text.includes(needle));
      const first = at('according to people familiar with the matter');
      const second = at('sources close to the talks said');
      assert.ok(first && second, 'both neighbouring sentences are marked');
      assert.notEqual(first.alternate, second.alternate, 'neighbouring marks take different highlights');
      // Every pair of marks next to each other in page order alternates.
      for (let i = 1; i < seen.attributions.length; i += 1) {
        assert.notEqual(seen.attributions[i].alternate, seen.attributions[i - 1].alternate, `marks ${i - 1} and ${i} alternate`);
      }
      await page.close();
    });
  });
}
