/**
 * Importing our own JSON export into the collection, said before it is done (issue 20 G): per
 * report, its site and when it was collected (as the file says); a report whose recorded site does
 * not match its own address, or that would replace a report the user read at that address, is held
 * back — imported only if the user ticks it. Nothing kept is dropped.
 */
import { Report } from '../../core/model/schema';
import { EXPORT_VERSION, GENERATOR } from '../../core/export/json';
import { reportName, type Via } from './collection';

export type SkipReason = 'invalid' | 'noKey' | 'full';
export interface Skipped {
  /** 1-based position in the file's reports list. */
  n: number;
  name: string;
  reason: SkipReason;
  /** For 'invalid': where and what (from zod), short. */
  detail?: string;
}
/** Where and when the file says a report was kept (untrusted: shown, and compared with its address). */
export interface ImportCollected {
  origin: string | null;
  at: string | null;
  /** The attached file the report was read from (a web address only; null: not said). */
  attachment: string | null;
}
export interface ImportEntry {
  report: Report;
  url: string | null;
  collected: ImportCollected;
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
    entries.push({ report, url: report.meta.source, collected: collectedOf(item) });
  });
  return { ok: true, entries, skipped };
}

/** A file's `collected` of one report, bounded; anything else reads as unknown. */
function collectedOf(item: unknown): ImportCollected {
  const c = item && typeof item === 'object' ? (item as { collected?: unknown }).collected : undefined;
  const str = (x: unknown, max: number) => (typeof x === 'string' && x.length <= max ? x : null);
  if (!c || typeof c !== 'object') return { origin: null, at: null, attachment: null };
  const at = str((c as { at?: unknown }).at, 40);
  const attachment = str((c as { attachment?: unknown }).attachment, 1000);
  return { origin: str((c as { origin?: unknown }).origin, 300), at: at && !Number.isNaN(Date.parse(at)) ? at : null, attachment: originOf(attachment) ? attachment : null };
}

/** The site (origin) of a web address, or null. */
export function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** Why a report is held back: its recorded site is not its address's, or it would replace a report the user read there. */
export type HoldReason = 'originMismatch' | 'replacesRead';

export interface ImportRow {
  /** Position in the file's list of good reports (ImportResult.entries). */
  index: number;
  name: string;
  /** Its address's site (null: no web address). */
  origin: string | null;
  /** When the file says it was collected (null: not said). */
  at: string | null;
  action: 'add' | 'replace' | 'hold';
  hold?: HoldReason;
}

export interface ImportPreview {
  add: string[];
  replace: string[];
  /** Held back for the user's explicit choice (default: not imported). */
  held: string[];
  rows: ImportRow[];
  skipped: Skipped[];
}

/** Entries kept before (id → how each came in), for the preview's comparisons. */
export type KeptVias = ReadonlyMap<string, Via> | ReadonlySet<string>;

/**
 * What an import will do, said before it is done: per report its site and collection date, and
 * whether it adds, replaces (same address, agency and year) or is held back.
 */
export function previewImport(res: Extract<ImportResult, { ok: true }>, idOf: (e: ImportEntry) => string | null, existing: KeptVias): ImportPreview {
  const viaOf = (id: string): Via | undefined => (existing instanceof Map ? existing.get(id) : (existing as ReadonlySet<string>).has(id) ? 'import' : undefined);
  const out: ImportPreview = { add: [], replace: [], held: [], rows: [], skipped: res.skipped };
  const seen = new Set<string>();
  res.entries.forEach((e, index) => {
    const id = idOf(e);
    if (!id) return;
    const name = reportName(e.report);
    const origin = originOf(e.url);
    const kept = viaOf(id);
    const hold: HoldReason | undefined =
      e.collected.origin !== null && e.collected.origin !== (origin ?? e.collected.origin) ? 'originMismatch' : kept === 'page' || kept === 'migrated' ? 'replacesRead' : undefined;
    const action = hold ? 'hold' : kept !== undefined || seen.has(id) ? 'replace' : 'add';
    seen.add(id);
    out.rows.push({ index, name, origin, at: e.collected.at, action, ...(hold ? { hold } : {}) });
    (action === 'hold' ? out.held : action === 'replace' ? out.replace : out.add).push(name);
  });
  return out;
}
