/**
 * nianbao collect on a test portal of our own pages (test/support/portal-site.ts), then the
 * collected folder exported: the cells of each report, the coverage (missing year, late report)
 * and the cross-year issues of consecutive years, paired without --previous.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../core/cli/main';
import { collect, readManifest } from '../core/cli/collect';
import { A, B, C, DEAD_PATH, LIST_PATH, portalPages, startPortalSite, WORD_PATH, type PortalSite } from './support/portal-site';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out: () => out.join(''), err: () => err.join('') };
}

async function nianbao(...args: string[]) {
  const c = capture();
  const code = await main(args, c.io);
  return { code, out: c.out(), err: c.err() };
}

const csv = (text: string) => Papa.parse<Record<string, string>>(text.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data;

let site: PortalSite;
let dir: string;
let first: Awaited<ReturnType<typeof nianbao>>;
let firstRequests: Map<string, number>;

beforeAll(async () => {
  site = await startPortalSite();
  dir = mkdtempSync(join(tmpdir(), 'nianbao-collect-'));
  first = await nianbao('collect', site.listUrl, '--out', dir, '--delay', '5');
  firstRequests = new Map(site.requests);
}, 60_000);

afterAll(async () => {
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('nianbao collect on the test portal', () => {
  it('fetches exactly robots.txt, the list pages, the report links (the attachment’s PDF too) and nothing else, each once', () => {
    const reportPaths = site.reports.flatMap((r) => (r.attachment ? [r.path, r.attachment.path] : [r.path]));
    expect([...firstRequests.keys()].sort()).toEqual(['/robots.txt', LIST_PATH, '/xxgk/ndbg/index_1.html', DEAD_PATH, WORD_PATH, ...reportPaths].sort());
    expect([...firstRequests.values()].every((n) => n === 1)).toBe(true);
  });

  it('records the dead link as failed, the other site as skipped, exits 2 and lists the failure', async () => {
    expect(first.code).toBe(2);
    const rows = await readManifest(dir);
    const dead = rows.find((r) => r.url.endsWith(DEAD_PATH))!;
    expect(dead).toMatchObject({ status: 'failed', year: '2020' });
    expect(dead.note).toMatch(/HTTP 404/);
    expect(rows.find((r) => r.url.startsWith('http://other.example.gov.cn'))).toMatchObject({ status: 'skipped' });
    const word = rows.find((r) => r.url.endsWith(WORD_PATH))!;
    expect(word).toMatchObject({ status: 'skipped' });
    expect(word.file).toMatch(/\.doc$/);
    expect(word.note).toMatch(/not a page or PDF/);
    expect(rows.filter((r) => r.status === 'ok')).toHaveLength(7); // 5 pages, the attachment page and its PDF
    expect(first.err).toMatch(/\[1\/9\] 示例市交通运输局 2024 ✓/);
    expect(first.err).toMatch(/失败 — failed:\n {2}http:\/\/127\.0\.0\.1:\d+\/xxgk\/ndbg\/202101\/t20210125_100\.html: 无法下载/);
  });

  it('a second run fetches only the list pages and what failed', async () => {
    site.resetCount();
    const again = await nianbao('collect', site.listUrl, '--out', dir, '--delay', '5');
    expect(again.code).toBe(2);
    expect([...site.requests.keys()].sort()).toEqual(['/robots.txt', LIST_PATH, '/xxgk/ndbg/index_1.html', DEAD_PATH].sort());
    expect(again.err).toMatch(/新下载 0，已有 7，失败 1/);
    expect((await readManifest(dir)).filter((r) => r.status === 'ok')).toHaveLength(7);
  });

  it('export --format csv: the cells of each report equal its gold', async () => {
    const res = await nianbao('export', dir, '--format', 'csv', '--quiet');
    expect(res.code).toBe(0);
    const lines = csv(res.out);
    for (const r of site.reports) {
      const mine = lines.filter((l) => l.agency === r.agency && l.year === String(r.year));
      expect(mine.length, `${r.agency} ${r.year}`).toBeGreaterThan(0);
      const got = new Map(mine.map((l) => [`${l.table}.${l.row}.${l.column}`, l.value]));
      for (const [key, printed] of Object.entries(r.values)) {
        const want = printed === '' ? '' : String(Number(printed));
        expect(got.get(key), `${r.agency} ${r.year} ${key}`).toBe(want);
      }
    }
  });

  it('export of the folder lists what it passed over: the manifest as collect’s list, the fake Word file as no Word document', async () => {
    const out = join(dir, '..', `${dir.split('/').pop()}-long.csv`);
    try {
      const res = await nianbao('export', dir, '--format', 'csv', '--out', out);
      expect(res.code).toBe(0);
      expect(res.err).toMatch(/manifest\.csv: nianbao collect 的下载清单，不是报告 — the download list nianbao collect wrote, not a report/);
      expect(res.err).toMatch(/\.doc: 不是 Word 文档/);
    } finally {
      rmSync(out, { force: true });
    }
  });

  it('export --format coverage-csv names the missing year and the late report', async () => {
    const res = await nianbao('export', dir, '--format', 'coverage-csv', '--quiet');
    const rows = csv(res.out);
    expect(Object.keys(rows[0])).toEqual(['agency', 'year', 'status', 'published', 'deadline', 'days_late', 'format', 'errors', 'warnings', 'copied', 'source']);
    expect(rows.map((r) => `${r.agency} ${r.year} ${r.status}`)).toEqual([
      `${B} 2023 published`,
      `${B} 2024 published`,
      `${A} 2021 published`,
      `${A} 2022 missing`,
      `${A} 2023 published`,
      `${A} 2024 published`,
      `${C} 2024 published`,
    ]);
    expect(rows.find((r) => r.agency === B && r.year === '2024')).toMatchObject({ published: '2025-04-15', deadline: '2025-03-31', days_late: '15' });
    expect(rows.find((r) => r.agency === A && r.year === '2024')).toMatchObject({ deadline: '2025-01-31', days_late: '', copied: '1' });
    expect(rows.filter((r) => r.days_late !== '')).toHaveLength(1);
  });

  it('export --format issues-csv has the cross-year issues of the consecutive years, without --previous', async () => {
    const res = await nianbao('export', dir, '--format', 'issues-csv', '--quiet');
    const rows = csv(res.out);
    const cross = (agency: string, year: number) => rows.filter((r) => r.agency === agency && r.year === String(year) && r.rule.startsWith('cross-year.'));
    expect(cross(B, 2024).filter((r) => r.rule === 'cross-year.carry-over').map((r) => r.cell)).toEqual(['t3.carried_over.natural_person', 't3.carried_over.total']);
    expect(cross(A, 2024).length).toBeGreaterThan(0);
    expect(cross(A, 2023)).toEqual([]); // 2022 is missing: nothing to pair with
    expect(cross(A, 2021)).toEqual([]);
    expect(cross(B, 2023)).toEqual([]);
    expect(rows.filter((r) => r.rule === 'narrative.copied').map((r) => `${r.agency} ${r.year}`)).toEqual([`${A} 2024`]);
  });

  it('export --format xlsx: the 覆盖 sheet has the same rows, copied share included', async () => {
    const file = join(dir, '..', `${dir.split('/').pop()}.xlsx`);
    try {
      expect((await nianbao('export', dir, '--format', 'xlsx', '--out', file, '--quiet')).code).toBe(0);
      const { default: ExcelJS } = await import('exceljs');
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const sheet = book.worksheets.find((w) => w.name.startsWith('覆盖'))!;
      const rows: string[] = [];
      sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1, 4).concat((r.values as unknown[])[10]).join(' ')));
      expect(rows).toContain(`${A} 2022 missing `);
      expect(rows).toContain(`${A} 2024 published 1`);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('check pairs the years of its inputs; a --previous of another agency is refused', async () => {
    const files = (await readManifest(dir)).filter((r) => r.status === 'ok' && r.file.endsWith('.html') && !r.file.startsWith('.'));
    const a2023 = join(dir, files.find((r) => r.title.startsWith(A) && r.year === '2023')!.file);
    const a2024 = join(dir, files.find((r) => r.title.startsWith(A) && r.year === '2024')!.file);
    const b2024 = join(dir, files.find((r) => r.title.startsWith(B) && r.year === '2024')!.file);
    const both = await nianbao('check', a2024, a2023);
    expect(both.out).toContain(`上年报告 previous: ${a2023}`);
    expect(both.out).toMatch(/cross-year\.in-force/);
    const refused = await nianbao('check', b2024, '--previous', a2023);
    expect(refused.code).toBe(64);
    expect(refused.err).toMatch(/不是同一机关.*another agency/);
    expect(refused.out).toBe('');
  });

  it('--since leaves earlier years out (skipped, not fetched)', async () => {
    const since = mkdtempSync(join(tmpdir(), 'nianbao-collect-since-'));
    try {
      site.resetCount();
      const res = await nianbao('collect', site.listUrl, '--out', since, '--since', '2023', '--delay', '0');
      expect(res.code).toBe(0);
      expect(site.requests.has(DEAD_PATH)).toBe(false);
      expect(site.requests.has(site.reports[0].path)).toBe(false);
      const rows = await readManifest(since);
      expect(rows.filter((r) => r.status === 'skipped').map((r) => r.year).sort()).toEqual(['2020', '2021', '2024', '2024']);
    } finally {
      rmSync(since, { recursive: true, force: true });
    }
  });

  it('interrupted (Ctrl-C) after a few reports: the manifest keeps them, the next run fetches only the rest', async () => {
    const part = mkdtempSync(join(tmpdir(), 'nianbao-collect-part-'));
    try {
      const stop = new AbortController();
      let n = 0;
      const first = await collect([site.listUrl], { out: part, delayMs: 0, retries: 0, signal: stop.signal, onRequest: () => ++n === 5 && stop.abort() }, { err: () => {} });
      expect(first.interrupted).toBe(true);
      const kept = (await readManifest(part)).filter((r) => r.status === 'ok');
      expect(kept.length).toBeGreaterThan(0);
      site.resetCount();
      const rest = await collect([site.listUrl], { out: part, delayMs: 0 }, { err: () => {} });
      expect(rest.interrupted).toBe(false);
      for (const r of kept) expect(site.requests.has(new URL(r.url).pathname)).toBe(false);
      expect((await readManifest(part)).filter((r) => r.status === 'ok')).toHaveLength(7);
    } finally {
      rmSync(part, { recursive: true, force: true });
    }
  });

  it('a 503 is retried with backoff and then fetched; a page that keeps failing is recorded failed after the retries; the User-Agent names the tool', async () => {
    const pages = portalPages('http://127.0.0.1');
    const report = pages.get('/xxgk/ndbg/202201/t20220120_101.html')!;
    const hits = new Map<string, number>();
    const agents = new Set<string>();
    const server = createServer((req, res) => {
      const path = req.url ?? '/';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      agents.add(String(req.headers['user-agent']));
      if (path === '/robots.txt') return void res.writeHead(404).end();
      if (path === '/list.html') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<a href="/flaky.html">${A}2021年政府信息公开工作年度报告</a><a href="/down.html">${A}2022年政府信息公开工作年度报告</a>`);
      if (path === '/flaky.html' && hits.get(path)! < 2) return void res.writeHead(503).end();
      if (path === '/flaky.html') return void res.writeHead(200, { 'content-type': report.type }).end(report.body);
      res.writeHead(502).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const out = mkdtempSync(join(tmpdir(), 'nianbao-collect-retry-'));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const res = await collect([`${origin}/list.html`], { out, delayMs: 0 }, { err: () => {} });
      expect(hits.get('/flaky.html')).toBe(2);
      expect(hits.get('/down.html')).toBe(3); // the first try and two retries
      expect(res.rows.map((r) => `${r.year} ${r.status}`)).toEqual(['2021 ok', '2022 failed']);
      expect(res.failed[0].note).toMatch(/HTTP 502/);
      expect([...agents].every((a) => /^nianbao-lens\//.test(a))).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('usage errors: no --out, not a URL', async () => {
    expect((await nianbao('collect', site.listUrl)).code).toBe(64);
    const bad = await nianbao('collect', 'file:///etc/passwd', '--out', dir);
    expect(bad.code).toBe(64);
    expect(bad.err).toMatch(/not an http\(s\) URL/);
  });
});
