/**
 * Reading figures out of the narrative: the text is cut into sentences (lines re-joined, page
 * numbers dropped, NFKC + whitespace removed, so "答\n复 3050 件" reads 答复3050件), then each
 * sentence yields *claims* — a figure together with what it says it counts (共受理申请 N 件,
 * 结转 N 件, 行政复议 N 件, 均获维持 …). The rules compare claims with the tables
 * (narrative.table-mismatch) or with the parts the same sentence lists (narrative.sum-mismatch).
 *
 * Precision first: a figure is only read when the words around it leave no doubt what it counts;
 * approximate figures (5500余条), figures of another year (上年, 2023年 in a 2024 report) and
 * figures qualified by another scope (部门规范性文件, 现行有效) are left alone.
 */
import { compact } from '../parse/normalize';
import type { Report } from '../model/schema';
import { narrativeSentences, sentencesOf } from '../compare/sentences';

export { narrativeSentences, sentencesOf };

// After compact() (NFKC) the full-width ，；：（）％ are ASCII; 、 and 。 stay.
const CLAUSE_BREAK = /[,，;；:：。]/;

// ---------------------------------------------------------------- claims

export type ClaimKind =
  | 'received'
  | 'answered'
  | 'carried_over'
  | 'carried_forward'
  | 'granted_or_partial'
  | 'granted'
  | 'partial'
  | 'denied'
  | 'unavailable'
  | 'not_processed'
  | 'other_handled'
  | 'applicant'
  | 'review'
  | 'litigation'
  | 'review_and_litigation'
  | 't4_part'
  | 'all_upheld'
  | 'all_closed'
  | 'none_corrected'
  | 'all_completed'
  | 't2_regulations'
  | 't2_normative';

export type T4Scope = 'review' | 'litigation';

export interface Claim {
  kind: ClaimKind;
  /** The figure; for yes/no claims (all_upheld …) 0. */
  value: number;
  /** The words of the clause the figure stands in, as printed (compact). */
  quote: string;
  /** For `applicant`: the table-3 column; for `t4_part`: the table-4 column. */
  column?: string;
  /** For t4 claims: which groups the sentence speaks of. */
  scopes?: T4Scope[];
  index: number;
}

interface Ctx {
  s: string;
  mask: boolean[];
  year: number | null;
  claims: Claim[];
}

function free(ctx: Ctx, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (ctx.mask[i]) return false;
  return true;
}
function take(ctx: Ctx, start: number, end: number) {
  for (let i = start; i < end; i++) ctx.mask[i] = true;
}

/** The clause a match stands in: back to the previous clause break, forward to the match end. */
function clauseBefore(s: string, index: number): string {
  let i = index;
  while (i > 0 && !CLAUSE_BREAK.test(s[i - 1])) i--;
  return s.slice(i, index);
}
function quoteOf(s: string, index: number, end: number): string {
  const q = clauseBefore(s, index) + s.slice(index, end);
  return q.length > 60 ? `…${q.slice(-58)}` : q;
}

/**
 * A figure is about another year or another scope when its clause says so before it:
 * "上年共受理…", "2023年受理…" in a 2024 report, "同比…".
 */
function otherTime(ctx: Ctx, index: number): boolean {
  const before = clauseBefore(ctx.s, index);
  if (/上年度?(?!结转)|去年|上一年|前一年|同比|较上年|比上年|历年|累计/.test(before)) return true;
  const years = [...before.matchAll(/(\d{4})年/g)].map((m) => Number(m[1]));
  if (years.length && ctx.year && years[years.length - 1] !== ctx.year) return true;
  return false;
}

const APPROX = /^(?:余|多|左右)/;

function scan(ctx: Ctx, re: RegExp, fn: (m: RegExpExecArray) => Omit<Claim, 'index' | 'quote'> | null, opts: { keepFree?: boolean } = {}) {
  re.lastIndex = 0;
  for (let m = re.exec(ctx.s); m; m = re.exec(ctx.s)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!free(ctx, start, end)) continue;
    const claim = fn(m);
    if (!claim) continue;
    if (!opts.keepFree) take(ctx, start, end);
    ctx.claims.push({ ...claim, index: start, quote: quoteOf(ctx.s, start, end) });
  }
}

