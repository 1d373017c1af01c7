/**
 * Inputs that once exhausted time, memory or the call stack (issue 11, items 10 and 13): each is
 * parsed to a report with a diagnostic saying what was left out, within bounded memory (measured
 * with process.memoryUsage; no timing is asserted — the bench is where speed is measured).
 */
import { describe, expect, it } from 'vitest';
import { checkReport } from '../core/check/index';
import { parseHtml, MAX_TABLE_NESTING } from '../core/parse/html';
import { MAX_GRID_AREA } from '../core/parse/grid';
import { parseValue } from '../core/parse/normalize';
import { consistentValues, writeReportPage } from './support/page-writer';

const MB = 1024 * 1024;

/** Run `fn` and return its result with the growth of the heap and RSS it caused (in MB). */
function measured<T>(fn: () => T): { result: T; heapMb: number; rssMb: number } {
  globalThis.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const result = fn();
  const after = process.memoryUsage();
  peakRss = Math.max(peakRss, after.rss);
  peakHeap = Math.max(peakHeap, after.heapUsed);
  return { result, heapMb: (peakHeap - before.heapUsed) / MB, rssMb: (peakRss - before.rss) / MB };
}

const report = writeReportPage({ format: '2021', agency: '示例市示例局', year: 2024, values: consistentValues('2021', 7) });
const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(report)?.[1] ?? report;
const codes = (r: ReturnType<typeof parseHtml>) => r.diagnostics.map((d) => d.code);

describe('parser limits', () => {
  it('a span bomb (3,000 cells, rowspan=200 colspan=200) is cut to the grid budget, and says so', () => {
    const cells = Array.from({ length: 100 }, (_, i) => `<td rowspan="200" colspan="200">${i}</td>`).join('');
    const rows = Array.from({ length: 30 }, () => `<tr>${cells}</tr>`).join('\n');
    const page = `<html><body>${body}<table>${rows}</table></body></html>`;
    expect(page.length).toBeGreaterThan(100_000);
    const { result, heapMb } = measured(() => parseHtml(page));
    expect(heapMb).toBeLessThan(400);
    const d = result.diagnostics.find((x) => x.code === 'html.grid-too-large');
    expect(d?.message).toMatch(/rowspan\/colspan.*— .*cut to 1/);
    expect(d?.message).toContain(String(MAX_GRID_AREA));
    // The report before the bomb is still read in full.
    expect(checkReport(result).filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.t3.granted?.total?.value).not.toBeNull();
  });

  it('a table of 130,000 rows does not overflow the stack', () => {
    const rows = Array.from({ length: 130_000 }, (_, i) => `<tr><td>${i}</td></tr>`).join('');
    const { result, heapMb } = measured(() => parseHtml(`<html><body>${body}<table>${rows}</table></body></html>`));
    expect(heapMb).toBeLessThan(800);
    expect(result.meta.format).toBe('2021');
  });

  it(`a report inside ${MAX_TABLE_NESTING - 5} nested layout tables is read`, () => {
    const n = MAX_TABLE_NESTING - 5;
    const page = `<html><body>${'<table><tr><td>'.repeat(n)}${body}${'</td></tr></table>'.repeat(n)}</body></html>`;
    const r = parseHtml(page);
    expect(r.meta.format).toBe('2021');
    expect(codes(r)).not.toContain('html.tables-too-deep');
  });

  for (const n of [5_000, 50_000]) {
    it(`a report inside ${n.toLocaleString('en')} nested tables: no stack overflow, a message about the nesting`, () => {
      const page = `<html><body>${'<table><tr><td>'.repeat(n)}${body}${'</td></tr></table>'.repeat(n)}</body></html>`;
      const { result, heapMb } = measured(() => parseHtml(page));
      expect(heapMb).toBeLessThan(900);
      const d = result.diagnostics.find((x) => x.code === 'html.tables-too-deep');
      expect(d?.message).toMatch(/表格嵌套超过 \d+ 层.*— tables nested more than/);
      expect(codes(result)).toContain('html.no-tables');
    });
  }

  it('100,000 nested <div>s: read down to the depth limit, with a message', () => {
    const n = 100_000;
    const page = `<html><body><p>一、总体情况</p>${'<div>'.repeat(n)}深处的文字${'</div>'.repeat(n)}</body></html>`;
    const { result } = measured(() => parseHtml(page));
    expect(codes(result)).toContain('html.too-deep');
  });

  it('a number beyond the safe integer range is not a number (never Infinity)', () => {
    const huge = '9'.repeat(400);
    expect(parseValue(huge)).toEqual({ value: null, blank: false, notANumber: true });
    expect(parseValue(String(Number.MAX_SAFE_INTEGER + 2))).toMatchObject({ value: null, notANumber: true });
    expect(parseValue(String(Number.MAX_SAFE_INTEGER))).toMatchObject({ value: Number.MAX_SAFE_INTEGER });
    const values = { ...consistentValues('2021', 7), 't3.granted.commercial': huge };
    const r = parseHtml(writeReportPage({ format: '2021', agency: '示例市示例局', year: 2024, values }));
    expect(r.t3.granted?.commercial).toMatchObject({ value: null, blank: false });
    const issues = checkReport(r);
    expect(issues.map((i) => `${i.rule}|${i.row}|${i.column}`)).toContain('cell.not-a-number|granted|commercial');
    const text = JSON.stringify(issues);
    expect(text).not.toMatch(/Infinity|e\+\d/);
  });
});

describe('pages bounded by nodes and cells (issue 20, B)', () => {
  it('a page that is one table of 150,000 rows stops at the cell budget and says so', async () => {
    const { MAX_CELLS } = await import('../core/parse/dom');
    const rows = '<tr><td>1</td><td>2</td></tr>'.repeat(150_000);
    const { result, heapMb } = measured(() => parseHtml(`<html><body>${body}<table>${rows}</table></body></html>`));
    expect(heapMb).toBeLessThan(600);
    const d = result.diagnostics.find((x) => x.code === 'html.too-many-cells');
    expect(d?.message).toContain(String(MAX_CELLS));
    // The report before the big table is read in full.
    expect(result.meta.format).toBe('2021');
    expect(result.t3.granted?.total?.value).not.toBeNull();
  });

  it('a page of more nodes than the parser keeps is cut there, and says so', async () => {
    const { MAX_PARSE_NODES } = await import('../core/parse/html');
    const page = `<html><body>${body}${'<i>x</i>'.repeat(MAX_PARSE_NODES / 2 + 10)}</body></html>`;
    const result = parseHtml(page);
    expect(result.diagnostics.find((x) => x.code === 'html.too-many-nodes')?.message).toMatch(/超过 \d+ 个节点.*— the page has more than/);
    expect(result.meta.format).toBe('2021');
  });
});
