/** The title's year, 统计期限 and the text's own year disagree. */
import { compact } from '../parse/normalize';
import type { Rule } from './types';

interface YearSource {
  zh: string;
  en: string;
  year: number;
}

/** Years the report states about itself: title, 统计期限 (both ends), the opening statement. */
export function statedYears(report: import('../model/schema').Report): YearSource[] {
  const out: YearSource[] = [];
  const { meta } = report;
  if (meta.titleYear) out.push({ zh: `标题“${meta.title ?? ''}”`, en: 'the title', year: meta.titleYear });
  if (meta.period) {
    const from = Number(meta.period.from.slice(0, 4));
    const to = Number(meta.period.to.slice(0, 4));
    if (from) out.push({ zh: `统计期限起始 ${meta.period.from}`, en: `the reporting period's start ${meta.period.from}`, year: from });
    if (to && to !== from) out.push({ zh: `统计期限截止 ${meta.period.to}`, en: `the reporting period's end ${meta.period.to}`, year: to });
  }
  // The opening statement: "特向社会公布 2020 年度本单位政府信息公开年度报告", "编制了 2024 年度政务公开工作报告".
  // Only the opening is read: compact() (NFKC) of the whole narrative would cost more than every other rule.
  const head = compact(report.text.slice(0, 3000)).slice(0, 600);
  const m = /(?:公布|编制了?|发布)(\d{4})年度?[^。；]{0,20}?(?:政府信息公开|政务公开)[^。；]{0,8}?报告/.exec(head);
  if (m) out.push({ zh: `正文“${m[0]}”`, en: `the opening statement "${m[0]}"`, year: Number(m[1]) });
  return out.filter((s) => s.year >= 1990 && s.year <= 2100);
}

export const rule: Rule = {
  id: 'meta.year-mismatch',
  severity: 'warning',
  title: { zh: '标题年度、统计期限与正文年度不一致', en: 'Title year, reporting period and text year disagree' },
  explanation: {
    zh: '《政府信息公开条例》第四十九、五十条规定，年度报告报告的是上一年度的政府信息公开工作。报告标题中的年度、“统计期限”以及正文开头所称的年度应当是同一年；不一致通常是沿用上年模板造成的。',
    en: 'Under articles 49 and 50 of 《政府信息公开条例》 a report covers one calendar year. The year in the title, the reporting period (统计期限) and the year the opening statement names must be the same; a disagreement usually comes from last year\'s template reused.',
  },
  check(ctx) {
    const sources = statedYears(ctx.report);
    const years = new Set(sources.map((s) => s.year));
    if (years.size <= 1) return;
    ctx.issue({
      table: null,
      row: null,
      column: null,
      cells: [],
      message: `报告年度不一致：${sources.map((s) => `${s.zh}为 ${s.year} 年`).join('，')}`,
      messageEn: `The report's year disagrees: ${sources.map((s) => `${s.en} says ${s.year}`).join(', ')}`,
    });
  },
};
export default rule;
