/**
 * Writes report pages of our own: the official tables filled with given values, in the many
 * ways portals lay them out. Used for the built-in samples and for tests on pages nobody has
 * seen (split tables, merged tables, labels broken over tags, full-width digits …).
 */
import { T3_COLUMNS, T4_COLUMNS, T4_GROUPS, cellKeys, t2Rows, t3Rows, type FormatId } from '../../core/model/keys';

export interface PageStyle {
  /** Table 3 split over two <table>s after the （三） group. */
  splitT3?: boolean;
  /** Tables 2 and 3 in one <table>. */
  t2t3OneTable?: boolean;
  /** How labels are broken up: one text, <p> + <span> pieces with &nbsp;, or <br> inside. */
  labels?: 'plain' | 'spans' | 'br';
  /** Digits printed full-width (１２３). */
  fullWidthDigits?: boolean;
  /** Numbering with ASCII brackets (一) and 1、 instead of （一） and 1. */
  asciiNumbering?: boolean;
  /** Flat table-3 header: one header row, no rowspans. */
  flatHeader?: boolean;
  /** Whole portal page around the body (nav, layout table, footer), or the body alone. */
  portal?: boolean;
  /** Known label variants and typos (其他法律行政止公开, 规范性文件, 行政法复议). */
  typos?: boolean;
  /** Label cells with no rowspan: every row prints its full group label. */
  noRowspan?: boolean;
  /** Table-3 row labels lost (cells left empty), as some exports print them. */
  lostLabels?: boolean;
  /**
   * Table 3 continued, as Word documents break it: from 8.属于行政查询事项 on, a second <table>
   * after a page break with its own column grid (two label columns, the seven values, two empty
   * cells at each row's end); the （三）不予公开 group cell does not continue, so 8.属于行政查询事项
   * stands in the first column. 'repeat-header': the second table repeats the header on its grid.
   */
  continuedT3?: boolean | 'repeat-header';
  /** Table-2 column headers split over two paragraphs (本年新 / 制作数量, 本年 / 公开数量 without 新). */
  splitT2Headers?: boolean;
  /** Numbers of four digits or more printed with thousands separators (1,234 and 3,572.92). */
  thousands?: boolean;
  /** Each table opens with a row across all its columns: its caption, or the unit (单位：件). */
  captionRows?: boolean;
  /** Tables 3 and 4 close with a note across all their columns, with dates and counts in it. */
  noteRows?: boolean;
  /** Table 4 as two tables, one above the other: 行政复议 (5 columns), then 行政诉讼 (10). */
  stackedT4?: boolean;
}

export interface PageContent {
  format: FormatId;
  agency: string;
  year: number;
  /** Printed value of every cell, by `table.row.column`; missing keys print blank. */
  values: Record<string, string>;
  /** Narrative paragraphs per section; defaults are written when absent. */
  narrative?: Partial<Record<'overview' | 'proactive' | 'requests' | 'review_litigation' | 'problems' | 'other', string[]>>;
  published?: string;
  signedOn?: string;
  charset?: string;
}

const FW = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function label(text: string, style: PageStyle): string {
  let t = text;
  if (style.asciiNumbering) t = t.replace(/（([一二三四五六七八九])）/g, '($1)').replace(/^(\d)\./, '$1、');
  if (style.typos) t = t.replace('其他法律行政法规禁止公开', '其他法律行政止公开').replace(/^行政规范性文件$/, '规范性文件');
  if (style.labels === 'spans') {
    const mid = Math.ceil(t.length / 2);
    return `<p><span>${esc(t.slice(0, mid))}</span>&nbsp;<span>${esc(t.slice(mid))}</span></p>`;
  }
  if (style.labels === 'br' && t.length > 6) return `${esc(t.slice(0, 5))}<br/>\n${esc(t.slice(5))}`;
  return esc(t);
}

function value(content: PageContent, key: string, style: PageStyle): string {
  let v = content.values[key] ?? '';
  if (style.thousands) v = v.replace(/^\d{4,}/, (d) => d.replace(/\B(?=(\d{3})+$)/g, ','));
  return esc(style.fullWidthDigits ? FW(v) : v);
}

