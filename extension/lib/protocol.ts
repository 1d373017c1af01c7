/**
 * The extension's typed messages (@webext-core/messaging), one protocol for every context.
 * content → background: engine:load, tab:detected · engine → background: tab:report
 * popup → background: tab:state, tab:check · popup → tab (engine): page:export, page:panel
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { CollectState } from './collection';
import type { PreviousSource } from '../app/state';

export type Severity = 'error' | 'warning' | 'info';
export type ExportKind = 'json' | 'csv' | 'xlsx' | 'issues-csv';
export const EXPORT_KINDS: readonly ExportKind[] = ['json', 'csv', 'xlsx', 'issues-csv'];

/** What the background knows about a tab, for the toolbar badge and the popup. */
export interface TabState {
  /** none: not looked at · watching: report words, waiting for tables · loading: engine injected · ready: checked · empty: engine ran, no report tables · failed */
  status: 'none' | 'watching' | 'loading' | 'ready' | 'empty' | 'failed';
  url: string;
  agency?: string | null;
  year?: number | null;
  format?: string | null;
  counts?: Record<Severity, number>;
  dismissed?: number;
  /** empty: the page's report is this attached PDF (the popup offers it too). */
  attachment?: string;
  error?: string;
}

export interface Protocol {
  /** Content script: the page is a report — inject the engine into my frame. */
  'engine:load'(): boolean;
  /** Engine: inject exports.js (the core's exporters and XLSX writer) into my frame, on the first export. */
  'engine:exports'(): boolean;
  /** Content script: what cheap detection decided (no engine yet). */
  'tab:detected'(status: 'watching' | 'none'): void;
  /** Engine: the result for this tab. */
  'tab:report'(state: TabState): void;
  /** Popup: the state of a tab. */
  'tab:state'(tabId: number): TabState | null;
  /** Popup: check this page now (activeTab + scripting, only when asked). */
  'tab:check'(tabId: number): { ok: boolean; error?: string };
  /** Popup → engine in the tab: download an export. */
  'page:export'(kind: ExportKind): boolean;
  /** Popup → engine in the tab: open the panel. */
  'page:panel'(): boolean;
  /** Engine (the attachment offer) → background: open this PDF on the report page (report.html). */
  'pdf:open'(src: string): boolean;
  /** Engine (the pictures offer) → background: read this page's table pictures on the pictures page (pictures.html). */
  'pictures:open'(src: string): boolean;
  /** Engine → background (collection.ts): last year's report of the same agency, or null. */
  'collection:previous'(q: { agency: string; year: number; home?: string }): { report: unknown; source: string | null; from: PreviousSource } | null;
  /** Engine → background: keep this report, under the sender's own origin and path. */
  'collection:remember'(report: unknown): { ok: boolean; reason?: string };
  /** Popup → background (collect.ts): collect every report linked from the tab's list page (and its next pages). */
  'collect:start'(q: { tabId: number }): { ok: boolean; error?: string };
  'collect:stop'(): void;
  'collect:state'(): CollectState | null;
  /** Background (collect.ts) → the offscreen document (Chrome): read this PDF report. */
  'offscreen:read-pdf'(src: string): { ok: true; report: unknown } | { ok: false; reason: string };
}

export const { sendMessage, onMessage } = defineExtensionMessaging<Protocol>();
