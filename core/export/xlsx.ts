/**
 * XLSX export (our small writer on fflate, ./xlsx-writer — no file system, so it runs in the browser too).
 *
 * One report: a sheet per official table laid out as the official tables are printed (merged
 * header cells, Chinese labels; table 3 under 自然人 / 法人或其他组织 (5 sub-columns) / 总计).
 * Several reports: a sheet per table with one row per report (the table's cells side by side under
 * a two-level header: row label, then column label, then the cell key). Both add a sheet of the
 * reports, the long data and the issues; several reports also a coverage sheet (agency × year,
 * missing years included). Numbers stay numbers; text is formula-neutralised.
 */
import { t2Rows, t3Rows, T3_COLUMNS, T4_COLUMNS, T4_GROUPS, shortT3Label, type FormatId, type TableId } from '../model/keys';
import type { Cell, Report } from '../model/schema';
import { collapse } from '../parse/normalize';
import { cellAt, issueCounts, safeText, unionCellKeys, type ExportFailure, type ExportItem, type UnionCellKey } from './cells';
import { coverage, coverageItem, COVERAGE_COLUMNS, type CoverageItem } from '../portal/coverage';
import { ISSUE_COLUMNS, LONG_COLUMNS, issueLine, longLines } from './csv';
import { XlsxSheet, XlsxWorkbook } from './xlsx-writer';
import { joinBytes, XlsxStream } from './xlsx-stream';

export type XlsxLayout = 'auto' | 'official' | 'wide';
export interface XlsxOptions {
  /** `official` needs exactly one report; `auto` (default) is official for one report, wide otherwise. */
  layout?: XlsxLayout;
  failures?: readonly ExportFailure[];
}

export const SHEETS = {
  reports: '报告 reports',
  t2: '表二 主动公开',
  t3: '表三 申请处理',
  t4: '表四 复议诉讼',
  long: '长数据 long',
  issues: '问题 issues',
  coverage: '覆盖 coverage',
  failures: '未读取 failures',
} as const;

export const TABLE_TITLES: Record<TableId, string> = {
  t2: '二、主动公开政府信息情况',
  t3: '三、收到和处理政府信息公开申请情况',
  t4: '四、政府信息公开行政复议、行政诉讼情况',
};

export const T3_CORNER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

type Value = string | number | null;
type Book = XlsxWorkbook;
type Sheet = XlsxSheet;

/** The value a table cell shows: the number, else its printed text (/, 无), else nothing. */
export function cellValue(cell: Cell | undefined): Value {
  if (!cell) return null;
  if (typeof cell.value === 'number' && Number.isFinite(cell.value)) return cell.value;
  const raw = collapse(cell.raw);
  return raw ? safeText(raw) : null;
}

function put(ws: Sheet, row: number, col: number, value: Value, opts: { bold?: boolean; center?: boolean; wrap?: boolean; border?: boolean } = {}) {
  ws.set(row, col, typeof value === 'string' ? safeText(value) : value, { bold: opts.bold, center: opts.center, wrap: opts.wrap, border: opts.border !== false });
}

/** Write `value` at (top,left) and merge through (bottom,right) when that is more than one cell. */
function merged(ws: Sheet, top: number, left: number, bottom: number, right: number, value: Value, opts: Parameters<typeof put>[4] = {}) {
  for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) if (r !== top || c !== left) ws.style(r, c, { border: true });
  put(ws, top, left, value, { center: true, wrap: true, ...opts });
  if (bottom > top || right > left) ws.merge(top, left, bottom, right);
}

/** Where each cell key sits on an official-layout sheet (1-based row and column). */
export type CellPositions = Map<string, { row: number; col: number }>;

function titleRows(ws: Sheet, report: Report, table: TableId, width: number): number {
  const m = report.meta;
  const who = [m.agency, m.year ? `${m.year}年` : null, m.format ? `格式 ${m.format}` : null].filter(Boolean).join(' · ');
  merged(ws, 1, 1, 1, width, who || (m.source ?? ''), { bold: true, border: false, center: false });
  merged(ws, 2, 1, 2, width, TABLE_TITLES[table], { bold: true, border: false });
  return 3;
}

