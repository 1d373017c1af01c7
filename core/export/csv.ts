/**
 * CSV exports: long (one line per cell), wide (one line per report) and issues (one line per
 * issue). UTF-8 with BOM, RFC 4180 quoting (as papaparse quotes), CRLF line ends, formula-injection-safe
 * text, numbers written as numbers. Each format is a streaming writer (header, then the lines of
 * one report at a time) so a batch never needs to hold its reports; the to…Csv functions are the
 * same writers run over an array. Browser-safe.
 */
import { collapse } from '../parse/normalize';
import type { Issue, Report } from '../model/schema';
import { suspectsText } from './suspects';
import { figuresText } from './figures';
import { labelOf, TABLE_SHORT_ZH } from '../model/keys';
import { cellAt, issueCell, issueCounts, presentCells, safeText, unionCellKeys, FORMULA_START, PLAIN_NUMBER, type ExportFailure, type ExportItem, type UnionCellKey } from './cells';

export const BOM = '\ufeff';
const NEWLINE = '\r\n';

/** The long-data columns, in the order the spec fixes. */
export const LONG_COLUMNS = ['source', 'agency', 'year', 'format', 'table', 'row', 'column', 'value', 'raw'] as const;
/** The columns of the wide CSV that describe the report; the cell columns (unionCellKeys) follow. */
export const WIDE_META_COLUMNS = ['source', 'agency', 'year', 'title', 'published', 'url', 'format', 'errors', 'warnings'] as const;
/** expected / expected_from / actual: the Issue fields (docs/exports.md); figures: them in words; candidates: cells of an ambiguous issue. */
export const ISSUE_COLUMNS = ['source', 'agency', 'year', 'rule', 'severity', 'cell', 'expected', 'expected_from', 'actual', 'figures', 'message', 'suspects', 'candidates'] as const;

/**
 * Column headers: `keys` (default, for code: `t3.granted.total`) or `zh` (for people opening the
 * file in a spreadsheet: `表三·（一）予以公开·总计`, 机构, 年度…). Only the header line differs.
 */
export type Labels = 'keys' | 'zh';
export const LABELS: readonly Labels[] = ['keys', 'zh'];
export interface CsvOptions {
  labels?: Labels;
}

/** Chinese headers of the report and issue columns. */
export const ZH_COLUMNS: Record<string, string> = {
  source: '来源',
  agency: '机构',
  year: '年度',
  title: '标题',
  published: '发布日期',
  url: '网址',
  format: '格式',
  errors: '错误',
  warnings: '警告',
  table: '表',
  row: '行',
  column: '列',
  value: '数值',
  raw: '原文',
  rule: '规则',
  severity: '级别',
  cell: '单元格',
  expected: '依据之数',
  expected_from: '依据',
  actual: '表中所印',
  figures: '数字对照',
  message: '说明',
  suspects: '可能出错的数字',
  candidates: '可能出错的格（无法确定）',
};

/** The Chinese header of a cell column: 表三·（一）予以公开·总计. */
export function cellHeaderZh(k: Pick<UnionCellKey, 'table' | 'row' | 'column'>): string {
  return `${TABLE_SHORT_ZH[k.table]}·${labelOf(k.table, k.row, k.column).replace(/ · /g, '·')}`;
}

const headerOf = (columns: readonly string[], labels: Labels = 'keys'): string[] => (labels === 'zh' ? columns.map((c) => ZH_COLUMNS[c] ?? c) : [...columns]);

/** A CSV field: a number stays a number, text is neutralised, nothing is an empty field. */
export type Field = string | number;
type Line = Field[];

