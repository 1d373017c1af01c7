/**
 * A test portal of our own pages on 127.0.0.1: a 年报 column of two list pages (the second, in GBK,
 * reached only through a `createPageHTML` script call), our sample reports of three agencies and
 * several years (one year missing for one agency, one report published late, one page whose
 * report is a PDF attachment, one report as a Word file), a news item, a notice about reports, a dead link, a link to another
 * site. Links are relative, root-relative, absolute and ../. Every request is counted.
 *
 * `nianbao collect` tests run against it; the extension's collection tests can serve the same
 * pages under a gov.cn host name (`portalPages(host)` gives the page table).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import type { FormatId } from '../../core/model/keys';
import { consistentValues, writeReportPage } from './page-writer';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/pdf');

export interface PortalReport {
  agency: string;
  year: number;
  format: FormatId;
  published: string;
  /** Path of the report page on the site. */
  path: string;
  /** Printed value of every cell, by `table.row.column` (the gold of the report). */
  values: Record<string, string>;
  /** The report is a PDF attachment of a page with no tables. */
  attachment?: { path: string; pdf: string };
  charset?: 'utf-8' | 'gb2312';
}

export const A = '示例市交通运输局';
export const B = '示例县人民政府';
export const C = '示例市示例局';
/** An agency whose report is a Word file: kept by collect, not read. */
export const D = '示例市教育局';
export const WORD_PATH = '/xxgk/ndbg/files/P020250122_401.doc';

const COPIED_OVERVIEW = [
  '本机关坚持以公开为常态、不公开为例外，围绕交通运输中心工作，全面推进决策、执行、管理、服务、结果公开，持续加强政策解读和回应关切，依法保障人民群众知情权、参与权、表达权和监督权。',
];
const COPIED_PROBLEMS = [
  '政府信息公开工作仍存在公开内容不够全面、政策解读形式较为单一、基层公开规范化程度不高等问题。下一步，本机关将加强业务培训，丰富图表、视频等解读形式，推动基层政务公开标准化规范化建设。',
];

function pdfGold(name: string): Record<string, string> {
  const doc = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as { cells: Record<string, string> };
  return doc.cells;
}

/** The reports of the portal. A: 2021, 2023, 2024 (2022 missing); B: 2023, 2024 (2024 late, carry-over off); C: 2024 as a PDF attachment. */
export function portalReports(): PortalReport[] {
  const a2023 = consistentValues('2021', 31);
  const a2024 = consistentValues('2021', 32);
  // A's 2024 carries over exactly what 2023 carried forward: its cross-year issue is the in-force count only.
  const applicants = ['natural_person', 'commercial', 'research', 'public_interest', 'legal_services', 'other_org'];
  const carry = (from: Record<string, string>, to: Record<string, string>, offBy = 0) => {
    for (const c of [...applicants, 'total']) to[`t3.carried_over.${c}`] = from[`t3.carried_forward.${c}`];
    if (offBy) {
      to['t3.carried_over.natural_person'] = String(Number(to['t3.carried_over.natural_person']) + offBy);
      to['t3.carried_over.total'] = String(Number(to['t3.carried_over.total']) + offBy);
    }
    for (const c of [...applicants, 'total']) {
      to[`t3.new_received.${c}`] = String(Number(to[`t3.total_processed.${c}`]) + Number(to[`t3.carried_forward.${c}`]) - Number(to[`t3.carried_over.${c}`]));
    }
  };
  carry(a2023, a2024);
  const b2023 = consistentValues('2021', 41);
  const b2024 = consistentValues('2021', 42);
  carry(b2023, b2024, 2); // planted: B's 2024 上年结转 is 2 more than its 2023 结转下年度
  return [
    { agency: A, year: 2021, format: '2021', published: '2022-01-20', path: '/xxgk/ndbg/202201/t20220120_101.html', values: consistentValues('2021', 21) },
    { agency: A, year: 2023, format: '2021', published: '2024-01-18', path: '/xxgk/ndbg/202401/t20240118_102.html', values: a2023 },
    { agency: A, year: 2024, format: '2021', published: '2025-01-15', path: '/xxgk/ndbg/202501/t20250115_103.html', values: a2024 },
    { agency: B, year: 2023, format: '2021', published: '2024-03-25', path: '/xxgk/ndbg/202403/t20240325_201.html', values: b2023, charset: 'gb2312' },
    { agency: B, year: 2024, format: '2021', published: '2025-04-15', path: '/xxgk/ndbg/202504/t20250415_202.html', values: b2024 },
    {
      agency: C,
      year: 2024,
      format: '2021',
      published: '2025-01-20',
      path: '/xxgk/ndbg/202501/t20250120_301.html',
      values: pdfGold('a4-portal-2024'),
      attachment: { path: '/xxgk/ndbg/files/P020250120_301.pdf', pdf: 'a4-portal-2024.pdf' },
    },
  ];
}

