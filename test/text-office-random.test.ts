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

  it('every number of a row broken (as many pieces below as numbers, a line with no label): unsure too', () => {
    const lines = readLines(['(七)总计      ４８ ３ ３ ５ ５ ３ ６９', '              ３ ９ ３ ２ １ ４ ２', '四、结转下    ３ ４ ０ ４ ４ ２ １７', '年度继续办理  ３ ４ ０ ４ ４ ２ １７'].join('\n'));
    expect(lines[0].values.every((v) => v.unsure)).toBe(true);
    expect(lines[2].values.some((v) => v.unsure)).toBe(false);
    // seed 4 page 3: 8 false errors on 总计 read 48 3 3 5 5 3 69 (483 39 33 52 51 34 692)
    expect(checkReport(parseText(fixture('fullwidth-all-wrapped-2021.txt'))).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('pieces on a line that holds only the rest of a group label (理结果) are pieces too, and unsure themselves', () => {
    // seed 31337 page 0: the pieces line was read as （七）总计 — 9 false errors on 1 8 9 2 4 8 2
    const lines = readLines(['三、本年度 办 （七） 总计     ３９ ４ ３ ３ ４ ３ ５９', '理结果                   １ ８ ９ ２ ４ ８ ２', '四、结转下年 度继续办理   ４ １ ３ ０ ４ ３ １５'].join('\n'));
    expect(lines[0].values.every((v) => v.unsure)).toBe(true);
    expect(lines[1].values.every((v) => v.unsure)).toBe(true);
    expect(lines[2].values.some((v) => v.unsure)).toBe(false);
  });

  it('the page: no error-level issue, the broken rows read as unsure', () => {
    const report = parseText(text);
    const issues = checkReport(report);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.t3.new_received?.total?.unsure).toBe(true);
    expect(report.t3.new_received?.total?.unsureWhy).toBe('wrapped-digits');
    // What the warnings say is why these cells are unsure — broken numbers, not placement by position.
    const onThem = issues.filter((i) => i.cells.some((c) => c.table === 't3' && c.row === 'new_received' && c.column === 'total'));
    expect(onThem.length).toBeGreaterThan(0);
    for (const i of onThem) expect(i.message).toMatch(/^读不准（全角数字在窄格中折行/);
    expect(report.t3.total_processed?.total?.unsure).toBe(true);
    expect(report.t3.carried_over?.total).toMatchObject({ value: 0 });
    expect(report.t3.carried_over?.total?.unsure).toBeUndefined();
  });
});

/** Rows whose values pdftotext sets band by band below their labels: each row's 7 values, and the error-level issues (the planted ones only). */
const BANDED: Array<{ what: string; fixture: string; rows: Record<string, string[]>; errors: string[] }> = [
  {
    // 4.保护第三方合法权益 and 5.属于三类内部事务信息 stand on lines of their own, and their values
    // follow on 12 lines: 0 over 8, 3 over 1, … (seed 2 page 7). The first 7 of those lines also
    // make "a row of 7": only the reading of both rows takes every line.
    what: 'two labels alone, their values one above the other, value by value',
    fixture: 'banded-rows-2021.txt',
    rows: { 'denied.third_party_rights': ['0', '3', '3', '1', '4', '1', '12'], 'denied.internal_affairs': ['8', '1', '4', '0', '2', '3', '18'] },
    errors: ['t3.outcome-total@total_processed/total', 't3.row-total@partially_granted/total'],
  },
  {
    // 1.本机关不掌握… 38 4 / 2.没有现成信息… 39 4, then 2 over 2, 1 over 1, 3 over 1, 4 52 over 4 51
    // (seed 2 page 3; a planted error in table 4's 未经复议直接起诉 总计).
    what: 'two labels holding their first values, the rest two by two below',
    fixture: 'banded-after-labels-2019.txt',
    rows: { 'unavailable.not_held': ['38', '4', '2', '1', '3', '4', '52'], 'unavailable.needs_creation': ['39', '4', '2', '1', '1', '4', '51'] },
    errors: ['t4.total@litigation_direct/total'],
  },
];

