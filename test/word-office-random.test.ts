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
import { cellLines, goldFileLines } from './support/cells';

const DIR = join(import.meta.dirname, 'fixtures', 'office-random');

describe('a .doc whose continued table 3 has a row starting with a blank cell', () => {
  it('every cell exact, the blank kept as 自然人; no error-level issue', () => {
    const report = parseDoc(new Uint8Array(readFileSync(join(DIR, 'continued-blank-2021.doc'))));
    expect(cellLines(report)).toEqual(goldFileLines(join(DIR, 'continued-blank-2021.gold.csv')));
    expect(checkReport(report).filter((i) => i.severity === 'error')).toEqual([]);
  });
});
