/**
 * Versioned storage (WXT storage). Every item has a version so that later releases can migrate
 * what users already have.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';

export type Language = 'auto' | 'zh' | 'en';

export interface Settings {
  /** Run automatically on *.gov.cn pages (the only host in the manifest). */
  govcn: boolean;
  /** Further sites where it runs automatically: match patterns such as "*://*.example.org/*", each granted at runtime. */
  sites: string[];
  /** Rule ids switched off. */
  disabledRules: string[];
  language: Language;
  /** Keep each report read: my collection, and the comparison with next year's. */
  remember: boolean;
}

export const DEFAULT_SETTINGS: Settings = { govcn: true, sites: [], disabledRules: [], language: 'auto', remember: true };

export const settingsItem = storage.defineItem<Settings>('sync:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

export async function getSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}
/** Updates in flight on this page, one after another (see updateSettings). */
let settingsWrites: Promise<unknown> = Promise.resolve();

/**
 * Merge `patch` into the stored settings. Each update reads what the one before it wrote: two quick
 * changes (a rule ticked, then the language chosen) each read-modify-write the whole object, and
 * run side by side the later write would put back the value the earlier one had just changed.
 */
export function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const write = settingsWrites.then(async () => {
    const next = { ...(await getSettings()), ...patch };
    await settingsItem.setValue(next);
    return next;
  });
  settingsWrites = write.catch(() => undefined);
  return write;
}

/**
 * UI state that changes often (the in-page panel open or collapsed): local storage, never sync —
 * sync allows only a few writes a minute, and settings must stay savable.
 */
export interface UiState {
  panelOpen: boolean;
}
export const DEFAULT_UI: UiState = { panelOpen: true };
export const uiItem = storage.defineItem<UiState>('local:ui', { fallback: DEFAULT_UI, version: 1 });
export async function getUi(): Promise<UiState> {
  return { ...DEFAULT_UI, ...(await uiItem.getValue()) };
}
export async function updateUi(patch: Partial<UiState>): Promise<void> {
  await uiItem.setValue({ ...(await getUi()), ...patch });
}

/** A dismissed issue: the reviewer's note, kept per report. */
export interface Dismissal {
  note: string;
  at: string;
}
/**
 * reportKey → issueKey → dismissal. A reportKey is the page's origin and path (query kept) with the
 * agency and year (state.ts reportKeyOf): a copy of a report on another host or path never shares
 * the user's dismissals.
 */
export type Dismissals = Record<string, Record<string, Dismissal>>;

/** Dismissals kept before version 2 under "agency|year", whose page is unknown: kept, never applied to a page. */
export const LEGACY_PREFIX = 'legacy|';

/**
 * Version 1 keyed dismissals by "agency|year" (any page claiming that agency and year shared them).
 * Version 2: such a key moves to the address the user read that report at — the source the old
 * collection remembered for the same "agency|year" — or, without one, under LEGACY_PREFIX.
 */
export function migrateDismissalKeys(old: Dismissals, sources: Record<string, string | null | undefined>): Dismissals {
  const out: Dismissals = {};
  for (const [key, value] of Object.entries(old ?? {})) {
    if (!value || typeof value !== 'object') continue;
    if (/^https?:\/\//.test(key) || key.startsWith(LEGACY_PREFIX)) {
      out[key] = { ...out[key], ...value };
      continue;
    }
    const m = /^(.*)\|(\d{4})$/.exec(key);
    const where = m ? addressOf(sources[key]) : null;
    const next = m && where ? `${where}|${m[1]}|${m[2]}` : `${LEGACY_PREFIX}${key}`;
    out[next] = { ...out[next], ...value };
  }
  return out;
}

/** origin + path + query of a web address ("" for none): the page part of a reportKey. */
export function addressOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `${u.origin}${u.pathname}${u.search}`;
  } catch {
    return null;
  }
}

export const dismissalsItem = storage.defineItem<Dismissals>('local:dismissals', {
  fallback: {},
  version: 2,
  migrations: {
    2: async (old: Dismissals) => {
      // The remembered reports of version 1 (local "reports") say where each agency|year was read.
      const { reports } = (await browser.storage.local.get('reports').catch(() => ({}))) as { reports?: Record<string, { source?: string | null }> };
      const sources = Object.fromEntries(Object.entries(reports ?? {}).map(([k, r]) => [k, r?.source ?? null]));
      return migrateDismissalKeys(old, sources);
    },
  },
});

export async function getDismissals(reportKey: string): Promise<Record<string, Dismissal>> {
  return (await dismissalsItem.getValue())[reportKey] ?? {};
}
export async function setDismissal(reportKey: string, issueKey: string, d: Dismissal | null): Promise<Record<string, Dismissal>> {
  const all = await dismissalsItem.getValue();
  const own = { ...(all[reportKey] ?? {}) };
  if (d) own[issueKey] = d;
  else delete own[issueKey];
  await dismissalsItem.setValue({ ...all, [reportKey]: own });
  return own;
}

/**
 * Reports read before, as releases up to 0.x kept them: "agency|year" → the whole report. The
 * collection now lives in IndexedDB (collection-db.ts); this item is read once, moved there whole,
 * and emptied (migrateLegacy).
 */
export interface RememberedReport {
  key: string;
  source: string | null;
  at: string;
  report: unknown;
}
export const rememberedItem = storage.defineItem<Record<string, RememberedReport>>('local:reports', { fallback: {}, version: 1 });
