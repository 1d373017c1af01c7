/** Table 2 (主动公开) in PDF text: the 第二十条 rows and their columns. Moved verbatim from text-tables.ts. */
import type { Diagnostic } from '../model/schema';
import { T2_ROWS_2019, T2_ROWS_2021, type FormatId } from '../model/keys';
import type { FoundCell } from './extraction';
import { matchT2Column, matchT2Row } from './labels';
import { compact } from './normalize';
import { vocabRatio, type TextLine, type TextValue } from './text-lines';
import { type TableResult, T2_VOCAB, isSectionHeading, ARTICLE, isBlankish, text, diag, cell } from './text-tables-base';

// ————————————————————————————————————————— Table 2 ————————————————————————————————————————————

/** Column keys a header names, in printed order ("本年制发件数本年废止件数…" may come glued). */
export function scanT2Columns(header: string): string[] {
  const out: string[] = [];
  let s = compact(header);
  while (s) {
    let hit = false;
    for (let end = 1; end <= s.length; end++) {
      const k = matchT2Column(s.slice(0, end));
      if (k) {
        if (!out.includes(k)) out.push(k);
        s = s.slice(end);
        hit = true;
        break;
      }
    }
    if (!hit) break;
  }
  return out;
}

/**
 * The header's columns left to right, where the header stands on several lines: a header cell
 * that wraps is set centred, so its first line can stand above the line of its neighbours
 * ("采购总金额（单位：万" above "信息内容 采购项目数量"), and line order is not column order. Each
 * column is placed where its name stands in its line; when one cannot be placed (a name broken
 * over lines, 本年新 / 制作数量), the order read stays.
 */
function byPosition(columns: string[], headerLines: TextLine[]): string[] {
  if (headerLines.length < 2 || columns.length < 2) return columns;
  const at = new Map<string, number>();
  for (const l of headerLines) {
    const seg = /\S+(?:[ \u00a0\u3000]\S+)*/g;
    let m: RegExpExecArray | null;
    while ((m = seg.exec(l.text))) for (const k of scanT2Columns(m[0])) if (!at.has(k) || at.get(k)! > m.index) at.set(k, m.index);
  }
  if (!columns.every((k) => at.has(k))) return columns;
  return [...columns].sort((a, b) => at.get(a)! - at.get(b)!);
}

const T2_2021_COLS = new Set(['issued', 'repealed', 'in_force']);
const T2_2019_COLS = new Set(['made', 'published', 'total_public', 'previous_items', 'change', 'projects']);

interface T2Row {
  at: number;
  key: string;
  values: TextValue[];
  header: string[];
}

