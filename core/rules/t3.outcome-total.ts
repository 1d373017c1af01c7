/** Table 3, every column: （七）总计 = the sum of every outcome row. */
import type { Rule } from './types';
import { cellOf, colEn, colZh, diff, fmt, num, outcomeRows, ref, show, sum, T3_ALL_COLUMNS } from './util';

export const rule: Rule = {
  id: 't3.outcome-total',
  severity: 'error',
  title: {
    zh: '表三各列：（七）总计 = 各项办理结果之和',
    en: 'Table 3, every column: total processed = the sum of the outcome rows',
  },
  explanation: {
    zh: '按国办公开办函〔2019〕60号、〔2021〕30号的表三格式，“三、本年度办理结果”中的（七）总计是（一）予以公开至（六）其他处理各项之和。每一列都应满足这一关系，空白单元格按 0 计算。',
    en: 'In the table-3 template of 国办公开办函〔2019〕60号 and 〔2021〕30号, row III(7) "total" is the sum of outcomes (1) granted through (6) otherwise handled, in every column. Blank cells count as 0.',
  },
  check(ctx) {
    const r = ctx.report;
    const rows = outcomeRows(r, ctx.format);
    if (rows.length === 0) return;
    for (const col of T3_ALL_COLUMNS) {
      const totalCell = cellOf(r, 't3', 'total_processed', col);
      const total = num(totalCell);
      const parts = rows.map((row) => num(cellOf(r, 't3', row, col)));
      const s = sum(parts);
      if (total === undefined || s === undefined || total === s) continue;
      const blankParts = rows.filter((row) => cellOf(r, 't3', row, col)?.blank).length;
      const nonZero = rows.filter((row) => (num(cellOf(r, 't3', row, col)) ?? 0) !== 0);
      const shown = nonZero.length && nonZero.length <= 12 ? nonZero.map((row) => fmt(num(cellOf(r, 't3', row, col))!)).join(' + ') : '';
      const blankNoteZh = blankParts === rows.length ? '（各项办理结果均为空白）' : '';
      const blankNoteEn = blankParts === rows.length ? ' (every outcome cell is blank)' : '';
      ctx.issue({
        table: 't3',
        row: 'total_processed',
        column: col,
        cells: [ref('t3', 'total_processed', col), ...rows.map((row) => ref('t3', row, col))],
        expected: s,
        expectedFrom: 'sum',
        message: `「${colZh(col)}」列：（七）总计 = ${show(totalCell, total)}，各项办理结果之和 = ${shown && nonZero.length > 1 ? `${shown} = ` : ''}${fmt(s)}${blankNoteZh}，相差 ${diff(total, s)}`,
        messageEn: `Column "${colEn(col)}": total processed = ${show(totalCell, total, 'en')}, but the outcome rows add up to ${shown && nonZero.length > 1 ? `${shown} = ` : ''}${fmt(s)}${blankNoteEn}; off by ${diff(total, s)}`,
      });
    }
  },
};
export default rule;
