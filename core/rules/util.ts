/** Helpers shared by the rules: reading cells as numbers, row lists, labels for messages. */
import {
  T3_APPLICANT_COLUMNS,
  T3_COLUMNS,
  T3_ROWS_2019,
  T3_ROWS_2021,
  T4_COLUMNS,
  T4_GROUPS,
  shortT3Label,
  t2Rows,
  t3Rows,
  labelOf,
  type FormatId,
  type TableId,
} from '../model/keys';
import type { Cell, CellRef, Report } from '../model/schema';
import type { IssueInput, PlacedCell } from './types';

export type { PlacedCell };
import { parseValue } from '../parse/normalize';

export { T3_APPLICANT_COLUMNS };
export const T3_ALL_COLUMNS = T3_COLUMNS.map((c) => c.key);
export const T4_PARTS = ['upheld', 'corrected', 'other', 'pending'] as const;
export const T4_GROUP_KEYS = T4_GROUPS.map((g) => g.key);

export function cellOf(report: Report, table: TableId, row: string, column: string): Cell | undefined {
  return report[table][row]?.[column];
}

/** A cell holding "/", "无", "—": no number, read as 0 (unlike text garbage). */
export function isNoNumberMarker(cell: Cell): boolean {
  if (cell.blank || cell.value !== null) return false;
  const p = parseValue(cell.raw, false);
  return p.value === null && !p.notANumber;
}

/** A cell that holds text but no number and is not a known marker: real garbage. */
export function isGarbage(cell: Cell): boolean {
  return !cell.blank && cell.value === null && !isNoNumberMarker(cell);
}

/**
 * The value of a cell for arithmetic: blank and "/"/"无" count as 0; a missing cell or text
 * garbage is unknown (undefined), and a check that needs it is skipped.
 */
export function num(cell: Cell | undefined): number | undefined {
  if (!cell) return undefined;
  if (cell.value !== null) return cell.value;
  if (cell.blank || isNoNumberMarker(cell)) return 0;
  return undefined;
}

export function numAt(report: Report, table: TableId, row: string, column: string): number | undefined {
  return num(cellOf(report, table, row, column));
}

/** Sum of known numbers, undefined when any is unknown. Rounded to avoid 0.1+0.2 noise. */
export function sum(values: Array<number | undefined>): number | undefined {
  let s = 0;
  for (const v of values) {
    if (v === undefined) return undefined;
    s += v;
  }
  return round(s);
}

export function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export const ref = (table: TableId, row: string, column: string): CellRef => ({ table, row, column });

/** The format to check against: meta.format, or guessed from the table-3 rows present. */
export function formatOf(report: Report): FormatId | null {
  if (report.meta.format) return report.meta.format;
  const rows = Object.keys(report.t3);
  const t3 = rows.some((r) => r.startsWith('other.')) ? '2021' : rows.includes('other') ? '2019' : null;
  const t2Keys = Object.values(report.t2).flatMap((r) => Object.keys(r ?? {}));
  const t2 = t2Keys.some((k) => ['issued', 'repealed', 'in_force'].includes(k))
    ? '2021'
    : t2Keys.some((k) => ['made', 'published', 'total_public', 'previous_items', 'change', 'projects'].includes(k))
      ? '2019'
      : null;
  if (t2 && t3) return t2 === t3 ? t2 : 'hybrid';
  return t2 ?? t3;
}

/**
 * Whether the report's text was never read: its tables were read by OCR from a scan or a PDF whose
 * text layer does not decode, and nothing else. Whatever its text holds cannot be said missing.
 */
export function textUnread(report: Report): boolean {
  return report.sections.length === 0 && !report.text.trim() && report.diagnostics.some((d) => d.code === 'pdf.ocr');
}

/** Table-3 rows of the format; without a format, the rows of both formats that are present. */
export function t3RowsFor(report: Report, format: FormatId | null) {
  if (format) return t3Rows(format);
  const present = new Set(Object.keys(report.t3));
  const all = [...T3_ROWS_2021, ...T3_ROWS_2019.filter((r) => r.key === 'other')];
  return all.filter((r) => present.has(r.key));
}

export function outcomeRows(report: Report, format: FormatId | null): string[] {
  return t3RowsFor(report, format)
    .filter((r) => r.outcome)
    .map((r) => r.key);
}

export { t2Rows };

// ---------- labels and numbers in messages ----------

export function colZh(column: string): string {
  return T3_COLUMNS.find((c) => c.key === column)?.zh ?? column;
}
export function colEn(column: string): string {
  return T3_COLUMNS.find((c) => c.key === column)?.en ?? column;
}
// A row's labels, made once: the messages ask for them per issue and per cell (the first of the two formats to have the key wins).
const T3_ROW_ZH = new Map<string, string>();
const T3_ROW_EN = new Map<string, string>();
for (const r of [...T3_ROWS_2021, ...T3_ROWS_2019]) {
  if (!T3_ROW_ZH.has(r.key)) T3_ROW_ZH.set(r.key, shortT3Label(r));
  if (!T3_ROW_EN.has(r.key)) T3_ROW_EN.set(r.key, r.en);
}
export function t3RowZh(row: string): string {
  return T3_ROW_ZH.get(row) ?? row;
}
export function t3RowEn(row: string): string {
  return T3_ROW_EN.get(row) ?? row;
}
export function t4GroupZh(group: string): string {
  return T4_GROUPS.find((g) => g.key === group)?.zh ?? group;
}
export function t4GroupEn(group: string): string {
  return T4_GROUPS.find((g) => g.key === group)?.en ?? group;
}
export function t4ColZh(column: string): string {
  return T4_COLUMNS.find((c) => c.key === column)?.zh ?? column;
}
export function t4ColEn(column: string): string {
  return T4_COLUMNS.find((c) => c.key === column)?.en ?? column;
}
export { labelOf };

/** A number as printed in a message; a blank cell shows as 空白 / blank. */
export function show(cell: Cell | undefined, value: number | undefined, lang: 'zh' | 'en' = 'zh'): string {
  if (cell?.blank) return lang === 'zh' ? '空白(0)' : 'blank (0)';
  if (value === undefined) return '?';
  return fmt(value);
}

export function fmt(n: number): string {
  return String(round(n));
}

/** 「相差 1」 — the absolute difference. */
export function diff(a: number, b: number): string {
  return fmt(Math.abs(round(a - b)));
}


/** The issue of a rule about one cell by itself (its text or value, no arithmetic). */
export function singleCellIssue(at: PlacedCell, message: string, messageEn: string): IssueInput {
  const { table, row, column } = at;
  return { table, row, column, cells: [ref(table, row, column)], message, messageEn };
}

/** Every cell present in the report, table by table, in the order the parser stored them. */
export function presentCells(report: Report): PlacedCell[] {
  const out: PlacedCell[] = [];
  for (const table of ['t2', 't3', 't4'] as const) {
    for (const [row, cols] of Object.entries(report[table])) {
      for (const [column, cell] of Object.entries(cols ?? {})) if (cell) out.push({ table, row, column, cell });
    }
  }
  return out;
}

/** A cell's place in words: 「行政许可 · 本年处理决定数量」. */
export function placeZh(table: TableId, row: string, column: string): string {
  return `「${labelOf(table, row, column) || `${row} · ${column}`}」`;
}
export function placeEn(table: TableId, row: string, column: string): string {
  return `${table} ${row} · ${column}`;
}