/** A note across the table's columns under its last row, as offices close a table. */
const noteRow = (style: PageStyle, columns: number, note: string) => (style.noteRows ? `<tr>${td(esc(note), ` colspan="${columns}"`)}</tr>` : '');

/** A row across the table's columns, as offices open a table with its caption or unit. */
const captionRow = (style: PageStyle, columns: number, caption: string) => (style.captionRows ? `<tr>${td(esc(caption), ` colspan="${columns}"`)}</tr>` : '');

const td = (html: string, attrs = '') => `<td${attrs}>${html}</td>`;

function table2Rows(content: PageContent, style: PageStyle): string[] {
  const out: string[] = [];
  let article = '';
  for (const r of t2Rows(content.format)) {
    if (r.article !== article) {
      article = r.article;
      out.push(`<tr>${td(label(article, style), ' colspan="4"')}</tr>`);
      out.push(`<tr>${td('信息内容')}${r.columns.map((c) => td(t2Header(c.zh, style), r.columns.length === 1 ? ' colspan="3"' : '')).join('')}</tr>`);
    }
    const span = r.columns.length === 1 ? ' colspan="3"' : '';
    out.push(`<tr>${td(label(r.zh, style))}${r.columns.map((c) => td(value(content, `t2.${r.key}.${c.key}`, style), span)).join('')}</tr>`);
  }
  return out;
}

/** A table-2 column header, split over two paragraphs the way some offices type them. */
function t2Header(zh: string, style: PageStyle): string {
  if (!style.splitT2Headers) return label(zh, style);
  if (zh === '本年新制作数量') return '<p>本年新</p><p>制作数量</p>';
  if (zh === '本年新公开数量') return '<p>本年</p><p>公开数量</p>';
  return label(zh, style);
}

/** Table 3's rows from 8.属于行政查询事项 on, as the second table of a continued table 3. */
function continuedT3Rows(content: PageContent, style: PageStyle): string[] {
  const rows = t3Rows(content.format);
  const from = rows.findIndex((r) => r.key === 'denied.administrative_query');
  const groups = new Map<string, number>();
  for (const r of rows.slice(from + 1)) if (/^\d/.test(r.zh)) groups.set(r.group, (groups.get(r.group) ?? 0) + 1);
  const printed = new Set<string>();
  const out: string[] = [];
  for (const r of rows.slice(from)) {
    const cells: string[] = [];
    if (r.key === 'denied.administrative_query') cells.push(td(label(r.zh, style)), td(''));
    else if (/^\d/.test(r.zh)) {
      if (!printed.has(r.group)) {
        printed.add(r.group);
        cells.push(td(label(r.group, style), ` rowspan="${groups.get(r.group)}"`));
      }
      cells.push(td(label(r.zh, style)));
    } else cells.push(td(label(r.zh, style), ' colspan="2"'));
    for (const c of T3_COLUMNS) cells.push(td(value(content, `t3.${r.key}.${c.key}`, style)));
    cells.push(td(''), td(''));
    out.push(`<tr>${cells.join('')}</tr>`);
  }
  return out;
}

/** The header a continued table 3 repeats, on its own grid (two label columns, two extra at the end). */
function continuedHeader(head: string[], style: PageStyle): string[] {
  if (style.continuedT3 !== 'repeat-header') return [];
  return head.map((r, i) => (i === 0 ? r.replace('colspan="3"', 'colspan="2"').replace(/<\/tr>$/, '<td rowspan="3" colspan="2"></td></tr>') : r));
}

function table3Header(style: PageStyle): string[] {
  if (style.flatHeader) {
    return [`<tr>${td('项目', ' colspan="3"')}${T3_COLUMNS.map((c) => td(label(c.zh, style))).join('')}</tr>`];
  }
  return [
    `<tr>${td('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', ' rowspan="3" colspan="3"')}${td('申请人情况', ' colspan="7"')}</tr>`,
    `<tr>${td('自然人', ' rowspan="2"')}${td('法人或其他组织', ' colspan="5"')}${td('总计', ' rowspan="2"')}</tr>`,
    `<tr>${T3_COLUMNS.slice(1, 6).map((c) => td(label(c.zh, style))).join('')}</tr>`,
  ];
}

