/**
 * The background's "collect every report on this list" with a stubbed fetch: the list and its
 * createPageHTML page read, only report links fetched (no news, nothing off the allowed sites),
 * one at a time, a dead link failed with its reason, a page that is no report failed, the stop
 * button, a response beyond the byte cap, a site neither gov.cn nor granted refused.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { unstubFetch } from './support';
import { collect, mayCollect, stopCollect } from '../../extension/background/collect';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeCollectionDb, listSummaries, loadReports, resetMigration } from '../../extension/lib/collection-db';
import type { Report } from '../../core/model/schema';
import { parseHtml } from '../../core/parse/html';
import { wordFixtureHtml, WORD_FIXTURES } from '../../scripts/gen-word-fixtures';
import { cellLines } from '../support/cells';
import { consistentValues, writeReportPage } from '../support/page-writer';

const LIST = 'http://www.demo.gov.cn/ndbg/index.html';
const report = (agency: string, year: number) => writeReportPage({ format: '2021', agency, year, values: consistentValues('2021', year) }, { portal: true });
const a = (href: string, text: string) => `<li><a href="${href}">${text}</a></li>`;

let inFlight = 0;
let maxInFlight = 0;
const asked: string[] = [];

function site(pages: Record<string, string | (() => Response)>) {
  return vi.fn(async (url: string) => {
    asked.push(url);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, 2));
    inFlight--;
    const p = pages[url];
    if (typeof p === 'function') return p();
    if (p === undefined) return new Response('not found', { status: 404 });
    return new Response(p, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
  });
}

beforeEach(() => {
  fakeBrowser.reset();
  closeCollectionDb();
  resetMigration();
  globalThis.indexedDB = new IDBFactory();
  asked.length = 0;
  inFlight = 0;
  maxInFlight = 0;
});
afterEach(unstubFetch);

describe('collect a portal list (background)', () => {
  it('reads the list and its createPageHTML page, fetches each report once, one at a time; the news and off-site links are left alone', async () => {
    vi.stubGlobal(
      'fetch',
      site({
        [LIST]: `<ul>${a('t1.html', '示例市生态环境局2024年政府信息公开工作年度报告')}${a('t2.html', '示例市生态环境局2023年政府信息公开工作年度报告')}${a('news.html', '关于做好2024年政府信息公开工作年度报告编制工作的通知')}${a('gone.html', '示例市交通运输局2022年政府信息公开工作年度报告')}${a('https://www.example.com/x.html', '示例市某局2021年政府信息公开工作年度报告')}${a('http://other.demo.gov.cn/y.html', '示例省某厅2021年政府信息公开工作年度报告')}</ul><script>createPageHTML(2, 0, "index", "html");</script>`,
        'http://www.demo.gov.cn/ndbg/index_1.html': `<ul>${a('t3.html', '示例市交通运输局2023年政府信息公开工作年度报告')}${a('t1.html', '示例市生态环境局2024年政府信息公开工作年度报告')}</ul><script>createPageHTML(2, 1, "index", "html");</script>`,
        'http://www.demo.gov.cn/ndbg/t1.html': report('示例市生态环境局', 2024),
        'http://www.demo.gov.cn/ndbg/t2.html': report('示例市生态环境局', 2023),
        'http://www.demo.gov.cn/ndbg/t3.html': report('示例市交通运输局', 2023),
      }),
    );
    const s = await collect(LIST, 0);
    expect(s).toMatchObject({ status: 'done', pages: 2, found: 4, done: 4, added: 3, failedCount: 1 });
    expect(s.failed[0]).toMatchObject({ url: 'http://www.demo.gov.cn/ndbg/gone.html', reason: 'HTTP 404' });
    expect(maxInFlight).toBe(1);
    expect(asked.filter((u) => u.endsWith('/t1.html'))).toHaveLength(1);
    expect(asked.some((u) => u.includes('news') || u.includes('example.com') || u.includes('other.demo'))).toBe(false);
    const { entries } = await listSummaries();
    expect(entries.map((e) => `${e.agency} ${e.year} ${e.via}`).sort()).toEqual(['示例市交通运输局 2023 collect', '示例市生态环境局 2023 collect', '示例市生态环境局 2024 collect']);
    // Collected 2024 is checked against the collected 2023.
    expect(entries.find((e) => e.year === 2024)!.paired).toBe(true);
  });

  it('a linked page that is no report, or too large, is a failure with its reason; the rest goes on', async () => {
    vi.stubGlobal(
      'fetch',
      site({
        [LIST]: `<ul>${a('t1.html', '示例市生态环境局2024年政府信息公开工作年度报告')}${a('big.html', '示例市财政局2024年政府信息公开工作年度报告')}${a('t2.html', '示例市生态环境局2023年政府信息公开工作年度报告')}</ul>`,
        'http://www.demo.gov.cn/ndbg/t1.html': '<html><body><p>附件：年度报告.pdf</p></body></html>',
        'http://www.demo.gov.cn/ndbg/big.html': () =>
          new Response(
            new ReadableStream({
              pull(c) {
                c.enqueue(new Uint8Array(1024 * 1024));
              },
            }),
          ),
        'http://www.demo.gov.cn/ndbg/t2.html': report('示例市生态环境局', 2023),
      }),
    );
    const s = await collect(LIST, 0);
    expect(s).toMatchObject({ status: 'done', found: 3, added: 1, failedCount: 2 });
    expect(s.failed.map((f) => f.reason)).toEqual([expect.stringMatching(/no report tables/), expect.stringMatching(/larger than 20 MB/)]);
  });

  it('a report that redirects (to 127.0.0.1, or to another gov.cn host) is listed as such, its target never requested, nothing kept (issue 20, E)', async () => {
    // What the browser answers to redirect: 'manual' — an opaque redirect, its target unseen.
    const opaqueRedirect = () => Object.assign(new Response(null, { status: 200 }), { type: 'opaqueredirect' as ResponseType, status: 0, ok: false });
    const spy = site({
      [LIST]: `<ul>${a('t1.html', '示例市生态环境局2024年政府信息公开工作年度报告')}${a('t2.html', '示例市生态环境局2023年政府信息公开工作年度报告')}${a('t3.html', '示例市交通运输局2023年政府信息公开工作年度报告')}</ul>`,
      'http://www.demo.gov.cn/ndbg/t1.html': opaqueRedirect,
      'http://www.demo.gov.cn/ndbg/t2.html': () => new Response(null, { status: 302, headers: { location: 'http://other.demo.gov.cn/forged.html' } }),
      'http://www.demo.gov.cn/ndbg/t3.html': report('示例市交通运输局', 2023),
    });
    vi.stubGlobal('fetch', spy);
    const s = await collect(LIST, 0);
    expect(s).toMatchObject({ status: 'done', found: 3, added: 1, failedCount: 2 });
    expect(s.failed.map((f) => f.reason)).toEqual([expect.stringMatching(/redirects elsewhere: not followed/), expect.stringMatching(/redirects elsewhere: not followed/)]);
    for (const call of spy.mock.calls) expect((call as unknown as [string, RequestInit])[1]?.redirect).toBe('manual');
    expect(asked.some((u) => u.includes('127.0.0.1') || u.includes('other.demo'))).toBe(false);
    const { entries } = await listSummaries();
    expect(entries.map((e) => `${e.agency} ${e.year}`)).toEqual(['示例市交通运输局 2023']);
  });

  it('robots.txt: the list’s own and, for an attachment on another gov.cn host, that host’s — what they disallow is never requested', async () => {
    vi.stubGlobal(
      'fetch',
      site({
        'http://www.demo.gov.cn/robots.txt': () => new Response('User-agent: *\nDisallow: /ndbg/private/\n', { status: 200, headers: { 'content-type': 'text/plain' } }),
        'http://file.demo.gov.cn/robots.txt': () => new Response('User-agent: nianbao-lens\nDisallow: /\n', { status: 200, headers: { 'content-type': 'text/plain' } }),
        [LIST]: `<ul>${a('t1.html', '示例市生态环境局2024年政府信息公开工作年度报告')}${a('private/t2.html', '示例市生态环境局2023年政府信息公开工作年度报告')}${a('t3.html', '示例市财政局2024年政府信息公开工作年度报告')}</ul>`,
        'http://www.demo.gov.cn/ndbg/t1.html': report('示例市生态环境局', 2024),
        'http://www.demo.gov.cn/ndbg/t3.html': '<html><head><title>示例市财政局2024年政府信息公开工作年度报告</title></head><body><h1>示例市财政局2024年政府信息公开工作年度报告</h1><p>附件：<a href="http://file.demo.gov.cn/P0.pdf">示例市财政局2024年政府信息公开工作年度报告.pdf</a></p></body></html>',
      }),
    );
    const s = await collect(LIST, 0);
    expect(s).toMatchObject({ status: 'done', found: 3, added: 1, failedCount: 2 });
    expect(asked).toContain('http://file.demo.gov.cn/robots.txt');
    expect(asked.some((u) => u.includes('/private/') || u.endsWith('/P0.pdf'))).toBe(false);
    expect(s.failed.map((f) => f.reason)).toEqual([expect.stringMatching(/^robots\.txt 不允许抓取/), expect.stringMatching(/^附件：robots\.txt 不允许抓取.*P0\.pdf$/)]);
  });

  it('Word reports: a page’s .docx and .doc attachments and a linked .docx are read in the background, each entry naming the file it read; a broken one gets its line', async () => {
    const word = (name: string) => () => new Response(readFileSync(join(WORD_FIXTURES, name)), { status: 200, headers: { 'content-type': 'application/octet-stream' } });
    const attaching = (title: string, file: string) =>
      `<html><head><title>${title}</title></head><body><h1>${title}</h1><p>附件：<a href="files/${file}">${title}.${file.split('.').pop()}</a></p></body></html>`;
    const docxTitle = '示例市示例局2024年政府信息公开工作年度报告';
    const docTitle = '示例市示例局2020年政府信息公开工作年度报告';
    vi.stubGlobal(
      'fetch',
      site({
        [LIST]: `<ul>${a('t1.html', docxTitle)}${a('t2.html', docTitle)}${a('files/direct.docx', docxTitle)}${a('t3.html', '示例市财政局2023年政府信息公开工作年度报告')}</ul>`,
        'http://www.demo.gov.cn/ndbg/t1.html': attaching(docxTitle, 'P0.docx'),
        'http://www.demo.gov.cn/ndbg/t2.html': attaching(docTitle, 'P1.doc'),
        'http://www.demo.gov.cn/ndbg/t3.html': attaching('示例市财政局2023年政府信息公开工作年度报告', 'P2.docx'),
        'http://www.demo.gov.cn/ndbg/files/P0.docx': word('report-2024.docx'),
        'http://www.demo.gov.cn/ndbg/files/P1.doc': () => new Response(readFileSync(join(WORD_FIXTURES, 'report-2020-old-format.doc')), { status: 200, headers: { 'content-type': 'application/msword' } }),
        'http://www.demo.gov.cn/ndbg/files/direct.docx': word('report-2024.docx'),
        // A .docx cut short in transfer: broken, one line naming it.
        'http://www.demo.gov.cn/ndbg/files/P2.docx': () => new Response(readFileSync(join(WORD_FIXTURES, 'report-2024.docx')).subarray(0, 4000), { status: 200 }),
      }),
    );
    const s = await collect(LIST, 0);
    expect(s).toMatchObject({ status: 'done', found: 4, added: 3, failedCount: 1 });
    expect(s.failed[0]).toEqual({
      url: 'http://www.demo.gov.cn/ndbg/t3.html',
      title: '示例市财政局2023年政府信息公开工作年度报告',
      reason: 'Word 文档已损坏或不完整，无法读取 — the Word document is broken or incomplete: cannot be read: http://www.demo.gov.cn/ndbg/files/P2.docx',
    });
    const { entries } = await listSummaries();
    const byUrl = Object.fromEntries(entries.map((e) => [e.url, e]));
    expect(byUrl['http://www.demo.gov.cn/ndbg/t1.html']).toMatchObject({ agency: '示例市示例局', year: 2024, via: 'collect', attachment: 'http://www.demo.gov.cn/ndbg/files/P0.docx', format: '2021' });
    expect(byUrl['http://www.demo.gov.cn/ndbg/t2.html']).toMatchObject({ agency: '示例市示例局', year: 2020, via: 'collect', attachment: 'http://www.demo.gov.cn/ndbg/files/P1.doc', format: '2019' });
    // A linked Word file is itself the entry's address: no attachment to name.
    expect(byUrl['http://www.demo.gov.cn/ndbg/files/direct.docx']).toMatchObject({ agency: '示例市示例局', year: 2024 });
    expect(byUrl['http://www.demo.gov.cn/ndbg/files/direct.docx'].attachment).toBeUndefined();
    // Every cell as the HTML of the same report reads it (the Word readers, in the background).
    const id = byUrl['http://www.demo.gov.cn/ndbg/t1.html'].id;
    const kept = (await loadReports([id])).get(id);
    const page = parseHtml(wordFixtureHtml()['report-2024'].html);
    expect(cellLines(kept as Report)).toEqual(cellLines(page));
    expect((kept as Report).meta.source).toBe('http://www.demo.gov.cn/ndbg/files/P0.docx');
  });

  it('stop: nothing more is fetched', async () => {
    const links = Array.from({ length: 10 }, (_, i) => a(`t${i}.html`, `示例市第${i}局2024年政府信息公开工作年度报告`)).join('');
    const pages: Record<string, string> = { [LIST]: `<ul>${links}</ul>` };
    for (let i = 0; i < 10; i++) pages[`http://www.demo.gov.cn/ndbg/t${i}.html`] = report(`示例市第${i}局`, 2024);
    const fetchPage = site(pages);
    // Stop as the third request goes out (an event, not a moment in time).
    vi.stubGlobal('fetch', (url: string) => {
      if (asked.length === 2) stopCollect();
      return fetchPage(url);
    });
    const s = await collect(LIST, 50);
    expect(s.status).toBe('stopped');
    // The request under way when stopped is the last: of 1 robots.txt + 1 list + 10 reports, three.
    expect(asked).toHaveLength(3);
  });

  it('only *.gov.cn or a site the user granted', async () => {
    expect(await mayCollect('http://www.demo.gov.cn/x')).toBe(true);
    expect(await mayCollect('https://gov.cn/x')).toBe(true);
    expect(await mayCollect('https://www.gov.cn.evil.com/x')).toBe(false);
    expect(await mayCollect('file:///etc/passwd')).toBe(false);
    expect(await mayCollect('https://www.example.org/list.html')).toBe(false);
  });
});