describe('rows whose values pdftotext sets band by band', () => {
  for (const t of BANDED) {
    it(`${t.what}: each row gets its own values; the only errors are the planted ones`, () => {
      const report = parseText(fixture(t.fixture));
      for (const [row, raws] of Object.entries(t.rows)) expect(Object.values(report.t3[row as 'granted'] ?? {}).map((c) => c?.raw)).toEqual(raws);
      const errors = checkReport(report).filter((i) => i.severity === 'error');
      expect(errors.map((i) => `${i.rule}@${i.row}/${i.column}`).sort()).toEqual(t.errors);
    });
  }
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

describe('a row whose numbers pdftotext sets on two lines, the rest standing left of the first part (seed 2468 page 5)', () => {
  // 2、申请人逾期未按收费… ４ ５０ on the label's first line, ３５ ３ ２ ４ ２ under its last: taken line
  // by line, the row read 4 50 35 3 2 4 2 (a false t3.row-total). Left to right as they stand it is
  // 35 3 2 4 2 4 50.
  it('the row in the order its pieces stand; the only error the one planted (表四 复议后起诉 总计)', () => {
    const report = parseText(fixture('rest-left-2021.txt'));
    const row = report.t3['other.fee_unpaid']!;
    expect(['natural_person', 'commercial', 'research', 'public_interest', 'legal_services', 'other_org', 'total'].map((c) => row[c]?.value)).toEqual([35, 3, 2, 4, 2, 4, 50]);
    expect(checkReport(report).filter((i) => i.severity === 'error').map((i) => `${i.rule} ${i.table}/${i.row}/${i.column}`)).toEqual(['t4.total t4/litigation_after_review/total']);
  });
});

describe('table 2 in a narrow column: labels, headings and headers broken round their numbers (seed 1234 page 7)', () => {
  // 行政规 / 范性 129 24 193 / 文件, 第二十条第 / （五）项, 信息内 本年处理决 / 容 定数量, 行政许 96 / 可:
  // only 规章 was read; the other five rows were named missing (7 cells).
  it('every cell exact, no error-level issue', () => {
    const report = parseText(fixture('t2-broken-labels-2021.txt'));
    expect(cellLines(report)).toEqual(goldFileLines(join(import.meta.dirname, 'fixtures', 'office-random', 't2-broken-labels-2021.gold.csv')));
    expect(checkReport(report).filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('zeros printed as / among the numbers (pdftotext of a Chromium PDF)', () => {
  // "0 / 0 /" is one segment of -layout text: its marks were read as label text, so rows looked
  // partly printed (4 rows unplaced); and a band "34 1 / 2" compacts to 341/2, read as a page number
  // ("3/12"), so two banded rows lost their first values. 14 rows of table 3 were lost or misread.
  it('every cell exact, no error-level issue, no reading warning', () => {
    const report = parseText(fixture('marks-2021.txt'));
    expect(cellLines(report)).toEqual(goldFileLines(join(import.meta.dirname, 'fixtures', 'office-random', 'marks-2021.gold.csv')));
    expect(checkReport(report).filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.diagnostics.filter((d) => d.level === 'warning')).toEqual([]);
  });

  it('a mark among numbers is a value; "3/12" alone is a page number, "34 1 / 2" is not', () => {
    expect(readLines('二、上年结转政府信息公开申请数量   0 / 0 /       0     / 0')[0].values.map((v) => v.raw)).toEqual(['0', '/', '0', '/', '0', '/', '0']);
    expect(readLines('   3/12')[0].kind).toBe('page');
    expect(readLines('        34 1 / 2')[0].values.map((v) => v.raw)).toEqual(['34', '1', '/', '2']);
  });
});

describe('本年增/减 printed 减２１８ beside the number before it (seed 112358 page 1, full-width digits)', () => {
  // 减２１８ was cut as a label glued to a number (减 | ２１８), which made ２９０ before it prose:
  // 行政强制's 上一年项目数量 read 减218 (cell.negative, a false error).
  it('a signed number stays one value; a number glued to a label is still cut off it', () => {
    expect(readLines(' 行政强制 ２９０ 减２１８           ３６')[0].values.map((v) => v.raw)).toEqual(['２９０', '减２１８', '３６']);
    expect(readLines('行政许可447228')[0].values.map((v) => v.raw)).toEqual(['447228']);
  });
});
