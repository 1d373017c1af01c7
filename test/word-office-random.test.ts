/**
 * The Word readers on a document scripts/measure-office-random.ts found misread
 * (test/fixtures/office-random: LibreOffice's .doc of a page-writer page, seed 3 page 5). Its table 3
 * is continued in a table of its own grid (two label columns, the seven values, two empty cells),
 * and the .doc holds both parts as one table. In 2.重复申请 the 0 of 自然人 is printed blank: that
 * blank was taken for padding of the continued grid, and the row's numbers moved one column left
 * (5 false errors).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReport } from '../core/check/index';
import { parseDoc } from '../core/parse/word/doc';
import { parseHtml } from '../core/parse/html';
import { cellLines, goldFileLines } from './support/cells';

const DIR = join(import.meta.dirname, 'fixtures', 'office-random');

describe('a .doc whose continued table 3 has a row starting with a blank cell', () => {
  it('every cell exact, the blank kept as 自然人; no error-level issue', () => {
    const report = parseDoc(new Uint8Array(readFileSync(join(DIR, 'continued-blank-2021.doc'))));
    expect(cellLines(report)).toEqual(goldFileLines(join(DIR, 'continued-blank-2021.gold.csv')));
    expect(checkReport(report).filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('a .doc whose table 3 goes on under a repeated header, a row starting with a blank (seed 99 page 0)', () => {
  // The repeated header's 自然人 stands in the very cell column where 3.要求提供公开出版物 prints its
  // 0 blank: a header's text is no row label, and that blank is no label slot. Taken for one, the
  // row's numbers moved one column left (6 false errors, in the .doc and both PDFs made from it).
  it('every cell as the HTML page has it; the same errors (its planted one: 表四 未经复议直接起诉 总计)', () => {
    const report = parseDoc(new Uint8Array(readFileSync(join(DIR, 'repeated-header-blank-2021.doc'))));
    const html = parseHtml(readFileSync(join(DIR, 'repeated-header-blank-2021.html'), 'utf8'));
    expect(cellLines(report)).toEqual(cellLines(html));
    expect(report.t3['not_processed.publication']?.natural_person?.blank).toBe(true);
    const errors = (r: typeof report) => checkReport(r).filter((i) => i.severity === 'error').map((i) => `${i.rule} ${i.table}/${i.row}/${i.column}`);
    expect(errors(report)).toEqual(['t4.total t4/litigation_direct/total']);
    expect(errors(report)).toEqual(errors(html));
  });
});
