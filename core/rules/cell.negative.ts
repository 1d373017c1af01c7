/** A count below 0 (the 2019 本年增/减 column may be negative). */
import type { Rule } from './types';
import { fmt, placeEn, placeZh, singleCellIssue } from './util';

export const rule: Rule = {
  id: 'cell.negative',
  severity: 'error',
  title: { zh: '数量为负数', en: 'A count is negative' },
  explanation: {
    zh: '表二、表三、表四中的件数、数量、金额都不能小于 0。唯一的例外是国办公开办函〔2019〕60号表二中的“本年增/减”，它记录的是增减量，可以为负（如“减4”）。',
    en: 'Counts, quantities and amounts in tables 2–4 cannot be below 0. The one exception is the "本年增/减" (change this year) column of the 2019 table 2 (国办公开办函〔2019〕60号), which records a change and may be negative ("减4").',
  },
  check(ctx) {
    for (const at of ctx.cells()) {
      const { table, row, column, cell } = at;
      if (cell.value === null || cell.value >= 0) continue;
      if (table === 't2' && column === 'change') continue;
      ctx.issue(
        singleCellIssue(
          at,
          `${placeZh(table, row, column)}为负数 ${fmt(cell.value)}（原文“${cell.raw}”）`,
          `${placeEn(table, row, column)} is negative: ${fmt(cell.value)} (printed "${cell.raw}")`,
        ),
      );
    }
  },
};
export default rule;
