/**
 * "My collection": pure functions over what the collection keeps (collection-db.ts stores it in
 * IndexedDB): the shapes kept, the narrative cap, agency keys, the summary a report leaves for the
 * collection page, coverage (agencies × years), the import of our own JSON export with its
 * preview, messages of bounded length, and the exports.
 */
import { checkReport } from '../../core/check/index';
import { Report } from '../../core/model/schema';
import type { Issue } from '../../core/model/schema';
import { EXPORT_VERSION, GENERATOR, toJson } from '../../core/export/json';
import { toIssuesCsv, toLongCsv, toWideCsv } from '../../core/export/csv';
import { issueKey, markDismissed } from '../app/state';
import { agencyKey } from '../../core/compare/agency';
import { coverage, COVERAGE_COLUMNS, type CoverageItem } from '../../core/portal/coverage';
import { coverageCsvOfRows } from '../../core/export/coverage';
import type { Figures } from '../app/figures';
import type { Dismissals } from './storage';

/** How an entry came in: a page read (automatic), the user's collect or import, or kept before the database. */
export type Via = 'page' | 'collect' | 'import' | 'migrated';

/** Narrative kept per report (characters): the narrative rules and the copied rule need text, not megabytes. */
export const NARRATIVE_CAP = 200_000;
/** Diagnostics kept per report. */
const DIAGNOSTICS_CAP = 50;

/** A kept report (store `reports`). */
export interface StoredReport {
  id: string;
  origin: string;
  path: string;
  url: string | null;
  agency: string;
  agencyKey: string;
  year: number;
  via: Via;
  /** First kept (decides which of two claims to one agency and year counts). */
  created: string;
  /** Last read. */
  at: string;
  report: unknown;
  /** The narrative was cut at NARRATIVE_CAP. */
  truncated: boolean;
}

/** What the collection page shows of an entry (store `summaries`): small, no text — the kept report's identity, without the report. */
export interface EntrySummary extends Omit<StoredReport, 'report'> {
  format: string | null;
  published: string | null;
  title: string | null;
  /** Requests received and how they were handled (the per-agency charts). */
  figures: { received: number | null; carriedOver: number | null; processed: number | null; outcomes: (number | null)[] };
  /** Every issue: [rule, severity, issueKey]. */
  issues: [string, Issue['severity'], string][];
  /** Checked against last year's report of the same agency. */
  paired: boolean;
  /** Share of the narrative copied from last year (0–1) when narrative.copied spoke, else null. */
  copied: number | null;
}

export const OUTCOME_KEYS = ['granted', 'partial', 'denied', 'unavailable', 'notProcessed', 'other'] as const;

/** One agency, however it is printed: the core's matcher (core/portal/agency.ts), which the CLI shares. */
export function agencyKeyOf(name: string): string {
  return agencyKey(name) || name.normalize('NFKC').replace(/\s+/g, '');
}

/** The report with its narrative cut to NARRATIVE_CAP (the sections share what is left). */
export function capReport(report: Report): { report: Report; truncated: boolean } {
  let truncated = false;
  const text = report.text.length > NARRATIVE_CAP ? ((truncated = true), report.text.slice(0, NARRATIVE_CAP)) : report.text;
  let left = NARRATIVE_CAP;
  const sections = report.sections.map((s) => {
    const keep = Math.max(0, Math.min(s.text.length, left));
    left -= keep;
    if (keep < s.text.length) truncated = true;
    return keep < s.text.length ? { ...s, text: s.text.slice(0, keep), heading: s.heading.slice(0, 500) } : s;
  });
  const diagnostics = report.diagnostics.length > DIAGNOSTICS_CAP ? report.diagnostics.slice(0, DIAGNOSTICS_CAP) : report.diagnostics;
  return { report: { ...report, text, sections, diagnostics }, truncated };
}

const SEVERITIES = new Set(['error', 'warning', 'info']);
const VIAS = new Set(['page', 'collect', 'import', 'migrated']);
/** Does a stored row read as a summary? (Stored data is read as untrusted: one bad row must not blank the page.) */
export function isSummary(x: unknown): x is EntrySummary {
  if (!x || typeof x !== 'object') return false;
  const s = x as Partial<EntrySummary> & { bad?: unknown };
  return (
    s.bad === undefined &&
    typeof s.id === 'string' &&
    typeof s.agency === 'string' &&
    typeof s.agencyKey === 'string' &&
    Number.isInteger(s.year) &&
    typeof s.origin === 'string' &&
    typeof s.created === 'string' &&
    typeof s.at === 'string' &&
    VIAS.has(s.via as string) &&
    !!s.figures &&
    Array.isArray(s.figures.outcomes) &&
    Array.isArray(s.issues) &&
    s.issues.every((i) => Array.isArray(i) && typeof i[0] === 'string' && SEVERITIES.has(i[1] as string) && typeof i[2] === 'string')
  );
}