const title = (r: Pick<PortalReport, 'agency' | 'year'>) => `${r.agency}${r.year}年政府信息公开工作年度报告`;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The first list page: relative, root-relative and absolute links, news, a notice, a dead link; page 2 only announced by script. */
function listPage1(origin: string, reports: PortalReport[]): string {
  const [a2021, a2023, a2024] = reports;
  const li = (href: string, text: string, date: string, full?: string) => `<li><a href="${esc(href)}"${full ? ` title="${esc(full)}"` : ''} target="_blank">${esc(text)}</a><span class="date">${date}</span></li>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>政府信息公开年报_示例市人民政府</title></head>
<body><div class="nav"><a href="/">首页</a> <a href="/xxgk/">信息公开</a> <a href="/xxgk/news/">新闻动态</a></div>
<h2>政府信息公开年报</h2>
<ul class="list">
${li('./202501/t20250115_103.html', `${A}2024年政府信息公开工作...`, '2025-01-15', title(a2024))}
${li(`${origin}${a2023.path}`, title(a2023), '2024-01-18')}
${li('/xxgk/news/t20240110_9.html', `${A}召开2024年政务公开工作会议`, '2024-01-10')}
${li('/xxgk/news/t20241201_8.html', '关于做好2024年度政府信息公开工作年度报告编制发布工作的通知', '2024-12-01')}
${li(a2021.path, title(a2021), '2022-01-20')}
${li('./202101/t20210125_100.html', `${A}2020年政府信息公开工作年度报告`, '2021-01-25')}
${li('http://other.example.gov.cn/xxgk/ndbg/t1.html', '示例省交通运输厅2024年政府信息公开工作年度报告', '2025-01-10')}
</ul>
<div class="page"><script>createPageHTML(2, 0, "index", "html");</script></div>
<div class="footer"><a href="/about.html">关于我们</a> <a href="/sitemap.html">网站地图</a></div></body></html>`;
}

/** The second list page, GBK, with ../ links and the attachment page. */
function listPage2(reports: PortalReport[]): string {
  const [, , , b2023, b2024, c2024] = reports;
  return `<!doctype html><html lang="zh-CN"><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>政府信息公开年报_示例市人民政府</title></head>
<body><h2>政府信息公开年报</h2><table class="list">
<tr><td><a href="../ndbg/202504/t20250415_202.html">${esc(title(b2024))}</a></td><td>2025-04-15</td></tr>
<tr><td><a href="202403/t20240325_201.html">${esc(title(b2023))}</a></td><td>2024-03-25</td></tr>
<tr><td><a href="./202501/t20250120_301.html">${esc(title(c2024))}</a></td><td>2025-01-20</td></tr>
<tr><td><a href="${WORD_PATH}">${esc(`${D}2024年政府信息公开工作年度报告`)}</a></td><td>2025-01-22</td></tr>
</table><div class="page"><a href="index.html">上一页</a> <a href="index.html">1</a> 2</div></body></html>`;
}

