/**
 * Exports are the core's own functions (core/export); the extension only hands the result to the
 * browser as a download. XLSX needs exceljs, which is large: it lives in its own script (xlsx.js)
 * that the background injects only when the button is pressed.
 */
import { toIssuesCsv, toLongCsv } from '../../core/export/csv';
import { toJson } from '../../core/export/json';
import type { Issue } from './core';
import { sendMessage, type ExportKind } from '../lib/protocol';
import { issueKey, type EngineState } from './state';

export type XlsxApi = { toXlsx(items: { report: EngineState['report']; issues: Issue[] }[]): Promise<Uint8Array> };
declare global {
  // Set by the xlsx.js script, in the same isolated world as the engine.
  var __nianbaoXlsx: XlsxApi | undefined;
}

/** Dismissed issues stay in every export, with the reviewer's note in front of the message. */
export function exportIssues(s: EngineState): Issue[] {
  return s.issues.map((i) => {
    const d = s.dismissals[issueKey(i)];
    if (!d) return i;
    return {
      ...i,
      message: `【已忽略${d.note ? `：${d.note}` : ''}】${i.message}`,
      messageEn: `[dismissed${d.note ? `: ${d.note}` : ''}] ${i.messageEn}`,
    };
  });
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
  switch (kind) {
    case 'json':
      return toJson(items);
    case 'csv':
      return toLongCsv(items);
    case 'issues-csv':
      return toIssuesCsv(items);
    case 'xlsx': {
      if (!globalThis.__nianbaoXlsx) await sendMessage('engine:xlsx', undefined);
      if (!globalThis.__nianbaoXlsx) throw new Error('xlsx.js did not load');
      return (await globalThis.__nianbaoXlsx.toXlsx(items)) as Uint8Array<ArrayBuffer>;
    }
  }
}

/** Hand the file to the browser: a Blob URL on a temporary <a download>, in the page's own document. */
export async function download(s: EngineState, kind: ExportKind, doc: Document = document): Promise<void> {
  const blob = new Blob([await exportBytes(s, kind)], { type: MIME[kind] });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName(s, kind);
  a.style.display = 'none';
  (doc.body ?? doc.documentElement).append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
