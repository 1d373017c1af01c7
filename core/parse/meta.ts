/** Metadata and the six narrative sections, read from the narrative lines of any input. */
import type { FormatId, SectionKey } from '../model/keys';
import type { ReportMeta, Section } from '../model/schema';
import type { Extraction, NarrativeLine } from './extraction';
import { collapse, compact, compactLines } from './normalize';

const pad = (n: string | number) => String(n).padStart(2, '0');

/** "2021 年 1 月 8 日", "2020-01-31", "2020/1/31", "2020.01.31" → "2021-01-08". */
export function parseDate(text: string): string | null {
  const t = compact(text);
  const m = /(\d{4})(?:年|[-/.])(\d{1,2})(?:月|[-/.])(\d{1,2})日?/.exec(t);
  if (!m) return null;
  const [, y, mo, d] = m;
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > 31) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

const REPORT_WORDS = /政府信息公开(?:工作)?(?:年度)?(?:工作)?(?:年度)?报告|信息公开年报|年度报告/;

/** Strip the site name that portals append to <title> ("…年度报告_政府信息公开年报_平潭…"). */
function cleanTitle(title: string): string {
  const t = collapse(title).replace(/^(?:名\s*称|标\s*题|题\s*名|文件名称)\s*[:：]?\s*/, '');
  const parts = t.split(/\s*[_|｜]\s*|\s+[-—–]\s+|(?<=报告)\s*[-—–]\s*/);
  return parts.find((p) => REPORT_WORDS.test(p)) ?? parts[0] ?? t;
}

function agencyFromTitle(title: string): string | null {
  const t = compact(title)
    .replace(/[（(]?\d{4}年?度?[）)]?/g, '')
    .replace(/政府信息公开(?:工作)?(?:年度)?(?:工作)?(?:年度)?报告.*$/, '')
    .replace(/信息公开年报.*$/, '')
    .replace(/年度报告.*$/, '')
    .replace(/^关于|的$|年度$/g, '');
  return t.length >= 2 ? t : null;
}

/** `own[i]` is compact(lines[i].text). */
function findTitleInLines(lines: NarrativeLine[], own_: readonly string[]): string | null {
  const head = lines.slice(0, 40);
  for (let i = 0; i < head.length; i++) {
    const own = own_[i];
    if (own.length > 60 || !REPORT_WORDS.test(own) || /根据|条例/.test(own)) continue;
    if (/^(?:名称|标题|题名|文件名称)[:：]?/.test(own)) return cleanTitle(own);
    // The title's tail alone ("工作年度报告") on a line: the head is on the line before.
    if (/^(?:工作)?(?:年度)?报告$|^年报$/.test(own) && i > 0) {
      const prev = own_[i - 1];
      if (prev.length <= 50 && !/[，。；]/.test(prev)) return `${prev}${own}`;
    }
    // A title often breaks after the agency name: "聊城市公安局茌平分局 / 2020 年度政府信息公开工作年度报告".
    if (/^\d{4}/.test(own) && i > 0) {
      const prev = own_[i - 1];
      if (prev.length >= 2 && prev.length <= 30 && !/[，。：:；]/.test(prev)) return `${prev}${own}`;
    }
    return own;
  }
  return null;
}

const SIGN_DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;

function findSignature(lines: NarrativeLine[], compacted: readonly string[]): { by: string | null; on: string | null } {
  // The last 8 non-empty lines, compacted (read from the end: a report has hundreds of lines).
  const tail: string[] = [];
  for (let i = lines.length - 1; i >= 0 && tail.length < 8; i--) {
    if (lines[i].tableMarker) continue;
    const own = compacted[i];
    if (own !== '') tail.unshift(own);
  }
  for (let i = tail.length - 1; i >= 0; i--) {
    const own = tail[i];
    if (SIGN_DATE.test(own) || /^\d{4}-\d{1,2}-\d{1,2}$/.test(own)) {
      const prev = i > 0 ? tail[i - 1] : '';
      const by = prev && prev.length <= 40 && !/[，。；]/.test(prev) ? prev : null;
      return { by, on: parseDate(own) };
    }
  }
  return { by: null, on: null };
}