function copiedShare(issues: Issue[]): number | null {
  const c = issues.find((i) => i.rule === 'narrative.copied');
  if (!c) return null;
  // narrative.copied gives the repeated share (0–1) as its `share`.
  return typeof c.share === 'number' ? Math.min(1, c.share) : 0.5;
}

export function summaryOf(stored: StoredReport, issues: Issue[], f: Figures, keyOf: (i: Issue) => string = issueKey): EntrySummary {
  const report = stored.report as Report;
  const { report: _r, ...rest } = stored;
  void _r;
  return {
    ...rest,
    format: report.meta.format,
    published: report.meta.published,
    title: report.meta.title ? report.meta.title.slice(0, 300) : null,
    figures: { received: f.newReceived, carriedOver: f.carriedOver, processed: f.processed, outcomes: f.outcomes.map((o) => o.value) },
    issues: issues.map((i) => [i.rule, i.severity, keyOf(i)]),
    paired: issues.some((i) => i.rule.startsWith('cross-year.')) || false,
    copied: copiedShare(issues),
  };
}

/** The panel's key of the user's dismissals for this report: the page's address with agency and year (as the engine's reportKeyOf). */
export function dismissalKeyOf(s: Pick<EntrySummary, 'url' | 'origin' | 'path' | 'agency' | 'year'>): string {
  return s.url ? `${s.origin}${s.path}|${s.agency}|${s.year}` : `${s.agency}|${s.year}`;
}

