/** nianbao check / nianbao rules: output, JSON shape and exit codes. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLES_DIR } from '../scripts/gen-samples';
import { describe, expect, it } from 'vitest';
import { main } from '../core/cli/main';
import type { CliIo } from '../core/cli/io';
import { RULES } from '../core/rules/index';
import { CORPUS_DIR, hasCorpus } from './support/corpus';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t) };
  const code = await main(argv, io);
  return { code, out, err };
}

const corpus = (name: string) => join(CORPUS_DIR, name);

describe('nianbao rules', () => {
  it('lists every rule with id, severity and title', async () => {
    const { code, out } = await cli('rules');
    expect(code).toBe(0);
    const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const r of RULES) expect(out).toMatch(new RegExp(`^${esc(r.id)}\\s+${r.severity}\\s+${esc(r.title.zh)}`, 'm'));
  });
  it('--format json', async () => {
    const { code, out } = await cli('rules', '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(out).map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
  });
});

describe('nianbao check: what the reader could not read', () => {
  it('prints the reading notes under the report’s head line, at most six, and says where the rest are', async () => {
    // Our own pdftotext text of a table 3 printing only some cells, partly misread (test/fixtures/sparse).
    const { code, out } = await cli('check', join(import.meta.dirname, 'fixtures', 'sparse', 'misread-2021.txt'));
    expect(code).toBe(0); // unsure readings are warnings, never errors
    const lines = out.split('\n');
    expect(lines[2]).toMatch(/^ {2}读取说明 reading note {2}text\.t3-partial-row: 第 .* 行只印出部分单元格/);
    expect(lines.filter((l) => l.startsWith('  读取说明 reading note')).length).toBeLessThanOrEqual(6);
    expect(out).toMatch(/行未能完整读出（.*）：本文件的版式使部分单元格无法确定（见读取说明）/);
  });
});

describe.skipIf(!hasCorpus)('nianbao check', () => {
  it('exit 1 and a readable report when a report has an error (03-hongze-district-2023)', async () => {
    const { code, out, err } = await cli('check', corpus('03-hongze-district-2023.txt'));
    expect(err).toBe('');
    expect(code).toBe(1);
    expect(out).toContain('洪泽区人民政府 · 2023 年度 · 格式 hybrid');
    expect(out).toMatch(/错误 error\s+t4\.total\s+t4 review · total/);
    expect(out).toContain('「行政复议」：总计 = 0，维持 + 纠正 + 其他 + 尚未审结 = 10 + 1 + 0 + 0 = 11，相差 11');
    expect(out).toMatch(/共检查 1 份报告：2 个错误，1 个警告，1 条提示 — 2 errors, 1 warning, 1 info\n$/);
  });

  it('exit 0 when only warnings are found; --previous feeds the cross-year rules', async () => {
    const { code, out } = await cli('check', corpus('05-pingtan-2024.html'), '--previous', corpus('07-pingtan-2023.html'));
    expect(code).toBe(0);
    expect(out).toContain('cross-year.in-force');
    expect(out).toContain('上年报告 previous:');
  });

  it('--format json: one array of issues with their source', async () => {
    const { code, out } = await cli('check', corpus('03-hongze-district-2023.txt'), corpus('04-hongze-district-2024.txt'), '--previous', corpus('03-hongze-district-2023.txt'), '--format', 'json');
    expect(code).toBe(1);
    const issues = JSON.parse(out);
    expect(Array.isArray(issues)).toBe(true);
    for (const i of issues) {
      expect(Object.keys(i)).toEqual(['source', 'rule', 'severity', 'table', 'row', 'column', 'cells', 'expected', 'expectedFrom', 'actual', 'message', 'suspects', 'candidates']);
    }
    expect(issues.filter((i: { rule: string }) => i.rule === 't4.total').map((i: { source: string; row: string }) => [i.source, i.row])).toEqual([
      [corpus('03-hongze-district-2023.txt'), 'review'],
      [corpus('03-hongze-district-2023.txt'), 'litigation_after_review'],
    ]);
    expect(issues.some((i: { source: string; rule: string }) => i.source === corpus('04-hongze-district-2024.txt') && i.rule === 'narrative.table-mismatch')).toBe(true);
  });

  it('exit 2 when an input cannot be read; the others are still checked', async () => {
    const { code, out, err } = await cli('check', '/no/such/report.html', corpus('03-hongze-district-2023.txt'));
    expect(code).toBe(2);
    expect(err).toMatch(/^nianbao: \/no\/such\/report\.html: 文件不存在/);
    expect(out).toContain('t4.total');
    expect(out).toContain('另有 1 份无法读取');
  });

  it('a directory with files that are no report: every count in the summary is what happened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-counts-'));
    try {
      writeFileSync(join(dir, 'a.html'), readFileSync(join(SAMPLES_DIR, 'demo-2024.html')));
      writeFileSync(join(dir, 'b.html'), readFileSync(join(SAMPLES_DIR, 'not-a-report.html')));
      writeFileSync(join(dir, 'notes.csv'), 'a,b\n');
      writeFileSync(join(dir, 'picture.png'), 'PNG');
      writeFileSync(join(dir, 'empty.txt'), '');
      const { out } = await cli('check', dir, '/no/such/report.html');
      const line = out.trim().split('\n').at(-1)!;
      expect(line).toMatch(/^共检查 1 份报告（另有 1 份无法读取）（跳过 \d+ 个不是报告的文件）/);
      for (const n of line.matchAll(/-?\d+/g)) expect(Number(n[0])).toBeGreaterThanOrEqual(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(hasCorpus)('the whole corpus directory: no negative or impossible count', async () => {
    const { out, err } = await cli('check', CORPUS_DIR);
    const line = out.trim().split('\n').at(-1)!;
    const m = /^共检查 (\d+) 份报告(?:（另有 (\d+) 份无法读取）)?(?:（跳过 (\d+) 个不是报告的文件）)?/.exec(line)!;
    expect(m).not.toBeNull();
    const [read, failed = 0, skipped = 0] = [m[1], m[2], m[3]].map((x) => (x === undefined ? undefined : Number(x))) as number[];
    expect(read).toBe((out.match(/^\S.*\n {2}\S/gm) ?? []).length);
    expect(failed).toBe((err.match(/^nianbao: /gm) ?? []).length);
    expect(skipped).toBe((err.match(/^ {2}\S/gm) ?? []).length);
    expect(line).not.toMatch(/-\d/);
  }, 120_000); // the whole corpus, PDF texts included: slow on a busy machine

  it('--disable skips a rule; an unknown rule id is a usage error', async () => {
    const { code, out } = await cli('check', corpus('03-hongze-district-2023.txt'), '--disable', 't4.total');
    expect(code).toBe(0);
    expect(out).not.toContain('t4.total');
    expect((await cli('check', corpus('03-hongze-district-2023.txt'), '--disable', 'no.such-rule')).code).toBe(64);
  });

  it('usage errors exit 64', async () => {
    expect((await cli('check')).code).toBe(64);
    expect((await cli('check', corpus('03-hongze-district-2023.txt'), '--format', 'xml')).code).toBe(64);
  });
});