/** Which table-4 groups the sentence has named before `index`. */
function scopesBefore(s: string, index: number): T4Scope[] {
  const before = s.slice(0, index);
  const out: T4Scope[] = [];
  if (/复议(?!后)/.test(before.replace(/复议后起诉/g, ''))) out.push('review');
  if (/诉讼|起诉/.test(before)) out.push('litigation');
  return out;
}

const OFF_TOPIC = /复议|诉讼|诉求|建议|提案|来信|来电|咨询|投诉|举报|信访|留言|热线|事项|审批|许可/;
/** A figure summed over many bodies ("全市各级行政机关共受理…") may not be this report's table. */
const MANY_BODIES = /各级|各部门|各单位|各地|各县|各区|各乡镇|各街道|全系统|系统内/;
/** The sentence speaks of information disclosure (a review or lawsuit of another kind is not table 4's). */
const DISCLOSURE = /信息公开|依申请|政务公开/;

/** Words of the claims that need no figure (所有申请均已办结, 均获维持, 均已审结, 未被纠错, 未发生败诉). */
const CLAIM_WITHOUT_DIGITS = /办结|办理完成|维持|结案|审结|纠错|败诉/;
const COUNT = /\d[余多]?[件起宗]/;

export function claimsOf(sentence: string, year: number | null): Claim[] {
  // Most sentences state no count (every figure claimed is N件, N起 or N宗; dates are not) and none
  // of the figure-free claims: skip the scans.
  if (!COUNT.test(sentence) && !CLAIM_WITHOUT_DIGITS.test(sentence)) return [];
  const ctx: Ctx = { s: sentence, mask: new Array(sentence.length).fill(false), year, claims: [] };
  const n = (x: string) => Number(x);

  // --- table 3 outcomes: specific words first, so 予以公开及部分公开 is not read as 部分公开.
  scan(ctx, /予以公开(?:和|及|与|、|或)部分公开(?:的|答复)*(?:共|共计)?(\d+)(余|多)?件/g, (m) =>
    m[2] ? null : { kind: 'granted_or_partial', value: n(m[1]) },
  );
  scan(ctx, /(?<!不)(?:予以公开|同意公开|全部公开)(?:的|答复)*(?:共|共计)?(\d+)(余|多)?件/g, (m) => (m[2] ? null : { kind: 'granted', value: n(m[1]) }));
  scan(ctx, /部分公开(?:的|答复)*(\d+)(余|多)?件/g, (m) => (m[2] ? null : { kind: 'partial', value: n(m[1]) }));
  scan(ctx, /不予公开(?:的|答复)*(\d+)(余|多)?件/g, (m) => (m[2] ? null : { kind: 'denied', value: n(m[1]) }));
  scan(ctx, /无法提供(?:的|答复)*(\d+)(余|多)?件/g, (m) => (m[2] ? null : { kind: 'unavailable', value: n(m[1]) }));
  scan(ctx, /不予处理(?:的|答复)*(\d+)(余|多)?件/g, (m) => (m[2] ? null : { kind: 'not_processed', value: n(m[1]) }));
  scan(ctx, /其他处理(?:的|答复)*(\d+)(余|多)?件/g, (m) => (m[2] ? null : { kind: 'other_handled', value: n(m[1]) }));

  // --- carried over / forward
  scan(ctx, /(?:上年度?|上一年度?|(\d{4})年度?)结转(?:的|而来的)?(?:政府信息公开)?(?:申请)?(?:共|共计)?(\d+)(余|多)?件/g, (m) => {
    if (m[3]) return null;
    if (m[1] && year && n(m[1]) !== year - 1) return null;
    return { kind: 'carried_over', value: n(m[2]) };
  });
  scan(ctx, /(?<![\d.])(\d+)(余|多)?件(?:申请)?([^,，;；:：。\d]{0,12}?)(?:顺延|结转|转入|转)(?:到|至|入)?(?:下一?年度?|次年|(\d{4})年)/g, (m) => {
    if (m[2] || /上年|去年/.test(m[3])) return null;
    if (m[4] && year && n(m[4]) !== year + 1) return null;
    return { kind: 'carried_forward', value: n(m[1]) };
  });
  scan(ctx, /(?:结转|顺延|转)(?:到|至|入)?(?:下一?年度?|次年|(\d{4})年)(?:继续)?(?:办理)?(?:答复)?(?:的)?(?:有|共|共计)?(\d+)(余|多)?件/g, (m) => {
    if (m[3]) return null;
    if (m[1] && year && n(m[1]) !== year + 1) return null;
    return { kind: 'carried_forward', value: n(m[2]) };
  });

  // --- requests received / answered
  const receivedAt: number[] = [];
  scan(ctx, /(受理|收到|接收|新收|接到|办理)(?:了)?([^,，;；:：。\d%]{0,30}?)(?:共计|共|合计|总计|总数为|数量为|数为)?(?<![\d.])(\d+)(余|多)?件/g, (m) => {
    if (m[4] || !/申请/.test(m[2]) || OFF_TOPIC.test(m[2])) return null;
    if (!/信息|公开/.test(m[2]) && !DISCLOSURE.test(sentence)) return null;
    if (otherTime(ctx, m.index) || MANY_BODIES.test(clauseBefore(sentence, m.index))) return null;
    receivedAt.push(m.index);
    return { kind: 'received', value: n(m[3]) };
  });
  scan(ctx, /(受理|收到|接收|接到)(?:了)?(?:共计|共)?(\d+)(余|多)?件([^,，;；。\d]{0,12}?)申请/g, (m) => {
    if (m[3] || OFF_TOPIC.test(m[4])) return null;
    if (otherTime(ctx, m.index) || MANY_BODIES.test(clauseBefore(sentence, m.index))) return null;
    receivedAt.push(m.index);
    return { kind: 'received', value: n(m[2]) };
  });
  scan(ctx, /(答复|办结|办理完成|完成办理)(?:了)?([^,，;；:：。\d%]{0,20}?)(?:共计|共)?(?<![\d.])(\d+)(余|多)?件/g, (m) => {
    if (m[4] || OFF_TOPIC.test(m[2])) return null;
    if (m[2] ? !/申请|依申请|信息公开/.test(m[2]) : !/申请/.test(sentence.slice(0, m.index))) return null;
    if (otherTime(ctx, m.index) || MANY_BODIES.test(clauseBefore(sentence, m.index))) return null;
    return { kind: 'answered', value: n(m[3]) };
  });
  // 涉及自然人80件、商业企业1件 — only right after a figure of requests received.
  if (receivedAt.length) {
    const first = Math.min(...receivedAt);
    const COLS: Record<string, string> = { 自然人: 'natural_person', 商业企业: 'commercial', 科研机构: 'research', 社会公益组织: 'public_interest', 法律服务机构: 'legal_services' };
    scan(ctx, /(自然人|商业企业|科研机构|社会公益组织|法律服务机构)(?:申请|提出)?(?:的)?(\d+)(余|多)?件/g, (m) =>
      m.index < first || m[3] ? null : { kind: 'applicant', value: n(m[2]), column: COLS[m[1]] },
    );
  }
  scan(ctx, /(?:所有|全部)申请(?:均已|均|已全部|全部)(?:按要求|依法)?(?:办理完成|办结)|申请[^,，;；。]{0,10}?办结率(?:为|达|达到)?100%/g, () => ({ kind: 'all_completed', value: 0 }));

  // --- table 2: documents made this year (never 现行有效, 累计, 清理, 部门…). A verb of making
  // (制发, 制定…) is compared with 本年制发 (2021) / 本年新制作 (2019); a verb of publishing
  // (公开, 发布) only with the 2019 本年新公开 — "公开规章13件（含新制定5件，修改4件…）" is not 制发.
  const T2_EXCLUDE = /现行有效|累计|清理|历年|库|部门|刊登|收录|备案|审查|解读|政策性|废止|修订|修改|失效|报送|征求|起草|评估|转发|汇编|宣传/;
  const MAKE = /制发|制定|出台|印发|制作/;
  const PUBLISH = /公开|发布/;
  scan(ctx, /(?<!部门)(?<!部门行政)(规章|(?:行政)?规范性文件)(?:共|共计)?(\d+)(余|多)?件/g, (m) => {
    if (m[3]) return null;
    const clause = clauseBefore(sentence, m.index);
    const verb = MAKE.test(clause) ? 'made' : PUBLISH.test(clause) ? 'published' : null;
    if (!verb || T2_EXCLUDE.test(clause) || otherTime(ctx, m.index)) return null;
    // "规章、规范性文件等 112 件" is not a figure of either; 部门规章 belong to other bodies.
    if (/[、和及与]$/.test(clause) || /部门$/.test(clause)) return null;
    return { kind: m[1] === '规章' ? 't2_regulations' : 't2_normative', value: n(m[2]), column: verb };
  });

  // --- table 4: only in a sentence about information disclosure — a government also decides
  // reviews of every other kind ("全市共办理行政复议案件1234件").
  if (!DISCLOSURE.test(sentence)) return ctx.claims.sort((a, b) => a.index - b.index);
  scan(ctx, /(?:行政)?复议(?:和|、|及|与)(?:行政)?诉讼(?:案件)?(?:共|共计|合计)?(?:数为|数量为|为)?(\d+)(余|多)?(?:件|起|宗)/g, (m) =>
    m[2] ? null : { kind: 'review_and_litigation', value: n(m[1]) },
  );
  scan(ctx, /(?:行政)?复议(?!后)(?:申请|案件)?(?:共|共计)?(?:数为|数量为|为)?(\d+)(余|多)?(?:件|起|宗)/g, (m) =>
    m[2] || otherTime(ctx, m.index) ? null : { kind: 'review', value: n(m[1]) },
  );
  scan(ctx, /(?<![\d.])(\d+)(?:件|起)(?:涉及)?(?:政府信息公开(?:工作)?)?(?:的|类)?行政复议(?!和|、|及|与)/g, (m) =>
    otherTime(ctx, m.index) ? null : { kind: 'review', value: n(m[1]) },
  );
  scan(ctx, /(?:行政)?诉讼(?:案件)?(?:共|共计)?(?:数为|数量为|为)?(\d+)(余|多)?(?:件|起|宗)/g, (m) =>
    m[2] || otherTime(ctx, m.index) ? null : { kind: 'litigation', value: n(m[1]) },
  );
  const T4COL: Record<string, string> = { 维持: 'upheld', 纠正: 'corrected', 其他结果: 'other', 尚未审结: 'pending', 未审结: 'pending', 审理中: 'pending' };
  scan(ctx, /(?:结果)?(维持|纠正|其他结果|尚未审结|未审结|审理中)(?:的)?(\d+)(余|多)?(?:件|起)/g, (m) => {
    if (m[3]) return null;
    const before = sentence.slice(0, m.index).replace(/复议后起诉/g, '诉讼');
    const r = before.lastIndexOf('复议');
    const l = Math.max(before.lastIndexOf('诉讼'), before.lastIndexOf('起诉'));
    if (r < 0 && l < 0) return null;
    return { kind: 't4_part', value: n(m[2]), column: T4COL[m[1]], scopes: [r > l ? 'review' : 'litigation'] };
  });
  scan(ctx, /(?:均|全部|都)(?:获|被|予以|已)?维持/g, (m) => {
    const scopes = scopesBefore(sentence, m.index);
    return scopes.length ? { kind: 'all_upheld', value: 0, scopes } : null;
  });
  scan(ctx, /(?:均|全部|都)(?:已)?(?:结案|审结)/g, (m) => {
    const scopes = scopesBefore(sentence, m.index);
    return scopes.length ? { kind: 'all_closed', value: 0, scopes } : null;
  });
  scan(ctx, /(?:未发生|没有发生|未出现|无)[^,，;；。]{0,24}?(?:被)?(?:行政)?复议(?:机关)?纠错/g, () => ({ kind: 'none_corrected', value: 0, scopes: ['review'] }), { keepFree: true });
  scan(ctx, /(?:行政)?复议[^,，;；。]{0,12}?未被[^,，;；。]{0,12}?纠错/g, () => ({ kind: 'none_corrected', value: 0, scopes: ['review'] }), { keepFree: true });
  scan(ctx, /(?:未发生|没有发生|未出现)[^,，;；。]{0,30}?(?:行政)?诉讼败诉/g, () => ({ kind: 'none_corrected', value: 0, scopes: ['litigation'] }), { keepFree: true });

  return ctx.claims.sort((a, b) => a.index - b.index);
}

