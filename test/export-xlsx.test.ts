/** XLSX: written to bytes, read back with exceljs, every cell equal to the JSON export's. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SHEETS, T3_CORNER, buildWorkbook, cellValue } from '../core/export/xlsx';
import { LONG_COLUMNS, ISSUE_COLUMNS, longLines, toJson, toXlsx, unionCellKeys, type ExportItem } from '../core/export/index';
import { T3_COLUMNS, cellKeys, t3Rows, type FormatId } from '../core/model/keys';
import { COVERAGE_COLUMNS, coverage, coverageItem } from '../core/portal/coverage';
import type { Cell, Issue, Report } from '../core/model/schema';
import { parseHtml } from '../core/parse/index';
import { readReportFile } from '../core/node/read';
import { consistentValues, writeReportPage } from './support/page-writer';
import { corpusReports, hasCorpus } from './support/corpus';

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  expect(bytes).toBeInstanceOf(Uint8Array);
  expect(String.fromCharCode(bytes[0], bytes[1])).toBe('PK');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** A report of our own page: consistent values, a few odd cells (减 change, /, blank, money). */
function ownReport(format: FormatId, seed: number, agency: string): Report {
  const values = consistentValues(format, seed);
  if (format === '2019') values['t2.licensing.change'] = '减4';
  values['t3.denied.state_secret.research'] = '/';
  delete values['t3.denied.state_secret.legal_services'];
  const report = parseHtml(writeReportPage({ format, agency, year: format === '2019' ? 2019 : 2023, values }), { source: `${agency}.html` });
  expect(report.meta.format).toBe(format);
  return report;
}

const issue: Issue = {
  rule: 't3.row-total',
  severity: 'error',
  table: 't3',
  row: 'granted',
  column: 'total',
  cells: [],
  expected: 3,
  actual: 2,
  expectedFrom: 'sum',
  candidates: [],
  message: '总计不符',
  messageEn: 'total differs',
  suspects: [{ table: 't3', row: 'granted', column: 'total', printed: 2, suggested: 3, kind: 'value' }],
};

/** What JSON says a cell is, as the workbook should show it. */
const expected = (cell: Cell | undefined) => cellValue(cell);

function cellOf(report: Report, id: { table: 't2' | 't3' | 't4'; row: string; column: string }): Cell | undefined {
  return (report[id.table] as Record<string, Record<string, Cell>>)[id.row]?.[id.column];
}

/** Rows of a list sheet, values as exceljs reads them (null for empty). */
function listRows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const vals: unknown[] = [];
    for (let c = 1; c <= ws.columnCount; c++) vals.push(row.getCell(c).value ?? null);
    out.push(vals);
  });
  return out;
}

function checkLongSheet(wb: ExcelJS.Workbook, items: ExportItem[]) {
  const rows = listRows(wb.getWorksheet(SHEETS.long)!);
  expect(rows[0]).toEqual([...LONG_COLUMNS]);
  const want = items.flatMap((it) => longLines(it.report)).map((l) => l.map((v) => (v === '' ? null : v)));
  expect(rows.slice(1)).toEqual(want);
  // Against the JSON directly: value column is the number (or empty), as a number.
  const json = JSON.parse(toJson(items));
  const fromJson = json.reports.flatMap((r: { report: Report }) =>
    cellKeys(r.report.meta.format!).flatMap((k) => {
      const c = cellOf(r.report, k);
      return c ? [c.value] : [];
    }),
  );
  expect(rows.slice(1).map((r) => r[7])).toEqual(fromJson);
}

