/**
 * "Collect every report on this list" in a real Chromium: a test portal of our own pages under a
 * gov.cn host name (two list pages, the second reached only through a createPageHTML script call,
 * a news link, a dead link, one year missing for one agency, one report published late). The popup
 * collects them (the portal's robots.txt disallows one report: never fetched); the collection
 * page's matrix shows the missing year and the late report; opening
 * one report afterwards shows the cross-year findings in its panel; a page on another gov.cn host claiming the same
 * agency and year does not replace the collected entry. Build: NIANBAO_OUT_DIR (e.g. .output-h7).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consistentValues, writeReportPage } from '../support/page-writer';
import { cellLines } from '../support/cells';
import type { Report } from '../../core/model/schema';
import { parseHtml } from '../../core/parse/html';
import { wordFixtureHtml, WORD_FIXTURES } from '../../scripts/gen-word-fixtures';
import { WORD_MESSAGES } from '../../core/parse/word/errors';
import { buildExtension, collectFromPopup, hasChromium, launch, matrixCell, openTab, screenshotIfAsked, waitForLens, type Lens } from './support/browser';
import { lensCount } from './support/lens';

const hasBrowser = hasChromium();

const ENV = '示例市生态环境局';
const TRANSPORT = '示例市交通运输局';
const WATER = '示例市水务局';
const PORTAL = 'www.demo-portal.gov.cn';
const COPY = 'www.copycat.gov.cn';

interface Doc {
  agency: string;
  year: number;
  published: string;
  seed: number;
}
/** 生态环境局 2021, 2023, 2024 (2022 missing); 交通运输局 2023 (late: 2024-02-20) and 2024. */
const REPORTS: Record<string, Doc> = {
  'env-2024': { agency: ENV, year: 2024, published: '2025-01-20', seed: 11 },
  'env-2023': { agency: ENV, year: 2023, published: '2024-01-18', seed: 12 },
  'tr-2024': { agency: TRANSPORT, year: 2024, published: '2025-01-25', seed: 13 },
  'env-2021': { agency: ENV, year: 2021, published: '2022-01-10', seed: 14 },
  'tr-2023': { agency: TRANSPORT, year: 2023, published: '2024-02-20', seed: 15 },
  /** Linked, but the portal's robots.txt disallows it: never fetched, never kept. */
  'tr-2021': { agency: TRANSPORT, year: 2021, published: '2022-01-12', seed: 16 },
};