export function narrativeClaims(report: Report, year: number | null): Claim[] {
  return narrativeSentences(report).flatMap((s) => claimsOf(s, year));
}

// ---------------------------------------------------------------- sums in a sentence

export interface SumMismatch {
  total: number;
  unit: string;
  parts: number[];
  sum: number;
  quote: string;
}

const UNITS = '件条个起项篇次家场期人';
const QTY = new RegExp(`(?<![\\d.])(\\d+)(余|多)?([${UNITS}])(?![%\\d])`, 'g');

/** Remove bracketed asides (and what they contain) from a list. */
function dropBrackets(s: string): string {
  let out = '';
  let depth = 0;
  for (const ch of s) {
    if (ch === '(' || ch === '（' || ch === '[') depth++;
    else if ((ch === ')' || ch === '）' || ch === ']') && depth > 0) depth--;
    else if (depth === 0) out += ch;
  }
  return out;
}

/** "共公布政府信息2599条(其中机构职能类信息25条，…，其他…856条)": the listed parts do not add up. */
export function sumMismatchesOf(sentence: string): SumMismatch[] {
  const out: SumMismatch[] = [];
  for (let k = sentence.indexOf('其中'); k >= 0; k = sentence.indexOf('其中', k + 2)) {
    let pre = sentence.slice(0, k);
    const opened = /[(（]$/.test(pre);
    pre = pre.replace(/[,，:：(（\s]+$/, '');
    // The total: the last quantity of the clause right before 其中.
    let c = pre.length;
    while (c > 0 && !CLAUSE_BREAK.test(pre[c - 1]) && pre[c - 1] !== '(' && pre[c - 1] !== '（') c--;
    const clause = pre.slice(c);
    const totals = [...clause.matchAll(QTY)];
    if (totals.length === 0) continue;
    const t = totals[totals.length - 1];
    if (t[2] || /约|近|超过|逾/.test(clause.slice(Math.max(0, t.index - 2), t.index))) continue;
    const total = Number(t[1]);
    const unit = t[3];
    // The parts: up to the bracket that closes the one opened before 其中, or the sentence end.
    let region = sentence.slice(k + 2);
    if (opened) {
      let depth = 1;
      let i = 0;
      for (; i < region.length && depth > 0; i++) {
        if (region[i] === '(' || region[i] === '（') depth++;
        else if (region[i] === ')' || region[i] === '）') depth--;
      }
      region = region.slice(0, depth === 0 ? i - 1 : i);
    }
    region = region.replace(/^[,，:：包括有]+/, '');
    const cut = region.search(/其中|另有|此外|另外|同时|以上|上述/);
    if (cut >= 0) region = region.slice(0, cut);
    region = dropBrackets(region);
    // Parts are separated by "，" (and the list ends at "；"), or — when "；" already stands
    // between the first two parts — by "；" (and a chunk naming several figures ends the list).
    const qs = [...region.matchAll(QTY)].filter((m) => m[3] === unit);
    if (qs.length < 2) continue;
    const semicolonList = /[;；]/.test(region.slice(qs[0].index, qs[1].index));
    if (!semicolonList) {
      const end = region.search(/[;；]/);
      if (end >= 0) region = region.slice(0, end);
    }
    const items = region.split(semicolonList ? /[;；]/ : /[,，;；]/).filter((x) => x !== '');
    const parts: number[] = [];
    let unquantified = 0;
    let abort = false;
    let lastItem = '';
    for (const item of items) {
      if (/同比|增长|下降|减少|较上年|比上年|环比|提高|降低|增加/.test(item)) {
        abort = true;
        break;
      }
      const q = [...item.matchAll(QTY)].filter((m) => m[3] === unit);
      if (q.some((m) => m[2])) {
        abort = true;
        break;
      }
      if (q.length > 1) {
        // "自然人80件、商业企业1件": a sub-list joined by 、 — each figure is a part.
        const joined = q.every((m, i) => i === 0 || /^[^,，;；]*、[^,，;；]*$/.test(item.slice(q[i - 1].index, m.index)));
        if (semicolonList || !joined) {
          if (semicolonList) break;
          abort = true;
          break;
        }
        for (const m of q) parts.push(Number(m[1]));
      } else if (q.length === 1) parts.push(Number(q[0][1]));
      else if (!/^(?:占[^,，;；]*)?[\d.]+%$/.test(item)) unquantified++;
      lastItem = item;
    }
    if (abort || parts.length < 2) continue;
    const s = parts.reduce((a, b) => a + b, 0);
    if (s === total) continue;
    const exhaustive = unquantified === 0 && /^(?:其他|其余|其它)/.test(lastItem);
    if (s > total || exhaustive) {
      const quote = `${clause}${opened ? '(' : '，'}其中${sentence.slice(k + 2, k + 2 + Math.min(60, region.length))}${region.length > 60 ? '…' : ''}`;
      out.push({ total, unit, parts, sum: s, quote });
    }
  }
  return out;
}
