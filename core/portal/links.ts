/**
 * A portal's 年报 list page: the links to annual reports on it, and the links to its other pages
 * (下一页, numbered pages, and the `createPageHTML(5, 0, "index", "html")` script many portal CMSes
 * write instead of links). Browser-safe: the CLI runs it on a downloaded page's HTML, the
 * extension on the page's own DOM copied into the core's DomNode shape.
 */
import { load } from 'cheerio/slim';
import type { DomNode } from '../parse/html';
import { collapse } from '../parse/normalize';

export interface ReportLink {
  /** Absolute address, fragment removed. */
  url: string;
  /** The link's title (its text, or its title attribute when that is fuller), whitespace collapsed. */
  title: string;
  /** The report year the title names. */
  year: number;
  /** A date printed beside the link (YYYY-MM-DD), when the list shows one. */
  date?: string;
}

/** Nodes visited at most, links kept at most (bounded input). */
const MAX_NODES = 300_000;
const MAX_LINKS = 5_000;

const REPORT_WORDS = /年度报告|年报/;
const DISCLOSURE = /信息公开|政务公开/;
/** Items about reports that are not the report: notices, meetings, readings, charts. */
const NOT_A_REPORT = /通知|会议|培训|解读|图解|一图读懂|答记者问|工作要点|要点|部署|召开|开展|发布工作|督查|检查|评估|考核|第三方|排名|征集|意见|方案|指南|目录|制度|办法|企业年报|统计年报|年报公示|公示|公告|年检|财务|决算|预算|审计/;
const CN_DIGIT: Record<string, string> = { 〇: '0', 零: '0', Ｏ: '0', O: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** The year a title names: 2024年, 2024年度, （2024）, 二〇二四年. */
export function titleYear(title: string): number | null {
  const t = title.normalize('NFKC');
  const m = /(?<!\d)((?:19|20)\d{2})(?!\d)/.exec(t);
  if (m) return Number(m[1]);
  const c = /([〇零O一二三四五六七八九]{4})年/.exec(t);
  if (c) {
    const y = Number([...c[1]].map((ch) => CN_DIGIT[ch] ?? '').join(''));
    if (y >= 1990 && y <= 2099) return y;
  }
  return null;
}

/** Whether a link title names an annual disclosure report (and not a notice about one). */
export function isReportTitle(title: string): boolean {
  let t = title.normalize('NFKC').replace(/\s+/g, '');
  // A list cuts long titles: "…2024年政府信息公开工作..." still names the report.
  if (!REPORT_WORDS.test(t) && /(?:\.{2,}|…+)$/.test(t) && /(?:政府|政务)信息公开(?:工作)?(?:年度?)?(?:\.{2,}|…+)$/.test(t)) t = `${t.replace(/(?:\.{2,}|…+)$/, '')}年度报告`;
  if (!REPORT_WORDS.test(t) || titleYear(t) === null) return false;
  // A bracketed note (（区政府办公室编制）) says nothing about what the item is.
  const words = t.replace(/[（(][^）)]*[）)]/g, '').replace(/政府信息公开工作年度报告|信息公开年度报告|信息公开工作年报|信息公开年报/g, '');
  if (NOT_A_REPORT.test(words)) return false;
  // 年度报告 alone could be a financial report; 年报 alone on a 年报 list is the usual short title.
  return DISCLOSURE.test(t) || /年报/.test(t) || /^[\u4e00-\u9fff]*(?:19|20)\d{2}年度?报告$/.test(t);
}

function tree(root: DomNode | string): DomNode {
  return typeof root === 'string' ? (load(root).root()[0] as unknown as DomNode) : root;
}

/** Counts the nodes the link finders visit, so a test can see the work is linear in the page. */
export interface LinkWork {
  nodes: number;
}

/**
 * The text of `n` with a space between text nodes, or null when it is longer than `maxChars` or
 * spread over more than NODES_PER_CHAR × maxChars nodes: a list item is short, and a parent
 * holding a million siblings must not be read once per link (issue 20, A).
 */
