/**
 * CSV exports: long (one line per cell), wide (one line per report) and issues (one line per
 * issue). UTF-8 with BOM, RFC 4180 quoting by papaparse, CRLF line ends, formula-injection-safe
 * text, numbers written as numbers. Each format is a streaming writer (header, then the lines of
 * one report at a time) so a batch never needs to hold its reports; the to…Csv functions are the
 * same writers run over an array. Browser-safe.
 */
import Papa from 'papaparse';
import { collapse } from '../parse/normalize';
import type { Issue, Report } from '../model/schema';
import { suspectsText } from './suspects';
import { cellAt, issueCell, issueCounts, presentCells, safeText, unionCellKeys, type ExportFailure, type ExportItem } from './cells';

export const BOM = '\ufeff';
const NEWLINE = '\r\n';

/** The long-data columns, in the order the spec fixes. */
export const LONG_COLUMNS = ['source', 'agency', 'year', 'format', 'table', 'row', 'column', 'value', 'raw'] as const;
/** The columns of the wide CSV that describe the report; the cell columns (unionCellKeys) follow. */
export const WIDE_META_COLUMNS = ['source', 'agency', 'year', 'format', 'errors', 'warnings'] as const;
export const ISSUE_COLUMNS = ['source', 'agency', 'year', 'rule', 'severity', 'cell', 'expected', 'actual', 'message', 'suspects'] as const;

/** A CSV field: a number stays a number, text is neutralised, nothing is an empty field. */
export type Field = string | number;
type Line = Field[];

/** Lines → CSV text (each line ended by CRLF). Quoting is papaparse's; formula text is already neutralised. */
export function csvLines(lines: Line[]): string {
  if (lines.length === 0) return '';
  // escapeFormulae as a second guard: it never touches numbers, and text is neutralised already.
  return Papa.unparse(lines, { newline: NEWLINE, escapeFormulae: true, header: false }) + NEWLINE;
}

const num = (n: number | null | undefined): Field => (typeof n === 'number' && Number.isFinite(n) ? n : '');

function reportFields(report: Report): { source: string; agency: string; year: Field; format: string } {
  return {
    source: safeText(report.meta.source),
    agency: safeText(report.meta.agency),
    year: num(report.meta.year),
    format: safeText(report.meta.format),
  };
}

/** The long lines of one report: one per cell it has, in official order. */
export function longLines(report: Report): Line[] {
  const { source, agency, year, format } = reportFields(report);
  return presentCells(report).map(({ key, cell }) => [source, agency, year, format, key.table, key.row, key.column, num(cell.value), safeText(collapse(cell.raw))]);
}

/** The header of the wide CSV: report columns, then every cell id of every format. */
export function wideHeader(): string[] {
  return [...WIDE_META_COLUMNS, ...unionCellKeys().map((k) => k.id)];
}

/** The wide line of one report: blanks where the report (or its format) has no such cell. */
export function wideLine(item: ExportItem): Line {
  const { source, agency, year, format } = reportFields(item.report);
  const { errors, warnings } = issueCounts(item.issues);
  const cells = unionCellKeys().map((k) => num(cellAt(item.report, k.table, k.row, k.column)?.value));
  return [source, agency, year, format, errors, warnings, ...cells];
}

export function issueLine(report: Report, issue: Issue): Line {
  const { source, agency, year } = reportFields(report);
  return [source, agency, year, safeText(issue.rule), issue.severity, issueCell(issue), num(issue.expected), num(issue.actual), safeText(issue.message), safeText(suspectsText(issue))];
}

/**
 * A streaming exporter: `begin()` once, `item()` for each report as it is parsed (with `separator`
 * between two items), `end()` once. Each call returns the text to write next. `item()` is a pure
 * function of its report, so items may be rendered anywhere (a worker thread) and written in order.
 */
export interface TextExporter {
  readonly mime: string;
  readonly extension: string;
  /** Written between two items ('' for CSV, ',' for JSON). */
  readonly separator: string;
  begin(): string;
  item(item: ExportItem): string;
  end(failures?: readonly ExportFailure[]): string;
}

const CSV = { mime: 'text/csv;charset=utf-8', extension: 'csv', separator: '' } as const;

export function longCsvExporter(): TextExporter {
  return { ...CSV, begin: () => BOM + csvLines([[...LONG_COLUMNS]]), item: (it) => csvLines(longLines(it.report)), end: () => '' };
}

export function wideCsvExporter(): TextExporter {
  return { ...CSV, begin: () => BOM + csvLines([wideHeader()]), item: (it) => csvLines([wideLine(it)]), end: () => '' };
}

export function issuesCsvExporter(): TextExporter {
  return { ...CSV, begin: () => BOM + csvLines([[...ISSUE_COLUMNS]]), item: (it) => csvLines(it.issues.map((i) => issueLine(it.report, i))), end: () => '' };
}

/** Run a streaming exporter over an array: the whole file as one string. */
export function runExporter(exporter: TextExporter, items: readonly ExportItem[], failures: readonly ExportFailure[] = []): string {
  return exporter.begin() + items.map((it) => exporter.item(it)).join(exporter.separator) + exporter.end(failures);
}

export const toLongCsv = (items: readonly ExportItem[]): string => runExporter(longCsvExporter(), items);
export const toWideCsv = (items: readonly ExportItem[]): string => runExporter(wideCsvExporter(), items);
export const toIssuesCsv = (items: readonly ExportItem[]): string => runExporter(issuesCsvExporter(), items);
