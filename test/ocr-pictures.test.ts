/**
 * A saved report page whose tables are pictures (test/fixtures/pictures/, made by
 * scripts/gen-picture-fixtures.ts): the CLI reads the pictures beside it by OCR with every network
 * door shut, and finds the office's own error in them. The full read takes about half a minute of
 * OCR: it runs with NIANBAO_SLOW_TESTS=1; which pictures are read is checked always.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localPictures } from '../core/node/pictures';
import { pictureAddresses } from '../core/ocr/pictures';
import type { Cell, Report } from '../core/model/schema';

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
    const dir = mkdtempSync(join(tmpdir(), 'ocr-pictures-'));
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
