/**
 * Planted errors in the page itself: take a consistent report page — every consistent corpus page,
 * and pages of our own in several portal layouts — change one count cell's text by ±1…5, parse the
 * changed page and check it: exactly the totals that cell feeds are flagged, nothing else.
 * This runs the whole pipeline (page → grid → report → issues), not the rules alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell, Report } from '../core/model/schema';
import { parseHtml } from '../core/parse/html';
import { checkReport } from '../core/check/index';
import { hasCorpus } from './support/corpus';
import { expectedErrors, pagesToPlantIn, plantInPage, spots } from './support/planted';

/** A hang guard for the property tests below (hundreds of pages each: minutes on a busy 2-core machine), not a speed limit. */
const HEAVY_MS = 180_000;

const errorsOf = (r: Report) =>
  checkReport(r)
    .filter((i) => i.severity === 'error')
    .map((i) => `${i.rule}|${i.table}|${i.row ?? '-'}|${i.column ?? '-'}`)
    .sort();

const pages = pagesToPlantIn({ plain: {}, split: { splitT3: true }, merged: { t2t3OneTable: true, labels: 'spans' as const }, portal: { portal: true, fullWidthDigits: true } }, (name) => name.length);

const bases = pages
  .map((p) => ({ ...p, report: parseHtml(p.html) }))
  .filter((p) => p.report.meta.format && errorsOf(p.report).length === 0);

describe('planted errors in the page', () => {
  it('has consistent pages to plant in', () => {
    expect(bases.length).toBeGreaterThanOrEqual(hasCorpus ? 15 : 8);
  });

  it('flags exactly the totals the changed cell feeds', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: -5, max: 5 }).filter((d) => d !== 0), (b, k, delta) => {
        const base = bases[b % bases.length];
        const all = spots(base.report);
        const spot = all[k % all.length];
        const value = spot.value + delta;
        const changed = parseHtml(plantInPage(base.html, base.report, spot, String(value)));
        const where = `${base.name}: ${spot.table}.${spot.row}.${spot.column} ${spot.value} → ${value}`;
        expect((changed[spot.table] as Record<string, Record<string, Cell>>)[spot.row][spot.column].value, where).toBe(value);
        expect(errorsOf(changed), where).toEqual(expectedErrors(base.report, spot, value));
      }),
      { numRuns: 250 },
    );
  }, HEAVY_MS);
});
