/**
 * Exports are the core's own functions (core/export); the extension only hands the result to the
 * browser as a download. They live in exports.js (the XLSX writer and the exporters, 45 KB), which the
 * background injects into this isolated world on the first export — the engine itself carries none of it.
 */
import type { Issue } from './core';
import { sendMessage, type ExportKind } from '../lib/protocol';
import { markDismissed, type EngineState } from './state';

type Items = { report: EngineState['report']; issues: Issue[] }[];
export interface ExportApi {
  toJson(items: Items): string;
  toLongCsv(items: Items): string;
  toIssuesCsv(items: Items): string;
  toXlsx(items: Items): Promise<Uint8Array>;
}
declare global {
  // Set by exports.js, in the same isolated world as the engine.
  var __nianbaoExports: ExportApi | undefined;
}

async function exportApi(): Promise<ExportApi> {
  if (!globalThis.__nianbaoExports) await sendMessage('engine:exports', undefined);
  if (!globalThis.__nianbaoExports) throw new Error('exports.js did not load');
  return globalThis.__nianbaoExports;
}

/** Dismissed issues stay in every export, with the reviewer's note in front of the message. */
export function exportIssues(s: EngineState): Issue[] {
  return markDismissed(s.issues, s.dismissals);
}

const MIME: Record<ExportKind, string> = {
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  'issues-csv': 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function fileName(s: EngineState, kind: ExportKind): string {
  const { agency, year } = s.report.meta;
  const base = [agency, year].filter(Boolean).join('-') || 'report';
  const safe = base.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);
  const suffix = kind === 'issues-csv' ? '-issues.csv' : kind === 'csv' ? '-long.csv' : `.${kind}`;
  return `${safe}${suffix}`;
}

export async function exportBytes(s: EngineState, kind: ExportKind): Promise<BlobPart> {
  const items = [{ report: s.report, issues: exportIssues(s) }];
  const api = await exportApi();
  switch (kind) {
    case 'json':
      return api.toJson(items);
    case 'csv':
      return api.toLongCsv(items);
    case 'issues-csv':
      return api.toIssuesCsv(items);
    case 'xlsx':
      return (await api.toXlsx(items)) as Uint8Array<ArrayBuffer>;
  }
}

/**
 * Hand the file to the browser: a Blob URL on an <a download> that is never put into the page's
 * document (a page script watching its DOM would see the address and could read the file, notes
 * and all), clicked, and revoked soon after.
 */
export async function download(s: EngineState, kind: ExportKind, doc: Document = document): Promise<void> {
  const blob = new Blob([await exportBytes(s, kind)], { type: MIME[kind] });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName(s, kind);
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
