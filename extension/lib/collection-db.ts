/**
 * The collection in IndexedDB (the extension's own origin: background, collection page, popup —
 * never a content script, whose IndexedDB would be the page's). Two stores:
 *
 *   reports    id → the report as kept (narrative capped at NARRATIVE_CAP), for exports and pairing
 *   summaries  id → what the collection page shows (agency, year, figures, issues) — small, so the
 *              page reads a thousand of them at once without reading a thousand reports
 *   issues     id → the issues found with the pairing of the day (an export of a thousand reports
 *              does not check them all again)
 *
 * An entry's id is where the report came from (origin + path) plus agency and year: a page on
 * another site makes its own entry and can never replace or evict one from the real portal.
 * Nothing is evicted automatically; pages remember at most RATE_LIMIT new entries per origin per hour.
 * The old layout (storage `local:reports`, "agency|year" → report) is copied here once, whole.
 */
import { checkReport } from '../../core/check/index';
import { Report, type Issue } from '../../core/model/schema';
import { sameAgency } from '../../core/compare/agency';
import { issueKey, type PreviousSource } from '../app/state';
import { figures } from '../app/figures';
import { agencyKeyOf, capReport, summaryOf, isSummary, type EntrySummary, type StoredReport, type Via } from './collection';
import { areIssues, type Loaded } from './collection-export';
import { primaryOf, viaAfterPut } from './collection-precedence';
import { storage } from 'wxt/utils/storage';
import { rememberedItem, type RememberedReport } from './storage';
import { reportOfRow, reportShape } from './collection-shape';

export { reportShape };

export const DB_NAME = 'nianbao-collection';
export const DB_VERSION = 2;
/** New entries a site's pages may add per hour (the user's own collect and import are not limited). */
export const RATE_LIMIT = 20;
export const RATE_WINDOW_MS = 60 * 60 * 1000;

let dbPromise: Promise<IDBDatabase> | null = null;

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((ok, fail) => {
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
}
function done(tx: IDBTransaction): Promise<void> {
  return new Promise((ok, fail) => {
    tx.oncomplete = () => ok();
    tx.onerror = () => fail(tx.error);
    tx.onabort = () => fail(tx.error ?? new DOMException('aborted', 'AbortError'));
  });
}

export function openCollectionDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise<IDBDatabase>((ok, fail) => {
    const open = indexedDB.open(DB_NAME, DB_VERSION);
    open.onupgradeneeded = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('reports')) db.createObjectStore('reports', { keyPath: 'id' });
      if (!db.objectStoreNames.contains('issues')) db.createObjectStore('issues');
      if (!db.objectStoreNames.contains('summaries')) {
        const s = db.createObjectStore('summaries', { keyPath: 'id' });
        s.createIndex('origin', 'origin');
        s.createIndex('agencyYear', ['agencyKey', 'year']);
      }
    };
    open.onsuccess = () => {
      const db = open.result;
      // Another context upgrading: let it, and open afresh next time.
      db.onversionchange = () => (db.close(), (dbPromise = null));
      ok(db);
    };
    open.onerror = () => fail(open.error);
    open.onblocked = () => fail(new Error('collection database blocked'));
  }).catch((e) => {
    dbPromise = null;
    throw e;
  });
  return dbPromise;
}

/** Tests: forget the open connection (a fresh fake IndexedDB follows). */
export function closeCollectionDb(): void {
  void dbPromise?.then((db) => db.close()).catch(() => undefined);
  dbPromise = null;
}

/** Other contexts (the collection page) hear of every write. */
const CHANNEL = 'nianbao-collection';
function announce(): void {
  try {
    const c = new BroadcastChannel(CHANNEL);
    c.postMessage('changed');
    c.close();
  } catch {
    // No BroadcastChannel here: the page reads afresh when reopened.
  }
}
export function onCollectionChange(fn: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const c = new BroadcastChannel(CHANNEL);
  c.onmessage = () => fn();
  return () => c.close();
}

/** A quota error, however the browser names it. */
export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name ?? '';
  const msg = String((e as { message?: string } | null)?.message ?? e);
  return name === 'QuotaExceededError' || /quota/i.test(msg);
}

/** origin + path of a URL (query kept: many portals address a report by ?id=); null for none. */
export function whereFrom(url: string | null | undefined): { origin: string; path: string } | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return { origin: u.origin, path: u.pathname + u.search };
  } catch {
    return null;
  }
}

export function entryId(origin: string, path: string, agencyKey: string, year: number): string {
  return `${origin}${path}|${agencyKey}|${year}`;
}

async function summariesFor(db: IDBDatabase, agencyKey: string, year: number): Promise<EntrySummary[]> {
  const tx = db.transaction('summaries');
  return (await req(tx.objectStore('summaries').index('agencyYear').getAll([agencyKey, year]))).filter(isSummary);
}

