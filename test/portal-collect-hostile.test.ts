/**
 * Issue 20, B and C: collect against a tampered output folder and a portal of oversized pages.
 * A manifest planted in DIR is trusted row by row only (files inside DIR matching their recorded
 * hash, else fetched again; the planted rows named), every cell is written formula-safe and
 * bounded, a page over the per-page limit is skipped with its reason.
 */
import { readFileSync, rmSync, mkdtempSync, writeFileSync, symlinkSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_PAGE_BYTES } from '../core/cli/collect';
import { MANIFEST, MANIFEST_COLUMNS, MAX_CELL, readManifest } from '../core/cli/manifest';
import { main } from '../core/cli/main';
import { startPortalSite } from './support/portal-site';

async function nianbao(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
}

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'nianbao-hostile-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Every cell of the manifest as written (raw CSV, before any reader strips anything). */
function cells(dir: string): string[] {
  const text = readFileSync(join(dir, MANIFEST), 'utf8').replace(/^\ufeff/, '');
  return Papa.parse<string[]>(text, { skipEmptyLines: true }).data.flat();
}

describe('resume does not trust the manifest (issue 20, C)', () => {
  it('planted rows are named and dropped, a changed file is fetched again, no cell is a formula', async () => {
    const site = await startPortalSite();
    try {
      const dir = tempDir();
      expect((await nianbao('collect', site.listUrl, '--out', dir, '--delay', '0')).code).toBe(2);
      const rows = await readManifest(dir);
      const pages = rows.filter((r) => r.status === 'ok' && r.file.endsWith('.html') && !r.file.startsWith('.'));
      expect(pages.length).toBeGreaterThanOrEqual(3);
      const [toPasswd, toAbsolute, tampered] = pages;
      // The planted manifest: two reports pointed at files outside DIR, one file changed, three formula rows.
      toPasswd.file = '../../etc/passwd';
      toAbsolute.file = '/etc/passwd';
      writeFileSync(join(dir, tampered.file), '<html><body>not what was fetched</body></html>');
      const planted = [
        ...rows,
        { url: '=HYPERLINK("http://evil.example/","点我")', file: '', title: '@SUM(A1:A9)', year: '2024', status: 'ok', fetched_at: '', note: '-2+3', sha256: '', published: '' },
        { url: 'http://127.0.0.1:1/x.html', file: '-2+3', title: '+1', year: '2024', status: 'ok', fetched_at: '', note: '=1+1', sha256: '', published: '' },
      ];
      writeFileSync(join(dir, MANIFEST), Papa.unparse({ fields: [...MANIFEST_COLUMNS], data: planted.map((r) => MANIFEST_COLUMNS.map((c) => r[c])) }));
      site.resetCount();
      const again = await nianbao('collect', site.listUrl, '--out', dir, '--delay', '0');
      // Named: the two files outside DIR and the formula address.
      expect(again.err).toMatch(/a manifest row that cannot be ours, dropped: .*the file is not inside the output folder: \.\.\/\.\.\/etc\/passwd/);
      expect(again.err).toMatch(/dropped: .*the file is not inside the output folder: \/etc\/passwd/);
      expect(again.err).toMatch(/dropped: =HYPERLINK.*not an http\(s\) address/);
      // Fetched again, not taken from /etc/passwd or the changed file.
      for (const r of [toPasswd, toAbsolute, tampered]) expect(site.requests.get(new URL(r.url).pathname), r.url).toBe(1);
      expect(again.err).toMatch(/the file changed or is gone: fetched again/);
      const after = await readManifest(dir);
      for (const r of after) if (r.file) expect(r.file.startsWith('/') || r.file.includes('..'), r.file).toBe(false);
      expect(after.find((r) => r.url === toPasswd.url)?.file).not.toContain('passwd');
      expect(readFileSync(join(dir, after.find((r) => r.url === tampered.url)!.file), 'utf8')).not.toContain('not what was fetched');
      // No cell of the file starts a formula.
      for (const c of cells(dir)) expect(c, c).not.toMatch(/^[=+\-@]/);
    } finally {
      await site.close();
    }
  }, 60_000);

  it('a report file name planted as a symbolic link out of DIR is replaced, never written through', async () => {
    const site = await startPortalSite();
    try {
      const dir = tempDir();
      await nianbao('collect', site.listUrl, '--out', dir, '--delay', '0');
      const victim = join(tempDir(), 'victim.txt');
      writeFileSync(victim, 'keep me');
      const row = (await readManifest(dir)).find((r) => r.status === 'ok' && r.file.endsWith('.html') && !r.file.startsWith('.'))!;
      rmSync(join(dir, row.file));
      symlinkSync(victim, join(dir, row.file));
      await nianbao('collect', site.listUrl, '--out', dir, '--delay', '0');
      expect(readFileSync(victim, 'utf8')).toBe('keep me');
      expect(readFileSync(join(dir, row.file), 'utf8')).toContain('<html');
    } finally {
      await site.close();
    }
  }, 60_000);
});

describe('oversized pages and addresses (issue 20, B)', () => {
  let server: Server;
  const big = `<html><body><table>${'<tr><td>1</td></tr>'.repeat(Math.ceil((MAX_PAGE_BYTES + 1024) / 18))}</table></body></html>`;
  const longPath = `/att/${'a'.repeat(100_000)}.pdf`;

  it('a page over the per-page limit is skipped with the reason; a long address is cut in every cell', async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      const html = (s: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(s);
      if (path === '/list.html')
        return html(`<ul>${[1, 2].map((i) => `<li><a href="/big${i}.html">示例局${2022 + i}年政府信息公开工作年度报告</a></li>`).join('')}<li><a href="/bare.html">示例局2022年政府信息公开工作年度报告</a></li><li><a href="/r${'b'.repeat(100_000)}.html">示例局2021年政府信息公开工作年度报告</a></li></ul>`);
      if (path.startsWith('/big')) return html(big);
      if (path === '/bare.html') return html(`<html><body><p>见附件：<a href="http://elsewhere.example.gov.cn${longPath}">示例局2022年政府信息公开工作年度报告.pdf</a></p></body></html>`);
      res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const dir = tempDir();
      const r = await nianbao('collect', `${origin}/list.html`, '--out', dir, '--delay', '0', '--ignore-robots');
      const rows = await readManifest(dir);
      for (const i of [1, 2]) expect(rows.find((x) => x.url === `${origin}/big${i}.html`)).toMatchObject({ status: 'skipped', file: '', note: expect.stringMatching(/the page is larger than 5 MB: not read/) });
      expect(existsSync(join(dir, '.pages'))).toBe(true);
      const bare = rows.find((x) => x.url === `${origin}/bare.html`)!;
      expect(bare.note).toMatch(/the attachment is on another site/);
      expect(rows.find((x) => x.url.startsWith(`${origin}/rbbb`))?.note).toMatch(/the address is longer than/);
      for (const c of cells(dir)) expect(c.length).toBeLessThanOrEqual(MAX_CELL + 1);
      expect(r.err).toMatch(/页面过大 — page too large/);
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  }, 60_000);
});
