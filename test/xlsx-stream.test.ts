/**
 * The XLSX written as it goes (core/export/xlsx-stream): with the platform's deflate and with
 * fflate's, over enough reports that rows are written out in many pieces, it opens in exceljs
 * with the same cells as the workbook held whole (buildWorkbook).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildWorkbook, SHEETS, xlsxExporter } from '../core/export/xlsx';
import { joinBytes, XlsxStream } from '../core/export/xlsx-stream';
import { XlsxSheet } from '../core/export/xlsx-writer';
import type { ExportItem } from '../core/export/cells';
import { makeReport, withMeta } from './support/report-builder';

async function cellsOf(bytes: Uint8Array): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out: Record<string, unknown[][]> = {};
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => (rows[n - 1] = (row.values as unknown[]).slice(1)));
    out[ws.name] = rows;
  });
  return out;
}

/** 16 reports of two formats (over 3,000 long rows: written out in several pieces), one with a hostile title. */
function items(): ExportItem[] {
  const out: ExportItem[] = [];
  for (let i = 0; i < 16; i++) {
    const format = i % 3 ? '2021' : '2019';
    const report = withMeta(makeReport(format, { year: 2015 + (i % 10), agency: `示例市第${Math.floor(i / 10) + 1}局` }), {
      title: i === 7 ? '=HYPERLINK("http://x")' : `第${i}份`,
      source: `http://www.example${i}.gov.cn/${i}.html`,
    });
    out.push({ report, issues: [], previous: null });
  }
  return out;
}

describe('XLSX written as it goes', () => {
  it('with either deflate, the same cells as the workbook held whole; formulas stay text', async () => {
    const list = items();
    const { book } = await buildWorkbook(list);
    const whole = await cellsOf(book.toBytes());
    expect(whole[SHEETS.long].length).toBeGreaterThan(3000);
    expect(Object.keys(whole)).toEqual([SHEETS.reports, SHEETS.t2, SHEETS.t3, SHEETS.t4, SHEETS.long, SHEETS.issues, SHEETS.coverage]);
    for (const nativeDeflate of [true, false]) {
      const exporter = xlsxExporter({ nativeDeflate });
      for (const it of list) exporter.item(it);
      await exporter.drain();
      const streamed = await cellsOf(joinBytes(await exporter.end()));
      expect(streamed).toEqual(whole);
      expect(streamed[SHEETS.reports][8][4]).toBe('\'=HYPERLINK("http://x")');
    }
  });

  it('a row once written out cannot be changed', async () => {
    const stream = new XlsxStream({ nativeDeflate: false });
    const sheet = stream.add(new XlsxSheet('s'));
    sheet.addRow(['a', 1]);
    stream.flush(sheet);
    expect(() => sheet.set(1, 3, 'late')).toThrow(/written already/);
    sheet.addRow(['b', 2]);
    const cells = await cellsOf(joinBytes(await stream.finish()));
    expect(cells.s).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });
});
