/**
 * "My collection": what the collection keeps (collection-db.ts stores it in IndexedDB) — the
 * shapes kept, the narrative cap, agency keys, the summary a report leaves for the collection
 * page, counts, names and lists of bounded length, and the state of a portal's collect. Beside it,
 * each by its job: collection-precedence.ts (which entry counts), collection-coverage.ts
 * (agencies × years), collection-export.ts (the exports), collection-import.ts (imports and
 * what they may replace).
 */
import type { Issue, Report } from '../../core/model/schema';
import { issueKey } from '../app/state';
import { agencyKey } from '../../core/compare/agency';
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
  /** Imported: the file's name. */
  file?: string;
  /** Collected from a page whose report is an attached PDF or Word file: that file's address (the report was read from it). */
  attachment?: string;
  /** reportShape() of the build that validated `report` before writing it (collection-db.ts). */
  shape?: string;
}

/** What the collection page shows of an entry (store `summaries`): small, no text — the kept report's identity, without the report. */
export interface EntrySummary extends Omit<StoredReport, 'report' | 'shape'> {
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

export const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'info']);
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
  const { report: _r, shape: _s, ...rest } = stored;
  void _r;
  void _s;
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

export function reportName(report: { meta?: { agency?: string | null; year?: number | null } } | null | undefined): string {
  const agency = report?.meta?.agency;
  const year = report?.meta?.year;
  return [agency, year].filter((x) => x !== null && x !== undefined && x !== '').join(' ') || '?';
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
