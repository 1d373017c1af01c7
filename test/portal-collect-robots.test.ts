/**
 * nianbao collect is a polite crawler: the site's robots.txt is read first and obeyed (a
 * disallowed report is listed as skipped and never requested, its Crawl-delay spaces the
 * requests — checked on a clock of the test's own), a site whose robots.txt cannot be read is not crawled, and a redirect to another
 * site is refused before it is requested. --ignore-robots is the owner's permission.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, readManifest } from '../core/cli/collect';
import { main } from '../core/cli/main';
import { LIST_PATH, startPortalSite, type PortalSite } from './support/portal-site';

const A2023 = '/xxgk/ndbg/202401/t20240118_102.html';
const A2024 = '/xxgk/ndbg/202501/t20250115_103.html';
const B2024 = '/xxgk/ndbg/202504/t20250415_202.html';

async function nianbao(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
}

let site: PortalSite | null = null;
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'nianbao-robots-'));
  dirs.push(d);
  return d;
};

afterEach(async () => {
  await site?.close();
  site = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('nianbao collect and robots.txt', () => {
  it('reads robots.txt before anything else, skips what it disallows (never requested), and names its Crawl-delay', async () => {
    site = await startPortalSite({
      robots: ['User-agent: *', 'Disallow: /', '', 'User-agent: nianbao-lens', `Disallow: ${A2023}`, 'Disallow: /*.doc$', 'Crawl-delay: 0.15'].join('\n'),
    });
    const out = tempDir();
    const res = await nianbao('collect', site.listUrl, '--out', out, '--delay', '0');
    expect(site.log[0].path).toBe('/robots.txt');
    expect(site.requests.get('/robots.txt')).toBe(1);
    expect(site.requests.has(A2023)).toBe(false);
    expect([...site.requests.keys()].some((p) => p.endsWith('.doc'))).toBe(false);
    const rows = await readManifest(out);
    const refused = rows.filter((r) => /robots\.txt/.test(r.note));
    expect(refused.map((r) => new URL(r.url).pathname).sort()).toEqual([A2023, '/xxgk/ndbg/files/P020250122_401.doc'].sort());
    expect(refused.every((r) => r.status === 'skipped' && r.file === '')).toBe(true);
    expect(rows.find((r) => r.url.endsWith(A2024))?.status).toBe('ok');
    expect(res.err).toMatch(/robots\.txt 要求请求间隔 0\.15 秒/);
    expect(res.err).toMatch(/↷ robots\.txt 不允许 — disallowed by robots\.txt/);
  }, 30_000);

  it('spaces requests by its Crawl-delay: every request to the site waits its turn (on a clock of its own, not the wall clock)', async () => {
    // A clock that moves only when the crawl pauses: the schedule is checked, not how busy the machine is.
    const crawl = async (robots: string) => {
      site = await startPortalSite({ robots });
      let clock = 0;
      const at: number[] = [];
      const timer = { now: () => clock, sleep: async (ms: number) => void (clock += ms) };
      await collect([site.listUrl], { out: tempDir(), delayMs: 0, timer, onRequest: () => void at.push(clock) }, { err: () => {} });
      await site.close();
      site = null;
      return at.slice(1).map((t, i) => t - at[i]);
    };
    const spaced = await crawl('User-agent: *\nCrawl-delay: 0.15\n');
    expect(spaced.length).toBeGreaterThan(5);
    // Crawl-delay 0.15 s beats --delay 0: each request after robots.txt 150 ms after the one before.
    expect(spaced).toEqual(spaced.map(() => 150));
    // At --delay 0 alone, no pause at all.
    expect(new Set(await crawl('User-agent: *\nAllow: /\n'))).toEqual(new Set([0]));
  });

  it('--ignore-robots fetches what robots.txt disallows, without reading it', async () => {
    site = await startPortalSite({ robots: 'User-agent: *\nDisallow: /\n' });
    const out = tempDir();
    const res = await nianbao('collect', site.listUrl, '--out', out, '--delay', '0', '--ignore-robots');
    expect(site.requests.has('/robots.txt')).toBe(false);
    expect(site.requests.has(A2023)).toBe(true);
    expect((await readManifest(out)).filter((r) => r.status === 'ok')).toHaveLength(7);
    expect(res.err).not.toMatch(/robots\.txt/);
  });

  it('a site whose robots.txt answers 503 is not crawled: the list page is named as not read, with the reason', async () => {
    site = await startPortalSite({ robots: 503 });
    const out = tempDir();
    const res = await nianbao('collect', site.listUrl, '--out', out, '--delay', '0');
    expect(res.code).toBe(2);
    expect([...site.requests.keys()]).toEqual(['/robots.txt']); // asked three times (retries), nothing else
    expect(res.err).toMatch(/list page failed: .*robots\.txt 无法读取.*HTTP 503.*--ignore-robots/);
  });

  it('a report that redirects to another site is skipped before the other site is requested', async () => {
    site = await startPortalSite({
      // localhost is the same server under another host name: a request there would show in the log.
      redirects: (origin) => ({ [B2024]: `${origin.replace('127.0.0.1', 'localhost')}/elsewhere/b2024.html`, [A2024]: `${origin}/xxgk/ndbg/moved/a2024.html` }),
    });
    const out = tempDir();
    await nianbao('collect', site.listUrl, '--out', out, '--delay', '0');
    expect(site.log.filter((r) => r.host.startsWith('localhost'))).toEqual([]);
    expect(site.requests.has('/elsewhere/b2024.html')).toBe(false);
    const rows = await readManifest(out);
    const b = rows.find((r) => r.url.endsWith(B2024))!;
    expect(b).toMatchObject({ status: 'skipped', file: '' });
    expect(b.note).toMatch(/redirected to another site, not requested: http:\/\/localhost:\d+\/elsewhere\/b2024\.html/);
    // A redirect within the site is followed (to a page that is not there: 404, failed, named).
    expect(site.requests.get('/xxgk/ndbg/moved/a2024.html')).toBe(1);
    expect(rows.find((r) => r.url.endsWith(A2024))).toMatchObject({ status: 'failed' });
    expect(site.requests.get(LIST_PATH)).toBe(1);
  });

  it('a report refused by robots.txt is tried again by a later run (here with --ignore-robots), its attachment too', async () => {
    site = await startPortalSite({ robots: 'User-agent: *\nDisallow: /xxgk/ndbg/files/\n' });
    const out = tempDir();
    await nianbao('collect', site.listUrl, '--out', out, '--delay', '0');
    const pdf = site.reports.find((r) => r.attachment)!.attachment!.path;
    expect(site.requests.has(pdf)).toBe(false);
    const refused = (await readManifest(out)).find((r) => /attachment not fetched/.test(r.note))!;
    expect(refused).toMatchObject({ status: 'skipped', file: '' });
    site.resetCount();
    const again = await nianbao('collect', site.listUrl, '--out', out, '--delay', '0', '--ignore-robots');
    expect(site.requests.get(pdf)).toBe(1);
    expect(again.err).toMatch(/示例市示例局 2024 ✓ PDF 附件/);
  });

  it('a robots.txt that redirects to another host is followed; one longer than 500 KiB is read up to there, not refused', async () => {
    site = await startPortalSite({
      redirects: (origin) => ({ '/robots.txt': `${origin.replace('127.0.0.1', 'localhost')}/real/robots.txt` }),
      texts: { '/real/robots.txt': `User-agent: *\nDisallow: ${A2023}\n# ${'x'.repeat(600 * 1024)}\nDisallow: /\n` },
    });
    const out = tempDir();
    const res = await nianbao('collect', site.listUrl, '--out', out, '--delay', '0');
    expect(site.log.filter((r) => r.host.startsWith('localhost')).map((r) => r.path)).toEqual(['/real/robots.txt']);
    expect(site.requests.has(A2023)).toBe(false); // the rule before the cut applies
    expect(site.requests.has(A2024)).toBe(true); // "Disallow: /" after 500 KiB does not
    expect(res.err).not.toMatch(/robots\.txt 无法读取/);
  });
});
