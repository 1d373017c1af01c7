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
 * Reports read before — "my collection", and last year's report for the cross-year rules:
 * "agency|year" → the whole report (text and sections too, for the narrative rules). About 30–40 KB
 * each; the content script reads them all on every gov.cn page, so the number kept stays modest.
 */
export interface RememberedReport {
  key: string;
  source: string | null;
  at: string;
  report: unknown;
}
export const REMEMBER_MAX = 60;
export const rememberedItem = storage.defineItem<Record<string, RememberedReport>>('local:reports', { fallback: {}, version: 1 });

export async function remember(entry: RememberedReport): Promise<void> {
  await rememberMany([entry]);
}
/** Add (or replace) several at once; the oldest beyond REMEMBER_MAX are dropped. */
export async function rememberMany(entries: RememberedReport[]): Promise<void> {
  const all = { ...(await rememberedItem.getValue()) };
  for (const e of entries) all[e.key] = e;
  const keys = Object.keys(all).sort((a, b) => all[a].at.localeCompare(all[b].at));
  while (keys.length > REMEMBER_MAX) delete all[keys.shift()!];
  await rememberedItem.setValue(all);
}
export async function forget(key: string): Promise<void> {
  const all = { ...(await rememberedItem.getValue()) };
  delete all[key];
  await rememberedItem.setValue(all);
}
export async function recall(key: string): Promise<RememberedReport | null> {
  return (await rememberedItem.getValue())[key] ?? null;
}

/** Background: per-tab state, in session storage so that a restarted service worker still knows it. */
export const tabStatesItem = storage.defineItem<Record<string, TabState>>('session:tabs', { fallback: {}, version: 1 });
