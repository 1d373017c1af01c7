/**
 * The collection page's exports in a real Chromium with the built extension (issue 22: read a batch
 * at a time, XLSX zipped as it goes by the browser's own deflate): 60 imported reports (more than one
 * batch), one with a formula for a title. The JSON gives back every report; the long CSV and the
 * XLSX's long sheet are what the core writes of the JSON's reports; the XLSX opens in exceljs with
 * its sheets, a row per report, and the formula neutralised.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { toJson } from '../../core/export/json';
import { longLines, toLongCsv } from '../../core/export/csv';
import { SHEETS } from '../../core/export/xlsx';
import type { Report } from '../../core/model/schema';
import { makeReport, withMeta } from '../support/report-builder';
import { buildExtension, hasChromium, serveAndLaunch, type Lens } from './support/browser';

const hasBrowser = hasChromium();
const N = 60;
let lens: Lens;
let close: () => Promise<void> = async () => undefined;
let page: Page;

const reports = Array.from({ length: N }, (_, i) =>
  withMeta(makeReport(i % 2 ? '2021' : '2019', { year: 2015 + (i % 10), agency: `示例市第${Math.floor(i / 10) + 1}局` }), {
    title: i === 13 ? '=HYPERLINK("http://x")' : `第${i}份`,
    source: `http://www.export${Math.floor(i / 10)}.gov.cn/ndbg/${2015 + (i % 10)}.html`,
  }),
);

beforeAll(async () => {
  if (!hasBrowser) return;
  buildExtension();
  ({ lens, close } = await serveAndLaunch((_req, res) => res.writeHead(404).end()));
  page = await lens.context.newPage();
  await page.goto(`chrome-extension://${lens.extensionId}/collection.html`);
  await page.locator('input[data-action="import"]').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from(toJson(reports.map((report) => ({ report, issues: [] })))) });
  await page.locator('button[data-action="import-confirm"]').click();
  await page.waitForFunction((n) => document.querySelector('.msg')?.textContent?.includes(`已导入 ${n} 份`), N, { polling: 100 });
}, 300_000);

afterAll(() => close());

async function exported(kind: string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`button[data-export="${kind}"]`)]);
  return readFileSync((await download.path())!);
}

describe.skipIf(!hasBrowser)('collection exports, a batch at a time (issue 22)', () => {
  it('JSON, long CSV and XLSX of 60 reports agree with each other and with the core’s writers', async () => {
    const json = JSON.parse((await exported('json')).toString('utf8')) as { reports: { report: Report; issues: [] }[] };
    expect(json.reports).toHaveLength(N);
    expect(new Set(json.reports.map((r) => r.report.meta.source))).toEqual(new Set(reports.map((r) => r.meta.source)));
    expect((await exported('csv')).toString('utf8')).toBe(toLongCsv(json.reports));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exported('xlsx')) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([SHEETS.reports, SHEETS.t2, SHEETS.t3, SHEETS.t4, SHEETS.long, SHEETS.issues, SHEETS.coverage]);
    const rows = (name: string) => (wb.getWorksheet(name)!.getSheetValues() as unknown[][]).slice(2).map((r) => r.slice(1).map((v) => v ?? ''));
    expect(rows(SHEETS.reports)).toHaveLength(N);
    expect(rows(SHEETS.reports).map((r) => r[4])).toContain('\'=HYPERLINK("http://x")');
    expect(rows(SHEETS.long)).toEqual(json.reports.flatMap((r) => longLines(r.report)));
  }, 120_000);
});