function table3Body(content: PageContent, style: PageStyle): string[][] {
  const rows = t3Rows(content.format);
  const parts: string[][] = [[], []];
  const groups = new Map<string, number>();
  for (const r of rows) if (/^\d/.test(r.zh) || r.group.startsWith('（')) groups.set(r.group, (groups.get(r.group) ?? 0) + 1);
  const outcomeCount = rows.filter((r) => r.outcome).length;
  const printedGroup = new Set<string>();
  let part = 0;
  for (const r of rows) {
    if (style.splitT3 && r.key === 'unavailable.not_held') part = 1;
    const cells: string[] = [];
    const subRow = /^\d/.test(r.zh);
    if (r.key === 'granted' && !style.noRowspan) cells.push(td(label('三、本年度办理结果', style), ` rowspan="${outcomeCount + 1}"`));
    const firstPart = rows.findIndex((x) => x.key === 'unavailable.not_held') - rows.findIndex((x) => x.key === 'granted');
    if (r.key === 'granted' && style.splitT3 && !style.noRowspan) cells[0] = td(label('三、本年度办理结果', style), ` rowspan="${firstPart}"`);
    if (style.splitT3 && r.key === 'unavailable.not_held' && !style.noRowspan) cells.push(td(label('三、本年度办理结果', style), ` rowspan="${outcomeCount + 1 - firstPart}"`));
    if (style.noRowspan && (r.outcome || r.key === 'total_processed')) cells.push(td(label('三、本年度办理结果', style)));
    if (subRow) {
      if (style.noRowspan) cells.push(td(label(r.group, style)));
      else if (!printedGroup.has(r.group)) {
        printedGroup.add(r.group);
        cells.push(td(label(r.group, style), ` rowspan="${groups.get(r.group)}"`));
      }
      cells.push(td(label(r.zh, style)));
    } else if (r.outcome || r.key === 'total_processed') cells.push(td(label(r.zh, style), ' colspan="2"'));
    else cells.push(td(label(r.zh, style), ' colspan="3"'));
    if (style.lostLabels) for (let i = 0; i < cells.length; i++) cells[i] = cells[i].replace(/>[^<]*(<[^>]*>[^<]*)*<\/td>$/, '></td>');
    for (const c of T3_COLUMNS) cells.push(td(value(content, `t3.${r.key}.${c.key}`, style)));
    parts[part].push(`<tr>${cells.join('')}</tr>`);
  }
  return parts;
}

function table4(content: PageContent, style: PageStyle): string {
  const head = [
    `<tr>${td(label('行政复议', style), ' colspan="5"')}${td('行政诉讼', ' colspan="10"')}</tr>`,
    `<tr>${T4_COLUMNS.map((c) => td(label(c.zh, style), ' rowspan="2"')).join('')}${td('未经复议直接起诉', ' colspan="5"')}${td('复议后起诉', ' colspan="5"')}</tr>`,
    `<tr>${[...T4_COLUMNS, ...T4_COLUMNS].map((c) => td(label(c.zh, style))).join('')}</tr>`,
  ];
  const data = `<tr>${T4_GROUPS.flatMap((g) => T4_COLUMNS.map((c) => td(value(content, `t4.${g.key}.${c.key}`, style)))).join('')}</tr>`;
  const note = noteRow(style, 15, `注：${content.year}年本机关无政府信息公开行政复议纠错案件，1件行政诉讼跨年度审理。`);
  if (style.stackedT4) {
    const values = (groups: typeof T4_GROUPS) => `<tr>${groups.flatMap((g) => T4_COLUMNS.map((c) => td(value(content, `t4.${g.key}.${c.key}`, style)))).join('')}</tr>`;
    const heads = (n: number) => `<tr>${Array.from({ length: n }, () => T4_COLUMNS.map((c) => td(label(c.zh, style))).join('')).join('')}</tr>`;
    return (
      `<table border="1" class="t4">${captionRow(style, 5, '单位：件')}<tr>${td(label('行政复议', style), ' colspan="5"')}</tr>${heads(1)}${values(T4_GROUPS.slice(0, 1))}</table><p></p>` +
      `<table border="1" class="t4b"><tr>${td('行政诉讼', ' colspan="10"')}</tr><tr>${td('未经复议直接起诉', ' colspan="5"')}${td('复议后起诉', ' colspan="5"')}</tr>${heads(2)}${values(T4_GROUPS.slice(1))}${note}</table>`
    );
  }
  return `<table border="1" class="t4">${captionRow(style, 15, '单位：件')}${head.join('')}${data}${note}</table>`;
}