/** Table 2 as printed: per 第二十条 item, a title line, a 信息内容 header line and the data lines. */
function officialT2(ws: Sheet, report: Report, format: FormatId, pos: CellPositions) {
  const WIDTH = 4;
  let r = titleRows(ws, report, 't2', WIDTH);
  const rows = t2Rows(format);
  for (let i = 0; i < rows.length; ) {
    const first = rows[i];
    const sig = first.columns.map((c) => c.key).join();
    let j = i;
    while (j < rows.length && rows[j].article === first.article && rows[j].columns.map((c) => c.key).join() === sig) j++;
    merged(ws, r, 1, r, WIDTH, first.article, { bold: true });
    r++;
    put(ws, r, 1, '信息内容', { bold: true, center: true, wrap: true });
    first.columns.forEach((c, k) => {
      const last = k === first.columns.length - 1;
      merged(ws, r, 2 + k, r, last ? WIDTH : 2 + k, c.zh, { bold: true });
    });
    r++;
    for (const row of rows.slice(i, j)) {
      put(ws, r, 1, row.zh, { wrap: true });
      row.columns.forEach((c, k) => {
        const last = k === row.columns.length - 1;
        merged(ws, r, 2 + k, r, last ? WIDTH : 2 + k, cellValue(cellAt(report, 't2', row.key, c.key)), { bold: false });
        pos.set(`t2.${row.key}.${c.key}`, { row: r, col: 2 + k });
      });
      r++;
    }
    i = j;
  }
  ws.width(1, 24);
  for (let c = 2; c <= WIDTH; c++) ws.width(c, 18);
}

/** Table 3 as printed: three label columns, then 自然人 · 法人或其他组织 (5) · 总计. */
function officialT3(ws: Sheet, report: Report, format: FormatId, pos: CellPositions) {
  const LABELS = 3;
  const WIDTH = LABELS + T3_COLUMNS.length;
  const s = titleRows(ws, report, 't3', WIDTH);
  merged(ws, s, 1, s + 2, LABELS, T3_CORNER);
  merged(ws, s, LABELS + 1, s, WIDTH, '申请人情况', { bold: true });
  merged(ws, s + 1, LABELS + 1, s + 2, LABELS + 1, T3_COLUMNS[0].zh, { bold: true });
  merged(ws, s + 1, LABELS + 2, s + 1, LABELS + 6, '法人或其他组织', { bold: true });
  merged(ws, s + 1, WIDTH, s + 2, WIDTH, T3_COLUMNS[6].zh, { bold: true });
  for (let k = 1; k <= 5; k++) put(ws, s + 2, LABELS + 1 + k, T3_COLUMNS[k].zh, { bold: true, center: true, wrap: true });

  const rows = t3Rows(format);
  const top = s + 3;
  const RESULT = '三、本年度办理结果';
  const resultRows = rows.map((x, i) => ({ x, i })).filter(({ x }) => x.group && (x.group === RESULT || x.outcome));
  rows.forEach((row, i) => {
    const r = top + i;
    if (!row.group) merged(ws, r, 1, r, LABELS, row.zh, { center: false });
    else if (row.group === RESULT) merged(ws, r, 2, r, LABELS, row.zh, { center: false });
    else {
      const firstOfGroup = rows.findIndex((x) => x.group === row.group);
      if (firstOfGroup === i) {
        const count = rows.filter((x) => x.group === row.group).length;
        merged(ws, r, 2, r + count - 1, 2, row.group);
      }
      put(ws, r, 3, row.zh, { wrap: true });
    }
    T3_COLUMNS.forEach((c, k) => {
      put(ws, r, LABELS + 1 + k, cellValue(cellAt(report, 't3', row.key, c.key)));
      pos.set(`t3.${row.key}.${c.key}`, { row: r, col: LABELS + 1 + k });
    });
  });
  if (resultRows.length) merged(ws, top + resultRows[0].i, 1, top + resultRows[resultRows.length - 1].i, 1, RESULT);
  ws.width(1, 14);
  ws.width(2, 16);
  ws.width(3, 30);
  for (let c = LABELS + 1; c <= WIDTH; c++) ws.width(c, 11);
}