describe('XLSX of one report: the official tables', () => {
  for (const format of ['2019', '2021'] as const) {
    it(`format ${format}: every cell equals the JSON's, under its official labels`, async () => {
      const report = ownReport(format, format === '2019' ? 3 : 4, '测试县人民政府');
      const items = [{ report, issues: [issue] }];
      const wb = await readBack(await toXlsx(items));
      expect(wb.worksheets.map((w) => w.name)).toEqual([SHEETS.reports, SHEETS.t2, SHEETS.t3, SHEETS.t4, SHEETS.long, SHEETS.issues]);
      const { positions } = await buildWorkbook(items);
      const json = JSON.parse(toJson(items)).reports[0].report as Report;
      let numbers = 0;
      for (const k of cellKeys(format)) {
        const pos = positions![k.table].get(`${k.table}.${k.row}.${k.column}`)!;
        expect(pos, `${k.table}.${k.row}.${k.column}`).toBeDefined();
        const got = wb.getWorksheet(SHEETS[k.table])!.getCell(pos.row, pos.col).value ?? null;
        expect([k.table, k.row, k.column, got]).toEqual([k.table, k.row, k.column, expected(cellOf(json, k))]);
        if (typeof cellOf(json, k)?.value === 'number') {
          expect(typeof got).toBe('number');
          numbers++;
        }
      }
      expect(numbers).toBeGreaterThan(100);
      if (format === '2019') expect(wb.getWorksheet(SHEETS.t2)!.getCell(positions!.t2.get('t2.licensing.change')!.row, positions!.t2.get('t2.licensing.change')!.col).value).toBe(-4);
      checkLongSheet(wb, items);
      expect(listRows(wb.getWorksheet(SHEETS.issues)!)).toEqual([[...ISSUE_COLUMNS], ['测试县人民政府.html', '测试县人民政府', report.meta.year, 't3.row-total', 'error', 't3.granted.total', 3, 'sum', 2, '各分项相加为 3，表三印 2', '总计不符', 't3.granted.total=3', null]]);
    });
  }

  it('table 3 has the official header: 自然人 · 法人或其他组织 (5 columns) · 总计, and its row labels', async () => {
    const report = ownReport('2021', 5, '测试区人民政府');
    const items = [{ report, issues: [] }];
    const wb = await readBack(await toXlsx(items));
    const ws = wb.getWorksheet(SHEETS.t3)!;
    const { positions } = await buildWorkbook(items);
    const first = positions!.t3.get('t3.new_received.natural_person')!;
    const head = first.row - 3;
    expect(ws.getCell(head, 1).value).toBe(T3_CORNER);
    expect(ws.getCell(head, 4).value).toBe('申请人情况');
    expect(ws.getCell(head + 1, 4).value).toBe('自然人');
    expect(ws.getCell(head + 1, 5).value).toBe('法人或其他组织');
    expect(ws.getCell(head + 1, 10).value).toBe('总计');
    // 法人或其他组织 spans the five organisation columns; 自然人 and 总计 span two header rows.
    for (let c = 5; c <= 9; c++) expect(ws.getCell(head + 1, c).master.address).toBe(ws.getCell(head + 1, 5).address);
    expect(ws.getCell(head + 2, 4).master.address).toBe(ws.getCell(head + 1, 4).address);
    expect(ws.getCell(head + 2, 10).master.address).toBe(ws.getCell(head + 1, 10).address);
    expect([5, 6, 7, 8, 9].map((c) => ws.getCell(head + 2, c).value)).toEqual(T3_COLUMNS.slice(1, 6).map((c) => c.zh));
    // Each cell's position sits under its column label and beside its row label.
    for (const row of t3Rows('2021')) {
      const r = positions!.t3.get(`t3.${row.key}.total`)!.row;
      expect([1, 2, 3].map((c) => ws.getCell(r, c).value)).toContain(row.zh);
      if (row.group && row.group !== '三、本年度办理结果') expect(ws.getCell(r, 2).value).toBe(row.group);
    }
    T3_COLUMNS.forEach((c, i) => expect(positions!.t3.get(`t3.granted.${c.key}`)!.col).toBe(4 + i));
    const t4 = wb.getWorksheet(SHEETS.t4)!;
    expect(t4.getCell(3, 1).value).toBe('行政复议');
    expect(t4.getCell(3, 6).value).toBe('行政诉讼');
    expect(t4.getCell(4, 6).value).toBe('未经复议直接起诉');
    expect(t4.getCell(4, 11).value).toBe('复议后起诉');
  });
});