function attachmentPage(r: PortalReport): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title(r))}</title>
<meta name="PubDate" content="${r.published} 09:00"></head><body><h1>${esc(title(r))}</h1>
<p>发布日期：${r.published}</p><p>附件：<a href="../files/${r.attachment!.path.split('/').pop()}">${esc(title(r))}.pdf</a></p></body></html>`;
}

function reportPage(r: PortalReport): Uint8Array {
  const narrative = r.agency === A && r.year >= 2023 ? { overview: COPIED_OVERVIEW, problems: COPIED_PROBLEMS } : undefined;
  const html = writeReportPage(
    { format: r.format, agency: r.agency, year: r.year, values: r.values, published: r.published, signedOn: `${r.published.slice(0, 4)}年${Number(r.published.slice(5, 7))}月${Number(r.published.slice(8, 10))}日`, charset: r.charset, narrative },
    { portal: true, splitT3: r.agency === B && r.year === 2024 },
  );
  return r.charset === 'gb2312' ? iconv.encode(html, 'gb18030') : Buffer.from(html, 'utf8');
}

export interface PortalSite {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The first list page. */
  listUrl: string;
  reports: PortalReport[];
  /** Requests per path, counted since start (or the last reset). */
  requests: Map<string, number>;
  /** Every request in order, with when it came (ms), since start (or the last reset). */
  log: { path: string; host: string; at: number }[];
  resetCount(): void;
  close(): Promise<void>;
}

export const LIST_PATH = '/xxgk/ndbg/index.html';
export const DEAD_PATH = '/xxgk/ndbg/202101/t20210125_100.html';

/** The pages of the portal as path → body and type, for a given origin (absolute links use it). */
export function portalPages(origin: string): Map<string, { body: Uint8Array; type: string }> {
  const reports = portalReports();
  const pages = new Map<string, { body: Uint8Array; type: string }>();
  const html = (s: string) => ({ body: Buffer.from(s, 'utf8'), type: 'text/html; charset=utf-8' });
  pages.set(LIST_PATH, html(listPage1(origin, reports)));
  pages.set('/xxgk/ndbg/index_1.html', { body: iconv.encode(listPage2(reports), 'gb18030'), type: 'text/html' });
  pages.set(WORD_PATH, { body: Buffer.from('\xd0\xcf\x11\xe0 not really a Word file', 'latin1'), type: 'application/msword' });
  pages.set('/xxgk/news/t20240110_9.html', html(`<!doctype html><html><head><meta charset="utf-8"><title>会议</title></head><body><p>${A}召开会议。</p></body></html>`));
  for (const r of reports) {
    if (r.attachment) {
      pages.set(r.path, html(attachmentPage(r)));
      pages.set(r.attachment.path, { body: readFileSync(join(FIXTURES, r.attachment.pdf)), type: 'application/pdf' });
    } else pages.set(r.path, { body: reportPage(r), type: r.charset === 'gb2312' ? 'text/html' : 'text/html; charset=utf-8' });
  }
  return pages;
}

export interface PortalSiteOptions {
  /** /robots.txt: its text, or an HTTP status to answer with (default: none, 404). */
  robots?: string | number;
  /** Paths answered with a 302 to the address given (the site's origin passed in). */
  redirects?: (origin: string) => Record<string, string>;
  /** More paths, answered with this text (text/plain). */
  texts?: Record<string, string>;
}

/** Start the portal on 127.0.0.1 (a free port). */
export async function startPortalSite(opts: PortalSiteOptions = {}): Promise<PortalSite> {
  const requests = new Map<string, number>();
  const log: PortalSite['log'] = [];
  let pages = new Map<string, { body: Uint8Array; type: string }>();
  let redirects: Record<string, string> = {};
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    log.push({ path, host: String(req.headers.host), at: performance.now() });
    if (path === '/robots.txt' && opts.robots !== undefined) {
      if (typeof opts.robots === 'number') res.writeHead(opts.robots).end();
      else res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(opts.robots);
      return;
    }
    if (redirects[path]) {
      res.writeHead(302, { location: redirects[path] }).end();
      return;
    }
    if (opts.texts?.[path] !== undefined) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(opts.texts[path]);
      return;
    }
    const page = pages.get(path);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>404 页面不存在</h1>');
      return;
    }
    res.writeHead(200, { 'content-type': page.type, 'content-length': page.body.byteLength }).end(page.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  pages = portalPages(origin);
  redirects = opts.redirects?.(origin) ?? {};
  return {
    origin,
    listUrl: `${origin}${LIST_PATH}`,
    reports: portalReports(),
    requests,
    log,
    resetCount: () => {
      requests.clear();
      log.length = 0;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
