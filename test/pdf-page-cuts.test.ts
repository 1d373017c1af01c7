/**
 * What office PDFs do to a table's rows, in the pieces that undo it (shapes we draw ourselves,
 * after the LibreOffice and wkhtmltopdf prints of the corpus): a label ruled line by line beside
 * values that span those lines, a page break that cuts a label in two, a cell cut at the page top
 * whose bottom rule runs through the next row's text. Each reads as one row, with no warning that
 * a row was read in part.
 */
import { describe, expect, it } from 'vitest';
import { buildGrid, type RawRow } from '../core/parse/grid';
import { readTables } from '../core/parse/tables';
import { dropStrikes } from '../core/parse/pdf/clip';
import { joinFragment, type PlacedCell } from '../core/parse/pdf/page-break';
import type { PdfText, Segment } from '../core/parse/pdf/page';

const cell = (raw: string, rowspan = 1, colspan = 1) => ({ raw, rowspan, colspan });
const HEADER: RawRow = { cells: [cell('', 1, 2), ...['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'].map((t) => cell(t))] };

describe('a label ruled line by line beside values spanning its lines (LibreOffice .docx → PDF)', () => {
  it('its lines join across the empty row under the first one: one row of 7, no partial row', () => {
    const values = ['3', '1', '0', '0', '0', '0', '4'];
    const rows: RawRow[] = [
      HEADER,
      { cells: [cell('（五）不予处理', 6), cell('5.要求行政机', 2), ...values.map((v) => cell(v, 5))] },
      { cells: [] },
      { cells: [cell('关确认或重新')] },
      { cells: [cell('出具已获取信')] },
      { cells: [cell('息')] },
    ];
    const read = readTables(buildGrid(0, rows));
    const row = read.cells.filter((c) => c.table === 't3' && c.row === 'not_processed.confirm_or_reissue');
    expect(row.map((c) => c.raw)).toEqual(values);
    expect(read.cells.every((c) => c.row === 'not_processed.confirm_or_reissue')).toBe(true);
    expect(read.diagnostics.map((d) => d.code)).not.toContain('table.t3-partial');
  });
});

describe('table 4\'s header cut by a page break after its first row (Chromium; seed 4242 page 5)', () => {
  // 行政复议 | 行政诉讼 ends one page; the next opens with 结果维持 … 总计 under no group cell,
  // 未经复议直接起诉 and 复议后起诉 beside them: the five columns left of the named groups are 行政复议's.
  const subHeads = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const values = ['6', '1', '', '0', '7', '6', '', '', '', '6', '', '1', '', '', '1'];
  const secondPart = (valueCells: string[]): RawRow[] => [
    { cells: [...subHeads.map((t) => cell(t, 2)), cell('未经复议直接起诉', 1, 5), cell('复议后起诉', 1, 5)] },
    { cells: [...subHeads, ...subHeads].map((t) => cell(t)) },
    { cells: valueCells.map((v) => cell(v)) },
  ];

  it('every value of the row in its column', () => {
    const first: RawRow[] = [{ cells: [cell('行政复议'), cell('行政诉讼')] }];
    const read = readTables([...buildGrid(0, first), ...buildGrid(1, secondPart(values))]);
    expect(read.cells.filter((c) => c.table === 't4').map((c) => `${c.row}.${c.column}=${c.raw}`)).toEqual(
      ['review', 'litigation_direct', 'litigation_after_review'].flatMap((g, gi) => ['upheld', 'corrected', 'other', 'pending', 'total'].map((k, ki) => `${g}.${k}=${values[gi * 5 + ki]}`)),
    );
    expect(read.diagnostics.map((d) => d.code)).not.toContain('table.t4-partial');
  });

  it('a row cut at the right side keeps the order the header agrees with: 14 values, the last one missing', () => {
    const read = readTables([...buildGrid(0, [{ cells: [cell('行政复议'), cell('行政诉讼')] }]), ...buildGrid(1, secondPart(values.slice(0, 14)))]);
    const t4 = read.cells.filter((c) => c.table === 't4');
    expect(t4).toHaveLength(14);
    expect(t4.map((c) => `${c.row}.${c.column}`)).not.toContain('litigation_after_review.total');
    expect(t4.find((c) => c.row === 'litigation_after_review' && c.column === 'corrected')?.raw).toBe('1');
    expect(read.diagnostics.map((d) => d.code)).toContain('table.t4-partial');
  });
});

describe('a table-3 column cut at the page side (LibreOffice; 01-shanghai)', () => {
  // The header of the cut column reads 法 (of 法律服务机构), which names no column; its cells hold
  // nothing the page kept. A blank there is not a blank of the report: the cell is left unread.
  it('the columns the header names are read; the blank under the cut one is not', () => {
    const header: RawRow[] = [
      { cells: [cell('', 2, 2), cell('自然人', 2), cell('法人或其他组织', 1, 4)] },
      { cells: [cell('商业企业'), cell('科研机构'), cell('社会公益组织'), cell('法')] },
    ];
    const read = readTables(buildGrid(0, [...header, { cells: [cell('一、本年新收政府信息公开申请数量', 1, 2), ...['821', '35', '', '', ''].map((v) => cell(v))] }]));
    expect(read.cells.map((c) => `${c.column}=${c.raw}`)).toEqual(['natural_person=821', 'commercial=35', 'research=', 'public_interest=']);
  });
});

