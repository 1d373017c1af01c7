/** Extraction → Report: format detection, value parsing, metadata, sections, diagnostics. */
import { cellKeys, labelOf, TABLE_SHORT_ZH, type FormatId } from '../model/keys';
import type { Cell, Diagnostic, Report, TableData } from '../model/schema';
import type { Extraction, FoundCell } from './extraction';
import { extractMeta, narrativeOf, splitSections, type Narrative } from './meta';
import { collapse, keepCompactText, parseValue } from './normalize';
import { detectOlder, OLDER_MESSAGE } from './older';

const T2_2021_ONLY = new Set(['issued', 'repealed', 'in_force']);
const T2_2019_ONLY = new Set(['made', 'published', 'total_public', 'previous_items', 'change', 'projects']);

/** Which official format the cells found belong to: the columns of table 2 and the （六） rows of table 3 tell. */
export function detectFormat(cells: FoundCell[]): FormatId | null {
  let t2: FormatId | null = null;
  let t3: FormatId | null = null;
  for (const c of cells) {
    if (c.table === 't2') {
      if (T2_2021_ONLY.has(c.column) || (c.row === 'fees' && c.column === 'amount_10k_yuan')) t2 ??= '2021';
      else if (T2_2019_ONLY.has(c.column) || c.row === 'other_services' || c.row === 'procurement') t2 ??= '2019';
    } else if (c.table === 't3') {
      if (c.row.startsWith('other.')) t3 ??= '2021';
      else if (c.row === 'other') t3 ??= '2019';
    }
  }
  if (t2 && t3) return t2 === t3 ? t2 : 'hybrid';
  return t2 ?? t3;
}

/** Table → row → the columns of a format's cells, made once per format (looked up without building a key string per cell). */
type CellSet = ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;
const CELL_SETS = new Map<FormatId, CellSet>();
function formatCells(format: FormatId): CellSet {
  let cells = CELL_SETS.get(format);
  if (!cells) {
    const made = new Map<string, Map<string, Set<string>>>();
    for (const k of cellKeys(format)) {
      const rows = made.get(k.table) ?? made.set(k.table, new Map()).get(k.table)!;
      (rows.get(k.row) ?? rows.set(k.row, new Set()).get(k.row)!).add(k.column);
    }
    CELL_SETS.set(format, (cells = made));
  }
  return cells;
}

/**
 * The reading notes a user is shown (panel, `nianbao check`): what the reader could not read or read
 * by guess — the warnings and errors among the diagnostics; OCR's own note is said in the head line.
 */
export function readingNotes(report: Pick<Report, 'diagnostics'>): Diagnostic[] {
  return report.diagnostics.filter((d) => d.level !== 'info' && d.code !== 'pdf.ocr');
}

function toCell(found: FoundCell): Cell {
  const money = found.column === 'amount_10k_yuan';
  // The reader's reading, unless it carries a note (a note keeps the raw text's own spacing and brackets).
  const parsed = !money && found.parsed && !found.parsed.note ? found.parsed : parseValue(found.raw, money);
  const cell: Cell = { value: parsed.value, raw: collapse(found.raw), blank: parsed.blank };
  if (parsed.note) cell.note = parsed.note;
  if (found.source) cell.source = found.source;
  if (found.unsure) Object.assign(cell, { unsure: true, unsureWhy: found.unsure });
  return cell;
}

export interface BuildOptions {
  source?: string | null;
}

export function buildReport(ex: Extraction, opts: BuildOptions = {}): Report {
  const found = detectFormat(ex.cells);
  const narrative = narrativeOf(ex);
  const first = extractMeta(ex, { source: opts.source ?? null, format: found }, narrative);
  if (detectOlder(ex.lines, { title: first.title, year: first.year, format: found })) return olderReport(ex, first, narrative);
  const diagnostics: Diagnostic[] = [...ex.diagnostics];
  const format = found;
  const t2: TableData = {};
  const t3: TableData = {};
  const t4: TableData = {};
  const tables = { t2, t3, t4 };
  const wanted = format ? formatCells(format) : null;
  for (const found of ex.cells) {
    if (wanted && !wanted.get(found.table)?.get(found.row)?.has(found.column)) {
      const key = `${found.table}.${found.row}.${found.column}`;
      diagnostics.push({
        level: 'warning',
        code: 'cell.outside-format',
        message: `「${key}」不属于 ${format} 格式，已忽略 — cell ${key} is not part of format ${format}; ignored`,
      });
      continue;
    }
    const row = (tables[found.table][found.row] ??= {});
    if (row[found.column]) continue; // first one wins
    row[found.column] = toCell(found);
  }
  if (!format) {
    diagnostics.push({
      level: 'error',
      code: 'format.unknown',
      message: '未能识别报告格式（找不到主动公开或申请处理表格） — could not tell the report format: no table 2 or table 3 found',
    });
  } else {
    const missingRows = new Map<string, string>();
    for (const k of cellKeys(format)) {
      if (!tables[k.table][k.row]?.[k.column]) missingRows.set(`${k.table}.${k.row}`, `${TABLE_SHORT_ZH[k.table]}·${labelOf(k.table, k.row, null)}`);
    }
    if (missingRows.size) {
      diagnostics.push({
        level: 'warning',
        code: 'table.missing-cells',
        message: `有 ${missingRows.size} 行未能完整读取：${[...missingRows.values()].join('、')} — ${missingRows.size} rows could not be read in full: ${[...missingRows.keys()].join(', ')}`,
      });
    }
  }
  const meta = first;
  const sections = splitSections(narrative.lines, narrative.own);
  return withCompactText({ meta, t2, t3, t4, sections, text: narrative.text, diagnostics }, narrative);
}

/** The report, its narrative's compact() kept for the rules that read it again. */
function withCompactText(report: Report, narrative: Narrative): Report {
  keepCompactText(report, narrative.all);
  return report;
}

/** A report in the layout before 2019: its metadata and narrative, no cells (no official key applies). */
function olderReport(ex: Extraction, meta: Report['meta'], narrative: Narrative): Report {
  const diagnostics: Diagnostic[] = [{ level: 'info', code: 'format.older', message: OLDER_MESSAGE }];
  const sections = splitSections(narrative.lines, narrative.own);
  return withCompactText({ meta: { ...meta, format: 'older' }, t2: {}, t3: {}, t4: {}, sections, text: narrative.text, diagnostics }, narrative);
}

