/**
 * The cell lists every export walks: a report's cells in the official order, the union of the
 * cells of every format (for wide layouts), and the guard against spreadsheet formula injection.
 * Browser-safe: no Node imports.
 */
import { cellKeys, FORMATS, labelOf, type CellKeyDef, type FormatId, type TableId } from '../model/keys';
import type { Cell, Issue, Report } from '../model/schema';

/** What every export takes: a report and the issues the rules found in it (possibly none). */
export interface ExportItem {
  report: Report;
  issues: Issue[];
  /** Last year's report of the same agency, when a batch paired them (the coverage sheet's `copied`). */
  previous?: Report | null;
  /** Where and when a collection kept it (the extension's collection export): written to JSON, shown when imported. */
  collected?: Collected;
}

/** Where and when a report was kept: its site (origin), how (read, collected, imported), when. */
export interface Collected {
  origin: string;
  via: string;
  at: string;
  /** The attached file (PDF, .docx, .doc) the report was read from, when not the page itself. */
  attachment?: string;
}

/** An input that could not be exported, and why (listed at the end of a batch). */
export interface ExportFailure {
  source: string;
  reason: string;
}

/** `t3.granted.total` — the dotted id of a cell, as the wide CSV names its columns. */
export function cellId(table: TableId, row: string, column: string): string {
  return `${table}.${row}.${column}`;
}

export interface PresentCell {
  key: CellKeyDef;
  cell: Cell;
}

/**
 * The cells a report has, in the official order of its format (cellKeys); absent cells are skipped.
 * A report whose format could not be told is walked in the order of all formats together.
 */
export function presentCells(report: Report): PresentCell[] {
  const format = report.meta.format;
  const out: PresentCell[] = [];
  for (const key of format ? cellKeys(format) : unionCellKeys()) {
    const cell = (report[key.table] as Record<string, Record<string, Cell> | undefined>)[key.row]?.[key.column];
    if (cell) out.push({ key, cell });
  }
  return out;
}

/** The cell a report has under a key, whatever its format. */
export function cellAt(report: Report, table: TableId, row: string, column: string): Cell | undefined {
  return (report[table] as Record<string, Record<string, Cell> | undefined>)[row]?.[column];
}

/**
 * Merge ordered lists into one list in which every input list keeps its order: items new to the
 * result are placed just before the next item the result already has (or at the end).
 */
export function mergeOrdered(lists: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  for (const list of lists) {
    let pending: string[] = [];
    for (const item of list) {
      const at = out.indexOf(item);
      if (at < 0) {
        if (!pending.includes(item)) pending.push(item);
        continue;
      }
      out.splice(at, 0, ...pending);
      pending = [];
    }
    out.push(...pending);
  }
  return out;
}

/** A cell key in the union of all formats, with the formats that have it. */
export interface UnionCellKey extends CellKeyDef {
  id: string;
  formats: FormatId[];
}

/** Official formats in the order they were issued: 2019, 2021, then the 2019/2021 hybrid. */
const FORMAT_ORDER: readonly FormatId[] = FORMATS;

let unionCache: UnionCellKey[] | null = null;

/**
 * Every cell key of every format, once, in a stable official order: table by table; rows in the
 * order the formats print them (2019 first, rows only 2021 has slotted in where 2021 prints them);
 * within a row, the columns likewise. A cell shared by several formats is listed once.
 */
export function unionCellKeys(): UnionCellKey[] {
  if (unionCache) return unionCache;
  const byFormat = FORMAT_ORDER.map((f) => ({ format: f, keys: cellKeys(f) }));
  const out: UnionCellKey[] = [];
  for (const table of ['t2', 't3', 't4'] as const) {
    const rows = mergeOrdered(byFormat.map(({ keys }) => [...new Set(keys.filter((k) => k.table === table).map((k) => k.row))]));
    for (const row of rows) {
      const columns = mergeOrdered(byFormat.map(({ keys }) => keys.filter((k) => k.table === table && k.row === row).map((k) => k.column)));
      for (const column of columns) {
        const formats = byFormat.filter(({ keys }) => keys.some((k) => k.table === table && k.row === row && k.column === column)).map((x) => x.format);
        // The labels of the newest format that has the cell: one label per key in every export (the dictionary's `label`).
        const def = [...byFormat].reverse().flatMap(({ keys }) => keys).find((k) => k.table === table && k.row === row && k.column === column)!;
        out.push({ ...def, id: cellId(table, row, column), formats });
      }
    }
  }
  unionCache = out;
  return out;
}

/** Chinese label of a cell, e.g. 「（一）予以公开 · 自然人」. */
export function cellLabel(table: TableId, row: string, column: string): string {
  return labelOf(table, row, column);
}

/** Characters that make a spreadsheet read a text cell as a formula (OWASP CSV injection). */
export const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain negative number, maybe with thousands separators, decimals or a percent sign: no formula. */
export const PLAIN_NUMBER = /^-?\d+(?:,\d{3})*(?:\.\d+)?%?$/;

/**
 * Make a text cell inert in spreadsheets: text beginning with =, +, -, @, tab or CR gets a leading
 * apostrophe — unless it is a plain negative number (`-18` as printed stays `-18`; `+1` is still
 * escaped, as a spreadsheet would make it `=+1`). Only ever applied to
 * text; numbers are written as numbers and stay numbers.
 */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** A text field for an export: null/undefined → empty, anything else neutralised. */
export function safeText(text: string | number | null | undefined): string {
  if (text === null || text === undefined) return '';
  return neutralise(String(text));
}

/** Error and warning counts of an item's issues. */
export function issueCounts(issues: readonly Issue[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const i of issues) {
    if (i.severity === 'error') errors++;
    else if (i.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

/**
 * The cell an issue points at, `t3.granted.total` style. A whole row or column is written with `*`
 * in place of the missing key (`t3.*.total`: the 总计 column). An issue without a table names its
 * one cell if it lists exactly one; otherwise the field is blank.
 */
export function issueCell(issue: Issue): string {
  if (!issue.table) {
    const only = issue.cells.length === 1 ? issue.cells[0] : null;
    return only ? cellId(only.table, only.row, only.column) : '';
  }
  if (!issue.row && !issue.column) return issue.table;
  return `${issue.table}.${issue.row ?? '*'}.${issue.column ?? '*'}`;
}
