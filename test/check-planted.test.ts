/**
 * Property: plant one error in a consistent report — change one count cell by ±1…5 — and the
 * error-severity issues must be exactly the totals that cell feeds, no more, no less:
 *
 * - table 3, an outcome row:       t3.outcome-total of its column, t3.row-total of its row;
 * - table 3, （七）总计 row:         t3.outcome-total and t3.balance of its column, t3.row-total of the row;
 * - table 3, rows 一、二、四:        t3.balance of its column, t3.row-total of its row;
 * - table 4, any cell of a group:  t4.total of that group;
 * - table 2:                       nothing (no arithmetic in table 2);
 * - and cell.negative at the cell when the new value is below 0 (except the 2019 本年增/减).
 *
 * The consistent reports are built ones and every corpus report with no error of its own.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cell, Report } from '../core/model/schema';
import { readReportFile } from '../core/node/read';
import { checkReport } from '../core/check/index';
import { CORPUS_DIR, findings, hasCorpus } from './support/corpus';
import { cell, makeReport } from './support/report-builder';
import { expectedErrors, spots, type Spot } from './support/planted';

function plant(r: Report, s: Spot, value: number): Report {
  const copy = structuredClone(r);
  const row = (copy[s.table] as Record<string, Record<string, Cell>>)[s.row];
  row[s.column] = { ...cell(value), source: row[s.column].source };
  return copy;
}

const errorsOf = (r: Report) =>
  checkReport(r)
    .filter((i) => i.severity === 'error')
    .map((i) => `${i.rule}|${i.table}|${i.row ?? '-'}|${i.column ?? '-'}`)
    .sort();

const bases: Array<{ name: string; report: Report }> = [
  { name: 'built 2021', report: makeReport('2021') },
  { name: 'built 2019', report: makeReport('2019') },
  { name: 'built hybrid', report: makeReport('hybrid') },
];

beforeAll(async () => {
  if (!hasCorpus) return;
  for (const name of Object.keys(findings())) {
    try {
      const report = await readReportFile(join(CORPUS_DIR, name));
      if (errorsOf(report).length === 0) bases.push({ name, report });
    } catch {
      // A file the parser cannot read yet is simply not a base.
    }
  }
});

describe('planted errors', () => {
  it('flags exactly the totals the changed cell feeds', () => {
    expect(bases.length).toBeGreaterThanOrEqual(3);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: -5, max: 5 }).filter((d) => d !== 0),
        (b, k, delta) => {
          const base = bases[b % bases.length];
          const all = spots(base.report);
          const s = all[k % all.length];
          const value = s.value + delta;
          const planted = plant(base.report, s, value);
          expect(errorsOf(planted), `${base.name}: ${s.table}.${s.row}.${s.column} ${s.value} → ${value}`).toEqual(expectedErrors(base.report, s, value));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('uses corpus reports as bases when the corpus is there', () => {
    if (hasCorpus) expect(bases.map((b) => b.name).filter((n) => !n.startsWith('built')).length).toBeGreaterThan(5);
  });
});
