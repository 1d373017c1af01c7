/**
 * Importing our own JSON export into the collection, said before it is done.
 */
import { Report } from '../../core/model/schema';
import { EXPORT_VERSION, GENERATOR } from '../../core/export/json';
import { reportName } from './collection';

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