const groupLabel = (zh: string) => zh.replace(/^行政诉讼（(.*)）$/, '$1');

/** Table 4 as printed: 行政复议 (5 columns) · 行政诉讼 (未经复议直接起诉 5, 复议后起诉 5). */
function officialT4(ws: Sheet, report: Report, pos: CellPositions) {
  const n = T4_COLUMNS.length;
  const WIDTH = n * T4_GROUPS.length;
  const s = titleRows(ws, report, 't4', WIDTH);
  merged(ws, s, 1, s, n, T4_GROUPS[0].zh, { bold: true });
  merged(ws, s, n + 1, s, WIDTH, '行政诉讼', { bold: true });
  T4_COLUMNS.forEach((c, k) => merged(ws, s + 1, 1 + k, s + 2, 1 + k, c.zh, { bold: true }));
  T4_GROUPS.slice(1).forEach((g, gi) => {
    const left = n * (gi + 1) + 1;
    merged(ws, s + 1, left, s + 1, left + n - 1, groupLabel(g.zh), { bold: true });
    T4_COLUMNS.forEach((c, k) => put(ws, s + 2, left + k, c.zh, { bold: true, center: true, wrap: true }));
  });
  T4_GROUPS.forEach((g, gi) =>
    T4_COLUMNS.forEach((c, k) => {
      put(ws, s + 3, gi * n + 1 + k, cellValue(cellAt(report, 't4', g.key, c.key)));
      pos.set(`t4.${g.key}.${c.key}`, { row: s + 3, col: gi * n + 1 + k });
    }),
  );
  for (let c = 1; c <= WIDTH; c++) ws.width(c, 10);
}

const REPORT_HEAD = ['来源 source', '机构 agency', '年度 year', '格式 format', '标题 title', '发布日期 published', '错误 errors', '警告 warnings', '读取提示 diagnostics'];
const WIDE_HEAD = ['来源 source', '机构 agency', '年度 year', '格式 format'];

function reportLead(report: Report): Value[] {
  return [safeText(report.meta.source), safeText(report.meta.agency), report.meta.year ?? null, report.meta.format ?? null];
}

/** Row label of a cell key for the wide header. */
function rowLabel(k: UnionCellKey): string {
  if (k.table === 't2') return k.zhRow;
  if (k.table === 't3') return shortT3Label(t3Rows(k.formats[0]).find((r) => r.key === k.row)!);
  return T4_GROUPS.find((g) => g.key === k.row)!.zh;
}

/** The cell keys of one table in every format (a wide sheet's columns before the formats present are known). */
const keysOfTable = new Map<TableId, UnionCellKey[]>();
function tableKeys(table: TableId): UnionCellKey[] {
  let keys = keysOfTable.get(table);
  if (!keys) keysOfTable.set(table, (keys = unionCellKeys().filter((k) => k.table === table)));
  return keys;
}

/** One report's line on a wide sheet: the lead, then its value under every key of the table in any format. */
function wideLine(report: Report, table: TableId): Value[] {
  return [...reportLead(report), ...tableKeys(table).map((k) => cellValue(cellAt(report, k.table, k.row, k.column)))];
}