const PERIOD =
  /统计(?:期限|周期|时限|时段|区间|时间)?.{0,12}?(\d{4})年(\d{1,2})月(\d{1,2})日.{0,4}?(?:至|到|起至|—|－|-|~)(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/;

/**
 * The narrative lines (table markers left out) with each one's compact(), the text (the lines
 * joined) and its compact(): NFKC'd once per report for the metadata, the sections and the rules.
 */
export interface Narrative {
  lines: NarrativeLine[];
  own: string[];
  text: string;
  all: string;
}
export function narrativeOf(ex: Extraction): Narrative {
  const lines = ex.lines.filter((l) => !l.tableMarker);
  const texts = lines.map((l) => l.text);
  const { own, joined } = compactLines(texts);
  return { lines, own, text: texts.join('\n'), all: joined };
}

export function extractMeta(ex: Extraction, ctx: { source: string | null; format: FormatId | null }, narrative: Narrative = narrativeOf(ex)): ReportMeta {
  const { lines, all } = narrative;
  const hintTitle = ex.hints.title ? cleanTitle(ex.hints.title) : null;
  const title =
    hintTitle && REPORT_WORDS.test(compact(hintTitle)) ? compact(hintTitle) : (findTitleInLines(lines, narrative.own) ?? (hintTitle ? compact(hintTitle) : null));
  const titleYearMatch = title ? /(\d{4})年?度?/.exec(title) : null;
  const titleYear = titleYearMatch ? Number(titleYearMatch[1]) : null;

  const pm = PERIOD.exec(all);
  const period = pm ? { from: `${pm[1]}-${pad(pm[2])}-${pad(pm[3])}`, to: `${pm[4] ?? pm[1]}-${pad(pm[5])}-${pad(pm[6])}` } : null;

  let published = ex.hints.published ? parseDate(ex.hints.published) : null;
  if (!published) {
    const dm = /(?:发布日期|发文日期|公开日期|成文日期|发布时间)[:：]?(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)/.exec(all);
    if (dm) published = parseDate(dm[1]);
  }
  const signature = findSignature(lines, narrative.own);
  if (!published && signature.on) published = signature.on;

  let indexNo = ex.hints.indexNo ?? null;
  if (!indexNo) {
    const im = /索引号[:：]?([A-Za-z0-9\-/_.]+)/.exec(all);
    if (im) indexNo = im[1];
  }
  let publisher = ex.hints.publisher ?? null;
  if (!publisher) {
    const pm2 = /发布机构[:：]?([\u4e00-\u9fa5（）()]{2,30}?)(?=发文日期|公开日期|成文日期|文号|索引号|分类|$|\n)/.exec(all);
    if (pm2) publisher = pm2[1];
  }

  const agency = (title && agencyFromTitle(title)) || publisher || signature.by || null;
  const textYear = /(\d{4})年(?:度)?[，,]?/.exec(all);
  const year = titleYear ?? (period ? Number(period.from.slice(0, 4)) : null) ?? (textYear ? Number(textYear[1]) : null);

  return {
    agency,
    year,
    format: ctx.format,
    published,
    title,
    source: ctx.source,
    period,
    signedBy: signature.by,
    signedOn: signature.on,
    indexNo,
    publisher,
    titleYear,
  };
}

const SECTION_SIGNS: Array<[SectionKey, RegExp]> = [
  ['overview', /总体情况|总体概述|基本情况/],
  ['proactive', /主动公开/],
  ['requests', /收到和处理|依申请公开|申请情况/],
  ['review_litigation', /行政复议|行政诉讼|复议.{0,3}诉讼/],
  ['problems', /存在的?主要问题|问题及改进|改进情况|存在问题/],
  ['other', /其他需要报告|其他事项/],
];

/** A heading line: "一、总体情况", "三 、收到和处理…", "（三）…" is not a section heading. */
const HEADING = /^[一二三四五六七八][、.．，,]/;

/** Split narrative lines into the six official sections, by the words of each heading (numbering may be off). */
/** `compacted[i]`, when given, is compact(lines[i].text). */
export function splitSections(lines: NarrativeLine[], compacted?: readonly string[]): Section[] {
  const out: Section[] = [];
  let current: { key: SectionKey; heading: string; text: string[] } | null = null;
  const seen = new Set<SectionKey>();
  const flush = () => {
    if (current) out.push({ key: current.key, heading: current.heading, text: current.text.join('\n').trim() });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.tableMarker) continue;
    const own = compacted ? compacted[i] : compact(line.text);
    if (own.length <= 40 && HEADING.test(own)) {
      const found = SECTION_SIGNS.find(([key, re]) => !seen.has(key) && re.test(own));
      if (found) {
        flush();
        seen.add(found[0]);
        current = { key: found[0], heading: collapse(line.text), text: [] };
        continue;
      }
    }
    current?.text.push(collapse(line.text));
  }
  flush();
  return out;
}