async function readReport(db: IDBDatabase, id: string): Promise<Report | null> {
  return reportOfRow((await req(db.transaction('reports').objectStore('reports').get(id))) as StoredReport | undefined);
}

/**
 * Last year's report of the same agency, as the engine pairs it: the primary claim of (agency,
 * year − 1), one kept on `home` — the site of the report being checked, as the browser gives it — first.
 */
export async function previousReport(agency: string, year: number, home: string | null = null): Promise<{ report: Report; source: string | null; from: PreviousSource } | null> {
  const db = await openCollectionDb();
  // Same key, and not two different parents printed (北京市朝阳区 / 长春市朝阳区).
  const prev = primaryOf((await summariesFor(db, agencyKeyOf(agency), year - 1)).filter((s) => sameAgency(agency, s.agency)), home);
  if (!prev) return null;
  const report = await readReport(db, prev.id);
  return report ? { report, source: prev.url, from: sourceOf(prev) } : null;
}

/** Where an entry's numbers came from, to name beside the findings they make: site or file, and the day kept. */
export function sourceOf(e: Pick<EntrySummary, 'via' | 'origin' | 'url' | 'at'> & { file?: string | null }): PreviousSource {
  let host: string | null = null;
  try {
    host = /^https?:/.test(e.origin) ? new URL(e.origin).host : null;
  } catch {
    host = null;
  }
  return { via: e.via, host, file: typeof e.file === 'string' ? e.file.slice(0, 200) : null, at: e.at };
}

export interface PutInput {
  report: Report;
  /** Where it came from: the page's URL as the browser reports it (never what the page claims). */
  url: string | null;
  via: Via;
  at?: string;
  /** Import: entries without a web address get this origin (e.g. "import:"). */
  fallbackOrigin?: string;
  /** Import: the file's name (named as the source of the numbers it brings). */
  file?: string;
  /** Collect: the attached file the report was read from, when it is not the page at `url`. */
  attachment?: string;
}
export type PutResult = { ok: true; id: string; replaced: boolean } | { ok: false; reason: 'noKey' | 'rate' | 'quota' | 'failed'; error?: string };

/** The id an input would get (null: no agency or year). */
export function idFor(input: Pick<PutInput, 'report' | 'url' | 'fallbackOrigin'>): { id: string; origin: string; path: string } | null {
  const { agency, year } = input.report.meta;
  if (!agency || !year) return null;
  const where = whereFrom(input.url) ?? { origin: input.fallbackOrigin ?? 'local:', path: input.url ? `/${input.url}` : '/' };
  return { ...where, id: entryId(where.origin, where.path, agencyKeyOf(agency), year) };
}

/** Check a report against the primary entry of the year before and summarise it. */
function summarise(stored: StoredReport, previous: Report | null): { summary: EntrySummary; issues: Issue[] } {
  const issues = checkReport(stored.report as Report, { previous: previous ?? undefined });
  return { summary: summaryOf(stored, issues, figures(stored.report as Report), issueKey), issues };
}

/**
 * Store reports. Same id: replaced (same site and page). A new id from a page counts against the
 * site's hourly limit. The next year's summaries of the same agency are checked again (their pairing may change).
 */
