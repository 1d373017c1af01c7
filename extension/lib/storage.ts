/**
 * Versioned storage (WXT storage). Every item has a version so that later releases can migrate
 * what users already have.
 */
import { storage } from 'wxt/utils/storage';
import type { TabState } from './protocol';

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
  /** The in-page panel open (true) or collapsed to its badge. */
  panelOpen: boolean;
}

export const DEFAULT_SETTINGS: Settings = { govcn: true, sites: [], disabledRules: [], language: 'auto', remember: true, panelOpen: true };

export const settingsItem = storage.defineItem<Settings>('sync:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

export async function getSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = { ...(await getSettings()), ...patch };
  await settingsItem.setValue(next);
  return next;
}

/** A dismissed issue: the reviewer's note, kept per report. */
export interface Dismissal {
  note: string;
  at: string;
}
/** reportKey → issueKey → dismissal. */
export type Dismissals = Record<string, Record<string, Dismissal>>;

export const dismissalsItem = storage.defineItem<Dismissals>('local:dismissals', { fallback: {}, version: 1 });

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
 * collection now lives in IndexedDB (collection-db.ts); this item is read once and copied there
 * whole (migrateLegacy), and left as it was (bounded: 60 reports at most).
 */
export interface RememberedReport {
  key: string;
  source: string | null;
  at: string;
  report: unknown;
}
export const rememberedItem = storage.defineItem<Record<string, RememberedReport>>('local:reports', { fallback: {}, version: 1 });

/** Background: per-tab state, in session storage so that a restarted service worker still knows it. */
export const tabStatesItem = storage.defineItem<Record<string, TabState>>('session:tabs', { fallback: {}, version: 1 });