const DEFAULT_NARRATIVE = (c: PageContent): Required<NonNullable<PageContent['narrative']>> => ({
  overview: [`${c.year}年，${c.agency}认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作。`],
  proactive: [],
  requests: [],
  review_litigation: [],
  problems: [`${c.year}年政府信息公开工作仍存在一些不足，下一步将进一步加强。`],
  other: ['无。'],
});

export function writeReportPage(content: PageContent, style: PageStyle = {}): string {
  const n = { ...DEFAULT_NARRATIVE(content), ...content.narrative };
  const title = `${content.agency}${content.year}年政府信息公开工作年度报告`;
  const p = (s: string) => `<p>${esc(s)}</p>`;
  const t2 = table2Rows(content, style);
  const [t3a, t3b] = table3Body(content, style);
  const t3Note = noteRow(style, 10, `注：统计期限为${content.year}年1月1日至12月31日；本年度收到申请中${content.year - 1}年结转的申请另计。`);
  if (t3Note) (t3b.length ? t3b : t3a).push(t3Note);
  const t3Head = table3Header(style);
  const tables: string[] = [];
  const t3Caption = captionRow(style, 10, '收到和处理政府信息公开申请情况（单位：件）');
  if (style.t2t3OneTable) {
    tables.push(`<table border="1">${captionRow(style, 4, '主动公开政府信息情况')}${t2.join('')}${t3Caption}${t3Head.join('')}${t3a.join('')}${t3b.join('')}</table>`);
  } else {
    tables.push(`<table border="1" class="t2">${captionRow(style, 4, '主动公开政府信息情况')}${t2.join('')}</table>`);
    if (style.splitT3) tables.push(`<table border="1" class="t3a">${t3Caption}${t3Head.join('')}${t3a.join('')}</table><p></p><table border="1" class="t3b">${t3b.join('')}</table>`);
    else if (style.continuedT3) {
      const rows = [...t3a, ...t3b];
      const cut = t3Rows(content.format).findIndex((r) => r.key === 'denied.administrative_query');
      const first = rows.slice(0, cut);
      const grant = t3Rows(content.format).findIndex((r) => r.key === 'granted');
      const denied = t3Rows(content.format).findIndex((r) => r.key === 'denied.state_secret');
      // the group cells of the first part end where it ends
      if (!style.noRowspan) {
        first[grant] = first[grant].replace(/rowspan="\d+"/, `rowspan="${cut - grant}"`);
        first[denied] = first[denied].replace(/rowspan="\d+"/, `rowspan="${cut - denied}"`);
      }
      tables.push(
        `<table border="1" width="100%" class="t3">${t3Caption}${t3Head.join('')}${first.join('')}</table>` +
          `<table border="1" width="100%" class="t3-continued" style="page-break-before: always">${continuedHeader(t3Head, style).join('')}${continuedT3Rows(content, style).join('')}${t3Note}</table>`,
      );
    } else tables.push(`<table border="1" class="t3">${t3Caption}${t3Head.join('')}${t3a.join('')}${t3b.join('')}</table>`);
  }
  const [t2Html, t3Html] = style.t2t3OneTable ? ['', tables[0]] : tables;
  const body = [
    `<h1 class="title">${esc(title)}</h1>`,
    p(`本报告根据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限自${content.year}年1月1日起至${content.year}年12月31日止。`),
    p('一、总体情况'),
    ...n.overview.map(p),
    p('二、主动公开政府信息情况'),
    ...n.proactive.map(p),
    t2Html,
    p('三、收到和处理政府信息公开申请情况'),
    ...n.requests.map(p),
    t3Html,
    p(style.typos ? '四、政府信息公开行政法复议、行政诉讼情况' : '四、政府信息公开行政复议、行政诉讼情况'),
    ...n.review_litigation.map(p),
    table4(content, style),
    p('五、存在的主要问题及改进情况'),
    ...n.problems.map(p),
    p('六、其他需要报告的事项'),
    ...n.other.map(p),
    `<p style="text-align:right">${esc(content.agency)}</p>`,
    `<p style="text-align:right">${esc(content.signedOn ?? `${content.year + 1}年1月20日`)}</p>`,
  ].join('\n');
  const article = `<div class="article-body">${body}</div>`;
  const charset = content.charset ?? 'utf-8';
  if (!style.portal) return `<!doctype html><html lang="zh-CN"><head><meta charset="${charset}"><title>${esc(title)}</title></head><body>${article}</body></html>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="${charset}"><title>${esc(title)}_政府信息公开年报_${esc(content.agency)}</title>
<meta name="ArticleTitle" content="${esc(title)}"><meta name="PubDate" content="${content.published ?? `${content.year + 1}-01-20`} 10:00">
<script>window.siteConfig = { menu: ['首页', '政务公开', '互动交流'] };</script><style>.nav td { padding: 4px }</style></head>
<body><table class="nav"><tr><td>首页</td><td>政务公开</td><td>政策文件</td><td>互动交流</td></tr></table>
<table class="layout" width="100%"><tr><td class="side"><ul><li>政府信息公开指南</li><li>政府信息公开年报</li></ul></td>
<td class="main"><table class="meta"><tr><td>索引号：</td><td>000000000/${content.year + 1}-00001</td><td>发布机构：</td><td>${esc(content.agency)}</td></tr>
<tr><td>发布日期：</td><td>${content.published ?? `${content.year + 1}-01-20`}</td><td>分类：</td><td>政府信息公开年报</td></tr></table>
${article}</td></tr></table>
<div class="footer"><p>主办单位：${esc(content.agency)} 网站标识码 0000000000</p><p>版权所有 © 2026</p></div></body></html>`;
}

