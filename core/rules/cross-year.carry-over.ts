/** This year's 上年结转 differs from last year's 结转下年度继续办理, column by column. */
import type { Report } from '../model/schema';
import { compact } from '../parse/normalize';
import type { Rule } from './types';
import { reportYear } from '../model/year';
import { placeTokens } from './name.variant';
import { cellOf, colEn, colZh, diff, fmt, num, ref, show, T3_ALL_COLUMNS } from './util';

/**
 * Whether two reports can be of the same agency: unknown names pass; otherwise one name contains
 * the other ("洪泽区人民政府" / "淮安市洪泽区人民政府") or they share a place name. A guard against
 * comparing with another agency's report by mistake, not a proof of identity.
 */
export function sameAgency(a: Report, b: Report): boolean {
  const x = a.meta.agency ? compact(a.meta.agency) : '';
  const y = b.meta.agency ? compact(b.meta.agency) : '';
  if (!x || !y || x.includes(y) || y.includes(x)) return true;
  const tx = placeTokens([x]);
  const ty = placeTokens([y]);
  return tx.length === 0 || ty.length === 0 || tx.some((t) => ty.includes(t));
}

/** Last year's report of the same agency, or null when `previous` cannot be that. */
export function lastYearsReport(report: Report, previous: Report | null): Report | null {
  if (!previous) return null;
  const year = reportYear(report.meta);
  const prevYear = reportYear(previous.meta);
  if (year && prevYear && prevYear !== year - 1) return null;
  return sameAgency(report, previous) ? previous : null;
}

export const rule: Rule = {
  id: 'cross-year.carry-over',
  severity: 'error',
  title: { zh: '上年结转与上年报告的结转下年度不一致', en: "Carried over differs from last year's carried forward" },
  explanation: {
    zh: '表三“二、上年结转政府信息公开申请数量”应等于上一年度报告表三“四、结转下年度继续办理”的同一列（国办公开办函〔2019〕60号、〔2021〕30号）。两者不一致，说明某一年的数字有误或有申请在统计中遗漏。需要提供同一机关的上一年度报告（年度不衔接或机关名称明显不同的报告不作比较）。',
    en: 'Table 3 row II "carried over from last year" must equal, column by column, row IV "carried forward to next year" of last year\'s report (国办公开办函〔2019〕60号 / 〔2021〕30号). A difference means one of the years is wrong or requests were lost between them. Needs last year\'s report of the same agency (a report of another year or plainly another agency is not compared).',
  },
  check(ctx) {
    const prev = lastYearsReport(ctx.report, ctx.previous);
    if (!prev) return;
    const prevYear = reportYear(prev.meta);
    for (const col of T3_ALL_COLUMNS) {
      const nowCell = cellOf(ctx.report, 't3', 'carried_over', col);
      const thenCell = cellOf(prev, 't3', 'carried_forward', col);
      const now = num(nowCell);
      const then = num(thenCell);
      if (now === undefined || then === undefined || now === then) continue;
      ctx.issue({
        table: 't3',
        row: 'carried_over',
        column: col,
        cells: [ref('t3', 'carried_over', col)],
        expected: then,
        expectedFrom: 'last-year',
        message: `「${colZh(col)}」列：本年“上年结转” = ${show(nowCell, now)}，上年报告“结转下年度继续办理” = ${show(thenCell, then)}${prevYear ? `（${prevYear} 年度）` : ''}，相差 ${diff(now, then)}`,
        messageEn: `Column "${colEn(col)}": carried over = ${show(nowCell, now, 'en')}, but last year's report${prevYear ? ` (${prevYear})` : ''} carried forward ${fmt(then)}; off by ${diff(now, then)}`,
      });
    }
  },
};
export default rule;
