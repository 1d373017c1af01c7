/** Table 4, each group: 总计 = 维持 + 纠正 + 其他 + 尚未审结. */
import type { Rule } from './types';
import { cellOf, diff, fmt, num, ref, show, sum, T4_GROUP_KEYS, t4GroupEn, t4GroupZh, T4_PARTS } from './util';

export const rule: Rule = {
  id: 't4.total',
  severity: 'error',
  title: {
    zh: '表四各组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结',
    en: 'Table 4, every group: total = upheld + corrected + other + pending',
  },
  explanation: {
    zh: '国办公开办函〔2019〕60号、〔2021〕30号的表四分行政复议、行政诉讼（未经复议直接起诉、复议后起诉）三组，每组的总计应等于结果维持、结果纠正、其他结果、尚未审结四项之和。空白单元格按 0 计算。',
    en: 'Table 4 of 国办公开办函〔2019〕60号 and 〔2021〕30号 has three groups — administrative review, lawsuits filed directly, lawsuits after review — and in each the total must equal upheld + corrected + other result + pending. Blank cells count as 0.',
  },
  check(ctx) {
    const r = ctx.report;
    for (const g of T4_GROUP_KEYS) {
      const totalCell = cellOf(r, 't4', g, 'total');
      const total = num(totalCell);
      const partCells = T4_PARTS.map((c) => cellOf(r, 't4', g, c));
      const s = sum(partCells.map(num));
      if (total === undefined || s === undefined || total === s) continue;
      const shown = partCells.map((c) => show(c, num(c))).join(' + ');
      const shownEn = partCells.map((c) => show(c, num(c), 'en')).join(' + ');
      ctx.issue({
        table: 't4',
        row: g,
        column: 'total',
        cells: [ref('t4', g, 'total'), ...T4_PARTS.map((c) => ref('t4', g, c))],
        expected: s,
        expectedFrom: 'sum',
        message: `「${t4GroupZh(g)}」：总计 = ${show(totalCell, total)}，维持 + 纠正 + 其他 + 尚未审结 = ${shown} = ${fmt(s)}，相差 ${diff(total, s)}`,
        messageEn: `"${t4GroupEn(g)}": total = ${show(totalCell, total, 'en')}, but upheld + corrected + other + pending = ${shownEn} = ${fmt(s)}; off by ${diff(total, s)}`,
      });
    }
  },
};
export default rule;
