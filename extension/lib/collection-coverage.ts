/**
 * Coverage of the collection: one row per agency × year (published, missing, late, counts), by the
 * core's coverage (core/portal/coverage.ts), and its CSV.
 */
import { coverage, COVERAGE_COLUMNS, type CoverageItem } from '../../core/portal/coverage';
import { coverageCsvOfRows } from '../../core/export/coverage';
import { countsOf, type EntrySummary } from './collection';
import { primaryEntries } from './collection-precedence';
import type { Dismissals } from './storage';

export interface CoverageRow {
  agency: string;
  /** The agency's group: every entry's agencyKey in it (the matrix row). */
  agencyKey: string;
  year: number;
  status: 'published' | 'missing';
  published: string | null;
  deadline: string;
  daysLate: number | null;
  format: string | null;
  errors: number;
  warnings: number;
  copied: number | null;
  source: string | null;
  /** The entry (published rows). */
  id: string | null;
  /** Other entries claiming the same agency and year (from other pages). */
  others: number;
}

/**
 * One row per agency × year between the agency's first and last report (or from `since`), by the
 * core's coverage (core/portal/coverage.ts: agency grouping, 条例第四十九条 deadlines, days late);
 * counts leave out dismissed issues and rules switched off. Computed once per change of the collection.
 */
export function coverageRows(entries: readonly EntrySummary[], dismissals: Dismissals = {}, disabled: readonly string[] = [], since?: number): CoverageRow[] {
  const off = new Set(disabled);
  const primary = primaryEntries(entries);
  const claims = new Map<string, number>();
  for (const e of entries) claims.set(`${e.agencyKey}|${e.year}`, (claims.get(`${e.agencyKey}|${e.year}`) ?? 0) + 1);
  const byId = new Map<string, EntrySummary>();
  const items: CoverageItem[] = [];
  for (const e of primary.values()) {
    byId.set(e.id, e);
    const { errors, warnings } = countsOf(e, dismissals, off);
    // The entry's id rides in `source` (the core's coverage only carries it through) and is turned back below.
    items.push({ agency: e.agency, year: e.year, published: e.published, format: e.format, errors, warnings, copied: e.copied, source: e.id });
  }
  const rows = coverage(items, since !== undefined ? { since } : {});
  // A group's key: that of its entries (the rows of one agency come together, years ascending).
  const out: CoverageRow[] = [];
  let group: CoverageRow[] = [];
  const used = new Set<string>();
  const flush = () => {
    const key = group.find((r) => r.id)?.id;
    let k = key ? byId.get(key)!.agencyKey : (group[0]?.agency ?? '');
    // Two agencies of one name under different parents (北京市朝阳区 / 长春市朝阳区) stay two rows.
    if (used.has(k)) k = `${k}#${used.size}`;
    used.add(k);
    for (const r of group) out.push({ ...r, agencyKey: k });
    group = [];
  };
  let last: { agency: string; year: number } | null = null;
  for (const r of rows) {
    if (last && (r.agency !== last.agency || r.year <= last.year)) flush();
    last = r;
    const e = r.source ? byId.get(r.source) : undefined;
    group.push({
      agency: r.agency,
      agencyKey: '',
      year: r.year,
      status: r.status,
      published: r.published,
      deadline: r.deadline,
      daysLate: r.days_late,
      format: r.format,
      errors: r.errors ?? 0,
      warnings: r.warnings ?? 0,
      copied: r.copied,
      source: e ? e.url : null,
      id: e ? e.id : null,
      others: e ? (claims.get(`${e.agencyKey}|${e.year}`) ?? 1) - 1 : 0,
    });
  }
  flush();
  return out;
}

export { COVERAGE_COLUMNS };

/** coverage-csv: the CLI's own writer (core/export/coverage.ts), the same columns and text neutralisation. */
export function coverageCsv(rows: readonly CoverageRow[]): string {
  return coverageCsvOfRows(
    rows.map((r) => ({
      agency: r.agency,
      year: r.year,
      status: r.status,
      published: r.published,
      deadline: r.deadline,
      days_late: r.daysLate,
      format: r.format,
      errors: r.status === 'missing' ? null : r.errors,
      warnings: r.status === 'missing' ? null : r.warnings,
      copied: r.copied,
      source: r.source,
    })),
  );
}