const NODES_PER_CHAR = 4;
function boundedText(n: DomNode, maxChars: number, work: LinkWork, sep = ' '): string | null {
  const parts: string[] = [];
  let length = 0;
  let nodes = 0;
  const stack = [...(n.children ?? [])].reverse();
  while (stack.length) {
    const c = stack.pop()!;
    work.nodes++;
    if (++nodes > maxChars * NODES_PER_CHAR) return null;
    if (c.type === 'text') {
      const data = c.data ?? '';
      length += data.length + sep.length;
      if (length > maxChars + sep.length) return null;
      parts.push(data);
    } else if (c.type === 'tag') {
      const kids = c.children ?? [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }
  return parts.join(sep);
}

/** A link's own text, cut at MAX_LINK_TEXT characters (no title is longer). */
const MAX_LINK_TEXT = 1_000;
function linkText(n: DomNode, work: LinkWork): string {
  const parts: string[] = [];
  let length = 0;
  const stack = [...(n.children ?? [])].reverse();
  let nodes = 0;
  while (stack.length && length < MAX_LINK_TEXT && nodes++ < MAX_LINK_TEXT * NODES_PER_CHAR) {
    const c = stack.pop()!;
    work.nodes++;
    if (c.type === 'text') {
      parts.push(c.data ?? '');
      length += (c.data ?? '').length;
    } else if (c.type === 'tag') {
      const kids = c.children ?? [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }
  return parts.join('').slice(0, MAX_LINK_TEXT);
}

/** The address every relative link resolves against: <base href> when the page has one. */
function baseOf(root: DomNode, pageUrl: string): URL | null {
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return null;
  }
  const stack = [root];
  let seen = 0;
  while (stack.length && seen++ < 2_000) {
    const n = stack.pop()!;
    if (n.type === 'tag' && n.name === 'base' && n.attribs?.href) {
      try {
        return new URL(n.attribs.href, page);
      } catch {
        return page;
      }
    }
    if (n.type === 'tag' && n.name === 'body') continue;
    const kids = n.children ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return page;
}

interface Anchor {
  url: URL;
  text: string;
  titleAttr: string;
  node: DomNode;
}

function resolve(raw: string | undefined, base: URL): URL | null {
  const href = raw?.trim();
  if (!href || /^(javascript|data|mailto|blob|tel|#)/i.test(href)) return null;
  try {
    const u = new URL(href, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u;
  } catch {
    return null;
  }
}

/** Every <a href> of the page (and the scripts' text, for the CMS pagers), in document order. */
/** A link's address: its href, or the address an onclick / javascript: href opens (window.open('…')). */
const SCRIPTED_URL = /(?:window\.open|location\.assign|location\.replace)\s*\(\s*["']([^"']+)["']|location(?:\.href)?\s*=\s*["']([^"']+)["']/;
function hrefOf(n: DomNode): string | undefined {
  const href = n.attribs?.href?.trim();
  if (href && !/^(javascript:|#)/i.test(href)) return href;
  const m = SCRIPTED_URL.exec(n.attribs?.onclick ?? '') ?? SCRIPTED_URL.exec(href ?? '');
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Markup written by script (document.write, a CMS's <script type="text/xml"> records in CDATA) holds links too. */
const SCRIPT_MARKUP = /<a\s[^>]*(?:href|onclick)\s*=/i;
const MAX_SCRIPT_MARKUP = 2_000_000;

function walkAnchors(root: DomNode, base: URL, anchors: Anchor[], scripts: string[] | null, work: LinkWork): void {
  const stack = [root];
  let seen = 0;
  while (stack.length && seen++ < MAX_NODES && anchors.length < MAX_LINKS) {
    const n = stack.pop()!;
    work.nodes++;
    if (n.type === 'script') {
      if (scripts) {
        const parts: string[] = [];
        for (const c of n.children ?? []) if (c.type === 'text') parts.push(c.data ?? '');
        scripts.push(parts.join(''));
      }
      continue;
    }
    if (n.type === 'tag' && n.name === 'a') {
      const url = resolve(hrefOf(n), base);
      if (url) {
        anchors.push({ url, text: collapse(linkText(n, work)), titleAttr: collapse(n.attribs?.title ?? ''), node: n });
      }
    }
    const kids = n.children ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

/** Every link of the page (those in script-written markup too) and the scripts' text, for the CMS pagers. */
function scan(root: DomNode, base: URL, work: LinkWork): { anchors: Anchor[]; scripts: string[] } {
  const anchors: Anchor[] = [];
  const scripts: string[] = [];
  walkAnchors(root, base, anchors, scripts, work);
  let budget = MAX_SCRIPT_MARKUP;
  for (const text of scripts) {
    if (budget <= 0 || !SCRIPT_MARKUP.test(text)) continue;
    budget -= text.length;
    const markup = text.replace(/<!\[CDATA\[|\]\]>/g, '').replace(/\\(["'/])/g, '$1');
    walkAnchors(load(markup).root()[0] as unknown as DomNode, base, anchors, null, work);
  }
  return { anchors, scripts };
}

const DATE = /((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})/;

/**
 * The text of a link's list item, read once per item however many links it holds (null when the
 * item is longer than `maxChars`: then it is not one entry of a list).
 */
type ItemTexts = Map<DomNode, string | null>;
function itemText(n: DomNode, maxChars: number, texts: ItemTexts, work: LinkWork): string | null {
  if (!texts.has(n)) texts.set(n, boundedText(n, maxChars, work));
  return texts.get(n)!;
}

/** A date printed in the list item around the link (its parent's or grandparent's text). */
function dateNear(a: Anchor, texts: ItemTexts, work: LinkWork): string | undefined {
  let n: DomNode | null | undefined = a.node.parent;
  for (let depth = 0; n && depth < 2; depth++, n = n.parent) {
    // Above the link's own parent only a list item or table row is one entry of the list.
    if (depth === 1 && !['li', 'tr', 'dd', 'dl'].includes(n.name ?? '')) break;
    const text = itemText(n, 400, texts, work);
    if (text === null) break;
    const m = DATE.exec(text.replace(a.text, ' '));
    if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  }
  return undefined;
}

/** A report year (2024年, 2024年度) printed in the link's list item, not a date. */
function yearNear(a: Anchor, work: LinkWork): number | null {
  const item = a.node.parent && ['li', 'tr', 'dd', 'p', 'div'].includes(a.node.parent.name ?? '') ? a.node.parent : a.node.parent?.parent;
  if (!item) return null;
  const text = boundedText(item, 300, work);
  if (text === null) return null;
  const m = /(?<![\d\-/.])((?:19|20)\d{2})\s*年度?(?![\d]{1,2}月)/.exec(text.normalize('NFKC'));
  return m ? Number(m[1]) : null;
}

/**
 * The report links of a list page: links whose text (or title attribute) names a
 * 政府信息公开工作年度报告 / 年报 and a year; news items and other links are left out. One entry per
 * address, in document order.
 */
export function findReportLinks(root: DomNode | string, pageUrl: string, work: LinkWork = { nodes: 0 }): ReportLink[] {
  const doc = tree(root);
  const base = baseOf(doc, pageUrl);
  if (!base) return [];
  const out: ReportLink[] = [];
  const seen = new Set<string>();
  const texts: ItemTexts = new Map();
  for (const a of scan(doc, base, work).anchors) {
    // Lists cut long titles ("…年度报告..."): the title attribute then holds the whole one.
    let candidates = [a.titleAttr, a.text].filter((t) => t && isReportTitle(t));
    if (candidates.length === 0) {
      // The year printed beside the link in its list item (<li><span>2024年度</span><a>政府信息公开工作年度报告</a>).
      const year = [a.titleAttr, a.text].some((t) => t && REPORT_WORDS.test(t) && titleYear(t) === null) ? yearNear(a, work) : null;
      if (year) candidates = [a.titleAttr || a.text].map((t) => `${year}年${t}`).filter(isReportTitle);
    }
    if (candidates.length === 0) continue;
    const title = candidates.sort((x, y) => y.length - x.length)[0];
    if (seen.has(a.url.href)) continue;
    seen.add(a.url.href);
    const link: ReportLink = { url: a.url.href, title, year: titleYear(title)! };
    const date = dateNear(a, texts, work);
    if (date) link.date = date;
    out.push(link);
  }
  return out;
}

const PAGE_PARAM = /[?&](?:page|p|pageno|pagenum|pageindex|curpage|currentpage|pn)=\d+/i;
const PAGER = /pag|fenye|fy\b|pager|pagination|turn/i;

/** Whether a link sits in a pager (an ancestor whose class or id says page / fenye / pagination). */
function inPager(n: DomNode): boolean {
  let p = n.parent;
  for (let depth = 0; p && depth < 4; depth++, p = p.parent) {
    const a = p.attribs;
    if (a && (PAGER.test(a.class ?? '') || PAGER.test(a.id ?? ''))) return true;
  }
  return false;
}

const NEXT_WORDS = /^(?:下一?页|后一?页|下页|next|›|»|>|>>|末页|尾页|最后一?页)$/i;
const PAGE_NUMBER = /^[[【(（]?\s*(\d{1,3})\s*[\]】)）]?$/;

/** Arguments of createPageHTML(…) and the number variables a script sets (var countPage = 5). */
function cmsPages(script: string, base: URL): URL[] {
  const out: URL[] = [];
  const vars = new Map<string, string>();
  for (const m of script.matchAll(/\b([A-Za-z_$][\w$]*)\s*=\s*(?:parseInt\()?\s*["']?(\d{1,4})["']?/g)) vars.set(m[1], m[2]);
  for (const m of script.matchAll(/createPageHTML\s*\(([^)]{0,200})\)/g)) {
    // createPageHTML(count, current, "index", "html") — some CMSes put an element id first:
    // createPageHTML("pagenav", 5, 0, "index", "shtml", 100). The first number is the page count,
    // the quoted words after it the file prefix and suffix.
    const raw = m[1].split(',').map((s) => s.trim());
    const value = (s: string) => (/^\d+$/.test(s) ? s : /^[A-Za-z_$][\w$]*$/.test(s) ? vars.get(s) : undefined);
    const at = raw.findIndex((a) => value(a) !== undefined);
    if (at < 0) continue;
    const count = Number(value(raw[at]));
    const words = raw.slice(at + 1).filter((a) => /^["'][^"']*["']$/.test(a)).map((a) => a.slice(1, -1));
    const prefix = words[0] ?? 'index';
    const suffix = words[1] ?? 'html';
    if (!Number.isInteger(count) || count < 2 || count > 500 || !prefix || !/^[\w.-]+$/.test(prefix) || !/^[\w]+$/.test(suffix)) continue;
    for (let i = 0; i < count; i++) {
      try {
        out.push(new URL(i === 0 ? `${prefix}.${suffix}` : `${prefix}_${i}.${suffix}`, base));
      } catch {
        // an address that cannot be built is skipped
      }
    }
  }
  return out;
}

/**
 * The list's other pages on the same host: links named 下一页 / 尾页 / a page number, and the pages a
 * `createPageHTML(count, current, "index", "html")` call announces (index.html, index_1.html …).
 * The page itself is left out; one entry per address, in document order.
 */
export function findNextPages(root: DomNode | string, pageUrl: string, work: LinkWork = { nodes: 0 }): string[] {
  const doc = tree(root);
  const base = baseOf(doc, pageUrl);
  if (!base) return [];
  let self: string;
  try {
    const u = new URL(pageUrl);
    u.hash = '';
    self = u.href;
  } catch {
    return [];
  }
  const host = new URL(pageUrl).host;
  const { anchors, scripts } = scan(doc, base, work);
  const found: URL[] = [];
  const dir = new URL('.', self).pathname;
  for (const a of anchors) {
    const text = a.text.replace(/\s+/g, '');
    if (NEXT_WORDS.test(text) || /^(?:下一?页|末页|尾页)$/.test(a.titleAttr)) found.push(a.url);
    // A bare number is a page only in a pager, or when it leads to a page of the same list.
    else if (PAGE_NUMBER.test(text) && (inPager(a.node) || a.url.pathname.startsWith(dir) || PAGE_PARAM.test(a.url.search))) found.push(a.url);
  }
  for (const s of scripts) found.push(...cmsPages(s, base));
  // A pager that links only some pages (1 2 3 … 尾页 → index_9.html): the pages between, in the same folder.
  const numbered = found.map((u) => ({ u, m: /^(.*\/)(index|list|default)_(\d{1,3})\.(s?html?)$/i.exec(u.origin + u.pathname) })).filter((x) => x.m && !x.u.search);
  if (numbered.length) {
    const top = numbered.reduce((a, b) => (Number(b.m![3]) > Number(a.m![3]) ? b : a));
    const [, dir, name, , ext] = top.m!;
    for (let i = 1; i <= Math.min(Number(top.m![3]), 500); i++) found.push(new URL(`${dir}${name}_${i}.${ext}`));
  }
  const out: string[] = [];
  const seen = new Set<string>([self]);
  // index.html and the directory itself are the same page.
  if (/\/index\.s?html?$/i.test(self)) seen.add(self.replace(/index\.s?html?$/i, ''));
  else if (self.endsWith('/')) seen.add(`${self}index.html`).add(`${self}index.shtml`).add(`${self}index.htm`);
  for (const u of found) {
    if (u.host !== host) continue;
    if (seen.has(u.href)) continue;
    seen.add(u.href);
    out.push(u.href);
  }
  return out;
}
