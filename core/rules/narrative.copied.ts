/** Half or more of the narrative repeats last year's report of the same agency (内容雷同). */
import { copiedShare, type SectionCopy } from '../compare/copied';
import { pairableOf, pairingProblem } from '../compare/pair';
import type { Rule } from './types';

/** Share of the agency's own text (template left out) from which the narrative counts as copied. */
export const COPIED_THRESHOLD = 0.5;
/** Below this many characters of its own text a narrative is too short to judge. */
const MIN_CHARS = 80;

const pct = (x: number) => `${Math.round(x * 100)}%`;
const secShare = (s: SectionCopy) => (s.chars ? s.copied / s.chars : 0);

export const rule: Rule = {
  id: 'narrative.copied',
  severity: 'warning',
  title: { zh: '正文与上年报告大量雷同', en: "The narrative repeats last year's report" },
  explanation: {
    zh: '年度报告应当如实反映本年度政府信息公开工作（《政府信息公开条例》第四十九条、第五十条）。正文一半以上的文字（报告格式的标题、表格名称和各报告共有的固定表述不计，数字不同而文字相同也算重复）与同一机关上一年度报告相同，说明总体情况、存在的问题及改进情况等可能照搬上年，评估中通常按“内容雷同”扣分。需要提供同一机关的上一年度报告。',
    en: "A report must describe this year's work (articles 49–50 of 《政府信息公开条例》). When half or more of the narrative — headings, table captions and the standard phrasings every report has left out; text that only changed its figures counts as repeated — is the same as the agency's report of last year, the overview or the problems and improvements were probably carried over; evaluators deduct for it (内容雷同). Needs last year's report of the same agency.",
  },
  check(ctx) {
    const prev = ctx.previous;
    if (!prev || pairingProblem(pairableOf(ctx.report.meta), pairableOf(prev.meta))) return;
    const c = copiedShare(ctx.report, prev);
    if (!c || c.chars < MIN_CHARS || c.share < COPIED_THRESHOLD || !c.most) return;
    const prevYear = pairableOf(prev.meta).year;
    const most = c.most;
    const y = prevYear ? `（${prevYear} 年度）` : '';
    const example = most.passages[0] ? `，如：“${most.passages[0].length > 40 ? `${most.passages[0].slice(0, 40)}…` : most.passages[0]}”` : '';
    ctx.issue({
      table: null,
      row: null,
      column: null,
      cells: [],
      share: Math.round(c.share * 100) / 100,
      message: `正文 ${pct(c.share)} 的文字与上年报告${y}相同（模板语句不计），重复最多的是「${most.heading}」（${pct(secShare(most))}）${example}`,
      messageEn: `${pct(c.share)} of the narrative (template sentences left out) repeats last year's report${prevYear ? ` (${prevYear})` : ''}; most of all the section "${most.heading}" (${pct(secShare(most))})`,
    });
  },
};
export default rule;
