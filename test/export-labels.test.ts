/**
 * One vocabulary: every cell key has one label, the data dictionary's (core/model/keys.ts, with its
 * unit), and it is the same in the CSV headers (--labels zh), the XLSX sheets, docs/data-dictionary.md
 * and the extension's panel (issueWhere).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellHeaderZh, toXlsx, unionCellKeys, wideHeader, type UnionCellKey } from '../core/export/index';
import { SHEETS } from '../core/export/xlsx';
import { labelOf, shortT3Label, t3Rows, type FormatId } from '../core/model/keys';
import { parseHtml } from '../core/parse/index';
import { issueWhere } from '../extension/app/describe';
import type { Issue } from '../core/model/schema';
import { consistentValues, writeReportPage } from './support/page-writer';

const ROOT = join(import.meta.dirname, '..');
const KEYS = unionCellKeys();

/** The dictionary's label of a cell: row · column (table 3's rows by their short form, the group first). */
function dictionaryLabel(k: UnionCellKey): [string, string] {
  const row = k.table === 't3' ? shortT3Label(t3Rows(k.formats[0]).find((r) => r.key === k.row)!) : k.zhRow;
  return [row, k.zhColumn];
}

const TABLE_ZH = { t2: '表二', t3: '表三', t4: '表四' } as const;

describe('one label per field', () => {
  it('labelOf (panel, CLI, letter) is the dictionary label; an amount says 万元', () => {
    for (const k of KEYS) {
      expect([k.id, labelOf(k.table, k.row, k.column)]).toEqual([k.id, dictionaryLabel(k).join(' · ')]);
      if (k.unit === 'yuan_10k') expect([k.id, k.zhColumn]).toEqual([k.id, expect.stringContaining('万元')]);
    }
    expect(labelOf('t2', 'procurement', 'amount_10k_yuan')).toBe('政府集中采购 · 采购总金额（单位：万元）');
    expect(labelOf('t2', 'normative_documents', 'made')).toBe('规范性文件 · 本年新制作数量');
    expect(labelOf('t2', 'normative_documents', 'issued')).toBe('行政规范性文件 · 本年制发件数');
  });

  it('the CSV headers (--labels zh) are the dictionary labels', () => {
    const header = wideHeader({ labels: 'zh' });
    for (const k of KEYS) expect(header).toContain(`${TABLE_ZH[k.table]}·${dictionaryLabel(k).join('·')}`);
    for (const k of KEYS) expect(cellHeaderZh(k)).toBe(`${TABLE_ZH[k.table]}·${dictionaryLabel(k).join('·')}`);
  });

  it('docs/data-dictionary.md lists each cell key with the same row and column labels', () => {
    const doc = readFileSync(join(ROOT, 'docs/data-dictionary.md'), 'utf8');
    for (const k of KEYS.filter((x) => x.table === 't2')) {
      const line = doc.split('\n').find((l) => l.startsWith(`| \`${k.id}\` |`))!;
      expect([k.id, line.split(' | ')[4]]).toEqual([k.id, dictionaryLabel(k).join(' · ')]);
    }
  });

  it('the XLSX sheets of several reports head each column with the same labels', async () => {
    const formats: FormatId[] = ['2019', '2021', 'hybrid'];
    const items = formats.map((format, n) => ({ report: parseHtml(writeReportPage({ format, agency: `测试${n}县人民政府`, year: 2023, values: consistentValues(format, n + 1) })), issues: [] as Issue[] }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(items)) as unknown as ArrayBuffer);
    let seen = 0;
    for (const table of ['t2', 't3', 't4'] as const) {
      const ws = wb.getWorksheet(SHEETS[table])!;
      for (let c = 1; c <= ws.columnCount; c++) {
        const id = ws.getRow(3).getCell(c).value;
        const k = KEYS.find((x) => x.id === id);
        if (!k) continue;
        seen++;
        expect([k.id, ws.getRow(1).getCell(c).value, ws.getRow(2).getCell(c).value]).toEqual([k.id, ...dictionaryLabel(k)]);
      }
    }
    expect(seen).toBe(KEYS.length);
  });

  it('the panel names a cell with the same label', () => {
    for (const k of KEYS) {
      const issue = { table: k.table, row: k.row, column: k.column } as Issue;
      expect(issueWhere(issue, 'zh').endsWith(dictionaryLabel(k).join(' · '))).toBe(true);
    }
  });
});
