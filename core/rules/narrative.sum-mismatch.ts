/** A total in the text disagrees with the parts the same sentence lists. */
import { narrativeSentences, sumMismatchesOf } from './narrative';
import type { Rule } from './types';
import { fmt } from './util';

export const rule: Rule = {
  id: 'narrative.sum-mismatch',
  severity: 'warning',
  title: { zh: '正文总数与所列分项之和不符', en: 'A total in the text does not match the parts it lists' },
  explanation: {
    zh: '年度报告应当如实、准确（《政府信息公开条例》第五十条）。正文写出一个总数，并在同一句中以“其中”列出各分项时，分项之和不应超过总数；分项以“其他……”收尾、列举完整时，分项之和应等于总数。',
    en: 'The report must be accurate (article 50 of 《政府信息公开条例》). When a sentence gives a total and lists its parts after 其中 ("of which"), the parts cannot add up to more than the total, and when the list is complete (it ends with "other …") they must add up to it exactly.',
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const sentence of narrativeSentences(ctx.report)) {
      for (const m of sumMismatchesOf(sentence)) {
        const key = `${m.total}|${m.parts.join('+')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.issue({
          table: null,
          row: null,
          column: null,
          cells: [],
          message: `正文“${m.quote}”：总数 ${fmt(m.total)} ${m.unit}，所列分项 ${m.parts.join(' + ')} = ${fmt(m.sum)} ${m.unit}，相差 ${fmt(Math.abs(m.sum - m.total))}`,
          messageEn: `The text gives a total of ${fmt(m.total)} but lists parts ${m.parts.join(' + ')} = ${fmt(m.sum)}; off by ${fmt(Math.abs(m.sum - m.total))}`,
        });
      }
    }
  },
};
export default rule;
