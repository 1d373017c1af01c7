/**
 * Table 2's column header on several lines of PDF text. A header cell that wraps is set centred
 * in its row, so its first line can stand above its neighbours' line: the columns are those the
 * names stand over, not the order of the lines (seen in a portal page of our own printed by
 * Chromium, laid out by the PDF reader; scripts/measure-office-random.ts seed 1 page 2).
 */
import { describe, expect, it } from 'vitest';
import { readLines } from '../core/parse/text-lines';
import { findT2 } from '../core/parse/text-table-2';

const read = (lines: string[]) => findT2(readLines(lines.join('\n')), () => false, '2019').cells.map((c) => `${c.row}.${c.column}=${c.raw}`);

describe('table 2 header over several lines', () => {
  it('a wrapped header cell standing above its neighbours: columns by position', () => {
    expect(
      read([
        '               第二十条第（九）项',
        '                                              采购总金额（单位：万',
        '               信息内容             采购项目数量',
        '                                              元）',
        '               政府集中采购           219           6934.92',
      ]),
    ).toEqual(['procurement.projects=219', 'procurement.amount_10k_yuan=6934.92']);
  });

  it('a name broken over lines (本年新 / 制作数量) keeps the order read', () => {
    expect(
      read([
        ' 第二十条第（一）项',
        '            本年新       本年      对外公开总数',
        ' 信息内容',
        '            制作数量     公开数量',
        ' 规章         236       40      226',
      ]),
    ).toEqual(['regulations.made=236', 'regulations.published=40', 'regulations.total_public=226']);
  });
});
