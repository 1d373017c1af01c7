/**
 * The collection's exports: kept reports loaded with their issues (paired with the primary entry
 * of the year before), and the core's own writers — the same the CLI and the panel use.
 */
import { checkReport } from '../../core/check/index';
import type { Issue, Report } from '../../core/model/schema';
import type { ExportItem } from '../../core/export/cells';
import { EXPORT_FORMATS, FORMAT_FILES, textExporter, type ExportFormat } from '../../core/export/formats';
import { utf8Bytes } from '../../core/export/utf8';
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
  return itemsOf(entries, loaded, claimsOf(all).claims, dismissals, disabled);
}

type Claims = ReturnType<typeof claimsOf<EntrySummary>>['claims'];

function itemsOf(entries: readonly EntrySummary[], loaded: ReadonlyMap<string, Loaded | Report | null>, claims: Claims, dismissals: Dismissals, disabled: string[]): CollectionItem[] {
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

function idsOf(entries: readonly EntrySummary[], claims: Claims): string[] {
  const ids = new Set<string>();
  for (const e of entries) {
    ids.add(e.id);
    const p = previousEntryOf(e, claims);
    if (p) ids.add(p.id);
  }
  return [...ids];
}

/** The ids an export of `entries` must load: the entries and the previous year each is paired with. */
export function idsToLoad(entries: readonly EntrySummary[], all: readonly EntrySummary[]): string[] {
  return idsOf(entries, claimsOf(all).claims);
}

/** How many reports an export reads from the database at a time. */
export const EXPORT_BATCH = 50;

/**
 * The items of `entries` a batch at a time, in their order, as collectionItems makes them: each
 * batch's reports are read with the previous years they pair with, and what one batch read is kept
 * for the next (an agency's years follow each other in the list), so that an export of a thousand
 * reports never holds them all (issue 22).
 */
export async function* collectionBatches(
  entries: readonly EntrySummary[],
  all: readonly EntrySummary[],
  dismissals: Dismissals,
  disabled: string[],
  load: (ids: readonly string[]) => Promise<ReadonlyMap<string, Loaded | null>>,
  size = EXPORT_BATCH,
): AsyncGenerator<CollectionItem[]> {
  const { claims } = claimsOf(all);
  let kept = new Map<string, Loaded | null>();
  for (let at = 0; at < entries.length; at += size) {
    const batch = entries.slice(at, at + size);
    const ids = idsOf(batch, claims);
    const fresh = await load(ids.filter((id) => !kept.has(id)));
    const loaded = new Map(ids.map((id) => [id, kept.has(id) ? kept.get(id)! : (fresh.get(id) ?? null)]));
    yield itemsOf(batch, loaded, claims, dismissals, disabled);
    kept = loaded;
  }
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

/** What each format writes of an item: JSON also where and when it was kept (an import shows it, and holds back what does not agree: collection-import.ts); XLSX last year's report of each (the 覆盖 sheet's `copied`). */
function exportItem(kind: CollectionExport, it: CollectionItem): ExportItem {
  if (kind === 'json') {
    const { origin, via, at, attachment } = it.entry;
    return { report: it.report, issues: it.issues, collected: { origin, via, at, ...(attachment ? { attachment } : {}) } };
  }
  return kind === 'xlsx' ? { report: it.report, issues: it.issues, previous: it.previous } : { report: it.report, issues: it.issues };
}

/**
 * Text is encoded to UTF-8 a piece of about this many characters at a time, and the bytes become a
 * Blob once about GROUP bytes have gathered, so no string holds the whole file. A Blob made from a
 * string (Blink's own encoder) or one per small piece cost ~1.5 s of a 92 MB JSON export: each Blob
 * is a round trip to the browser's blob store.
 */
const PIECE = 1 << 20;
const GROUP = 32 << 20;

/**
 * The file of an export, written as the batches come, with the core's own writers (the same the
 * CLI and the page's export buttons use), and how many reports it holds. Text goes into the Blob a
 * piece at a time; XLSX is zipped as it goes (core/export/xlsx-stream).
 */
export async function collectionExportFile(kind: CollectionExport, batches: AsyncIterable<readonly CollectionItem[]> | Iterable<readonly CollectionItem[]>, rows: readonly CoverageRow[] = []): Promise<{ blob: Blob; count: number }> {
  const type = FORMAT_FILES[kind].mime;
  let count = 0;
  if (kind === 'coverage-csv') return { blob: new Blob([coverageCsv(rows)], { type }), count };
  if (kind === 'xlsx') {
    const exporter = (await import('../../core/export/xlsx')).xlsxExporter();
    for await (const batch of batches) {
      for (const it of batch) exporter.item(exportItem(kind, it));
      count += batch.length;
      await exporter.drain();
    }
    return { blob: new Blob((await exporter.end()) as BlobPart[], { type }), count };
  }
  const exporter = textExporter(kind);
  const parts: Blob[] = [];
  let bytes: Uint8Array<ArrayBuffer>[] = [];
  let gathered = 0;
  const put = (piece: string, last = false) => {
    const b = utf8Bytes(piece);
    bytes.push(b);
    gathered += b.length;
    if (gathered >= GROUP || last) {
      parts.push(new Blob(bytes));
      bytes = [];
      gathered = 0;
    }
  };
  let text = exporter.begin();
  for await (const batch of batches) {
    for (const it of batch) {
      text += (count++ ? exporter.separator : '') + exporter.item(exportItem(kind, it));
      if (text.length >= PIECE) {
        put(text);
        text = '';
      }
    }
  }
  put(text + exporter.end(), true);
  return { blob: new Blob(parts, { type }), count };
}
