/**
 * The CLI on Word files, as a user runs it: `check` and `export` read .docx and .doc named on the
 * command line or found in a directory walk; a zip bomb, a broken .docx, a .doc that is no Word
 * file and an encrypted .docx each end with exit 2 and their one bilingual line, no stack trace.
 * `collect` saves a report published as a .doc and a table-less page's .docx attachment, and
 * `export` of that folder reads both.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { WORD_FIXTURES } from '../scripts/gen-word-fixtures';

const BIN = join(import.meta.dirname, '..', 'bin', 'nianbao.mjs');
const nianbao = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
const dir = mkdtempSync(join(tmpdir(), 'nianbao-word-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nianbao on Word files', () => {
  it('check: the .docx with its planted errors exits 1 and names them; the consistent .doc exits 0', () => {
    const docx = nianbao('check', join(WORD_FIXTURES, 'report-2024.docx'));
    expect(docx.status).toBe(1);
    expect(docx.stdout).toContain('t3.outcome-total');
    const doc = nianbao('check', join(WORD_FIXTURES, 'report-2020-old-format.doc'));
    expect(doc.stderr).toBe('');
    expect(doc.status).toBe(0);
  });

  it('export of a directory reads the .docx and the .doc and lists what it passed over', () => {
    const walk = join(dir, 'walk');
    rmSync(walk, { recursive: true, force: true });
    spawnSync('mkdir', ['-p', walk]);
    copyFileSync(join(WORD_FIXTURES, 'report-2024.docx'), join(walk, 'a.docx'));
    copyFileSync(join(WORD_FIXTURES, 'report-2020-old-format.doc'), join(walk, 'b.doc'));
    writeFileSync(join(walk, 'c.xlsx'), zipSync({ 'xl/workbook.xml': new Uint8Array(10) }));
    const res = nianbao('export', walk, '--format', 'csv');
    expect(res.status).toBe(0);
    const rows = Papa.parse<string[]>(res.stdout, { skipEmptyLines: true }).data.slice(1);
    const sources = new Set(rows.map((r) => r[0].split('/').pop()));
    expect([...sources].sort()).toEqual(['a.docx', 'b.doc']);
    expect(rows.find((r) => r[0].endsWith('a.docx') && r[4] === 't2' && r[5] === 'regulations' && r[6] === 'issued')?.[7]).toBe('185');
    expect(res.stderr).toMatch(/c\.xlsx: 不是网页、文本、PDF 或 Word 文件/);
  });

  it('a zip bomb, a broken .docx, a .doc that is no Word file and an encrypted .docx: exit 2, one line each', () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(1 << 20) });
    const view = new DataView(bomb.buffer);
    for (let at = 0; at + 4 <= bomb.length; at++) {
      if (view.getUint32(at, true) === 0x04034b50) view.setUint32(at + 22, 40 << 20, true);
      if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 40 << 20, true);
    }
    writeFileSync(join(dir, 'bomb.docx'), bomb);
    writeFileSync(join(dir, 'broken.docx'), readFileSync(join(WORD_FIXTURES, 'report-2024.docx')).subarray(0, 4000));
    writeFileSync(join(dir, 'fake.doc'), Buffer.from([0x00, 0x01, 0x02, 0x03, 0x41, 0x42]));
    const lines: Record<string, RegExp> = {
      'bomb.docx': /bomb\.docx: Word 文档超出上限（压缩包条目过多或解压后过大，可能是压缩炸弹；[^）]*），未读取 — the Word document exceeds the limits/,
      'broken.docx': /broken\.docx: Word 文档已损坏或不完整，无法读取 — the Word document is broken or incomplete/,
      'fake.doc': /fake\.doc: 不是 Word 文档.* — not a Word document/,
      'encrypted.docx': /encrypted\.docx: Word 文档已加密（需要密码），无法读取 — the Word document is encrypted/,
    };
    const paths = Object.keys(lines).map((name) => (name === 'encrypted.docx' ? join(WORD_FIXTURES, name) : join(dir, name)));
    const res = nianbao('check', ...paths);
    expect(res.status).toBe(2);
    const errLines = res.stderr.split('\n');
    for (const [name, line] of Object.entries(lines)) expect(errLines.filter((l) => line.test(l)), name).toHaveLength(1);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('nianbao collect with Word reports', () => {
  it('a .doc linked from the list and a .docx attached to a table-less page are saved and read', async () => {
    const doc = readFileSync(join(WORD_FIXTURES, 'report-2020-old-format.doc'));
    const docx = readFileSync(join(WORD_FIXTURES, 'report-2024.docx'));
    const pages: Record<string, { type: string; body: string | Buffer }> = {
      '/robots.txt': { type: 'text/plain', body: 'User-agent: *\nAllow: /\n' },
      '/ndbg/index.html': {
        type: 'text/html; charset=utf-8',
        body: `<!doctype html><html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body><ul>
<li><a href="/ndbg/2024.html">示例市示例局2024年政府信息公开工作年度报告</a></li>
<li><a href="/ndbg/files/2020nb.doc">示例市示例局2020年政府信息公开工作年度报告</a></li></ul></body></html>`,
      },
      '/ndbg/2024.html': {
        type: 'text/html; charset=utf-8',
        body: `<!doctype html><html><head><meta charset="utf-8"><title>示例市示例局2024年政府信息公开工作年度报告</title></head><body>
<h1>示例市示例局2024年政府信息公开工作年度报告</h1><p>附件：<a href="/ndbg/files/fj1.docx">附件1</a></p></body></html>`,
      },
      '/ndbg/files/2020nb.doc': { type: 'application/msword', body: doc },
      '/ndbg/files/fj1.docx': { type: 'application/octet-stream', body: docx },
    };
    const server = createServer((req, res) => {
      const page = pages[new URL(req.url ?? '/', 'http://x').pathname];
      if (!page) return void res.writeHead(404).end('not found');
      res.writeHead(200, { 'content-type': page.type }).end(page.body);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    const out = join(dir, 'collected');
    try {
      const list = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ndbg/index.html`;
      // Asynchronously: the server above answers in this process.
      const code = await new Promise<number | null>((ok) => spawn(process.execPath, [BIN, 'collect', list, '--out', out, '--delay', '0'], { stdio: 'ignore' }).on('exit', ok));
      expect(code).toBe(0);
      const manifest = Papa.parse<Record<string, string>>(readFileSync(join(out, 'manifest.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
      expect(manifest.find((r) => r.url.endsWith('2020nb.doc'))).toMatchObject({ status: 'ok', note: 'Word' });
      expect(manifest.find((r) => r.url.endsWith('fj1.docx'))).toMatchObject({ status: 'ok' });
      expect(manifest.find((r) => r.url.endsWith('fj1.docx'))?.note).toMatch(/^Word 附件/);
      const res = nianbao('export', out, '--format', 'csv', '--quiet');
      expect(res.status).toBe(0);
      const rows = Papa.parse<string[]>(res.stdout, { skipEmptyLines: true }).data.slice(1);
      expect(new Set(rows.map((r) => r[0].split('.').pop()))).toEqual(new Set(['doc', 'docx']));
      expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(['2020', '2024']));
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  }, 60_000);
});
