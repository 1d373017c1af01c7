/**
 * How much of a report's narrative repeats last year's report of the same agency — evaluators
 * deduct for 内容雷同. Template sentences (headings, table captions, the standard phrasings every
 * report has) are left out; figures are masked, so a sentence that only changed its numbers is a
 * repeat. A passage counts as repeated when its run of characters also stands in last year's
 * text (overlapping windows of WINDOW characters). Browser-safe.
 */
import { SECTION_KEYS, SECTION_TITLES, type SectionKey } from '../model/keys';
import type { Report } from '../model/schema';
import { sentencesOf } from './sentences';

/** Characters a repeated run must span to count (shorter runs are common phrases). */
const WINDOW = 12;
/** Sentences shorter than this (after masking) are headings or fragments. */
const MIN_SENTENCE = 12;

/**
 * The official format's own phrasings and captions: every report has them, so repeating them is
 * no copying. Matched against a compact sentence with figures masked as #.
 */
const TEMPLATE: RegExp[] = [
  /^本(?:年度)?报告(?:是)?(?:根据|依据|按照)/,
  /(?:编制|制作)本(?:年度)?报告/,
  /(?:全文|本报告)(?:包括|分为|由)[^,，]{0,6}(?:总体情况|概述)/,
  /^本(?:年度)?报告(?:中)?(?:所列|使用|的)?(?:数据)?(?:的)?统计(?:期限|时限|期间|时间)/,
  /统计(?:期限|时限|期间)(?:自|为|是)?#年#月#日/,
  /本(?:年度)?报告(?:的)?电子版/,
  /(?:查阅|下载)本(?:年度)?报告/,
  /对本(?:年度)?报告有(?:任何)?(?:疑问|意见|建议)/,
  /(?:联系|咨询)(?:电话|地址|方式)/,
  /^(?:联系|通讯)?地址|^邮(?:政)?编(?:码)?|^(?:联系)?电话|^传真|^电子邮箱|^邮箱/,
  /四舍五入|尾差/,
  /^(?:无|没有|暂无)(?:其他)?(?:需要|需)?(?:报告|说明)?(?:的)?(?:事项|情况)?$/,
  /^本(?:机关|单位|部门)?(?:本年度|年度内|全年|本年)?(?:未|没有)收取(?:任何)?(?:政府)?信息(?:公开)?处理费/,
  /信息处理费(?:管理办法|的通知)/,
  /^(?:单位|金额单位)[:：]/,
  /^(?:第[一二三四五六七八九十\d]+[条项]|[（(][一二三四五六七八九十]{1,3}[）)])/,
];

const HEADINGS = new Set<string>(
  [
    ...Object.values(SECTION_TITLES).map((t) => t.zh.replace(/^[一二三四五六]、/, '')),
    '总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况', '政府信息公开行政复议和行政诉讼情况',
    '存在的主要问题及改进情况', '其他需要报告的事项', '主动公开', '依申请公开', '政府信息管理', '政府信息资源标准化、规范化管理',
    '政府信息公开平台建设', '监督保障', '平台建设', '监督保障情况',
  ].map((h) => h.replace(/[、，,]/g, '')),
);

/** A sentence ready for comparison: figures masked, punctuation and heading numbers gone. */
export function maskSentence(sentence: string): string {
  return sentence
    .replace(/^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d)|[一二三四五六七八九十]是)/, '')
    .replace(/\d+(?:\.\d+)?%?/g, '#')
    .replace(/[〇零一二三四五六七八九十百千万]+(?=[件条个项次篇期年月日])/g, '#')
    .replace(/[,，、;；:：“”"'‘’《》〈〉()（）\[\]【】\-—_·…!?！？。\s]/g, '');
}

const NUMBERED = /^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d))/;

/** Whether a sentence (masked; the original too when at hand) is the format's own text rather than the agency's. */
export function isTemplateSentence(masked: string, original?: string): boolean {
  if (masked.length < MIN_SENTENCE) return true;
  // A numbered sub-heading: （四）政府信息公开平台建设情况.
  if (original && NUMBERED.test(original) && original.length <= 28 && !/[,，;；。]/.test(original)) return true;
  if (HEADINGS.has(masked)) return true;
  return TEMPLATE.some((re) => re.test(masked));
}

export interface SectionCopy {
  key: SectionKey | 'text';
  heading: string;
  /** Characters of the agency's own text (template left out), and how many repeat last year's. */
  chars: number;
  copied: number;
  /** The repeated sentences, as printed (compact), for highlighting. */
  passages: string[];
}

export interface CopiedShare {
  /** Share of the narrative (template left out) repeating last year's, 0–1. */
  share: number;
  chars: number;
  copied: number;
  sections: SectionCopy[];
  /** The section with the most repeated text. */
  most: SectionCopy | null;
}

/** The narrative's parts: its sections, or the whole text when no section was found. */
function partsOf(report: Report): Array<{ key: SectionKey | 'text'; heading: string; text: string }> {
  const withText = report.sections.filter((s) => s.text.trim());
  if (withText.length) return withText.map((s) => ({ key: s.key, heading: s.heading || SECTION_TITLES[s.key].zh, text: s.text }));
  return report.text.trim() ? [{ key: 'text', heading: '正文', text: report.text }] : [];
}

/** Every WINDOW-character run of last year's masked narrative (template sentences included: a run may cross them). */
function windowsOf(report: Report): Set<string> {
  const set = new Set<string>();
  const source = report.text || report.sections.map((s) => `${s.heading}\n${s.text}`).join('\n');
  for (const s of sentencesOf(source)) {
    const m = maskSentence(s);
    for (let i = 0; i + WINDOW <= m.length; i++) set.add(m.slice(i, i + WINDOW));
  }
  return set;
}

/** Characters of a masked sentence covered by a run that also stands in `windows`. */
function coveredChars(masked: string, windows: Set<string>): number {
  if (masked.length < WINDOW) return windows.has(masked) ? masked.length : 0;
  const covered = new Uint8Array(masked.length);
  for (let i = 0; i + WINDOW <= masked.length; i++) {
    if (windows.has(masked.slice(i, i + WINDOW))) covered.fill(1, i, i + WINDOW);
  }
  let n = 0;
  for (const c of covered) n += c;
  return n;
}

/** The share of `report`'s narrative that repeats `previous`'s; null when either has no narrative of its own. */
export function copiedShare(report: Report, previous: Report): CopiedShare | null {
  const windows = windowsOf(previous);
  if (windows.size === 0) return null;
  const sections: SectionCopy[] = [];
  let chars = 0;
  let copied = 0;
  for (const part of partsOf(report)) {
    const sec: SectionCopy = { key: part.key, heading: part.heading, chars: 0, copied: 0, passages: [] };
    for (const s of sentencesOf(part.text)) {
      const m = maskSentence(s);
      if (isTemplateSentence(m, s)) continue;
      const c = coveredChars(m, windows);
      sec.chars += m.length;
      sec.copied += c;
      if (c >= m.length / 2) sec.passages.push(s);
    }
    if (sec.chars === 0) continue;
    sections.push(sec);
    chars += sec.chars;
    copied += sec.copied;
  }
  if (chars === 0) return null;
  const most = sections.reduce<SectionCopy | null>((best, s) => (!best || s.copied > best.copied ? s : best), null);
  // Section order as in the format, for stable output.
  sections.sort((a, b) => SECTION_KEYS.indexOf(a.key as SectionKey) - SECTION_KEYS.indexOf(b.key as SectionKey));
  return { share: copied / chars, chars, copied, sections, most: most && most.copied > 0 ? most : null };
}
