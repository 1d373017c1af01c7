/** A count that is not a whole number (money in 万元 may be a decimal). */
import type { Rule } from './types';
import { fmt, placeEn, placeZh, singleCellIssue } from './util';

export const rule: Rule = {
  id: 'cell.fraction',
  severity: 'error',
  title: { zh: '件数不是整数', en: 'A count is not a whole number' },
  explanation: {
    zh: '件数、项目数、申请数、案件数只能是整数。只有金额（行政事业性收费、政府集中采购金额，单位万元）可以有小数，见国办公开办函〔2019〕60号、〔2021〕30号表二。',
    en: 'Numbers of documents, items, requests and cases are whole numbers. Only money (fees, procurement, in 万元) may have decimals — table 2 of 国办公开办函〔2019〕60号 and 〔2021〕30号.',
  },
  check(ctx) {
    for (const at of ctx.cells()) {
      const { table, row, column, cell } = at;
      if (cell.value === null || Number.isInteger(cell.value)) continue;
      if (column === 'amount_10k_yuan') continue;
      ctx.issue(
        singleCellIssue(
          at,
          `${placeZh(table, row, column)}为 ${fmt(cell.value)}，件数应为整数`,
          `${placeEn(table, row, column)} is ${fmt(cell.value)}; a count must be a whole number`,
        ),
      );
    }
  },
};
export default rule;
