/**
 * The collection page's 评分 Scores view in a real Chromium with the built extension: four reports
 * of four agencies imported (our own JSON export), one pasted from another's narrative, one with a
 * table error. Scored with the national pack: the pasted pair loses the 雷同 points and is shown
 * side by side, the table error loses the data points, the clean report keeps all; sorting, the
 * evidence on click, a loaded pack (and a broken one: one line), CSV and Parquet downloads.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJson } from '../../core/export/json';
import { shippedPack } from '../../core/score/packs/index';
import { scoreBatchFixture } from '../support/score-batch';
import { buildExtension, hasChromium, launch, screenshotIfAsked, type Lens } from './support/browser';

const hasBrowser = hasChromium();
let lens: Lens;
let page: Page;

function importDocument(): string {
  return toJson(
    scoreBatchFixture().map(({ source, report }) => ({
      report: { ...report, meta: { ...report.meta, source: `https://www.demo-portal.gov.cn/ndbg/${source.replace('fixtures/', '')}` } },
      issues: [],
    })),
  );
}

beforeAll(async () => {
  if (!hasBrowser) return;
  buildExtension();
  lens = await launch({ port: 9 });
  page = await lens.context.newPage();
}, 300_000);

afterAll(async () => {
  await lens?.close();
});

describe.skipIf(!hasBrowser)('评分 Scores view', () => {
  it('scores every report: 雷同 pair, table error, clean', async () => {
    await page.goto(`chrome-extension://${lens.extensionId}/collection.html`);
    await page.locator('input[data-action="import"]').setInputFiles({ name: 'batch.json', mimeType: 'application/json', buffer: Buffer.from(importDocument()) });
    await page.locator('button[data-action="import-confirm"]').click();
    await expect.poll(() => page.locator('table.list:not(.score-list) tbody tr').count(), { timeout: 20_000 }).toBe(4);
    await page.locator('button[data-action="score"]').click();
    const rows = page.locator('table.score-list tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(4);
    const scoreOf = async (file: string) => Number(await page.locator(`table.score-list tr[data-source$="${file}"]`).getAttribute('data-score'));
    expect(await scoreOf('wjw-2023.html')).toBe(100);
    expect(await scoreOf('sthj-2023.html')).toBeLessThanOrEqual(90);
    expect(await scoreOf('jtys-2023.html')).toBeLessThanOrEqual(90);
    expect(await scoreOf('jyj-2023.html')).toBeLessThan(100);
    // Best first by default; a click on 得分 reverses.
    expect(await rows.first().getAttribute('data-source')).toMatch(/wjw-2023/);
    await page.locator('button[data-sort="score"]').click();
    expect(await rows.last().getAttribute('data-source')).toMatch(/wjw-2023/);
    // The pair side by side.
    const pair = page.locator('.pair-block');
    expect(await pair.count()).toBe(1);
    expect(await pair.innerText()).toContain('蓝天保卫战');
    expect(await pair.locator('.pair-head span').allInnerTexts()).toEqual(expect.arrayContaining(['示例市生态环境局 2023', '示例市交通运输局 2023']));
  });

  it('a click opens the evidence with citations', async () => {
    await page.locator('table.score-list tr[data-source$="jyj-2023.html"] button[data-action="open-evidence"]').click();
    const evidence = page.locator('.evidence');
    await expect.poll(() => evidence.locator('.deduction[data-indicator="data.arithmetic"]').count()).toBe(1);
    expect(await evidence.innerText()).toMatch(/依据 Source: 国办公开办函〔2021〕30号/);
    await screenshotIfAsked(page, 'collection-scores', { width: 1280, height: 1400 }, true);
  });

  it('exports the scores as CSV (a row per report × indicator) and the long table as Parquet', async () => {
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-action="scores-csv"]').click()]);
    const text = readFileSync((await csv.path())!, 'utf8');
    const rows = Papa.parse<Record<string, string>>(text.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(4 * shippedPack('national')!.indicators.length);
    const [pq] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-action="export-parquet"]').click()]);
    const bytes = readFileSync((await pq.path())!);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PAR1');
  });

  it('a pack loaded from a file is used; a broken one is one line naming the field', async () => {
    const mine = structuredClone(shippedPack('national')!);
    mine.id = 'mine';
    mine.title = { zh: '我的评分', en: 'mine' };
    mine.indicators = mine.indicators.filter((i) => i.id === 'copied');
    await page.locator('input[data-action="load-pack"]').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(mine)) });
    await expect.poll(() => page.locator('select[data-action="pack"]').inputValue()).toBe('mine');
    await page.locator('button[data-action="score"]').click();
    await expect.poll(() => page.locator('table.score-list tr[data-source$="wjw-2023.html"]').getAttribute('data-score')).toBe('10');
    expect(await page.locator('table.score-list tr[data-source$="jtys-2023.html"]').getAttribute('data-score')).toBe('0');
    (mine.indicators[0] as { points: unknown }).points = -1;
    await page.locator('input[data-action="load-pack"]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(mine)) });
    await expect.poll(() => page.locator('[data-problem]').innerText()).toMatch(/^bad\.json: 评分标准不合格式 — invalid pack: indicators\[0\]\.points: /);
  });
});
