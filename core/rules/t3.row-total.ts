/** Table 3, every row: 总计 = the six applicant columns added. */
import type { Rule } from './types';
import { cellOf, diff, fmt, num, ref, show, sum, T3_APPLICANT_COLUMNS, t3RowEn, t3RowsFor, t3RowZh } from './util';

export const rule: Rule = {
  id: 't3.row-total',
  severity: 'error',
  title: {
    zh: '表三各行：总计 = 自然人与五类法人或其他组织之和',
    en: 'Table 3, every row: total = the six applicant columns added',
  },
  explanation: {
    zh: '国办公开办函〔2019〕60号、〔2021〕30号的表三按申请人分列：自然人，法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他），最后一列为总计。每一行的总计应等于这六列之和；空白单元格按 0 计算，空白的总计也按 0 比较。',
    en: 'Table 3 of 国办公开办函〔2019〕60号 and 〔2021〕30号 splits every row by applicant: natural persons and five kinds of legal persons or organisations, then a total. In every row the total must equal the six columns added; blank cells, a blank total included, count as 0.',
  },
  check(ctx) {
    const r = ctx.report;
    for (const def of t3RowsFor(r, ctx.format)) {
      const row = def.key;
      const totalCell = cellOf(r, 't3', row, 'total');
      const total = num(totalCell);
      const parts = T3_APPLICANT_COLUMNS.map((c) => num(cellOf(r, 't3', row, c)));
      const s = sum(parts);
      if (total === undefined || s === undefined || total === s) continue;
      // The sum spelled out over all six columns (a blank as 0), so each figure can be found in its column.
      const nonZero = T3_APPLICANT_COLUMNS.filter((c) => (num(cellOf(r, 't3', row, c)) ?? 0) !== 0);
      const shown = nonZero.length > 1 ? `${T3_APPLICANT_COLUMNS.map((c) => fmt(num(cellOf(r, 't3', row, c)) ?? 0)).join(' + ')} = ` : '';
      ctx.issue({
        table: 't3',
        row,
        column: 'total',
        cells: [ref('t3', row, 'total'), ...T3_APPLICANT_COLUMNS.map((c) => ref('t3', row, c))],
        expected: s,
        expectedFrom: 'sum',
        message: `「${t3RowZh(row)}」行：总计 = ${show(totalCell, total)}，六类申请人之和 = ${shown}${fmt(s)}，相差 ${diff(total, s)}`,
        messageEn: `Row "${t3RowEn(row)}": total = ${show(totalCell, total, 'en')}, but the six applicant columns add up to ${shown}${fmt(s)}; off by ${diff(total, s)}`,
      });
    }
  },
};
export default rule;