/** Counts of an entry's issues: rules switched off and dismissed ones left out. */
export function countsOf(s: EntrySummary, dismissals: Dismissals, disabled: ReadonlySet<string>): { errors: number; warnings: number } {
  const own = dismissals[dismissalKeyOf(s)] ?? {};
  let errors = 0;
  let warnings = 0;
  for (const [rule, severity, key] of s.issues) {
    if (disabled.has(rule) || own[key]) continue;
    if (severity === 'error') errors++;
    else if (severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

/** Which entry counts for an (agency, year): the user's own over a page visited, then the earliest kept. */
const RANK: Record<Via, number> = { collect: 0, import: 0, migrated: 0, page: 1 };
export function primaryEntries(entries: readonly EntrySummary[]): Map<string, EntrySummary> {
  const best = new Map<string, EntrySummary>();
  for (const e of entries) {
    const k = `${e.agencyKey}|${e.year}`;
    const b = best.get(k);
    if (!b || RANK[e.via] < RANK[b.via] || (RANK[e.via] === RANK[b.via] && (e.created < b.created || (e.created === b.created && e.id < b.id)))) best.set(k, e);
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Coverage: agencies × years

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

// ---------------------------------------------------------------------------------------------
// Exports

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
 * Reports loaded for an export, each with its issues as found against the primary entry of its
 * agency's previous year (kept with it; checked again when missing). Rules switched off are left out.
 */
export function collectionItems(
  entries: readonly EntrySummary[],
  loaded: ReadonlyMap<string, Loaded | Report | null>,
  dismissals: Dismissals,
  disabled: string[],
  all: readonly EntrySummary[] = entries,
): CollectionItem[] {
  const primary = primaryEntries(all);
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
    const prevEntry = primary.get(`${entry.agencyKey}|${entry.year - 1}`);
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
  const primary = primaryEntries(all);
  const ids = new Set<string>();
  for (const e of entries) {
    ids.add(e.id);
    const p = primary.get(`${e.agencyKey}|${e.year - 1}`);
    if (p) ids.add(p.id);
  }
  return [...ids];
}

export function reportName(report: { meta?: { agency?: string | null; year?: number | null } } | null | undefined): string {
  const agency = report?.meta?.agency;
  const year = report?.meta?.year;
  return [agency, year].filter((x) => x !== null && x !== undefined && x !== '').join(' ') || '?';
}

export const COLLECTION_EXPORTS = ['json', 'csv', 'csv-wide', 'issues-csv', 'coverage-csv', 'xlsx'] as const;
export type CollectionExport = (typeof COLLECTION_EXPORTS)[number];

export const EXPORT_MIME: Record<CollectionExport, string> = {
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  'csv-wide': 'text/csv;charset=utf-8',
  'issues-csv': 'text/csv;charset=utf-8',
  'coverage-csv': 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

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
      return toJson(data);
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

// ---------------------------------------------------------------------------------------------
// Import

export type SkipReason = 'invalid' | 'noKey' | 'full';
export interface Skipped {
  /** 1-based position in the file's reports list. */
  n: number;
  name: string;
  reason: SkipReason;
  /** For 'invalid': where and what (from zod), short. */
  detail?: string;
}
export interface ImportEntry {
  report: Report;
  url: string | null;
}
export type ImportResult = { ok: false; error: 'notJson' | 'notOurs' } | { ok: true; entries: ImportEntry[]; skipped: Skipped[] };

/** Reports one import takes (a bigger file is cut there, and says so). */
export const IMPORT_MAX = 5000;

/**
 * A file written by our JSON export (`{generator:'nianbao-lens', version:1, reports:[{report, issues}], failures}`):
 * each report validated by the zod Report schema (the issues in the file are not kept — they are found again).
 */
export function parseImport(text: string, max: number = IMPORT_MAX): ImportResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch {
    return { ok: false, error: 'notJson' };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, error: 'notOurs' };
  const d = doc as { generator?: unknown; version?: unknown; reports?: unknown };
  if (d.generator !== GENERATOR || d.version !== EXPORT_VERSION || !Array.isArray(d.reports)) return { ok: false, error: 'notOurs' };

  const entries: ImportEntry[] = [];
  const skipped: Skipped[] = [];
  d.reports.forEach((item: unknown, i) => {
    const n = i + 1;
    const candidate = item && typeof item === 'object' ? (item as { report?: unknown }).report : undefined;
    const name = reportName(candidate as Parameters<typeof reportName>[0]).slice(0, 80);
    if (entries.length >= max) {
      skipped.push({ n, name, reason: 'full' });
      return;
    }
    const parsed = Report.safeParse(candidate);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const detail = first ? `${first.path.join('.') || 'report'}: ${first.message}` : '';
      skipped.push({ n, name, reason: 'invalid', detail: detail.slice(0, 160) });
      return;
    }
    const report = parsed.data;
    if (!report.meta.agency || !report.meta.year) {
      skipped.push({ n, name, reason: 'noKey' });
      return;
    }
    entries.push({ report, url: report.meta.source });
  });
  return { ok: true, entries, skipped };
}

export interface ImportPreview {
  add: string[];
  replace: string[];
  skipped: Skipped[];
}

/** What an import will do, said before it is done: the names it adds, the kept entries it replaces (same source, agency and year), what it skips. Nothing kept is dropped. */
export function previewImport(res: Extract<ImportResult, { ok: true }>, idOf: (e: ImportEntry) => string | null, existing: ReadonlySet<string>): ImportPreview {
  const add: string[] = [];
  const replace: string[] = [];
  const seen = new Set<string>();
  for (const e of res.entries) {
    const id = idOf(e);
    if (!id) continue;
    const name = reportName(e.report);
    if (existing.has(id) || seen.has(id)) replace.push(name);
    else add.push(name);
    seen.add(id);
  }
  return { add, replace, skipped: res.skipped };
}

/** A list said in bounded length: the first few, then how many more. */
export function boundedList(items: readonly string[], first = 5, sep = '、', more: (n: number) => string = (n) => `… (+${n})`): string {
  if (items.length <= first) return items.join(sep);
  return `${items.slice(0, first).join(sep)}${sep}${more(items.length - first)}`;
}

// ---------------------------------------------------------------------------------------------
// Collecting a portal's list (background collect.ts; the popup shows the state)

export interface CollectFailure {
  url: string;
  title: string;
  reason: string;
}
export interface CollectState {
  status: 'running' | 'done' | 'stopped' | 'failed';
  listUrl: string;
  /** List pages read so far. */
  pages: number;
  /** Report links found so far. */
  found: number;
  /** Report links fetched (kept or failed). */
  done: number;
  added: number;
  /** The first few failures (the count is `failedCount`). */
  failed: CollectFailure[];
  failedCount: number;
  current: string | null;
  error?: string;
}
