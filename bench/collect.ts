/**
 * The crawl's own overhead per page: `collect()` (nianbao collect) over a local server's list of N
 * report pages with no delay, against the parse of the same pages (cheerio load + parseDom, which
 * collect does once per page to tell a page with tables from an attachment page). What is left —
 * request, decoding, link finding, writing the file and the manifest — is the crawl's cost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { load } from 'cheerio/slim';
import { collect } from '../core/cli/collect';
import { decodeBytes } from '../core/node/read';
import { parseDom, type DomNode } from '../core/parse/html';
import { portalPages, portalReports } from '../test/support/portal-site';

export interface CollectBench {
  pages: number;
  totalMs: number;
  parseMs: number;
  perPageMs: number;
  parsePerPageMs: number;
  overheadPerPageMs: number;
}

/** Rounds of crawl + parse; the median round's overhead is reported. */
const ROUNDS = 5;

export async function benchCollect(n = 100): Promise<CollectBench> {
  const base = portalPages('http://127.0.0.1');
  const reports = portalReports().filter((r) => !r.attachment);
  const bodies = reports.map((r) => base.get(r.path)!);
  const pages = new Map<string, { body: Uint8Array; type: string }>();
  const links: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = reports[i % reports.length];
    const path = `/ndbg/${i}/t${i}.html`;
    pages.set(path, bodies[i % bodies.length]);
    links.push(`<li><a href="${path}">${r.agency}${r.year}年政府信息公开工作年度报告（${i}）</a><span>${r.published}</span></li>`);
  }
  pages.set('/ndbg/index.html', { body: Buffer.from(`<!doctype html><html><head><meta charset="utf-8"></head><body><ul>${links.join('\n')}</ul></body></html>`), type: 'text/html; charset=utf-8' });
  const server = createServer((req, res) => {
    const page = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': page.type, 'content-length': page.body.byteLength }).end(page.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const parseAll = () => {
    const p0 = performance.now();
    for (let i = 0; i < n; i++) parseDom(load(decodeBytes(bodies[i % bodies.length].body)).root()[0] as unknown as DomNode);
    return performance.now() - p0;
  };
  const crawl = async () => {
    const out = mkdtempSync(join(tmpdir(), 'nianbao-bench-collect-'));
    try {
      const t0 = performance.now();
      await collect([`${origin}/ndbg/index.html`], { out, delayMs: 0 }, { err: () => {} });
      return performance.now() - t0;
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  };
  try {
    // Warm-up (JIT, sockets), then rounds of crawl and parse in turn, so a busy machine slows both alike.
    await crawl();
    parseAll();
    const rounds: Array<{ total: number; parse: number }> = [];
    for (let k = 0; k < ROUNDS; k++) rounds.push({ total: await crawl(), parse: parseAll() });
    rounds.sort((a, b) => a.total - a.parse - (b.total - b.parse));
    const mid = rounds[Math.floor(rounds.length / 2)];
    return { pages: n, totalMs: mid.total, parseMs: mid.parse, perPageMs: mid.total / n, parsePerPageMs: mid.parse / n, overheadPerPageMs: (mid.total - mid.parse) / n };
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
}

export function printCollect(b: CollectBench): string {
  return [
    '| pages (median of 5 rounds) | collect total (ms) | per page (ms) | parse per page (ms) | crawl overhead per page (ms) | goal |',
    '|---:|---:|---:|---:|---:|---|',
    `| ${b.pages} | ${b.totalMs.toFixed(0)} | ${b.perPageMs.toFixed(2)} | ${b.parsePerPageMs.toFixed(2)} | **${b.overheadPerPageMs.toFixed(2)}** | ≤ 10 ms |`,
  ].join('\n');
}