export async function putReports(inputs: readonly PutInput[], now: Date = new Date()): Promise<PutResult[]> {
  const db = await openCollectionDb();
  const nowIso = now.toISOString();
  const results: PutResult[] = [];
  const rateCount = new Map<string, number>();
  const fresh = new Map<string, string[]>();
  const stored: StoredReport[] = [];
  for (const input of inputs) {
    const where = idFor(input);
    if (!where) {
      results.push({ ok: false, reason: 'noKey' });
      continue;
    }
    // Validated here, whatever the caller did: the row is stamped as this build's shape, and read back without parsing (reportShape).
    const checked = Report.safeParse(input.report);
    if (!checked.success) {
      results.push({ ok: false, reason: 'failed', error: 'invalid report' });
      continue;
    }
    const { agency, year } = checked.data.meta as { agency: string; year: number };
    const old = (await req(db.transaction('summaries').objectStore('summaries').get(where.id))) as EntrySummary | undefined;
    if (!old && input.via === 'page') {
      if (!rateCount.has(where.origin)) {
        const since = new Date(now.getTime() - RATE_WINDOW_MS).toISOString();
        const mine = (await req(db.transaction('summaries').objectStore('summaries').index('origin').getAll(where.origin))) as EntrySummary[];
        rateCount.set(where.origin, mine.filter((s) => s.via === 'page' && s.created >= since).length);
      }
      const n = rateCount.get(where.origin)!;
      if (n >= RATE_LIMIT) {
        results.push({ ok: false, reason: 'rate' });
        continue;
      }
      rateCount.set(where.origin, n + 1);
    }
    const entry: StoredReport = {
      id: where.id,
      origin: where.origin,
      path: where.path,
      url: whereFrom(input.url) ? input.url : null,
      agency,
      agencyKey: agencyKeyOf(agency),
      year,
      via: viaAfterPut(old?.via, input.via),
      ...(input.file ? { file: input.file.slice(0, 200) } : {}),
      ...(input.attachment && whereFrom(input.attachment) ? { attachment: input.attachment.slice(0, 1000) } : {}),
      created: old?.created ?? input.at ?? nowIso,
      at: input.at ?? nowIso,
      ...capReport(checked.data),
      shape: reportShape(),
    };
    stored.push(entry);
    const k = `${entry.agencyKey}|${year}`;
    fresh.set(k, [...(fresh.get(k) ?? []), entry.id]);
    results.push({ ok: true, id: where.id, replaced: !!old });
  }
  try {
    // Reports first, in one transaction; then each touched (agency, year) and the next year summarised.
    const tx = db.transaction('reports', 'readwrite');
    for (const e of stored) tx.objectStore('reports').put(e);
    await done(tx);
    await resummarise(db, fresh);
    announce();
  } catch (e) {
    const reason = isQuotaError(e) ? 'quota' : 'failed';
    return results.map((r) => (r.ok ? { ok: false, reason, error: String((e as Error)?.message ?? e) } : r));
  }
  return results;
}

/**
 * Summaries of the entries of the given (agency, year) keys — the new ones named in `fresh` — and
 * of the year after each, year by year so that each year's pairing sees the year before's summaries.
 */
async function resummarise(db: IDBDatabase, fresh: Map<string, string[]>): Promise<void> {
  const keys = new Map<string, { agencyKey: string; year: number }>();
  for (const k of fresh.keys()) {
    const i = k.lastIndexOf('|');
    const agencyKey = k.slice(0, i);
    const year = Number(k.slice(i + 1));
    keys.set(k, { agencyKey, year });
    keys.set(`${agencyKey}|${year + 1}`, { agencyKey, year: year + 1 });
  }
  const order = [...keys.entries()].sort((a, b) => a[1].year - b[1].year || a[0].localeCompare(b[0]));
  for (const [k, { agencyKey, year }] of order) {
    const claims = await summariesFor(db, agencyKey, year - 1);
    const ids = new Set((await summariesFor(db, agencyKey, year)).map((s) => s.id));
    for (const id of fresh.get(k) ?? []) ids.add(id);
    if (!ids.size) continue;
    const out: { summary: EntrySummary; issues: Issue[] }[] = [];
    // Each entry is paired as the engine pairs it: its own site's report of the year before first.
    const previousOn = new Map<string, Promise<Report | null>>();
    for (const id of ids) {
      const row = (await req(db.transaction('reports').objectStore('reports').get(id))) as StoredReport | undefined;
      if (!row) continue;
      if (!previousOn.has(row.origin)) {
        const p = primaryOf(claims, row.origin);
        previousOn.set(row.origin, p ? readReport(db, p.id) : Promise.resolve(null));
      }
      out.push(summarise(row, await previousOn.get(row.origin)!));
    }
    const tx = db.transaction(['summaries', 'issues'], 'readwrite');
    for (const s of out) {
      tx.objectStore('summaries').put(s.summary);
      tx.objectStore('issues').put(s.issues, s.summary.id);
    }
    await done(tx);
  }
}

/** A stored summary that does not read as one: shown as bad (with its id when it has one), never dropped silently. */
export interface BadEntry {
  id: string | null;
  problem: string;
}

/** Every summary, validated: the good ones, and the bad ones to show as bad. */
export async function listSummaries(): Promise<{ entries: EntrySummary[]; bad: BadEntry[] }> {
  const db = await openCollectionDb();
  const rows = (await req(db.transaction('summaries').objectStore('summaries').getAll())) as unknown[];
  const entries: EntrySummary[] = [];
  const bad: BadEntry[] = [];
  for (const row of rows) {
    if (isSummary(row)) entries.push(row);
    else {
      const id = row && typeof row === 'object' && typeof (row as { id?: unknown }).id === 'string' ? (row as { id: string }).id : null;
      bad.push({ id, problem: (row as { bad?: string } | null)?.bad ?? 'summary' });
    }
  }
  return { entries, bad };
}

/** The kept reports of the given ids (for exports), each validated; a bad one comes back as null. */
export async function loadReports(ids: readonly string[]): Promise<Map<string, Report | null>> {
  const out = new Map<string, Report | null>();
  for (const [id, l] of await loadItems(ids)) out.set(id, l?.report ?? null);
  return out;
}