describe('a label cut by a page break', () => {
  const box = { kind: 'pdf' as const, page: 1, x: 0, y: 0, width: 1, height: 1 };
  const placed = (row: number, texts: string[]): PlacedCell[] => texts.map((text, col) => ({ row, col, rowspan: 1, colspan: 1, text, box }));

  it('whose rest names the very row the label above names (3.补正后申请 / 内容仍不明确) joins it', () => {
    const above = placed(0, ['3.补正后申请', '5', '0', '0', '0', '0', '0', '5']);
    const rest = placed(1, ['内容仍不明确', '', '', '', '', '', '', '']);
    expect(joinFragment(above, rest)).toBe(true);
    expect(above[0].text).toBe('3.补正后申请内容仍不明确');
  });

  it('a row of numbers with no label above the break, and a label with the rest of each number below: one row, each number joined (４１ + ５)', () => {
    const above = placed(0, ['', '４１', '', '', '', '', '３', '５９']);
    const rest = placed(1, ['（七）总计', '５', '３５', '３８', '３７', '２９', '８', '２']);
    expect(joinFragment(above, rest)).toBe(true);
    expect(above.map((c) => c.text)).toEqual(['（七）总计', '４１５', '３５', '３８', '３７', '２９', '３８', '５９２']);
  });

  it('a row repeating its group labels, cut through them and its wrapped numbers, its own label below only (wkhtmltopdf; seed 31415 page 3): one row', () => {
    const above = placed(0, ['三、本年度', '（三）不予', '', '２', '', '', '', '', '', '２']);
    const rest = placed(1, ['办理结果', '公开', '6.属于四类过程性信息', '１', '０', '４', '２', '', '', '７']);
    expect(joinFragment(above, rest)).toBe(true);
    expect(above.map((c) => c.text)).toEqual(['三、本年度办理结果', '（三）不予公开', '6.属于四类过程性信息', '２１', '０', '４', '２', '', '', '２７']);
  });

  it('a whole row above, its label printed, and the next row below: two rows', () => {
    const above = placed(0, ['三、本年度办理结果', '（三）不予公开', '5.属于三类内部事务信息', '７', '２', '４', '２', '', '', '１５']);
    const next = placed(1, ['三、本年度办理结果', '（三）不予公开', '6.属于四类过程性信息', '２１', '０', '４', '２', '', '', '２７']);
    expect(joinFragment(above, next)).toBe(false);
  });

  it('a number above with nothing under it: not a cut number, nothing joined', () => {
    const above = placed(0, ['', '４１', '', '', '', '', '３', '５９']);
    const rest = placed(1, ['（七）总计', '', '３５', '３８', '３７', '２９', '８', '２']);
    expect(joinFragment(above, rest)).toBe(false);
    expect(above[1].text).toBe('４１');
  });

  it('a row of another name under it stays a row of its own', () => {
    const above = placed(0, ['3.补正后申请', '5', '0', '0', '0', '0', '0', '5']);
    const next = placed(1, ['信访举报投诉类申请', '', '', '', '', '', '', '']);
    expect(joinFragment(above, next)).toBe(false);
    expect(above[0].text).toBe('3.补正后申请');
  });
});

describe('a rule through a text is no rule (dropStrikes)', () => {
  // a label of type size 7.5: its box runs 0.88 of the size above the baseline (17.2) and 0.12 below
  const label: PdfText = { str: '一、本年新收政府信息公开申请数量', x0: 40, x1: 160, y0: 10.6, y1: 18.1, size: 7.5 };
  const across = (y: number): Segment => ({ x0: 37, x1: 332, y0: y, y1: y });

  it('a cell cut at the page top closes through the top of the next row’s label (wkhtmltopdf): dropped', () => {
    expect(dropStrikes([across(11.8)], [label])).toEqual([]);
  });
  it('a strike through the middle: dropped', () => {
    expect(dropStrikes([across(14.3)], [label])).toEqual([]);
  });
  it('a border touching the top of the box, or under the descenders: kept', () => {
    expect(dropStrikes([across(10.9), across(17.4)], [label])).toHaveLength(2);
  });
  it('a strike through a single narrow digit: dropped', () => {
    const one: PdfText = { str: '1', x0: 200, x1: 204.2, y0: 10.6, y1: 18.1, size: 7.5 };
    expect(dropStrikes([{ x0: 190, x1: 230, y0: 14.3, y1: 14.3 }], [one])).toEqual([]);
  });
  it('a border that starts where a long text item ends, overlapping it by a point: kept (seed 123456 page 1, wkhtmltopdf)', () => {
    // wkhtmltopdf prints 行政复议's five sub-headers as one item reaching 1.15 pt into the next
    // column, where the rule under 未经复议直接起诉 starts; dropped, 结果维持 fell out of table 4.
    const heads: PdfText = { str: '结果维持 结果纠正 其他结果 尚未审结 总计', x0: 17.2, x1: 200.5, y0: 382.6, y1: 391.8, size: 9.2 };
    const rule: Segment = { x0: 199.35, x1: 381.46, y0: 386.35, y1: 386.35 };
    expect(dropStrikes([rule], [heads])).toEqual([rule]);
  });
});