describe('XLSX of many reports: one row per report per table', () => {
  async function check(items: ExportItem[]) {
    const wb = await readBack(await toXlsx(items));
    const json = JSON.parse(toJson(items)).reports.map((r: { report: Report }) => r.report) as Report[];
    for (const table of ['t2', 't3', 't4'] as const) {
      const ws = wb.getWorksheet(SHEETS[table])!;
      const ids: string[] = [];
      for (let c = 5; c <= ws.columnCount; c++) ids.push(String(ws.getCell(3, c).value));
      const formats = new Set(json.map((r) => r.meta.format));
      expect(ids).toEqual(unionCellKeys().filter((k) => k.table === table && k.formats.some((f) => formats.has(f))).map((k) => k.id));
      json.forEach((report, i) => {
        const row = ws.getRow(4 + i);
        expect([1, 2, 3, 4].map((c) => row.getCell(c).value ?? null)).toEqual([report.meta.source, report.meta.agency, report.meta.year, report.meta.format]);
        ids.forEach((id, c) => {
          const k = unionCellKeys().find((x) => x.id === id)!;
          expect([id, row.getCell(5 + c).value ?? null]).toEqual([id, expected(cellOf(report, k))]);
        });
      });
      expect(ws.rowCount).toBe(3 + items.length);
    }
    checkLongSheet(wb, items);
  }

  it('reports of both formats, ours', async () => {
    await check([
      { report: ownReport('2019', 7, '甲县人民政府'), issues: [] },
      { report: ownReport('2021', 8, '乙县人民政府'), issues: [issue] },
      { report: ownReport('2021', 9, '丙县人民政府'), issues: [] },
    ]);
  });

  it.skipIf(!hasCorpus)('the corpus pages', async () => {
    const items: ExportItem[] = [];
    for (const e of corpusReports().filter((x) => x.name.endsWith('.html'))) items.push({ report: await readReportFile(e.path), issues: [] });
    await check(items);
  });
});

describe('XLSX sheets beyond the tables', () => {
  it('a dataset gets a coverage sheet (agency × year, missing years listed), numbers as numbers', async () => {
    const a = ownReport('2021', 11, '丁县人民政府');
    const b = ownReport('2019', 12, '丁县人民政府');
    const items = [
      { report: a, issues: [issue] },
      { report: b, issues: [] },
    ];
    const wb = await readBack(await toXlsx(items));
    const rows = listRows(wb.getWorksheet(SHEETS.coverage)!);
    expect(rows[0]).toEqual([...COVERAGE_COLUMNS]);
    const want = coverage(items.map((it) => coverageItem(it.report, it.issues)));
    expect(rows.length).toBe(1 + want.length);
    expect(want.some((r) => r.status === 'missing')).toBe(true); // 2020–2022 between the two
    rows.slice(1).forEach((r, i) => expect(r).toEqual(COVERAGE_COLUMNS.map((c) => want[i][c] ?? null)));
    expect(typeof rows[1][1]).toBe('number');
    // One report: no coverage sheet.
    const one = await readBack(await toXlsx([items[0]]));
    expect(one.getWorksheet(SHEETS.coverage)).toBeUndefined();
  });

  it('panes are frozen: the header rows of every list sheet, the report columns of a wide table', async () => {
    const items = [
      { report: ownReport('2021', 13, '戊县人民政府'), issues: [issue] },
      { report: ownReport('2021', 14, '己县人民政府'), issues: [] },
    ];
    const wb = await readBack(await toXlsx(items));
    const view = (name: string) => wb.getWorksheet(name)!.views[0] as { state?: string; xSplit?: number; ySplit?: number };
    for (const name of [SHEETS.reports, SHEETS.long, SHEETS.issues, SHEETS.coverage]) expect(view(name)).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(view(SHEETS.t3)).toMatchObject({ state: 'frozen', xSplit: 4, ySplit: 3 });
    expect(wb.getWorksheet(SHEETS.t3)!.getCell(1, 5).font?.bold).toBe(true);
  });

  it('text a spreadsheet would run is neutralised, XML-unsafe characters dropped, and the file is a valid zip', async () => {
    const report = ownReport('2021', 15, '=HYPERLINK("x")庚县\u0001人民政府');
    const wb = await readBack(await toXlsx([{ report, issues: [{ ...issue, message: '+SUM(A1)' }] }]));
    const issues = listRows(wb.getWorksheet(SHEETS.issues)!);
    expect(issues[1][1]).toBe(`'=HYPERLINK("x")庚县人民政府`);
    expect(issues[1][ISSUE_COLUMNS.indexOf('message')]).toBe(`'+SUM(A1)`);
  });
});
