/** A count cell holds text that is no number (not "/", "无", "—", and not a number with a note). */
import type { Rule } from './types';
import { isGarbage, placeEn, placeZh, singleCellIssue } from './util';

export const rule: Rule = {
  id: 'cell.not-a-number',
  severity: 'error',
  title: { zh: '数据单元格填写了非数字内容', en: 'A data cell holds text that is not a number' },
  explanation: {
    zh: '国办公开办函〔2019〕60号、〔2021〕30号的统计表只接受数字（数量或金额）。“/”“无”“—”等表示没有数字，按 0 计算，不算错误；数字旁的说明文字（如“22（其中修订 16 件）”）也可以接受。除此之外的文字无法计入统计，是填报错误。',
    en: 'The tables of 国办公开办函〔2019〕60号 and 〔2021〕30号 take numbers only. "/", "无" and "—" mean no number and count as 0; a number with a note beside it ("22（其中修订 16 件）") is fine. Any other text cannot be counted and is a filing error.',
  },
  check(ctx) {
    for (const at of ctx.cells()) {
      const { table, row, column, cell } = at;
      if (!isGarbage(cell)) continue;
      ctx.issue(
        singleCellIssue(
          at,
          `${placeZh(table, row, column)}填写的“${cell.raw}”不是数字`,
          `${placeEn(table, row, column)} holds "${cell.raw}", which is not a number`,
        ),
      );
    }
  },
};
export default rule;