/** One table of many reports: a row per report, the table's cells (of the formats present) side by side. */
function wideTable(ws: Sheet, table: TableId, formats: ReadonlySet<FormatId>, lines: readonly Value[][]) {
  const lead = WIDE_HEAD.length;
  const shown = tableKeys(table)
    .map((k, at) => ({ k, at: lead + at }))
    .filter(({ k }) => formats.size === 0 || k.formats.some((f) => formats.has(f)));
  const keys = shown.map(({ k }) => k);
  WIDE_HEAD.forEach((h, i) => merged(ws, 1, i + 1, 3, i + 1, h, { bold: true }));
  for (let i = 0; i < keys.length; ) {
    let j = i;
    while (j < keys.length && keys[j].row === keys[i].row && rowLabel(keys[j]) === rowLabel(keys[i])) j++;
    merged(ws, 1, lead + 1 + i, 1, lead + j, rowLabel(keys[i]), { bold: true });
    for (let k = i; k < j; k++) {
      put(ws, 2, lead + 1 + k, keys[k].zhColumn, { bold: true, center: true, wrap: true });
      put(ws, 3, lead + 1 + k, keys[k].id, { center: true });
    }
    i = j;
  }
  ws.freeze(lead, 3);
  ws.width(1, 28);
  ws.width(2, 24);
  for (let c = lead + 1; c <= lead + keys.length; c++) ws.width(c, 12);
  lines.forEach((line, n) => {
    const r = 4 + n;
    for (let i = 0; i < lead; i++) put(ws, r, i + 1, line[i]);
    shown.forEach(({ at }, i) => put(ws, r, lead + 1 + i, line[at]));
  });
}

/** A list sheet's header row, frozen, with its widths; its lines follow with listLine. */
function listHead(ws: Sheet, head: readonly string[]): Sheet {
  ws.addRow([...head], { bold: true });
  ws.freeze(0, 1);
  head.forEach((_, i) => ws.width(i + 1, i === 0 ? 28 : 14));
  return ws;
}

function listLine(ws: Sheet, line: readonly Value[]) {
  ws.addRow(line.map((v) => (v === '' ? null : typeof v === 'string' ? safeText(v) : v)));
}

function listSheet(ws: Sheet, head: readonly string[], lines: readonly Value[][]) {
  listHead(ws, head);
  for (const line of lines) listLine(ws, line);
}

/** Where the sheets go as they are filled: a workbook held whole, or a file written as it goes (./xlsx-stream). */
interface SheetTarget {
  add(name: string): Sheet;
  /** Rows of this sheet so far are final (a streamed sheet writes them out and lets them go). */
  flush(sheet: Sheet): void;
}

/** Flush a list sheet once it holds this many rows. */
const ROWS_HELD = 2000;

/**
 * The workbook filled one report at a time: the reports, long and issues sheets get their rows as
 * each report comes; the wide sheets (whose columns depend on the formats present) and the
 * coverage sheet (which needs every year of an agency) keep a small line per report and are
 * written at the end. `official`: the one report's tables as printed.
 */
class WorkbookFiller {
  private readonly reports: Sheet;
  private readonly tables: Record<TableId, Sheet>;
  private readonly long: Sheet;
  private readonly issues: Sheet;
  private readonly wide: Record<TableId, Value[][]> = { t2: [], t3: [], t4: [] };
  private readonly formats = new Set<FormatId>();
  private readonly coverage: CoverageItem[] = [];
  positions: Record<TableId, CellPositions> | null = null;

  constructor(
    private readonly target: SheetTarget,
    private readonly official: boolean,
  ) {
    this.reports = listHead(target.add(SHEETS.reports), REPORT_HEAD);
    this.tables = { t2: target.add(SHEETS.t2), t3: target.add(SHEETS.t3), t4: target.add(SHEETS.t4) };
    this.long = listHead(target.add(SHEETS.long), LONG_COLUMNS);
    this.issues = listHead(target.add(SHEETS.issues), ISSUE_COLUMNS);
  }

  item(it: ExportItem): void {
    const { report, issues } = it;
    const { errors, warnings } = issueCounts(issues);
    listLine(this.reports, [...reportLead(report), safeText(report.meta.title), report.meta.published ?? null, errors, warnings, report.diagnostics.length]);
    if (this.official) {
      const format = report.meta.format!;
      const positions = (this.positions = { t2: new Map(), t3: new Map(), t4: new Map() });
      officialT2(this.tables.t2, report, format, positions.t2);
      officialT3(this.tables.t3, report, format, positions.t3);
      officialT4(this.tables.t4, report, positions.t4);
    } else {
      if (report.meta.format) this.formats.add(report.meta.format);
      for (const table of ['t2', 't3', 't4'] as const) this.wide[table].push(wideLine(report, table));
    }
    for (const line of longLines(report)) listLine(this.long, line);
    for (const issue of issues) listLine(this.issues, issueLine(report, issue));
    this.coverage.push(coverageItem(report, issues, it.previous ?? null));
    for (const ws of [this.reports, this.long, this.issues]) if (ws.rows.size >= ROWS_HELD) this.target.flush(ws);
  }