/** Fields that must be quoted (RFC 4180, and as papaparse quotes: a BOM or an edge space too). */
const NEEDS_QUOTES = /[",\r\n\ufeff]|^ | $/;

/** One CSV field: a number as written, text quoted when it must be (quotes doubled). */
function csvField(v: Field): string {
  if (typeof v === 'number') return String(v);
  // A second guard (text is neutralised already): the same test as neutralise, so that a plain
  // number printed as text (-18) stays as it is.
  if (FORMULA_TEXT.test(v)) return `"'${v.replace(/"/g, '""')}"`;
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Lines → CSV text, each line ended by CRLF: the same text papaparse's unparse writes (a test
 * compares them), a few times faster — a batch writes every cell of every report through here.
 */
export function csvLines(lines: Line[]): string {
  let out = '';
  for (const line of lines) {
    let text = '';
    for (let i = 0; i < line.length; i++) text += (i ? ',' : '') + csvField(line[i]);
    out += text + NEWLINE;
  }
  return out;
}

const FORMULA_TEXT = new RegExp(`^(?!${PLAIN_NUMBER.source.slice(1, -1)}$)${FORMULA_START.source.slice(1)}`);

const num = (n: number | null | undefined): Field => (typeof n === 'number' && Number.isFinite(n) ? n : '');

function reportFields(report: Report): { source: string; agency: string; year: Field; format: string } {
  return {
    source: safeText(report.meta.source),
    agency: safeText(report.meta.agency),
    year: num(report.meta.year),
    format: safeText(report.meta.format),
  };
}

/** The page's address when the source is one (a file name is not). */
const urlOf = (source: string | null) => (source && /^https?:\/\//i.test(source) ? source : null);

/** The long lines of one report: one per cell it has, in official order. */
export function longLines(report: Report): Line[] {
  const { source, agency, year, format } = reportFields(report);
  return presentCells(report).map(({ key, cell }) => [source, agency, year, format, key.table, key.row, key.column, num(cell.value), safeText(collapse(cell.raw))]);
}

/** The header of the wide CSV: report columns, then every cell id of every format (or their Chinese labels). */
export function wideHeader(opts: CsvOptions = {}): string[] {
  return [...headerOf(WIDE_META_COLUMNS, opts.labels), ...unionCellKeys().map((k) => (opts.labels === 'zh' ? cellHeaderZh(k) : k.id))];
}

/** The wide line of one report: blanks where the report (or its format) has no such cell. */
export function wideLine(item: ExportItem): Line {
  const { source, agency, year, format } = reportFields(item.report);
  const { errors, warnings } = issueCounts(item.issues);
  const cells = unionCellKeys().map((k) => num(cellAt(item.report, k.table, k.row, k.column)?.value));
  const m = item.report.meta;
  return [source, agency, year, safeText(m.title), safeText(m.published), safeText(urlOf(m.source)), format, errors, warnings, ...cells];
}

export function issueLine(report: Report, issue: Issue): Line {
  const { source, agency, year } = reportFields(report);
  const candidates = (issue.candidates ?? []).map((c) => `${c.table}.${c.row}.${c.column}`).join(';');
  const blank = issue.table && issue.row && issue.column ? report[issue.table][issue.row]?.[issue.column]?.blank === true : false;
  return [
    source,
    agency,
    year,
    safeText(issue.rule),
    issue.severity,
    issueCell(issue),
    num(issue.expected),
    issue.expectedFrom ?? '',
    num(issue.actual),
    safeText(figuresText(issue, 'zh', blank)),
    safeText(issue.message),
    safeText(suspectsText(issue)),
    safeText(candidates),
  ];
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

export function longCsvExporter(opts: CsvOptions = {}): TextExporter {
  return { ...CSV, begin: () => BOM + csvLines([headerOf(LONG_COLUMNS, opts.labels)]), item: (it) => longCsv(it.report), end: () => '' };
}

/** The table, row and column fields of a cell key with their commas, made once per key (the keys are the format's own, made once). */
const KEY_FIELDS = new WeakMap<object, string>();

/**
 * csvLines(longLines(report)), written straight: the report's four leading fields are quoted once
 * for all its lines, each key's three once for every report, and the lines joined from an array
 * (a string grown by += is a rope the worker's encoder must first flatten). A batch writes every
 * cell of every report through here.
 */
function longCsv(report: Report): string {
  const { source, agency, year, format } = reportFields(report);
  const lead = `${csvField(source)},${csvField(agency)},${csvField(year)},${csvField(format)},`;
  const out: string[] = [];
  for (const { key, cell } of presentCells(report)) {
    let keyFields = KEY_FIELDS.get(key);
    if (keyFields === undefined) KEY_FIELDS.set(key, (keyFields = `${csvField(key.table)},${csvField(key.row)},${csvField(key.column)},`));
    out.push(`${lead}${keyFields}${csvField(num(cell.value))},${csvField(safeText(collapse(cell.raw)))}${NEWLINE}`);
  }
  return out.join('');
}

export function wideCsvExporter(opts: CsvOptions = {}): TextExporter {
  return { ...CSV, begin: () => BOM + csvLines([wideHeader(opts)]), item: (it) => csvLines([wideLine(it)]), end: () => '' };
}

export function issuesCsvExporter(opts: CsvOptions = {}): TextExporter {
  return { ...CSV, begin: () => BOM + csvLines([headerOf(ISSUE_COLUMNS, opts.labels)]), item: (it) => csvLines(it.issues.map((i) => issueLine(it.report, i))), end: () => '' };
}

/** Run a streaming exporter over an array: the whole file as one string. */
export function runExporter(exporter: TextExporter, items: readonly ExportItem[], failures: readonly ExportFailure[] = []): string {
  return exporter.begin() + items.map((it) => exporter.item(it)).join(exporter.separator) + exporter.end(failures);
}

export const toLongCsv = (items: readonly ExportItem[], opts: CsvOptions = {}): string => runExporter(longCsvExporter(opts), items);
export const toWideCsv = (items: readonly ExportItem[], opts: CsvOptions = {}): string => runExporter(wideCsvExporter(opts), items);
export const toIssuesCsv = (items: readonly ExportItem[], opts: CsvOptions = {}): string => runExporter(issuesCsvExporter(opts), items);