/** A consistent report of the given format: every relationship of the spec holds. */
export function consistentValues(format: FormatId, seed = 1): Record<string, string> {
  let s = seed;
  const rnd = (max: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % (max + 1);
  };
  const values: Record<string, string> = {};
  for (const k of cellKeys(format)) if (k.table === 't2') values[`t2.${k.row}.${k.column}`] = k.unit === 'yuan_10k' ? `${rnd(9000)}.${rnd(99)}` : String(rnd(300));
  const rows = t3Rows(format);
  const applicants = T3_COLUMNS.slice(0, 6).map((c) => c.key);
  const outcomeSum: Record<string, number> = {};
  for (const r of rows.filter((x) => x.outcome)) {
    let total = 0;
    for (const c of applicants) {
      const v = c === 'natural_person' ? rnd(40) : rnd(3) === 0 ? rnd(4) : 0;
      values[`t3.${r.key}.${c}`] = String(v);
      outcomeSum[c] = (outcomeSum[c] ?? 0) + v;
      total += v;
    }
    values[`t3.${r.key}.total`] = String(total);
  }
  const put = (row: string, per: Record<string, number>) => {
    let total = 0;
    for (const c of applicants) {
      values[`t3.${row}.${c}`] = String(per[c]);
      total += per[c];
    }
    values[`t3.${row}.total`] = String(total);
  };
  const processed = Object.fromEntries(applicants.map((c) => [c, outcomeSum[c] ?? 0]));
  const carriedOver = Object.fromEntries(applicants.map((c) => [c, Math.min(processed[c], rnd(3))]));
  const forward = Object.fromEntries(applicants.map((c) => [c, rnd(4)]));
  const received = Object.fromEntries(applicants.map((c) => [c, processed[c] + forward[c] - carriedOver[c]]));
  put('new_received', received);
  put('carried_over', carriedOver);
  put('total_processed', processed);
  put('carried_forward', forward);
  for (const g of T4_GROUPS) {
    const parts = [rnd(8), rnd(2), rnd(3), rnd(2)];
    T4_COLUMNS.slice(0, 4).forEach((c, i) => (values[`t4.${g.key}.${c.key}`] = String(parts[i])));
    values[`t4.${g.key}.total`] = String(parts.reduce((a, b) => a + b, 0));
  }
  return values;
}
