/**
 * Reports in the layout before 2019 (the 2008 ordinance): 主动公开情况, 依申请公开情况, 收费及减免
 *情况, 因政府信息公开申请行政复议、提起行政诉讼的情况 … with tables of their own, not the official
 * tables 2–4. Such a report is named as such (format `older`) with its metadata; its tables are not
 * read, since none of the official keys applies to them.
 */
import type { FormatId } from '../model/keys';
import type { NarrativeLine } from './extraction';
import { compact } from './normalize';

/** Headings only the old layout has. */
const OLD_ONLY = [/收费(?:及|和|与)减免/, /因政府信息公开申请.{0,8}(?:行政复议|行政诉讼)|申请行政复议.{0,6}提起行政诉讼/];
/** Headings the old layout shares in wording, not in place. */
const OLD_SHARED = [/主动公开(?:政府信息)?(?:的|工作)?(?:情况|概述)/, /依申请公开(?:政府信息)?(?:的|工作)?(?:情况|概述)|政府信息公开申请(?:的)?(?:办理|受理|答复)情况/];
/** Section 3 and 4 of the 2019 and 2021 formats: a report that has them is not older. */
const NEW_HEADINGS = [/收到和处理政府信息公开申请情况/, /政府信息公开行政复议[、，,]?行政诉讼情况/];
const REPORT_WORDS = /政府信息公开(?:工作)?(?:年度)?(?:工作)?(?:年度)?报告|信息公开年报|年度报告/;
const HEADING = /^(?:[一二三四五六七八九十]+[、.．，,]|[（(][一二三四五六七八九十]+[）)])/;

export interface OlderEvidence {
  /** Old-layout headings found, as printed (compact). */
  headings: string[];
}

/**
 * The old layout, told by its headings: at least one heading only it has (收费及减免, 因申请复议
 * 诉讼), two old headings in all, none of the new formats' section headings, and the words of an
 * annual report near the top. When tables of an official format were found, only a report year
 * before 2019 still makes it older.
 */
export function detectOlder(lines: readonly NarrativeLine[], ctx: { title: string | null; year: number | null; format: FormatId | null }): OlderEvidence | null {
  if (ctx.format && ctx.format !== 'older' && !(ctx.year && ctx.year < 2019)) return null;
  if (ctx.year && ctx.year >= 2019 && ctx.year < 2100) return null;
  const headings: string[] = [];
  let oldOnly = 0;
  let reportWords = !!ctx.title && REPORT_WORDS.test(compact(ctx.title));
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.tableMarker) continue;
    const own = compact(l.text).replace(/^#+/, '');
    if (!own) continue;
    if (i < 40 && REPORT_WORDS.test(own)) reportWords = true;
    if (own.length > 60) continue;
    if (NEW_HEADINGS.some((re) => re.test(own))) return null;
    if (!HEADING.test(own)) continue;
    if (OLD_ONLY.some((re) => re.test(own))) {
      oldOnly++;
      headings.push(own);
    } else if (OLD_SHARED.some((re) => re.test(own))) headings.push(own);
  }
  return reportWords && oldOnly >= 1 && headings.length >= 2 ? { headings } : null;
}

export const OLDER_MESSAGE = '2019 年以前的旧格式，未核对表格 — older format, tables not checked';
