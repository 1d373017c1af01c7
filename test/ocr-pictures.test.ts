/**
 * A saved report page whose tables are pictures (test/fixtures/pictures/, made by
 * scripts/gen-picture-fixtures.ts): the CLI reads the pictures beside it by OCR with every network
 * door shut, and finds the office's own error in them. The full read takes about half a minute of
 * OCR: it runs with NIANBAO_SLOW_TESTS=1; which pictures are read is checked always.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localPictures } from '../core/node/pictures';
import { pictureAddresses } from '../core/ocr/pictures';
import { pictureSize } from '../core/ocr/picture-size';
import type { Cell, Report } from '../core/model/schema';
import { bombPng } from './support/bomb-png';
import { testDir } from './support/test-dir';

const BIN = join(import.meta.dirname, '..', 'bin', 'nianbao.mjs');
const DIR = join(import.meta.dirname, 'fixtures', 'pictures');
const SLOW = process.env.NIANBAO_SLOW_TESTS === '1';

describe('a report page whose tables are pictures', () => {
  it('reads only the pictures beside the page: no address on the network, no data: picture, each once', () => {
    const html = '<p><img src="t1.png"><img src="https://x.gov.cn/t2.png"><img src="//cdn.example/t3.png"><img src="data:image/png;base64,AAAA"><img src="sub/t%E8%A1%A8.png?v=2"><img src="t1.png"></p>';
    expect(localPictures(html, '/r/page.html')).toEqual(['/r/t1.png', '/r/sub/t表.png']);
  });

  it("an online page's pictures resolve against its address, on its own scheme only (what an extension page would fetch)", () => {
    const html = '<img src="/img/t1.png"><img src="t2.jpg#x"><img src="data:image/png;base64,AAAA"><img src="file:///etc/t.png"><img src="/img/t1.png">';
    expect(pictureAddresses(html, 'https://www.example.gov.cn/xxgk/ndbg/2023.html')).toEqual(['https://www.example.gov.cn/img/t1.png', 'https://www.example.gov.cn/xxgk/ndbg/t2.jpg']);
  });

  it('--no-ocr names such a page as before: an annual report whose tables are not text', { timeout: 60_000 }, () => {
    const res = spawnSync(process.execPath, [BIN, 'check', '--no-ocr', join(DIR, 'page.html')], { encoding: 'utf8' });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('表格可能是图片');
  });

  it.runIf(SLOW)('reads the pictures by OCR with no network request: every cell exact, the office\'s error an error', { timeout: 600_000 }, () => {
    const dir = testDir('ocr-pictures-');
    const log = join(dir, 'network.log');
    const env = { ...process.env, NODE_OPTIONS: `--require ${join(import.meta.dirname, 'support', 'no-network.cjs')}`, NIANBAO_NETWORK_LOG: log };
    const res = spawnSync(process.execPath, [BIN, 'export', join(DIR, 'page.html'), '--format', 'json'], { encoding: 'utf8', env, maxBuffer: 64 << 20 });
    expect(res.stderr).not.toMatch(/\n\s+at /);
    const lines = readFileSync(log, 'utf8').split('\n');
    expect(lines).toContain('loaded worker');
    expect(lines.filter((l) => l.startsWith('network'))).toEqual([]);
    const { report, issues } = (JSON.parse(res.stdout) as { reports: { report: Report; issues: { severity: string; cells: { table: string; row: string; column: string }[] }[] }[] }).reports[0];
    expect(report.meta.agency).toBe('示例县图片局');
    expect(report.diagnostics.some((d) => d.code === 'pdf.ocr')).toBe(true);
    const expected = JSON.parse(readFileSync(join(DIR, 'page.expected.json'), 'utf8')).cells as Record<string, string>;
    const at = (key: string) => {
      const [t, ...rest] = key.split('.');
      const column = rest.pop()!;
      return (report[t as 't2'] as Record<string, Record<string, Cell>>)[rest.join('.')]?.[column];
    };
    expect(Object.entries(expected).filter(([k, v]) => String(at(k)?.value ?? '') !== v)).toEqual([]);
    const errors = issues.filter((i) => i.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((i) => i.cells.some((c) => c.table === 't3' && c.row === 'granted'))).toBe(true);
  });
});

/** A picture file given on its own (a scanned page, a photo or screenshot of the tables): PNG and JPEG are read by OCR as a one-page scan. */
describe('a picture file on its own', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const tmp = () => testDir('ocr-picture-');

  it('reads the size of a PNG and a JPEG from their headers, before anything is decoded', () => {
    expect(pictureSize(readFileSync(join(DIR, 'table-1.png')))).toMatchObject({ width: expect.any(Number), height: expect.any(Number) });
    const png = bombPng(100_000, 90_000);
    expect(pictureSize(png)).toEqual({ width: 100_000, height: 90_000 });
    // cut before its first IDAT, a PNG has no size: the decoder would crash on it
    expect(pictureSize(png.subarray(0, 40))).toBeNull();
    // SOI, an APP0 of 16 bytes, a fill byte, SOF2 (progressive: height 1200, width 1700), then the start of scan and a byte of it
    const jpeg = Buffer.from('ffd8' + 'ffe00010' + '4a46494600010100000100010000' + 'ff' + 'ffc20011080' + '4b006a4' + '03012200021101031101' + 'ffda000c03010002110311003f00' + 'aa', 'hex');
    expect(pictureSize(jpeg)).toEqual({ width: 1700, height: 1200 });
    expect(pictureSize(jpeg.subarray(0, jpeg.length - 1))).toBeNull();
    expect(pictureSize(Buffer.from('ffd8ffd9', 'hex'))).toBeNull();
    expect(pictureSize(Buffer.from('GIF89a'))).toBeNull();
  });

  it('a PNG or JPEG cut anywhere in its header is refused before the decoder sees it (which crashed the process on one): every cut, one process, exit 0', { timeout: 60_000 }, () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'support', 'decode-cuts.ts')], { encoding: 'utf8' });
    expect(res.status, res.stderr).toBe(0);
    const { decoded, refused } = JSON.parse(res.stdout) as { decoded: number; refused: number };
    expect(refused).toBeGreaterThan(500);
    expect(decoded).toBeGreaterThan(10);
  });

  it('--no-ocr names a PNG as a picture not read; a GIF is named whatever the option; a PNG declaring 9 billion pixels is refused before it is decoded', { timeout: 60_000 }, () => {
    const dir = tmp();
    const off = run('check', '--no-ocr', join(DIR, 'table-1.png'));
    expect(off.status).toBe(2);
    expect(off.stderr).toContain('图片文件（PNG）：OCR 已关闭（--no-ocr），未识读');
    writeFileSync(join(dir, 'scan.gif'), Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64)]));
    const gif = run('check', join(dir, 'scan.gif'));
    expect(gif.status).toBe(2);
    expect(gif.stderr).toContain('图片文件（GIF），暂不能识读：扫描件或表格图片请存为 PNG、JPEG 或 PDF 后读取');
    const bomb = bombPng(100_000, 90_000);
    writeFileSync(join(dir, 'bomb.png'), bomb);
    const big = run('check', join(dir, 'bomb.png'));
    expect(big.status).toBe(2);
    expect(big.stderr).toContain('图片 100000×90000 像素，过小或过大，未识读');
    for (const r of [off, gif, big]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a PNG whose header is whole and whose pixels are noise: OCR found no table, said as such (not the PDF reader\'s 扫描件 line)', { timeout: 120_000 }, () => {
    const noise = Buffer.from(readFileSync(join(DIR, 'table-1.png')));
    for (let i = 200; i < noise.length; i++) noise[i] = (i * 7919) & 255;
    const file = join(testDir('ocr-picture-'), 'noise.png');
    writeFileSync(file, noise);
    const res = run('check', file);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('图片文件（PNG）；OCR 未能读出数据表 — OCR found no data table');
    expect(res.stderr).not.toMatch(/扫描件|PDF|\n\s+at /);
  });

  it.runIf(SLOW)('a PNG of table 2 is read by OCR with no network request: its cells exact; tables 3 and 4, not in it, said not read', { timeout: 600_000 }, () => {
    const dir = tmp();
    const log = join(dir, 'network.log');
    const env = { ...process.env, NODE_OPTIONS: `--require ${join(import.meta.dirname, 'support', 'no-network.cjs')}`, NIANBAO_NETWORK_LOG: log };
    const res = spawnSync(process.execPath, [BIN, 'export', join(DIR, 'table-1.png'), '--format', 'json'], { encoding: 'utf8', env, maxBuffer: 64 << 20 });
    expect(res.stderr).not.toMatch(/\n\s+at |Total count|Bottom=/);
    expect(readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('network'))).toEqual([]);
    const { report } = (JSON.parse(res.stdout) as { reports: { report: Report }[] }).reports[0];
    expect(report.diagnostics.find((d) => d.code === 'pdf.ocr')?.message).toContain('图片（PNG）');
    const expected = Object.entries(JSON.parse(readFileSync(join(DIR, 'page.expected.json'), 'utf8')).cells as Record<string, string>).filter(([k]) => k.startsWith('t2.'));
    expect(expected.length).toBeGreaterThanOrEqual(10);
    const at = (key: string) => {
      const [, ...rest] = key.split('.');
      const column = rest.pop()!;
      return (report.t2 as Record<string, Record<string, Cell>>)[rest.join('.')]?.[column];
    };
    expect(expected.filter(([k, v]) => String(at(k)?.value ?? '') !== v)).toEqual([]);
    expect(Object.keys(report.t3)).toEqual([]);
    expect(report.diagnostics.map((d) => d.code)).toContain('table.missing-cells');
  });
});
