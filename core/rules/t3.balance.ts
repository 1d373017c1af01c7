/** Table 3, every column: 一 + 二 = 三（七）总计 + 四. */
import type { Rule } from './types';
import { cellOf, colEn, colZh, diff, fmt, num, ref, round, show, T3_ALL_COLUMNS } from './util';

export const rule: Rule = {
  id: 't3.balance',
  severity: 'error',
  title: {
    zh: '表三各列：新收 + 上年结转 = 办理结果总计 + 结转下年度',
    en: 'Table 3, every column: new + carried over = total processed + carried forward',
  },
  explanation: {
    zh: '国办公开办函〔2019〕60号、〔2021〕30号规定的表三左上角注明“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”。每一列（自然人、各类法人或其他组织、总计）都必须满足：一、本年新收 + 二、上年结转 = 三（七）总计 + 四、结转下年度继续办理。空白单元格按 0 计算。',
    en: 'The table-3 template of 国办公开办函〔2019〕60号 and 〔2021〕30号 states in its corner cell that, in every column, item 1 plus item 2 equals item 3 plus item 4: new requests + carried over from last year = total processed + carried forward to next year. Blank cells count as 0.',
  },
  check(ctx) {
    const r = ctx.report;
    for (const col of T3_ALL_COLUMNS) {
      const cNew = cellOf(r, 't3', 'new_received', col);
      const cOver = cellOf(r, 't3', 'carried_over', col);
      const cDone = cellOf(r, 't3', 'total_processed', col);
      const cFwd = cellOf(r, 't3', 'carried_forward', col);
      const [a, b, c, d] = [num(cNew), num(cOver), num(cDone), num(cFwd)];
      if (a === undefined || b === undefined || c === undefined || d === undefined) continue;
      const left = round(a + b);
      const right = round(c + d);
      if (left === right) continue;
      ctx.issue({
        table: 't3',
        row: null,
        column: col,
        cells: [ref('t3', 'new_received', col), ref('t3', 'carried_over', col), ref('t3', 'total_processed', col), ref('t3', 'carried_forward', col)],
        message: `「${colZh(col)}」列：一+二 = ${show(cNew, a)} + ${show(cOver, b)} = ${fmt(left)}，三（七）总计 + 四 = ${show(cDone, c)} + ${show(cFwd, d)} = ${fmt(right)}，相差 ${diff(left, right)}`,
        messageEn: `Column "${colEn(col)}": new + carried over = ${show(cNew, a, 'en')} + ${show(cOver, b, 'en')} = ${fmt(left)}, but total processed + carried forward = ${show(cDone, c, 'en')} + ${show(cFwd, d, 'en')} = ${fmt(right)}; off by ${diff(left, right)}`,
      });
    }
  },
};
export default rule;
