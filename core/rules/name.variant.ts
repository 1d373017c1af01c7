/**
 * A name one character away from the agency's own name: "荏平公安" in a report of 聊城市公安局茌平分局,
 * where the text otherwise writes 茌平.
 *
 * Method: take the place names in the agency's name (the two characters before 市/县/区/分局/综合实验区 …),
 * keep those the text uses at least three times, and look for a spot where the text writes the same
 * word with one character changed, used only once, in a context where the real name is used at
 * least twice ("荏平公安" once beside "茌平公安" twice), the context itself being part of the agency's
 * name (公安). Requiring that shared context keeps ordinary words that happen to differ by one
 * character (平安建设, 平台建设 beside 平潭建设) out.
 */
import { compact, compactText } from '../parse/normalize';
import type { Rule } from './types';

const CJK = /^[\u4e00-\u9fa5]+$/;
/** Characters that make a token an office word, not a place: 公安局 → 公安 is not a place. */
const GENERIC = /[局委办厅室府政民会部院所处科组司署省市县区]/;
const STOP = new Set(['实验', '试验', '开发', '高新', '综合', '中心', '经济', '技术', '产业', '自治', '特别', '行政']);
const ADMIN_AFTER = /([\u4e00-\u9fa5]{2})(?=[省市县区州旗盟](?![场民政级直属域内外委])|分局|综合实验区|综合试验区|新区|开发区|高新区|街道)/g;

/** Place names inside an agency name: 聊城市公安局茌平分局 → 聊城, 茌平. */
export function placeTokens(names: Array<string | null | undefined>): string[] {
  const out = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    const n = compact(name);
    for (const m of n.matchAll(ADMIN_AFTER)) {
      const t = m[1];
      if (CJK.test(t) && !GENERIC.test(t) && !STOP.has(t)) out.add(t);
    }
  }
  return [...out];
}

function count(text: string, s: string): number {
  let n = 0;
  for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) n++;
  return n;
}

/**
 * The windows of `name`'s length that share a character with it in place, in text order: a window
 * one character off a name of two or more shares the others (found with indexOf, not by visiting
 * every window). null for a shorter name: every window is one off.
 */
function windowsSharingAChar(t: string, name: string): number[] | null {
  const L = name.length;
  if (L < 2) return null;
  const at = new Set<number>();
  for (let k = 0; k < L; k++) {
    for (let j = t.indexOf(name[k], k); j >= 0 && j - k + L <= t.length; j = t.indexOf(name[k], j + 1)) at.add(j - k);
  }
  return [...at].sort((a, b) => a - b);
}

export interface NameVariant {
  name: string;
  variant: string;
  /** The variant with the context that shows it is the name: 荏平公安. */
  inContext: string;
  /** How often the real name is used in the same context: 茌平公安 × 2. */
  contextUses: number;
  uses: number;
  index: number;
}

/** `compacted`, when given, is compact(text) already made (the parser's, for a report's narrative). */
export function findNameVariants(text: string, names: Array<string | null | undefined>, compacted?: string): NameVariant[] {
  const t = compacted ?? compact(text);
  const tokens = placeTokens(names);
  const nameText = names.filter(Boolean).map((n) => compact(n!)).join('|');
  const out: NameVariant[] = [];
  const seen = new Set<string>();
  for (const name of tokens) {
    const uses = count(t, name);
    if (uses < 3) continue;
    const L = name.length;
    const starts = windowsSharingAChar(t, name);
    const windows = starts ? starts.length : t.length - L + 1;
    for (let s = 0; s < windows; s++) {
      const i = starts ? starts[s] : s;
      // Count differing characters in place first: slicing every window cost more than the rest of the rules.
      let diffs = 0;
      for (let k = 0; k < L && diffs < 2; k++) if (t.charCodeAt(i + k) !== name.charCodeAt(k)) diffs++;
      if (diffs !== 1) continue;
      const w = t.slice(i, i + L);
      if (!CJK.test(w)) continue;
      if (tokens.includes(w) || seen.has(w)) continue;
      const after = t.slice(i + L, i + L + 2);
      const before = t.slice(Math.max(0, i - 2), i);
      // The context must itself belong to the agency's name ("公安" of 聊城市公安局茌平分局,
      // "市洪" of 淮安市洪泽区): 平安建设 beside 平潭建设 is an ordinary word, not a misspelt name.
      const candidates: Array<{ ctx: string; real: string }> = [];
      if (after.length === 2 && CJK.test(after) && nameText.includes(after)) candidates.push({ ctx: w + after, real: name + after });
      if (before.length === 2 && CJK.test(before) && nameText.includes(before)) candidates.push({ ctx: before + w, real: before + name });
      // Used once only (the window at i is its first and last use) — looked at after the cheap
      // context test: most windows one character off (上年 for 上海) fail that first.
      if (!candidates.length || t.indexOf(w) !== i || t.indexOf(w, i + 1) >= 0) continue;
      for (const c of candidates) {
        const n = count(t, c.real);
        if (n >= 2) {
          seen.add(w);
          out.push({ name, variant: w, inContext: c.ctx, contextUses: n, uses, index: i });
          break;
        }
      }
    }
  }
  return out;
}

export const rule: Rule = {
  id: 'name.variant',
  severity: 'warning',
  title: { zh: '机关名称写法与本机关名称相差一个字', en: "A name one character away from the agency's own" },
  explanation: {
    zh: '年度报告是行政机关的正式公文（《政府信息公开条例》第四十九、五十条），本机关及所在地名称应当书写准确。正文中某处把地名或机关名写错一个字（如把“茌平”写成“荏平”），而其余各处写法正确，多半是错别字。',
    en: "The annual report is the agency's formal document (articles 49–50 of 《政府信息公开条例》); its own name and place name must be written correctly. A spot that writes the place or agency name with one character changed (荏平 for 茌平) while the rest of the text writes it correctly is almost always a typo.",
  },
  check(ctx) {
    const { meta, text, sections } = ctx.report;
    const body = text || sections.map((s) => `${s.heading}\n${s.text}`).join('\n');
    const names = [meta.agency, meta.publisher, meta.signedBy, meta.title];
    for (const v of findNameVariants(body, names, text ? compactText(ctx.report) : undefined)) {
      ctx.issue({
        table: null,
        row: null,
        column: null,
        cells: [],
        message: `正文“${v.inContext}”中的“${v.variant}”与本机关名称中的“${v.name}”相差一个字；正文其余各处写作“${v.name}”（共 ${v.uses} 处），疑为错别字`,
        messageEn: `"${v.inContext}" writes "${v.variant}", one character away from "${v.name}" in the agency's name, which the rest of the text uses ${v.uses} times; probably a typo`,
      });
    }
  },
};
export default rule;
