/**
 * The docked panel never covers a marked cell and the tooltip never covers the panel — at
 * 1280×800 and 1024×768, on our sample page and the largest corpus pages. Element rectangles,
 * not pixels: each marked cell is scrolled into view as a reader (or the panel's "show the cell")
 * would, then its rectangle is compared with the panel's; each strong mark is hovered with the
 * mouse and the tooltip's rectangle compared with the panel's. Also: the strong marks on the
 * sample are exactly its suspects, and the summary cautions the figures they touch.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHtml } from '../../core/parse/html';
import { checkReport } from '../../core/rules/index';
import { buildExtension, hasChromium, launch, waitForLens, type Lens } from './support/browser';
import { lensClick, lensCount, lensRect, lensText, type Rect } from './support/lens';
import { readMarks } from './support/marks';
import { CORPUS_DIR, corpusPages, startServer, type PageServer } from './support/server';

const hasBrowser = hasChromium();

const SIZES: [number, number][] = [
  [1280, 800],
  [1024, 768],
];
/** The largest corpus pages that have marks (the core says which, when the corpus is there), largest first. */
const LARGEST = corpusPages()
  .map((f) => ({ f, size: statSync(join(CORPUS_DIR, f)).size }))
  .sort((a, b) => b.size - a.size)
  .filter(({ f }) => checkReport(parseHtml(readFileSync(join(CORPUS_DIR, f), 'utf8'), { source: f })).some((i) => i.cells.length > 0))
  .slice(0, 4)
  .map((x) => `corpus/${x.f}`);
const PAGES = ['samples/demo-2024.html', ...LARGEST];

let server: PageServer;
let lens: Lens;

beforeAll(async () => {
  if (!hasBrowser) return;
  buildExtension();
  server = await startServer();
  lens = await launch({ port: server.port });
}, 300_000);

afterAll(async () => {
  await lens?.close();
  await server?.close();
});

const intersects = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

async function open(path: string, [w, h]: [number, number]): Promise<Page> {
  const page = await lens.context.newPage();
  await page.setViewportSize({ width: w, height: h });
  await page.goto(`http://www.${path.split('/')[1].split('-')[1] ?? 'example'}.gov.cn/${path}`, { waitUntil: 'domcontentloaded' });
  await waitForLens(page);
  return page;
}

/** Scroll every marked cell into view (as "show the cell" does) and return those that lie under `panel`. */
async function cellsUnder(page: Page, panel: Rect): Promise<string[]> {
  return page.evaluate((p) => {
    const bad: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-nianbao-issue]'))) {
      el.scrollIntoView({ block: 'center', inline: 'nearest' });
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < p.right && p.left < r.right && r.top < p.bottom && p.top < r.bottom) bad.push(`${el.getAttribute('data-nianbao-cell')} @${Math.round(r.left)}–${Math.round(r.right)}`);
    }
    return bad;
  }, panel);
}

describe.skipIf(!hasBrowser)('the docked panel makes room for itself', () => {
  for (const size of SIZES) {
    for (const path of PAGES) {
      it(`${path} at ${size.join('×')}: no marked cell under the panel (open or collapsed), no tooltip over it`, async () => {
        const page = await open(path, size);
        try {
          const panel = (await lensRect(lens, page, '.lens'))!;
          expect(panel).not.toBeNull();
          // Docked to the right edge, the full height of the window.
          expect(Math.round(panel.right)).toBe(size[0]);
          expect(Math.round(panel.top)).toBe(0);
          expect(Math.round(panel.bottom)).toBe(size[1]);
          const marked = await page.locator('[data-nianbao-issue]').count();
          expect(marked).toBeGreaterThan(0);
          expect(await cellsUnder(page, panel)).toEqual([]);

          // The tooltip of every strong mark, hovered with the mouse, stays clear of the panel.
          const strong = page.locator('[data-nianbao-role="suspect"], [data-nianbao-role="total"]');
          const n = Math.min(await strong.count(), 8);
          for (let i = 0; i < n; i++) {
            await strong.nth(i).scrollIntoViewIfNeeded();
            await strong.nth(i).hover();
            await expect.poll(() => lensCount(lens, page, '.tip')).toBe(1);
            const tip = (await lensRect(lens, page, '.tip'))!;
            expect(intersects(tip, panel), `tooltip ${JSON.stringify(tip)} over the panel ${JSON.stringify(panel)}`).toBe(false);
            await page.mouse.move(1, 1);
          }

          // Collapsed to its tab: the tab keeps a strip of its own, no cell under it either.
          await lensClick(lens, page, 'header button');
          await expect.poll(() => lensCount(lens, page, 'button.badge')).toBe(1);
          const tab = (await lensRect(lens, page, 'button.badge'))!;
          expect(await cellsUnder(page, tab)).toEqual([]);
          await lensClick(lens, page, 'button.badge');
          await expect.poll(() => lensCount(lens, page, '.lens')).toBe(1);
        } finally {
          await page.close();
        }
      });
    }
  }
});

describe.skipIf(!hasBrowser)('marks a reader can trust, on the sample', () => {
  it('one strong mark per wrong number, with its suggested value; parts show on hover; the summary cautions', async () => {
    const page = await open('samples/demo-2024.html', [1280, 800]);
    try {
      const marks = await readMarks(page);
      const suspects = marks.filter((m) => m.role === 'suspect').map((m) => `${m.cells.join(' ')}=${m.suggested}`);
      expect(suspects.sort()).toEqual(['t3.carried_over.natural_person=2', 't3.granted.total=15', 't4.review.total=7']);
      expect(marks.filter((m) => m.role === 'total' && m.severity === 'error')).toEqual([]);
      expect(marks.filter((m) => m.role === 'part').length).toBeGreaterThan(10);
      // A part has no outline of its own until its issue is hovered.
      const part = page.locator('[data-nianbao-role="part"][data-nianbao-cell="t3.granted.natural_person"]');
      expect(await part.evaluate((e) => getComputedStyle(e).outlineStyle)).toBe('none');
      await page.locator('[data-nianbao-role="suspect"][data-nianbao-cell="t3.granted.total"]').hover();
      await expect.poll(() => part.evaluate((e) => getComputedStyle(e).outlineStyle)).toBe('dashed');
      await page.mouse.move(1, 1);
      await expect.poll(() => part.evaluate((e) => getComputedStyle(e).outlineStyle)).toBe('none');
      // The suspect's badge says what it should be.
      expect(await page.locator('[data-nianbao-cell="t3.granted.total"]').evaluate((e) => getComputedStyle(e, '::after').content)).toBe('"应为 15"');
      // The citizen summary.
      expect(await lensText(lens, page, '[data-figure="granted"]')).toBe('17 件 ⚠ 表中数字不一致（应为 15）');
      expect(await lensText(lens, page, '[data-figure="review"]')).toBe('0 件 ⚠ 表中数字不一致（应为 7）');
      expect(await lensCount(lens, page, '[data-figure="partial"] .caution-note')).toBe(0);
      // The issue names its suspect (the first row total is 上年结转's, whose 自然人 is misprinted).
      expect(await lensText(lens, page, 'li[data-rule="t3.row-total"] .suspect')).toContain('印 3，应为 2');
    } finally {
      await page.close();
    }
  });
});
