/**
 * fetchCapped, the download every command (and the portal crawler) uses: decompressed bytes
 * counted against the cap, redirects followed by hand (http(s) only, at most 5), one time limit,
 * a User-Agent naming the tool, every failure a DownloadError "could not download (…)".
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadError, fetchCapped, MAX_REDIRECTS } from '../core/node/fetch';

const VERSION = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;

let server: Server;
let base: string;
let lastAgent = '';
const hanging = new Set<ServerResponse>();

beforeAll(async () => {
  server = createServer((req, res) => {
    lastAgent = String(req.headers['user-agent'] ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    const hop = Number(url.searchParams.get('hop') ?? 0);
    if (url.pathname === '/page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=GBK' });
      res.end('<html>页</html>');
    } else if (url.pathname === '/gzip') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
      res.end(gzipSync(Buffer.from('x'.repeat(5000))));
    } else if (url.pathname === '/chain') {
      res.writeHead(302, { location: hop < Number(url.searchParams.get('to')) ? `/chain?hop=${hop + 1}&to=${url.searchParams.get('to')}` : '/page' });
      res.end();
    } else if (url.pathname === '/ftp') {
      res.writeHead(301, { location: 'ftp://127.0.0.1/x' });
      res.end();
    } else if (url.pathname === '/big') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(200 * 1024 * 1024) });
      res.write('a'); // the declared length alone is enough to refuse
    } else if (url.pathname === '/hang') {
      hanging.add(res);
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html>');
    } else {
      res.writeHead(503);
      res.end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const r of hanging) r.destroy();
  server.closeAllConnections();
  await new Promise<void>((ok) => server.close(() => ok()));
});

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err as DownloadError;
  }
  throw new Error('expected a DownloadError');
};

describe('fetchCapped', () => {
  it('returns bytes, content type, final URL and status; names the tool and version', async () => {
    const got = await fetchCapped(`${base}/chain?to=2`);
    expect(got.status).toBe(200);
    expect(got.finalUrl).toBe(`${base}/page`);
    expect(got.contentType).toBe('text/html; charset=gbk');
    expect(Buffer.from(got.bytes).toString('utf8')).toBe('<html>页</html>');
    expect(lastAgent).toMatch(new RegExp(`^nianbao-lens/${VERSION.replace(/\./g, '\\.')}`));
  });

  it('decompresses gzip; the cap counts decompressed bytes', async () => {
    expect((await fetchCapped(`${base}/gzip`)).bytes.length).toBe(5000);
    const err = await failure(fetchCapped(`${base}/gzip`, { maxBytes: 4000 }));
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.reason).toMatch(/^无法下载 — could not download \(larger than \d+ KB\)$/);
  });

  it(`follows at most ${MAX_REDIRECTS} redirects, only to http(s)`, async () => {
    expect((await fetchCapped(`${base}/chain?to=${MAX_REDIRECTS - 1}`)).status).toBe(200);
    expect((await failure(fetchCapped(`${base}/chain?to=${MAX_REDIRECTS + 1}`))).reason).toContain(`more than ${MAX_REDIRECTS} redirects`);
    expect((await failure(fetchCapped(`${base}/ftp`))).reason).toContain('redirect to ftp: refused');
    expect((await failure(fetchCapped('file:///etc/passwd'))).reason).toContain('not http(s)');
  });

  it('HTTP errors, a declared length over the cap, a time limit, a refused connection: could not download', async () => {
    const http = await failure(fetchCapped(`${base}/missing`));
    expect(http.reason).toBe('无法下载 — could not download (HTTP 503)');
    expect(http.status).toBe(503);
    expect(http.kind).toBe('download');
    expect((await failure(fetchCapped(`${base}/big`))).reason).toContain('larger than 50 MB');
    expect((await failure(fetchCapped(`${base}/hang`, { timeoutMs: 300 }))).reason).toContain('timed out');
    expect((await failure(fetchCapped('http://127.0.0.1:1/'))).reason).toMatch(/^无法下载 — could not download \(/);
  });

  it('an abort signal of the caller stops it', async () => {
    const ctl = new AbortController();
    const p = failure(fetchCapped(`${base}/hang`, { signal: ctl.signal }));
    setTimeout(() => ctl.abort(), 100);
    expect((await p).reason).toContain('could not download');
  });
});