  end(failures: readonly ExportFailure[] = []): void {
    if (!this.official) for (const table of ['t2', 't3', 't4'] as const) wideTable(this.tables[table], table, this.formats, this.wide[table]);
    if (this.coverage.length > 1) {
      // A dataset: which agency published which year, when, how late, with how many errors; missing years too.
      const rows = coverage(this.coverage);
      listSheet(this.target.add(SHEETS.coverage), COVERAGE_COLUMNS, rows.map((r) => COVERAGE_COLUMNS.map((c) => r[c] ?? null)));
    }
    if (failures.length) listSheet(this.target.add(SHEETS.failures), ['来源 source', '原因 reason'], failures.map((f) => [safeText(f.source), safeText(f.reason)]));
  }
}

/** `official` for `auto` with one report of a known format; an error when `official` is asked of anything else. */
function isOfficial(count: number, first: ExportItem | undefined, layout: XlsxLayout = 'auto'): boolean {
  const one = count === 1 && !!first?.report.meta.format;
  if (layout === 'official' && !one) throw new Error('official layout needs exactly one report of a known format');
  return layout === 'official' || (layout === 'auto' && one);
}

const CREATOR = '年报透镜 Nianbao Lens';

/** Build the workbook (exported for callers that add sheets of their own). */
export async function buildWorkbook(items: readonly ExportItem[], opts: XlsxOptions = {}): Promise<{ book: Book; positions: Record<TableId, CellPositions> | null }> {
  const book = new XlsxWorkbook();
  book.creator = CREATOR;
  const filler = new WorkbookFiller({ add: (name) => book.addWorksheet(name), flush: () => undefined }, isOfficial(items.length, items[0], opts.layout));
  for (const it of items) filler.item(it);
  filler.end(opts.failures);
  return { book, positions: filler.positions };
}

/**
 * An XLSX file written as the reports come: `item()` each, `drain()` now and then to let deflate
 * catch up, `end()` for the file in pieces. The layout as toXlsx chooses it: `auto` holds the first
 * report back until a second one comes (wide) or none does (one report: its tables as printed).
 */
export interface XlsxExporter {
  item(it: ExportItem): void;
  drain(): Promise<void>;
  end(failures?: readonly ExportFailure[]): Promise<Uint8Array[]>;
}

export function xlsxExporter(opts: { layout?: XlsxLayout; nativeDeflate?: boolean } = {}): XlsxExporter {
  const stream = new XlsxStream({ creator: CREATOR, nativeDeflate: opts.nativeDeflate });
  let filler: WorkbookFiller | null = null;
  let first: ExportItem | null = null;
  const start = (count: number) => {
    filler = new WorkbookFiller({ add: (name) => stream.add(new XlsxSheet(name)), flush: (ws) => stream.flush(ws) }, isOfficial(count, first ?? undefined, opts.layout));
    if (first) filler.item(first);
    first = null;
    return filler;
  };
  return {
    item: (it) => {
      if (filler) filler.item(it);
      else if (first) start(2).item(it);
      else first = it;
    },
    drain: () => stream.drain(),
    end: async (failures) => {
      (filler ?? start(first ? 1 : 0)).end(failures);
      return stream.finish();
    },
  };
}

/** The workbook as XLSX bytes (a Uint8Array in Node and in the browser). */
export async function toXlsx(items: readonly ExportItem[], opts: XlsxOptions = {}): Promise<Uint8Array> {
  const exporter = xlsxExporter({ layout: opts.layout });
  for (const it of items) exporter.item(it);
  return joinBytes(await exporter.end(opts.failures));
}
