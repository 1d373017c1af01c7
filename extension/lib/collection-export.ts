/**
 * The collection's exports: kept reports loaded with their issues (paired with the primary entry
 * of the year before), and the core's own writers — the same the CLI and the panel use.
 */
import { checkReport } from '../../core/check/index';
import type { Issue, Report } from '../../core/model/schema';
import { toJson } from '../../core/export/json';
import { EXPORT_FORMATS, type ExportFormat } from '../../core/export/formats';
import { toIssuesCsv, toLongCsv, toWideCsv } from '../../core/export/csv';
import { issueKey, markDismissed } from '../app/state';
import { dismissalKeyOf, SEVERITIES, type EntrySummary } from './collection';
import { coverageCsv, type CoverageRow } from './collection-coverage';
import { claimsOf, previousEntryOf } from './collection-precedence';
import type { Dismissals } from './storage';

export interface CollectionItem {
  entry: EntrySummary;
  report: Report;
  /** Every issue, the dismissed ones marked as the panel's exports mark them. */
  issues: Issue[];
  errors: number;
  warnings: number;
  /** Last year's report it was checked against. */
  previous: Report | null;
}

/** A kept report as loaded for an export, with the issues found when it was kept (null: check again). */
export interface Loaded {
  report: Report;
  issues: Issue[] | null;
}

/** Issues as we store them (read as untrusted: anything else is checked again). */
export function areIssues(x: unknown): x is Issue[] {
  return Array.isArray(x) && x.every((i) => i && typeof i === 'object' && typeof i.rule === 'string' && SEVERITIES.has(i.severity) && typeof i.message === 'string' && Array.isArray(i.cells));
}

/**
 * Reports loaded for an export, each with its issues as found against the entry of its agency's
 * previous year it is paired with (collection-precedence.ts) (kept with it; checked again when missing). Rules switched off are left out.
 */
export function collectionItems(
  entries: readonly EntrySummary[],
  loaded: ReadonlyMap<string, Loaded | Report | null>,
  dismissals: Dismissals,
  disabled: string[],
  all: readonly EntrySummary[] = entries,
): CollectionItem[] {
  const { claims } = claimsOf(all);
  const off = new Set(disabled);
  const get = (id: string): Loaded | null => {
    const l = loaded.get(id);
    return !l ? null : 'meta' in l ? { report: l, issues: null } : l;
  };
  const out: CollectionItem[] = [];
  for (const entry of entries) {
    const l = get(entry.id);
    if (!l) continue;
    const report = l.report;
    const prevEntry = previousEntryOf(entry, claims);
    const prev = prevEntry ? (get(prevEntry.id)?.report ?? null) : null;
    const raw = l.issues ? l.issues.filter((i) => !off.has(i.rule)) : checkReport(report, { previous: prev ?? undefined, disabled });
    const own = dismissals[dismissalKeyOf(entry)] ?? {};
    const active = raw.filter((i) => !own[issueKey(i)]);
    out.push({
      entry,
      report,
      issues: markDismissed(raw, own),
      errors: active.filter((i) => i.severity === 'error').length,
      warnings: active.filter((i) => i.severity === 'warning').length,
      previous: prev,
    });
  }
  return out;
}

/** The ids an export of `entries` must load: the entries and the previous year each is paired with. */
export function idsToLoad(entries: readonly EntrySummary[], all: readonly EntrySummary[]): string[] {
  const { claims } = claimsOf(all);
  const ids = new Set<string>();
  for (const e of entries) {
    ids.add(e.id);
    const p = previousEntryOf(e, claims);
    if (p) ids.add(p.id);
  }
  return [...ids];
}

/** The collection exports every format the core writes (the CLI's --format list), in the same order. */
export const COLLECTION_EXPORTS = EXPORT_FORMATS;
export type CollectionExport = ExportFormat;

/** nianbao-collection-3-reports.csv (long), …-wide.csv, …-issues.csv, …-coverage.csv, .json, .xlsx */
export function collectionFileName(kind: CollectionExport, n: number): string {
  const suffix =
    kind === 'csv-wide' ? '-wide.csv' : kind === 'issues-csv' ? '-issues.csv' : kind === 'coverage-csv' ? '-coverage.csv' : `.${kind === 'csv' ? 'csv' : kind}`;
  return `nianbao-collection-${n}-reports${suffix}`;
}

/** The core's own export functions, the same the CLI and the page's export buttons use. */
export async function collectionExport(kind: CollectionExport, items: readonly CollectionItem[], rows: readonly CoverageRow[] = []): Promise<string | Uint8Array> {
  const data = items.map((it) => ({ report: it.report, issues: it.issues }));
  switch (kind) {
    case 'json':
      // With where and when each was kept: an import shows it, and holds back what does not agree (collection-import.ts).
      return toJson(items.map((it) => ({ report: it.report, issues: it.issues, collected: { origin: it.entry.origin, via: it.entry.via, at: it.entry.at } })));
    case 'csv':
      return toLongCsv(data);
    case 'csv-wide':
      return toWideCsv(data);
    case 'issues-csv':
      return toIssuesCsv(data);
    case 'coverage-csv':
      return coverageCsv(rows);
    case 'xlsx':
      // With last year's report of each (the 覆盖 sheet's `copied`).
      return (await import('../../core/export/xlsx')).toXlsx(items.map((it) => ({ report: it.report, issues: it.issues, previous: it.previous })));
  }
}