/** Reports with the issues found when they were kept (null issues: check again), for exports. */
export async function loadItems(ids: readonly string[]): Promise<Map<string, Loaded | null>> {
  const db = await openCollectionDb();
  const tx = db.transaction(['reports', 'issues']);
  const out = new Map<string, Loaded | null>();
  await Promise.all(
    ids.map(async (id) => {
      const [row, issues] = (await Promise.all([req(tx.objectStore('reports').get(id)), req(tx.objectStore('issues').get(id))])) as [StoredReport | undefined, unknown];
      const report = reportOfRow(row);
      out.set(id, report ? { report, issues: areIssues(issues) ? issues : null } : null);
    }),
  );
  return out;
}

/** Remove entries (the user's choice only); the next year of each is checked again. */
export async function deleteEntries(ids: readonly string[]): Promise<void> {
  const db = await openCollectionDb();
  const gone = (await Promise.all(ids.map((id) => req(db.transaction('summaries').objectStore('summaries').get(id))))) as (EntrySummary | undefined)[];
  const tx = db.transaction(['reports', 'summaries', 'issues'], 'readwrite');
  for (const id of ids) {
    tx.objectStore('reports').delete(id);
    tx.objectStore('summaries').delete(id);
    tx.objectStore('issues').delete(id);
  }
  await done(tx);
  const fresh = new Map<string, string[]>();
  for (const g of gone) if (isSummary(g)) fresh.set(`${g.agencyKey}|${g.year}`, []);
  if (fresh.size) await resummarise(db, fresh);
  announce();
}

export async function clearCollection(): Promise<void> {
  const db = await openCollectionDb();
  const tx = db.transaction(['reports', 'summaries', 'issues'], 'readwrite');
  tx.objectStore('reports').clear();
  tx.objectStore('summaries').clear();
  tx.objectStore('issues').clear();
  await done(tx);
  await rememberedItem.setValue({}).catch(() => undefined);
  announce();
}

/** How many entries and which ids exist (import preview). */
export async function existingIds(): Promise<Set<string>> {
  const db = await openCollectionDb();
  return new Set(((await req(db.transaction('summaries').objectStore('summaries').getAllKeys())) as IDBValidKey[]).map(String));
}

/**
 * Today's layout (storage `local:reports`, "agency|year" → RememberedReport) moved into the
 * database, every entry: a valid one as a kept report (its source URL gives origin and path), a
 * malformed one as a bad entry to show. Marked done only once the database holds them all.
 */
export async function migrateLegacy(): Promise<{ moved: number; bad: number }> {
  if (await migratedFlag.getValue()) return { moved: 0, bad: 0 };
  const legacy = (await rememberedItem.getValue().catch(() => ({}))) ?? {};
  const list = Object.entries(legacy as Record<string, RememberedReport>);
  if (!list.length) return { moved: 0, bad: 0 };
  const db = await openCollectionDb();
  const good: PutInput[] = [];
  const badRows: (EntrySummary & { bad: string })[] = [];
  for (const [key, e] of list) {
    const parsed = Report.safeParse(e?.report);
    const at = typeof e?.at === 'string' ? e.at : new Date().toISOString();
    if (parsed.success && parsed.data.meta.agency && parsed.data.meta.year) {
      good.push({ report: parsed.data, url: typeof e.source === 'string' ? e.source : parsed.data.meta.source, via: 'migrated', at, fallbackOrigin: 'migrated:' });
    } else {
      const first = parsed.success ? 'meta: agency/year' : `${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''}`;
      badRows.push({ id: `migrated:/${key}`, bad: first.slice(0, 160) } as EntrySummary & { bad: string });
    }
  }
  const results = await putReports(good);
  const failed = results.find((r) => !r.ok && (r.reason === 'quota' || r.reason === 'failed'));
  if (failed && !failed.ok) throw new Error(failed.error ?? failed.reason);
  if (badRows.length) {
    const tx = db.transaction('summaries', 'readwrite');
    for (const b of badRows) tx.objectStore('summaries').put(b);
    await done(tx);
  }
  // The old item stays as it was (bounded: 60 reports at most): the dismissals' own migration reads its sources.
  await migratedFlag.setValue(true);
  return { moved: good.length, bad: badRows.length };
}

/** Set once the old layout has been copied into the database. */
export const migratedFlag = storage.defineItem<boolean>('local:collectionMigrated', { fallback: false });

let migration: Promise<unknown> | null = null;
/** Once per context, before the collection is read. */
export function ensureMigrated(): Promise<unknown> {
  migration ??= migrateLegacy().catch((e) => {
    migration = null;
    console.warn('[nianbao] collection migration', e);
  });
  return migration;
}
/** Tests. */
export function resetMigration(): void {
  migration = null;
}
