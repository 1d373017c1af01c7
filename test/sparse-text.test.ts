/**
 * Table 3 printed with most cells blank, in pdftotext -layout text (test/fixtures/sparse, written by
 * scripts/gen-sparse-fixtures.ts from report pages of our own printed by Chromium): one that prints
 * only its non-zero cells, one that fills only 自然人 and 总计. No line carries a row of 7 numbers and
 * the numbers' columns drift from line to line; every cell is read exactly, a blank cell as blank,
 * and where the columns cannot be told the rows are named, never guessed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReport } from '../core/check/index';
import { parseText } from '../core/parse/text';
import { placeColumns } from '../core/parse/text-table-3-columns';
import type { TextValue } from '../core/parse/text-lines';
import { cellLines, goldFileLines } from './support/cells';

const DIR = join(import.meta.dirname, 'fixtures', 'sparse');
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.gold.csv') && !f.startsWith('misread-'))
  .map((f) => f.replace(/\.gold\.csv$/, ''));

const goldOf = (name: string): string[] => goldFileLines(join(DIR, `${name}.gold.csv`));
const textOf = (name: string) => readFileSync(join(DIR, `${name}.txt`), 'utf8');

describe('table 3 with most cells blank, as pdftotext prints it', () => {
  it('the fixtures are there', () => expect(names.sort()).toEqual(['nonzero-only-2019', 'two-columns-2023']));

  for (const name of names) {
    it(`${name}: every cell exact, a blank cell blank; no error; the rows placed by position named for checking`, () => {
      const report = parseText(textOf(name));
      expect(cellLines(report)).toEqual(goldOf(name));
      expect(checkReport(report).filter((i) => i.severity === 'error')).toEqual([]);
      expect(report.diagnostics.filter((d) => d.level !== 'info').map((d) => d.code)).toEqual(['text.t3-partial-row']);
    });
  }

  it('without the header’s 总计 and 商业 the columns cannot be told: the rows are named, none read', () => {
    const text = textOf('two-columns-2023').replace(/总计(?=\s*$)/m, '    ').replace(/商/g, ' ');
    const report = parseText(text);
    const gold = goldOf('two-columns-2023');
    expect(cellLines(report).filter((l) => !gold.includes(l))).toEqual([]);
    expect(report.diagnostics.map((d) => d.code)).toContain('text.t3-unplaced-row');
    expect(report.diagnostics.map((d) => d.code)).toContain('table.missing-cells');
  });
});

describe('a sparse table the text reader misreads (scripts/measure-sparse-text.ts 7 12 3)', () => {
  // Labels wrapped round other rows' numbers: some values land in the wrong row or column. Such a
  // reading must never accuse the office: every cell of the table is unsure (读不准), and what
  // rests on it is a warning that says why.
  const report = parseText(textOf('misread-2021'));
  const gold = new Map(goldOf('misread-2021').map((l) => [l.split(',').slice(0, 3).join(','), l]));
  const wrong = cellLines(report).filter((l) => l.startsWith('t3,') && gold.get(l.split(',').slice(0, 3).join(',')) !== l);

  it('misreads some cells (the case this fixture keeps), each of them marked unsure', () => {
    expect(wrong.length).toBeGreaterThan(0);
    for (const l of wrong) {
      const [, row, column] = l.split(',');
      expect((report.t3 as Record<string, Record<string, { unsure?: boolean }>>)[row][column].unsure, l).toBe(true);
    }
  });

  it('raises no error; the sums its misreadings break are warnings naming the placement by position', () => {
    const issues = checkReport(report);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const onT3 = issues.filter((i) => i.table === 't3' && i.rule.startsWith('t3.'));
    expect(onT3.length).toBeGreaterThan(0);
    for (const i of onT3) {
      expect(i.message).toMatch(/^读不准（文本只印出该行部分单元格，数值按列位置对应/);
      // no printed number is named as the wrong one: a misplacement may be what breaks the sum
      expect(i.suspects).toEqual([]);
      expect(i.candidates).toEqual([]);
      expect(i.messageEn).toMatch(/^Unsure reading \(the text prints only some cells/);
    }
    expect(onT3.some((i) => i.suspectsNote?.startsWith('数值按列位置对应，读不准'))).toBe(true);
  });
});

describe('placeColumns', () => {
  const v = (col: number, raw = '1'): TextValue => ({ raw, index: 0, col, width: raw.length, blank: false });
  const row = (page: number, ...cols: number[]) => ({ page, values: cols.map((c) => ({ value: v(c), line: page * 100 + c })) });

  it('full rows on the page: a row with blanks takes the columns its values stand under', () => {
    const full = { page: 0, values: [10, 14, 18, 22, 26, 30, 34].map((c, i) => ({ value: v(c), line: i * 10 })), known: [0, 1, 2, 3, 4, 5, 6] };
    expect(placeColumns([full, row(0, 10, 22, 34)], null)).toEqual([[0, 1, 2, 3, 4, 5, 6], [0, 3, 6]]);
  });

  it('a value that stands under no column of the full rows is named, not placed', () => {
    const full = { page: 0, values: [10, 14, 18, 22, 26, 30, 34].map((c, i) => ({ value: v(c), line: i * 10 })), known: [0, 1, 2, 3, 4, 5, 6] };
    expect(placeColumns([full, row(0, 10, 24)], null)[1]).toBeNull();
    expect(placeColumns([full, row(0, 10, 26)], null)[1]).toEqual([0, 4]);
  });

  it('the header page names its columns by 商业 and 总计; a later page with as many columns takes them', () => {
    const anchors = { page: 0, orgStart: 25, total: 42 };
    const rows = [row(0, 21, 42), row(0, 26, 42), row(1, 17, 23), row(1, 19, 23)];
    expect(placeColumns(rows, anchors)).toEqual([
      [0, 6],
      [0, 6],
      [0, 6],
      [0, 6],
    ]);
  });

  it('a later page with more columns than before is not guessed', () => {
    const anchors = { page: 0, orgStart: 25, total: 42 };
    expect(placeColumns([row(0, 21, 42), row(1, 17, 30, 45)], anchors)[1]).toBeNull();
  });

  it('without a header or full rows nothing is placed', () => {
    expect(placeColumns([row(0, 21, 42), row(0, 26, 42)], null)).toEqual([null, null]);
  });
});
