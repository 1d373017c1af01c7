/** Format 2021: last year's 现行有效 + 本年制发 − 本年废止 = this year's 现行有效. */
import type { FormatId } from '../model/keys';
import type { Rule } from './types';
import { lastYearsReport } from './cross-year.carry-over';
import { cellOf, diff, fmt, formatOf, labelOf, num, ref, round } from './util';

const NEW_T2 = (f: FormatId | null) => f === '2021' || f === 'hybrid';

export const rule: Rule = {
  id: 'cross-year.in-force',
  severity: 'warning',
  title: { zh: '现行有效件数与上年及本年制发、废止不衔接', en: 'In-force count does not follow from last year, issued and repealed' },
  explanation: {
    zh: '国办公开办函〔2021〕30号表二第二十条第（一）项列出规章、行政规范性文件的本年制发件数、本年废止件数和现行有效件数。一般应有：上年现行有效 + 本年制发 − 本年废止 = 本年现行有效。集中清理、失效未计入废止等会造成差异，因此只作警告，请核对。需要提供上一年度报告。',
    en: 'Table 2 (article 20(1)) of 国办公开办函〔2021〕30号 gives, for regulations and normative documents, the number issued, repealed and in force. Normally last year\'s in force + issued − repealed = this year\'s in force. Clean-ups or documents that lapsed without repeal explain some differences, so this is a warning to check. Needs last year\'s report.',
  },
  check(ctx) {
    const prev = lastYearsReport(ctx.report, ctx.previous);
    if (!prev || !NEW_T2(ctx.format) || !NEW_T2(formatOf(prev))) return;
    for (const row of ['regulations', 'normative_documents']) {
      const before = num(cellOf(prev, 't2', row, 'in_force'));
      const issued = num(cellOf(ctx.report, 't2', row, 'issued'));
      const repealed = num(cellOf(ctx.report, 't2', row, 'repealed'));
      const now = num(cellOf(ctx.report, 't2', row, 'in_force'));
      if (before === undefined || issued === undefined || repealed === undefined || now === undefined) continue;
      const expected = round(before + issued - repealed);
      if (expected === now) continue;
      const name = labelOf('t2', row, null);
      ctx.issue({
        table: 't2',
        row,
        column: 'in_force',
        cells: [ref('t2', row, 'issued'), ref('t2', row, 'repealed'), ref('t2', row, 'in_force')],
        expected,
        expectedFrom: 'carried',
        message: `「${name}」：上年现行有效 ${fmt(before)} + 本年制发 ${fmt(issued)} − 本年废止 ${fmt(repealed)} = ${fmt(expected)}，但本年现行有效为 ${fmt(now)}，相差 ${diff(expected, now)}`,
        messageEn: `${row}: last year's in force ${fmt(before)} + issued ${fmt(issued)} − repealed ${fmt(repealed)} = ${fmt(expected)}, but this year's in force is ${fmt(now)}; off by ${diff(expected, now)}`,
      });
    }
  },
};
export default rule;
