/**
 * One agency-name matcher for the whole project (CLI pairing, coverage, the extension's
 * collection): two names printed differently — spaces, full-width forms, a bracketed note such as
 * （区政府办公室编制）, 人民政府/政府, 办公厅/办公室, a zone's 管委会, the parent city written in
 * front (淮安市洪泽区人民政府 / 洪泽区人民政府) — give the same key. Browser-safe.
 */

/** The parts of a name: `key` identifies the agency; `parent` is a parent place printed in front, when any. */
export interface AgencyParts {
  key: string;
  parent: string | null;
}

const BRACKETS: Array<[string, string]> = [
  ['(', ')'],
  ['[', ']'],
  ['【', '】'],
  ['〔', '〕'],
  ['{', '}'],
];

/** Remove bracketed notes and what they hold, nesting respected; an unclosed bracket drops the rest. */
function dropBracketed(s: string): string {
  let out = '';
  const stack: string[] = [];
  for (const ch of s) {
    const open = BRACKETS.find(([o]) => o === ch);
    if (open) {
      stack.push(open[1]);
      continue;
    }
    if (stack.length && ch === stack[stack.length - 1]) {
      stack.pop();
      continue;
    }
    if (stack.length === 0) out += ch;
  }
  return out;
}

/** Words a name may carry that do not change which agency it is. */
const REPORT_TAIL = /(?:(?:19|20)\d{2}年?度?)?(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:工作)?(?:年度报告|年报|报告)$|(?:19|20)\d{2}年?度?$|年度报告$|年报$/;
const YEAR_HEAD = /^(?:19|20)\d{2}年?度?/;
/** A zone's government is printed as the zone, its 管委会 or its 党工委管委会. */
const ZONE_BODY = /(区|园|港|岛)(?:党工委)?(?:、)?(?:管委会|管理委员会|党工委)$/;
/** Parent places printed in front of the agency's own place: 江苏省, 淮安市, 黔东南苗族侗族自治州. */
const PARENT = /^[\u4e00-\u9fff]{1,10}?(?:省|自治区|市|自治州|地区|盟)/;
/** The agency's own place right after a parent: 洪泽区, 沭阳县, 浦东新区, 昆山市 (not 城市…, 市场…, 开发区). */
const OWN_PLACE = /^(?![市区县州省])(?!城市|市场|市政|市民|市级|市委|市直|县域|县级|区域|区级|州级)[\u4e00-\u9fff]{1,6}?(?:自治县|自治旗|新区|区|县|旗|市)/;
const GENERIC_PLACE = /开发区|高新区|高新技术|经济技术|保税区|工业园|产业园|园区|示范区|试验区|合作区$/;

/** Spaces, full-width forms, brackets, quotes, report words gone; 人民政府 → 政府, 办公厅 → 办公室. */
export function normalizeAgency(name: string): string {
  let s = name.normalize('NFKC').replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '');
  s = dropBracketed(s.replace(/（/g, '(').replace(/）/g, ')'));
  s = s.replace(/["'“”‘’「」『』《》<>·•]/g, '');
  for (let i = 0; i < 3; i++) {
    const before = s;
    s = s.replace(YEAR_HEAD, '').replace(REPORT_TAIL, '').replace(/[-_—,，。:：;；、]+$/, '');
    if (s === before) break;
  }
  s = s.replace(/人民政府/g, '政府').replace(/办公厅/g, '办公室');
  s = s.replace(ZONE_BODY, '$1');
  return s;
}

/** The key and the parent place of a name (empty key for an empty name). */
export function agencyParts(name: string | null | undefined): AgencyParts {
  const s = name ? normalizeAgency(name) : '';
  let rest = s;
  const parents: string[] = [];
  for (;;) {
    const p = PARENT.exec(rest);
    if (!p) break;
    const after = rest.slice(p[0].length);
    const own = OWN_PLACE.exec(after);
    // A parent only when the agency's own place follows it (洪泽区…, not 政府办公室 or 开发区).
    if (!own || GENERIC_PLACE.test(own[0])) break;
    parents.push(p[0]);
    rest = after;
  }
  // A bare place (淮安市, 洪泽区) stands for its government.
  if (/^[\u4e00-\u9fff]{1,8}(?:省|自治区|市|自治州|县|自治县|区|旗)$/.test(rest) && !/(?:局|委|办|厅|室|院|中心|所|处|站|队|会|部)/.test(rest) && !GENERIC_PLACE.test(rest) && !/实验区$/.test(rest)) rest += '政府';
  return { key: rest, parent: parents.length ? parents.join('') : null };
}

/** The agency's key: equal keys name the same agency (see sameAgency for the parent check). */
export function agencyKey(name: string | null | undefined): string {
  return agencyParts(name).key;
}

/**
 * Whether two names are of the same agency: same key, and not two different parents printed
 * (北京市朝阳区 and 长春市朝阳区 are not the same). An empty name matches nothing.
 */
export function sameAgency(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = agencyParts(a);
  const y = agencyParts(b);
  if (!x.key || x.key !== y.key) return false;
  if (x.parent && y.parent && !x.parent.endsWith(y.parent) && !y.parent.endsWith(x.parent)) return false;
  return true;
}

/** The agency a report names: its agency, else the publisher, else who signed it. */
export function agencyOfMeta(meta: { agency: string | null; publisher?: string | null; signedBy?: string | null }): string | null {
  return meta.agency || meta.publisher || meta.signedBy || null;
}
