/**
 * Planted errors in the page itself, for the suspects: on every consistent corpus page and on pages
 * of our own layouts, one count is changed by ±1…5 in the HTML, the page is parsed and checked.
 * A changed table-3 count is named as the only suspect, with the printed original as `suggested`;
 * a changed table-4 count is named rightly or not at all; no suspect is ever a wrong one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Report } from '../core/model/schema';
import { parseHtml } from '../core/parse/html';
import { checkReport } from '../core/check/index';
import { hasCorpus } from './support/corpus';
import { pagesToPlantIn, plantInPage, spots, type Spot } from './support/planted';

/** A hang guard for the property tests below (hundreds of pages each: minutes on a busy 2-core machine), not a speed limit. */
const HEAVY_MS = 180_000;

const errorCount = (r: Report) => checkReport(r).filter((i) => i.severity === 'error').length;

const STYLES = { plain: {}, split: { splitT3: true }, merged: { t2t3OneTable: true, labels: 'spans' as const }, portal: { portal: true, fullWidthDigits: true }, flat: { flatHeader: true, noRowspan: true } };
const pages = pagesToPlantIn(STYLES, (name) => name.length + 3);

const bases = pages.map((p) => ({ ...p, report: parseHtml(p.html) })).filter((p) => p.report.meta.format && errorCount(p.report) === 0);

/** Suspects after planting `delta` at `spot`, as `table.row.column=suggested`. */
function suspectsAfter(base: (typeof bases)[number], spot: Spot, delta: number) {
  const changed = parseHtml(plantInPage(base.html, base.report, spot, String(spot.value + delta)));
  const where = `${base.name}: ${spot.table}.${spot.row}.${spot.column} ${spot.value} → ${spot.value + delta}`;
  const all = new Set<string>();
  for (const i of checkReport(changed)) for (const s of i.suspects) all.add(`${s.table}.${s.row}.${s.column}=${s.suggested}`);
  return { where, suspects: [...all] };
}

const deltas = fc.integer({ min: -5, max: 5 }).filter((d) => d !== 0);

describe('suspects of errors planted in the page', () => {
  it('has consistent pages to plant in', () => {
    expect(bases.length).toBeGreaterThanOrEqual(hasCorpus ? 20 : 12);
  });

  it('a changed table-3 count is the only suspect, with the original value', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), deltas, (b, k, delta) => {
        const base = bases[b % bases.length];
        const t3 = spots(base.report).filter((s) => s.table === 't3');
        const spot = t3[k % t3.length];
        const { where, suspects } = suspectsAfter(base, spot, delta);
        expect(suspects, where).toEqual([`t3.${spot.row}.${spot.column}=${spot.value}`]);
      }),
      { numRuns: 250 },
    );
  }, HEAVY_MS);

  it('a changed table-4 count is named rightly or not at all', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), deltas, (b, k, delta) => {
        const base = bases[b % bases.length];
        const t4 = spots(base.report).filter((s) => s.table === 't4');
        const spot = t4[k % t4.length];
        const { where, suspects } = suspectsAfter(base, spot, delta);
        expect([[], [`t4.${spot.row}.${spot.column}=${spot.value}`]], where).toContainEqual(suspects);
      }),
      { numRuns: 120 },
    );
  }, HEAVY_MS);

  it('no suspect is ever wrong, whatever cell is changed', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), deltas, (b, k, delta) => {
        const base = bases[b % bases.length];
        const all = spots(base.report);
        const spot = all[k % all.length];
        const { where, suspects } = suspectsAfter(base, spot, delta);
        for (const s of suspects) expect(s, where).toBe(`${spot.table}.${spot.row}.${spot.column}=${spot.value}`);
      }),
      { numRuns: 120 },
    );
  }, HEAVY_MS);
});
