/**
 * "My collection": the remembered reports (storage `local:reports`) as export items, and the
 * import of a JSON file our own JSON export wrote. Pure functions; the page (entrypoints/collection)
 * reads and writes storage and shows the results.
 */
import { checkReport } from '../../core/rules/index';
import { Report } from '../../core/model/schema';
import type { Issue } from '../../core/model/schema';
import { EXPORT_VERSION, GENERATOR, toJson } from '../../core/export/json';
import { toIssuesCsv, toLongCsv, toWideCsv } from '../../core/export/csv';
import { issueKey, markDismissed, reportKeyOf } from '../app/state';
import type { Dismissals, RememberedReport } from './storage';

export interface CollectionItem {
  entry: RememberedReport;
  report: Report;
  /** Every issue, the dismissed ones marked as the panel's exports mark them. */
  issues: Issue[];
  /** Not counting dismissed issues. */
  errors: number;
  warnings: number;
}

/** Newest first. Each report is checked against the same agency's previous year in the collection. */
export function collectionItems(remembered: Record<string, RememberedReport>, dismissals: Dismissals, disabled: string[]): CollectionItem[] {
  const entries = Object.values(remembered).sort((a, b) => b.at.localeCompare(a.at) || a.key.localeCompare(b.key));
  return entries.map((entry) => {
    const report = entry.report as Report;
    const { agency, year } = report.meta;
    const prev = agency && year ? remembered[`${agency}|${year - 1}`] : undefined;
    const raw = checkReport(report, { previous: (prev?.report as Report | undefined) ?? null, disabled });
    const own = dismissals[reportKeyOf(report, entry.source ?? entry.key)] ?? {};
    const issues = markDismissed(raw, own);
    const active = raw.filter((i) => !own[issueKey(i)]);
    return {
      entry,
      report,
      issues,
      errors: active.filter((i) => i.severity === 'error').length,
      warnings: active.filter((i) => i.severity === 'warning').length,
    };
  });
}

export function reportName(report: { meta?: { agency?: string | null; year?: number | null } } | null | undefined): string {
  const agency = report?.meta?.agency;
  const year = report?.meta?.year;
  return [agency, year].filter((x) => x !== null && x !== undefined && x !== '').join(' ') || '?';
}

export type SkipReason = 'invalid' | 'noKey' | 'full';
export interface Skipped {
  /** 1-based position in the file's reports list. */
  n: number;
  name: string;
  reason: SkipReason;
  /** For 'invalid': where and what (from zod), short. */
  detail?: string;
}
export type ImportResult =
  | { ok: false; error: 'notJson' | 'notOurs' }
  | { ok: true; entries: RememberedReport[]; skipped: Skipped[] };

/**
 * A file written by our JSON export (`{generator:'nianbao-lens', version:1, reports:[{report, issues}], failures}`):
 * each report validated by the zod Report schema; the valid ones become collection entries
 * (key agency|year; the issues in the file are not kept — they are found again).
 */
export function parseImport(text: string, max: number, now: string = new Date().toISOString()): ImportResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch {
    return { ok: false, error: 'notJson' };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, error: 'notOurs' };
  const d = doc as { generator?: unknown; version?: unknown; reports?: unknown };
  if (d.generator !== GENERATOR || d.version !== EXPORT_VERSION || !Array.isArray(d.reports)) return { ok: false, error: 'notOurs' };

  const byKey = new Map<string, RememberedReport>();
  const skipped: Skipped[] = [];
  d.reports.forEach((item: unknown, i) => {
    const n = i + 1;
    const candidate = item && typeof item === 'object' ? (item as { report?: unknown }).report : undefined;
    const name = reportName(candidate as Parameters<typeof reportName>[0]);
    const parsed = Report.safeParse(candidate);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const detail = first ? `${first.path.join('.') || 'report'}: ${first.message}` : '';
      skipped.push({ n, name, reason: 'invalid', detail: detail.slice(0, 160) });
      return;
    }
    const report = parsed.data;
    const { agency, year } = report.meta;
    if (!agency || !year) {
      skipped.push({ n, name, reason: 'noKey' });
      return;
    }
    const key = `${agency}|${year}`;
    if (!byKey.has(key) && byKey.size >= max) {
      skipped.push({ n, name, reason: 'full' });
      return;
    }
    byKey.set(key, { key, source: report.meta.source, at: now, report });
  });
  return { ok: true, entries: [...byKey.values()], skipped };
}

export const COLLECTION_EXPORTS = ['json', 'csv', 'csv-wide', 'issues-csv', 'xlsx'] as const;
export type CollectionExport = (typeof COLLECTION_EXPORTS)[number];

export const EXPORT_MIME: Record<CollectionExport, string> = {
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  'csv-wide': 'text/csv;charset=utf-8',
  'issues-csv': 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** nianbao-collection-3-reports.csv (long), …-wide.csv, …-issues.csv, .json, .xlsx */
export function collectionFileName(kind: CollectionExport, n: number): string {
  const suffix = kind === 'csv-wide' ? '-wide.csv' : kind === 'issues-csv' ? '-issues.csv' : `.${kind === 'csv' ? 'csv' : kind}`;
  return `nianbao-collection-${n}-reports${suffix}`;
}

/** The core's own export functions; exceljs is loaded only when an XLSX is asked for. */
export async function collectionExport(kind: CollectionExport, items: readonly CollectionItem[]): Promise<string | Uint8Array> {
  const data = items.map((it) => ({ report: it.report, issues: it.issues }));
  switch (kind) {
    case 'json':
      return toJson(data);
    case 'csv':
      return toLongCsv(data);
    case 'csv-wide':
      return toWideCsv(data);
    case 'issues-csv':
      return toIssuesCsv(data);
    case 'xlsx':
      return (await import('../../core/export/xlsx')).toXlsx(data);
  }
}