const page = (name: string) => {
  const d = REPORTS[name];
  return writeReportPage({ format: '2021', agency: d.agency, year: d.year, published: d.published, values: consistentValues('2021', d.seed) }, { portal: true });
};
const li = (href: string, text: string) => `<li><a href="${href}" title="${text}">${text}</a><span>2025-01-20</span></li>`;
const list = (items: string, script: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>政府信息公开年报_示例市人民政府</title></head><body>
<ul class="list">${items}</ul><div class="page">${script}</div></body></html>`;

/** Pages whose report is an attached Word file (our sample reports saved as .docx and .doc by LibreOffice), and the list that links them. */
const WORD_AGENCY = '示例市示例局';
const attaching = (year: number, file: string) => {
  const title = `${WORD_AGENCY}${year}年政府信息公开工作年度报告`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>附件：<a href="./files/${file}">${title}.${file.split('.').pop()}</a></p></body></html>`;
};
const WORD_FILES: Record<string, { fixture: string; type: string }> = {
  '/ndbg/files/P0.docx': { fixture: 'report-2024.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  '/ndbg/files/P1.doc': { fixture: 'report-2020-old-format.doc', type: 'application/msword' },
  // A .doc cut short in transfer: one line, the rest goes on.
  '/ndbg/files/P2.doc': { fixture: 'report-2024.doc', type: 'application/msword' },
};

function portal(req: string, host: string): { status: number; body: string | Uint8Array; type?: string } {
  const path = new URL(req, `http://${host}`).pathname;
  if (host.startsWith(PORTAL) && WORD_FILES[path]) {
    const bytes = readFileSync(join(WORD_FIXTURES, WORD_FILES[path].fixture));
    return { status: 200, body: path.endsWith('P2.doc') ? bytes.subarray(0, 3000) : bytes, type: WORD_FILES[path].type };
  }
  if (host.startsWith(PORTAL) && path === '/ndbg/word.html')
    return { status: 200, body: list(li('./wd1.html', `${WORD_AGENCY}2024年政府信息公开工作年度报告`) + li('./wd2.html', `${WORD_AGENCY}2020年政府信息公开工作年度报告`) + li('./wd3.html', `${WORD_AGENCY}2023年政府信息公开工作年度报告`), '') };
  if (host.startsWith(PORTAL) && path === '/ndbg/wd1.html') return { status: 200, body: attaching(2024, 'P0.docx') };
  if (host.startsWith(PORTAL) && path === '/ndbg/wd2.html') return { status: 200, body: attaching(2020, 'P1.doc') };
  if (host.startsWith(PORTAL) && path === '/ndbg/wd3.html') return { status: 200, body: attaching(2023, 'P2.doc') };
  if (host.startsWith(COPY) && path === '/fake/2023.html') {
    // Another gov.cn host claiming 生态环境局 2023, its 结转下年度 made to agree with 2024's 上年结转:
    // were it paired with 2024, the cross-year errors would vanish.
    const d = REPORTS['env-2023'];
    const values = consistentValues('2021', d.seed);
    const next = consistentValues('2021', REPORTS['env-2024'].seed);
    for (const [k, v] of Object.entries(next)) if (k.startsWith('t3.carried_over.')) values[k.replace('carried_over', 'carried_forward')] = v;
    return { status: 200, body: writeReportPage({ format: '2021', agency: d.agency, year: d.year, published: d.published, values }, { portal: true }) };
  }
  if (!host.startsWith(PORTAL)) return { status: 404, body: 'not found' };
  if (path === '/robots.txt') return { status: 200, body: 'User-agent: *\nDisallow: /ndbg/t6.html\n' };
  if (path === '/ndbg/index.html')
    return {
      status: 200,
      body: list(
        li('./t1.html', `${ENV}2024年政府信息公开工作年度报告`) +
          li('./t2.html', `${ENV}2023年政府信息公开工作年度报告`) +
          li('/ndbg/t3.html', `${TRANSPORT}2024年政府信息公开工作年度报告`) +
          li('./news1.html', '关于做好2024年政府信息公开工作年度报告编制工作的通知') +
          li('./gone.html', `${TRANSPORT}2022年政府信息公开工作年度报告`) +
          li('./t6.html', `${TRANSPORT}2021年政府信息公开工作年度报告`),
        '<script>createPageHTML(2, 0, "index", "html");</script>',
      ),
    };
  if (path === '/ndbg/index_1.html')
    return { status: 200, body: list(li('./t4.html', `${ENV}2021年政府信息公开工作年度报告`) + li('./t5.html', `${TRANSPORT}2023年政府信息公开工作年度报告`), '<script>createPageHTML(2, 1, "index", "html");</script>') };
  const files: Record<string, string> = { '/ndbg/t1.html': 'env-2024', '/ndbg/t2.html': 'env-2023', '/ndbg/t3.html': 'tr-2024', '/ndbg/t4.html': 'env-2021', '/ndbg/t5.html': 'tr-2023', '/ndbg/t6.html': 'tr-2021' };
  if (files[path]) return { status: 200, body: page(files[path]) };
  // A list its script writes from JSON: the links are only in the tab's DOM, not in the page's HTML.
  if (path === '/ndbg/api.html')
    return {
      status: 200,
      body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>年报_示例市水务局</title></head><body><ul id="list"></ul>
<script>fetch('/ndbg/list.json').then((r) => r.json()).then((items) => { for (const i of items) { const li = document.createElement('li'); const a = document.createElement('a'); a.href = i.u; a.textContent = i.t; li.append(a); document.getElementById('list').append(li); } document.body.dataset.ready = '1'; });</script></body></html>`,
    };
  if (path === '/ndbg/list.json') return { status: 200, body: JSON.stringify([{ u: '/ndbg/w1.html', t: `${WATER}2024年政府信息公开工作年度报告` }, { u: '/ndbg/w2.html', t: `${WATER}2023年政府信息公开工作年度报告` }]) };
  if (path === '/ndbg/w1.html') return { status: 200, body: writeReportPage({ format: '2021', agency: WATER, year: 2024, published: '2025-01-22', values: consistentValues('2021', 21) }, { portal: true }) };
  if (path === '/ndbg/w2.html') return { status: 200, body: writeReportPage({ format: '2021', agency: WATER, year: 2023, published: '2024-01-22', values: consistentValues('2021', 22) }, { portal: true }) };
  if (path === '/ndbg/news1.html') return { status: 200, body: '<!doctype html><meta charset="utf-8"><title>通知</title><p>请各单位按时编制年报。</p>' };
  return { status: 404, body: 'not found' };
}

let server: Server;
let lens: Lens;
const fetched: string[] = [];

beforeAll(async () => {
  if (!hasBrowser) return;
  buildExtension();
  server = createServer((req, res) => {
    const host = req.headers.host ?? '';
    fetched.push(`${host.replace(/:\d+$/, '')}${req.url}`);
    const { status, body, type } = portal(req.url ?? '/', host);
    res.writeHead(status, { 'content-type': type ?? (status === 200 ? 'text/html; charset=utf-8' : 'text/plain'), 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  lens = await launch({ port: (server.address() as AddressInfo).port });
}, 300_000);

afterAll(async () => {
  await lens?.close();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
});

const open = (url: string) => openTab(lens, url);

async function collectionPage(): Promise<Page> {
  const p = await open(`chrome-extension://${lens.extensionId}/collection.html`);
  await p.waitForSelector('html[data-ready="true"]', { timeout: 15_000 });
  await p.waitForSelector('table.matrix', { timeout: 15_000 });
  return p;
}

const cell = matrixCell;

describe.skipIf(!hasBrowser)('collect every report on a portal list (Chromium)', () => {
  it('the popup collects the list and its createPageHTML page: the reports, not the news, the dead link failed', async () => {
    const { list, popup } = await collectFromPopup(lens, `http://${PORTAL}/ndbg/index.html`, 40_000);
    const section = popup.locator('section.collect');
    expect(await section.getAttribute('data-found')).toBe('7');
    expect(await section.getAttribute('data-added')).toBe('5');
    expect(await section.textContent()).toMatch(/失败 2 份|2 failed/);
    expect(await section.textContent()).toContain('HTTP 404');
    expect(await section.textContent()).toContain('robots.txt 不允许抓取');
    // robots.txt was read once, before the collection's first request (the tab's own load of
    // the list page comes earlier); what it disallows and the news item were never fetched.
    const robotsAt = fetched.indexOf(`${PORTAL}/robots.txt`);
    expect(robotsAt).toBeGreaterThanOrEqual(0);
    expect(fetched.filter((u) => u === `${PORTAL}/robots.txt`)).toHaveLength(1);
    expect(robotsAt).toBeLessThan(fetched.indexOf(`${PORTAL}/ndbg/index_1.html`));
    expect(robotsAt).toBeLessThan(fetched.indexOf(`${PORTAL}/ndbg/t1.html`));
    expect(fetched.some((u) => u.includes('/ndbg/t6.html'))).toBe(false);
    expect(fetched.some((u) => u.includes('news1'))).toBe(false);
    expect(fetched.filter((u) => u.includes('/ndbg/index_1.html'))).toHaveLength(1);
    await screenshotIfAsked(popup, 'popup-collect', { width: 340, height: 360 });
    await popup.close();
    await list.close();
  }, 80_000);

  it('the coverage matrix shows the missing year and the late report; the list holds the five', async () => {
    const p = await collectionPage();
    expect(await p.locator('table.list tbody tr').count()).toBe(5);
    expect(await cell(p, ENV, 2022).getAttribute('data-status')).toBe('missing');
    expect(await cell(p, ENV, 2024).getAttribute('data-status')).toBe('published');
    expect(await cell(p, TRANSPORT, 2023).getAttribute('data-late')).toBe('20');
    expect(await cell(p, TRANSPORT, 2023).textContent()).toContain('◷');
    expect(await cell(p, ENV, 2022).textContent()).toContain('✗');
    // Click opens the report.
    expect(await cell(p, ENV, 2024).locator('a').getAttribute('href')).toBe(`http://${PORTAL}/ndbg/t1.html`);
    // Per-agency charts, inline SVG.
    expect(await p.locator('figure.chart svg').count()).toBe(2);
    // The coverage CSV names the missing year and the late report.
    const [download] = await Promise.all([p.waitForEvent('download'), p.click('button[data-export="coverage-csv"]')]);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '').split(/\r?\n/);
    expect(csv[0]).toBe('agency,year,status,published,deadline,days_late,format,errors,warnings,copied,source');
    expect(csv).toContain(`${ENV},2022,missing,,2023-01-31,,,,,,`);
    expect(csv.find((l) => l.startsWith(`${TRANSPORT},2023,published,2024-02-20,2024-01-31,20,`))).toBeTruthy();
    await screenshotIfAsked(p, 'collection', { width: 1100, height: 900 }, true);
    await p.close();
  }, 30_000);

  it('opening a collected year afterwards shows the cross-year findings in its panel (paired with last year’s collected report)', async () => {
    const p = await open(`http://${PORTAL}/ndbg/t1.html`);
    await waitForLens(p);
    // (In the closed panel: the page's own marks never show what the user keeps — issue 20 F.)
    await expect.poll(() => lensCount(lens, p, 'li[data-rule="cross-year.carry-over"]')).toBeGreaterThan(0);
    await p.close();
  }, 30_000);

  it('a page on another gov.cn host claiming the same agency and year does not replace the collected entry', async () => {
    const copy = await open(`http://${COPY}/fake/2023.html`);
    await waitForLens(copy);
    const p = await collectionPage();
    const c = cell(p, ENV, 2023);
    // The copy is kept beside the collected entry (+1) once the engine's remember message lands.
    await expect.poll(() => c.locator('sup').textContent()).toBe('+1');
    await copy.close();
    expect(await p.locator('table.list tbody tr').count()).toBe(6);
    expect(await c.locator('a').getAttribute('href')).toBe(`http://${PORTAL}/ndbg/t2.html`);
    await p.close();
    // And the 2024 report is still paired with the collected 2023: its carry-over errors stay.
    const again = await open(`http://${PORTAL}/ndbg/t1.html`);
    await waitForLens(again);
    // (In the closed panel: the page's own marks never show what the user keeps — issue 20 F.)
    await expect.poll(() => lensCount(lens, again, 'li[data-rule="cross-year.carry-over"]')).toBeGreaterThan(0);
    await again.close();
  }, 30_000);

  it('a list a script writes from JSON: the links are read from the tab as the reader sees it, the list not fetched again', async () => {
    const listUrl = `http://${PORTAL}/ndbg/api.html`;
    const before = fetched.length;
    const { list, popup } = await collectFromPopup(lens, listUrl, 40_000, (tab) => tab.waitForSelector('body[data-ready="1"]'));
    const section = popup.locator('section.collect');
    expect(await section.getAttribute('data-found')).toBe('2');
    expect(await section.getAttribute('data-added')).toBe('2');
    const asked = fetched.slice(before);
    expect(asked.filter((u) => u === `${PORTAL}/ndbg/api.html`)).toHaveLength(1); // the tab's own load
    expect(asked.filter((u) => u === `${PORTAL}/ndbg/list.json`)).toHaveLength(1); // the page's script
    expect(asked).toContain(`${PORTAL}/ndbg/w1.html`);
    expect(asked).toContain(`${PORTAL}/ndbg/w2.html`);
    await popup.close();
    await list.close();
    const p = await collectionPage();
    expect(await cell(p, WATER, 2024).getAttribute('data-status')).toBe('published');
    expect(await cell(p, WATER, 2023).getAttribute('data-status')).toBe('published');
    await p.close();
  }, 60_000);
  it('Word attachments: a page’s .docx and .doc are fetched and read in the background (no offscreen document), every cell as the HTML reads it; the entry names the file it read; a broken .doc gets its one line', async () => {
    const { list, popup } = await collectFromPopup(lens, `http://${PORTAL}/ndbg/word.html`, 40_000);
    const section = popup.locator('section.collect');
    expect(await section.getAttribute('data-found')).toBe('3');
    expect(await section.getAttribute('data-added')).toBe('2');
    expect(await section.textContent()).toContain(WORD_MESSAGES.broken);
    for (const file of Object.keys(WORD_FILES)) expect(fetched).toContain(`${PORTAL}${file}`);
    // Word files need no pdf.js: no offscreen document was opened for them.
    expect(await lens.worker.evaluate(`chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] }).then((c) => c.length)`)).toBe(0);
    await popup.close();
    await list.close();
    const p = await collectionPage();
    for (const [year, file, fixture] of [[2024, 'P0.docx', 'report-2024'], [2020, 'P1.doc', 'report-2020-old-format']] as const) {
      expect(await cell(p, WORD_AGENCY, year).getAttribute('data-status')).toBe('published');
      const row = p.locator(`table.list tbody tr[data-agency="${WORD_AGENCY}"][data-year="${year}"]`);
      expect(await row.locator('[data-attachment]').getAttribute('data-attachment')).toBe(`http://${PORTAL}/ndbg/files/${file}`);
      expect(await row.locator('[data-attachment]').textContent()).toMatch(new RegExp(`(读自附件|read from the attachment) ${file.replace('.', '\\.')}$`));
      const stored = (await p.evaluate(
        `new Promise((ok, no) => { const r = indexedDB.open('nianbao-collection'); r.onerror = () => no(r.error); r.onsuccess = () => { const all = r.result.transaction('reports').objectStore('reports').getAll(); all.onsuccess = () => ok(all.result.map((e) => e.report)); }; })`,
      )) as Report[];
      const report = stored.find((r) => r.meta.agency === WORD_AGENCY && r.meta.year === year)!;
      expect(cellLines(report)).toEqual(cellLines(parseHtml(wordFixtureHtml()[fixture].html)));
    }
    await screenshotIfAsked(p, 'collection-word', { width: 1100, height: 900 }, true);
    await p.close();
  }, 60_000);
});
