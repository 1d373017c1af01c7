/**
 * The text reader on pages of our own that scripts/measure-office-random.ts found misread
 * (test/fixtures/office-random: pdftotext -layout of Chromium's PDF of a page-writer page).
 *
 * Full-width digits break like ideographs: in a narrow cell Chromium prints "６１" as "６" over "１",
 * and pdftotext -layout sets the pieces where they do not say which number they end
 * (test/fixtures/office-random/fullwidth-wrapped-2021.txt: a page of our own, full-width digits,
 * tables without CSS, printed by Chromium; scripts/measure-office-random.ts seed 1 page 1). The
 * numbers read from such lines are unsure, so the sums they break are warnings, never errors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReport } from '../core/check/index';
import { parseText } from '../core/parse/text';
import { readLines } from '../core/parse/text-lines';
import { matchT3Row } from '../core/parse/labels';
import { cellLines, goldFileLines } from './support/cells';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', 'office-random', name), 'utf8');
const text = fixture('fullwidth-wrapped-2021.txt');

describe('full-width numbers broken over two lines in pdftotext text', () => {
  it('a line followed by pieces of full-width numbers is unsure; a line followed by a full row is not', () => {
    const lines = readLines(['一、本年新  ４０９ ４４ ３９ ４１ ３８ ４    ６１', '收政府信息公开申请数量        ０ １', '二、上年结  ０ ０ ０ ０ ０ ０ ０', '三、本  ３５ ２ １ ０ ３ １ ４２'].join('\n'));
    expect(lines[0].values.every((v) => v.unsure)).toBe(true);
    expect(lines[2].values.some((v) => v.unsure)).toBe(false);
    expect(readLines('规章  54  107  195\n  9 7').at(0)!.values.some((v) => v.unsure)).toBe(false);
  });

  it('the page: no error-level issue, the broken rows read as unsure', () => {
    const report = parseText(text);
    expect(checkReport(report).filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.t3.new_received?.total?.unsure).toBe(true);
    expect(report.t3.total_processed?.total?.unsure).toBe(true);
    expect(report.t3.carried_over?.total).toMatchObject({ value: 0 });
    expect(report.t3.carried_over?.total?.unsure).toBeUndefined();
  });
});

describe('two rows whose values pdftotext sets one above the other, value by value', () => {
  // 4.保护第三方合法权益 and 5.属于三类内部事务信息 stand on lines of their own, and their values
  // follow on 12 lines: 0 over 8, 3 over 1, … (seed 2 page 7). The first 7 of those lines also
  // make "a row of 7": only the reading of both rows takes every line.
  it('each row gets its own values; the only errors are the one planted (partially_granted 总计)', () => {
    const report = parseText(fixture('banded-rows-2021.txt'));
    const raw = (row: 'denied.third_party_rights' | 'denied.internal_affairs') => Object.values(report.t3[row] ?? {}).map((c) => c?.raw);
    expect(raw('denied.third_party_rights')).toEqual(['0', '3', '3', '1', '4', '1', '12']);
    expect(raw('denied.internal_affairs')).toEqual(['8', '1', '4', '0', '2', '3', '18']);
    const errors = checkReport(report).filter((i) => i.severity === 'error');
    expect(errors.map((i) => `${i.rule}@${i.row}/${i.column}`).sort()).toEqual(['t3.outcome-total@total_processed/total', 't3.row-total@partially_granted/total']);
  });
});

describe('table-3 labels broken after their first characters (<br> in the cell), 2019', () => {
  // The first 5 characters stand beside the numbers, the rest on the line below; that line also
  // stands just above the next row (seed 2 page 6).
  it('a wrapped line that ends the label above does not name the row below; every cell exact, format 2019', () => {
    const report = parseText(fixture('wrapped-labels-2019.txt'));
    expect(report.meta.format).toBe('2019');
    expect(cellLines(report)).toEqual(goldFileLines(join(import.meta.dirname, 'fixtures', 'office-random', 'wrapped-labels-2019.gold.csv')));
    expect(checkReport(report).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('（六）其他 alone is the 2019 row 其他处理; 其他 under （六）其他处理 is the 2021 sub-row', () => {
    expect(matchT3Row(['(六)其他'])).toBe('other');
    expect(matchT3Row(['（六）其他'])).toBe('other');
    expect(matchT3Row(['（六）其他处理', '3.其他'])).toBe('other.other');
  });
});

describe('two rows whose labels hold their first values, the rest set band by band below', () => {
  // 1.本机关不掌握… 38 4 / 2.没有现成信息… 39 4, then 2 over 2, 1 over 1, 3 over 1, 4 52 over 4 51
  // (seed 2 page 3; a planted error in table 4's 未经复议直接起诉 总计).
  it('each row gets its 7 values; the only error is the planted one', () => {
    const report = parseText(fixture('banded-after-labels-2019.txt'));
    const raw = (row: 'unavailable.not_held' | 'unavailable.needs_creation') => Object.values(report.t3[row] ?? {}).map((c) => c?.raw);
    expect(raw('unavailable.not_held')).toEqual(['38', '4', '2', '1', '3', '4', '52']);
    expect(raw('unavailable.needs_creation')).toEqual(['39', '4', '2', '1', '1', '4', '51']);
    expect(checkReport(report).filter((i) => i.severity === 'error').map((i) => `${i.rule}@${i.row}/${i.column}`)).toEqual(['t4.total@litigation_direct/total']);
  });
});
