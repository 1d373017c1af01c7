/**
 * Every HTML report page of the corpus parses to exactly its gold key: every cell, nothing
 * missing, nothing extra — and its metadata (agency, year, format, publication date).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../core/parse/html';
import { Report } from '../core/model/schema';
import { corpusReports, hasCorpus } from './support/corpus';
import { cellLines } from './support/cells';

const pages = corpusReports().filter((e) => e.name.endsWith('.html'));

describe.skipIf(!hasCorpus)('corpus HTML pages match their gold keys', () => {
  it('finds the corpus pages', () => expect(pages.length).toBeGreaterThanOrEqual(9));
  for (const entry of pages) {
    describe(entry.name, () => {
      const report = parseHtml(readFileSync(entry.path, 'utf8'), { source: entry.name });
      it('has exactly the gold cells and values', () => {
        const gold = entry.gold.map((g) => `${g.table},${g.row},${g.column},${g.value}`).sort();
        expect(cellLines(report)).toEqual(gold);
      });
      it('reads agency, year, format and publication date', () => {
        expect(report.meta.year).toBe(entry.meta.year);
        expect(report.meta.format).toBe(entry.meta.format);
        expect(report.meta.agency).toBe(entry.meta.agency);
        expect(report.meta.published).toBe(entry.meta.published);
      });
      it('is a valid Report with every cell located in the page', () => {
        expect(() => Report.parse(report)).not.toThrow();
        for (const t of ['t2', 't3', 't4'] as const)
          for (const cols of Object.values(report[t])) for (const cell of Object.values(cols ?? {})) expect(cell?.source?.kind).toBe('html');
      });
      it('finds the six narrative sections', () => {
        expect(report.sections.map((s) => s.key)).toEqual(['overview', 'proactive', 'requests', 'review_litigation', 'problems', 'other']);
      });
    });
  }
});
