/**
 * The official PDFs of the corpus (../shared/corpus/pdf) read by pdf.js through parsePdfFile: each
 * gives exactly its gold key (table,row,column,value), every cell with a `pdf` source on a page,
 * and through the rules exactly the findings of pdf/findings.json (every `must` at its cell, no
 * error it does not list).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Issue, Report } from '../core/model/schema';
import { parsePdfFile } from '../core/node/pdf';
import { checkReport } from '../core/check/index';
import { CORPUS_DIR, findings, hasCorpus, type FindingSpec } from './support/corpus';

const PDF_DIR = join(CORPUS_DIR, 'pdf');
const specs = findings('pdf');
const names = Object.keys(specs).sort();
const norm = (v: string) => (v === '' ? '' : String(Number(v)));

const cache = new Map<string, Promise<Report>>();
const read = (name: string) => {
  if (!cache.has(name)) cache.set(name, parsePdfFile(new Uint8Array(readFileSync(join(PDF_DIR, name))), name));
  return cache.get(name)!;
};

function gold(name: string): string[] {
  return readFileSync(join(PDF_DIR, name.replace(/\.pdf$/, '.gold.csv')), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [table, row, column, value = ''] = line.split(',');
      return `${table},${row},${column},${norm(value)}`;
    });
}

function cellsOf(report: Report): string[] {
  const out: string[] = [];
  for (const table of ['t2', 't3', 't4'] as const) {
    for (const [row, cols] of Object.entries(report[table])) {
      for (const [column, cell] of Object.entries(cols ?? {})) out.push(`${table},${row},${column},${cell?.value == null ? '' : String(cell.value)}`);
    }
  }
  return out;
}

const matches = (i: Issue, s: FindingSpec) =>
  s.rules.includes(i.rule) && (s.table === undefined || i.table === s.table) && (s.row === undefined || i.row === s.row) && (s.column === undefined || i.column === s.column);
const describeIssue = (i: Issue) => `${i.severity} ${i.rule} @ ${i.table ?? '-'}/${i.row ?? '-'}/${i.column ?? '-'}`;

describe.skipIf(!hasCorpus)('corpus PDFs read by pdf.js', () => {
  it.each(names)('%s: exactly the gold cells', async (name) => {
    const report = await read(name);
    expect(cellsOf(report).sort()).toEqual(gold(name).sort());
  });

  it.each(names)('%s: every cell has a pdf box on a page, and the metadata is read', async (name) => {
    const report = await read(name);
    const meta = JSON.parse(readFileSync(join(PDF_DIR, name.replace(/\.pdf$/, '.meta.json')), 'utf8'));
    expect(report.meta.agency).toBe(meta.agency);
    expect(report.meta.year).toBe(meta.year);
    expect(report.meta.format).toBe(meta.format);
    expect(report.meta.published).toBe(meta.published);
    expect(report.sections.map((s) => s.key)).toEqual(['overview', 'proactive', 'requests', 'review_litigation', 'problems', 'other']);
    for (const table of ['t2', 't3', 't4'] as const) {
      for (const cols of Object.values(report[table])) {
        for (const cell of Object.values(cols ?? {})) {
          const s = cell?.source;
          expect(s?.kind).toBe('pdf');
          if (s?.kind !== 'pdf') continue;
          expect(s.page).toBeGreaterThanOrEqual(1);
          expect(s.width).toBeGreaterThan(0);
          expect(s.height).toBeGreaterThan(0);
          expect(s.x).toBeGreaterThanOrEqual(0);
          expect(s.y).toBeGreaterThanOrEqual(0);
          expect(s.x + s.width).toBeLessThanOrEqual(842);
          expect(s.y + s.height).toBeLessThanOrEqual(842);
        }
      }
    }
    // Page numbers ("- 3 -") are not narrative.
    expect(report.text).not.toMatch(/^-\s*\d+\s*-$/m);
  });

  describe.each(names)('%s through the rules (pdf/findings.json)', (name) => {
    const spec = specs[name];
    const run = async () => checkReport(await read(name), { previous: spec.previous ? await read(spec.previous) : null });
    it.each(spec.must.map((s) => [`${s.rules.join('|')} @ ${s.table ?? '*'}/${s.row ?? '*'}/${s.column ?? '*'}`, s] as const))('reports %s', async (_label, s) => {
      const issues = await run();
      expect(issues.find((i) => matches(i, s)), issues.map(describeIssue).join('\n')).toBeDefined();
    });
    it('reports no error findings.json does not list', async () => {
      const issues = await run();
      const allowed = [...spec.must, ...spec.may];
      expect(issues.filter((i) => i.severity === 'error' && !allowed.some((s) => matches(i, s))).map(describeIssue)).toEqual([]);
    });
  });
});
