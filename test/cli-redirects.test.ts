/**
 * Issue 20, E (CLI): every hop is checked before it is requested. A redirect (or a link found in a
 * page) may not lead from a public address to a private one; the address the user typed is theirs.
 * The test's servers both listen on loopback, so 127.0.0.1 is declared public for the test (the
 * hook the address module gives tests) and 127.0.0.2 stays what it is, private.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readManifest } from '../core/cli/collect';
import { main } from '../core/cli/main';
import { addressKind, addressTestHooks } from '../core/node/address';
import { consistentValues, writeReportPage } from './support/page-writer';

async function nianbao(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
}

const report = writeReportPage({ format: '2021', agency: '示例市示例局', year: 2024, values: consistentValues('2021', 3) });
let publicServer: Server;
let privateServer: Server;
let pub: string;
let priv: string;
const privateHits: string[] = [];
let robotsTo = '';

function listen(server: Server, host: string): Promise<string> {
  return new Promise((ok) => server.listen(0, host, () => ok(`http://${host}:${(server.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  addressTestHooks.publicAddresses.add('127.0.0.1');
  privateServer = createServer((req, res) => {
    privateHits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(report);
  });
  priv = await listen(privateServer, '127.0.0.2');
  publicServer = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/robots.txt') return robotsTo ? res.writeHead(302, { location: robotsTo }).end() : res.writeHead(404).end();
    if (path === '/to-private') return res.writeHead(302, { location: `${priv}/secret` }).end();
    if (path === '/to-rebind') return res.writeHead(302, { location: `http://rebind.example:${new URL(priv).port}/secret` }).end();
    if (path === '/to-metadata') return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    if (path === '/to-file') return res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    if (path === '/list.html') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<ul><li><a href="/to-private">示例局2024年政府信息公开工作年度报告</a></li><li><a href="/r.html">示例局2023年政府信息公开工作年度报告</a></li></ul>`);
    if (path === '/r.html') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(report);
    res.writeHead(404).end();
  });
  pub = await listen(publicServer, '127.0.0.1');
});

afterAll(async () => {
  addressTestHooks.publicAddresses.delete('127.0.0.1');
  await Promise.all([publicServer, privateServer].map((s) => new Promise<void>((ok) => s.close(() => ok()))));
});

beforeEach(() => {
  privateHits.length = 0;
  robotsTo = '';
});

describe('address kinds', () => {
  it('loopback, private, link-local, metadata, CGNAT and unique-local are private; others public', () => {
    for (const ip of ['127.0.0.2', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1']) expect(addressKind(ip), ip).toBe('private');
    for (const ip of ['8.8.8.8', '202.96.128.86', '172.32.0.1', '2400:da00::6666']) expect(addressKind(ip), ip).toBe('public');
  });
});

describe('check <url> follows no redirect from a public address to a private one', () => {
  it('a 302 to 127.0.0.2 is refused before it is requested: one line, exit 2', async () => {
    const r = await nianbao('check', `${pub}/to-private`);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')[0]).toMatch(/从公网地址转到内网地址，未请求 — from a public address to a private one \(127\.0\.0\.2:\d+\), not requested/);
    expect(privateHits).toEqual([]);
  });
  it('DNS rebinding: a name that is public when checked and private when connected is refused at connect time', async () => {
    let asked = 0;
    addressTestHooks.resolve = (host) => (host === 'rebind.example' ? [{ address: asked++ === 0 ? '127.0.0.1' : '127.0.0.2', family: 4 }] : []);
    try {
      const r = await nianbao('check', `${pub}/to-rebind`);
      expect(asked, 'checked once, then asked again by the connection').toBeGreaterThanOrEqual(2);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')[0]).toMatch(/from a public address to a private one \(rebind\.example:\d+\), not requested/);
      expect(privateHits).toEqual([]);
    } finally {
      addressTestHooks.resolve = null;
    }
  });
  it('a name that stays public is followed (the same resolver, the same server, here counted as public)', async () => {
    addressTestHooks.resolve = (host) => (host === 'rebind.example' ? [{ address: '127.0.0.2', family: 4 }] : []);
    addressTestHooks.publicAddresses.add('127.0.0.2');
    try {
      const r = await nianbao('check', `${pub}/to-rebind`);
      expect(r.err).not.toMatch(/private/);
      expect(privateHits).toEqual(['/secret']);
    } finally {
      addressTestHooks.resolve = null;
      addressTestHooks.publicAddresses.delete('127.0.0.2');
    }
  });
  it('a 302 to the metadata address and one to file: are refused', async () => {
    expect((await nianbao('check', `${pub}/to-metadata`)).err).toMatch(/from a public address to a private one \(169\.254\.169\.254\)/);
    expect((await nianbao('check', `${pub}/to-file`)).err).toMatch(/redirect to file: refused/);
  });
  it('a private address the user typed is the user’s to choose', async () => {
    const r = await nianbao('check', `${priv}/report.html`);
    expect(r.code, r.err).not.toBe(2);
    expect(privateHits).toEqual(['/report.html']);
  });
});

describe('collect', () => {
  it('a report link that redirects to a private address is skipped with the reason, never requested; the others fetched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-redirect-'));
    try {
      const r = await nianbao('collect', `${pub}/list.html`, '--out', dir, '--delay', '0');
      const rows = await readManifest(dir);
      expect(rows.find((x) => x.url === `${pub}/to-private`)).toMatchObject({ status: 'skipped', file: '', note: expect.stringMatching(/from a public address to a private one/) });
      expect(rows.find((x) => x.url === `${pub}/r.html`)).toMatchObject({ status: 'ok' });
      expect(privateHits).toEqual([]);
      expect(r.err).toMatch(/转到内网地址 — to a private address/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('a robots.txt that redirects to a private address is not followed: the site is not crawled', async () => {
    robotsTo = `${priv}/robots.txt`;
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-redirect-'));
    try {
      const r = await nianbao('collect', `${pub}/list.html`, '--out', dir, '--delay', '0');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/robots\.txt could not be read \(.*from a public address to a private one/);
      expect(privateHits).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