function isArticle(l: TextLine): boolean {
  if (l.kind !== 'text') return false;
  const c = l.compact.replace(/[|#*]/g, '');
  return ARTICLE.test(c) && c.length <= 60 && !/[。；]/.test(c) && l.values.length === 0;
}

const T2_HEADER_WORDS = /信息内容|制发|废止|现行有效|有效件数|处理决定|决定数量|金额|新制作|新公开|公开总数|上一年|上年项目|增\/?减|采购项目/;

function isT2Header(l: TextLine): boolean {
  if (l.kind !== 'text' || l.values.length) return false;
  const c = l.compact;
  if (c.length > 80 || /[。；]/.test(c) || !T2_HEADER_WORDS.test(c)) return false;
  return /^[|#*]*信息内容/.test(c) || (scanT2Columns(c).length > 0 && vocabRatio(l, T2_VOCAB) >= 0.6);
}

function t2Label(l: TextLine): string | null {
  const c = text(l);
  if (!c || c.length > 24) return null;
  return matchT2Row(c);
}

export function findT2(lines: TextLine[], taken: (i: number) => boolean, hint: FormatId | null): TableResult & { format: FormatId | null } {
  const diagnostics: Diagnostic[] = [];
  // start: the first 第二十条 heading or 信息内容 header followed soon by a labelled row
  let start = -1;
  for (let i = 0; i < lines.length && start < 0; i++) {
    if (taken(i) || !(isArticle(lines[i]) || isT2Header(lines[i]))) continue;
    for (let j = i + 1; j < lines.length && j <= i + 15; j++) {
      if (taken(j)) break;
      if (lines[j].values.length && (t2Label(lines[j]) || (j > 0 && t2Label(lines[j - 1])))) {
        start = i;
        break;
      }
    }
  }
  if (start < 0) {
    diagnostics.push(diag('warning', 'text.t2-not-found', '未找到主动公开政府信息情况表', 'table 2 (proactive disclosure) not found'));
    return { cells: [], span: null, diagnostics, format: null };
  }
  const rows: T2Row[] = [];
  const headers: string[][] = [];
  let header: string[] = [];
  let headerText = '';
  let headerLines: TextLine[] = [];
  let freshHeader = true;
  let pending: { text: string; at: number } | null = null;
  // the short value-less lines since the last value line: a narrow column breaks a label, the
  // 第二十条第 / （五）项 heading and the header over several lines (行政规 / 范性 129 / 文件)
  let run: string[] = [];
  let last = start;
  let misses = 0;
  for (let i = start; i < lines.length; i++) {
    const l = lines[i];
    if (taken(i) || isSectionHeading(l)) break;
    if (isBlankish(l)) continue;
    const brokenArticle = l.values.length === 0 && run.length > 0 && run.length < 3 && !isArticle(l) && ARTICLE.test(run.join('') + l.compact);
    if (isArticle(l) || brokenArticle) {
      // the column header may share the heading's line
      headerText = (brokenArticle ? run.join('') + l.compact : l.compact).replace(/^.*?第二十条第?[(（][一二三四五六七八九十]+[)）]项?/, '');
      run = [];
      header = headerText ? scanT2Columns(headerText) : [];
      headerLines = header.length ? [l] : [];
      if (header.length) headers.push(header);
      freshHeader = header.length > 0;
      pending = null;
      last = i;
      misses = 0;
      continue;
    }
    if (isT2Header(l)) {
      headerText = freshHeader ? compact(l.text) : headerText + compact(l.text);
      headerLines = freshHeader ? [l] : [...headerLines, l];
      freshHeader = false;
      header = byPosition(scanT2Columns(headerText), headerLines);
      headers.push(header);
      pending = null;
      run = [];
      last = i;
      misses = 0;
      continue;
    }
    if (l.values.length === 0) {
      // a label line: a whole row label (values on the next line) or the first part of a wrapped one
      const c = text(l);
      if (c.length <= 24) {
        pending = { text: (pending ? pending.text : '') + c, at: i };
        run.push(c);
        // a row's broken label or a heading/header broken over lines is no miss; a long run is
        if (matchT2Row(pending.text) || (run.length <= 4 && vocabRatio(l, T2_VOCAB) >= 0.6)) misses = 0;
        else if (++misses > 6 || run.length > 10) break;
        continue;
      }
      pending = null;
      run = [];
      if (++misses > 6) break;
      continue;
    }
    const ownText = text(l);
    const nextLine = lines.slice(i + 1, i + 4).find((x) => !isBlankish(x));
    const nextText = nextLine && nextLine.values.length === 0 && !isArticle(nextLine) && !isT2Header(nextLine) ? text(nextLine) : '';
    // a label broken round its numbers: its first part on the line above, its rest below
    const above = run.length ? run[run.length - 1] : '';
    const tries = ownText
      ? [ownText, pending ? pending.text + ownText : '', ownText + nextText, above + ownText, above + ownText + nextText]
      : [pending ? pending.text : '', above + nextText];
    let key: string | null = null;
    for (const t of tries) {
      if (t && t.length <= 30 && (key = matchT2Row(t))) break;
    }
    pending = null;
    run = [];
    if (!key) {
      if (++misses > 6) break;
      continue;
    }
    rows.push({ at: i, key, values: l.values, header });
    freshHeader = true;
    last = i;
    misses = 0;
  }

  // format of table 2: its column headers and its rows tell
  let v21 = 0;
  let v19 = 0;
  for (const h of headers) for (const k of h) (T2_2021_COLS.has(k) ? v21++ : T2_2019_COLS.has(k) ? v19++ : 0);
  for (const r of rows) {
    if (r.key === 'other_services' || r.key === 'procurement') v19++;
    if (r.key === 'fees' && r.header.includes('amount_10k_yuan')) v21++;
    if (r.key === 'fees' && (r.header.includes('previous_items') || r.header.includes('change'))) v19++;
  }
  const format: FormatId = v21 !== v19 ? (v21 > v19 ? '2021' : '2019') : hint === '2019' ? '2019' : '2021';
  const defs = format === '2019' ? T2_ROWS_2019 : T2_ROWS_2021;

  const cells: FoundCell[] = [];
  for (const r of rows) {
    const def = defs.find((d) => d.key === r.key);
    const where = `第 ${lines[r.at].no} 行`;
    if (!def) {
      diagnostics.push(diag('warning', 'text.t2-row', `${where}「${r.key}」不属于 ${format} 格式的主动公开表`, `line ${lines[r.at].no}: row ${r.key} is not part of table 2 in format ${format}`));
      continue;
    }
    const allowed = def.columns.map((c) => c.key);
    const fromHeader = r.header.filter((k) => allowed.includes(k));
    let columns: string[];
    if (fromHeader.length === r.values.length && fromHeader.length === r.header.length) columns = fromHeader;
    else columns = allowed;
    if (r.values.length !== columns.length) {
      diagnostics.push(
        diag(
          'warning',
          'text.t2-values',
          `${where}「${def.zh}」有 ${r.values.length} 个数值，应为 ${columns.length} 个，按顺序对应`,
          `line ${lines[r.at].no}: ${def.key} has ${r.values.length} values instead of ${columns.length}; read in order`,
        ),
      );
    }
    r.values.slice(0, columns.length).forEach((v, k) => cells.push(cell('t2', r.key, columns[k], v, lines[r.at])));
  }
  return { cells, span: { table: 't2', from: start, to: last }, diagnostics, format: rows.length ? format : null };
}
