/**
 * The three data tables found in PDF text. Each finder returns the cells it read, the span of
 * lines the table takes (left out of the narrative) and diagnostics. Tables are found by their
 * shape (a line of 7 numbers is a table-3 row, a line of 15 numbers is table 4) and headings,
 * rows are named by their labels where they can be read and by the official row order where not.
 */
import type { Diagnostic } from '../model/schema';
import { T2_ROWS_2019, T2_ROWS_2021, T3_COLUMNS, T3_ROWS_2019, T3_ROWS_2021, T4_COLUMNS, T4_GROUPS, type FormatId } from '../model/keys';
import type { FoundCell } from './extraction';
import { matchT2Column, matchT2Row, matchT3Row } from './labels';
import { compact } from './normalize';
import { rowValues, vocabRatio, type TextLine, type TextValue } from './text-lines';

export interface Span {
  table: 't2' | 't3' | 't4';
  /** 0-based indexes into the line array, inclusive. */
  from: number;
  to: number;
}

export interface TableResult {
  cells: FoundCell[];
  span: Span | null;
  diagnostics: Diagnostic[];
}

const vocab = (s: string) => new Set([...s.normalize('NFKC')]);
const T3_VOCAB = vocab('申请人情况本列数据的勾稽关系为第一项加第二项之和等于第三项加第四项之和自然人法人或其他组织商业企业科研机构社会公益组织法律服务机构其它总计合');
const T4_VOCAB = vocab('行政复议诉讼未经直接起后结果维持纠正其他它尚未审结总计合');
const T2_VOCAB = vocab('第二十条项一二三四五六七八九信息内容本年制发件数废止现行有效处理决定数量收费金额单位万元新作公开对外总上项目增减采购');

/** A heading of one of the six sections: "三、收到和处理政府信息公开申请情况". */
const SECTION_HEADING = /^[一二三四五六七八][、.．，,]/;
const SECTION_WORDS = /总体情况|主动公开|收到和处理|依申请公开|申请情况|行政复议|行政诉讼|存在的?主要问题|问题及改进|改进情况|其他需要报告|其他事项/;

export function isSectionHeading(line: TextLine): boolean {
  if (line.kind !== 'text' || line.values.length !== 0) return false;
  const c = line.compact;
  return c.length <= 40 && SECTION_HEADING.test(c) && SECTION_WORDS.test(c);
}

const ARTICLE = /第二十条第?[(（][一二三四五六七八九十]+[)）]项?/;
const isBlankish = (l: TextLine) => l.kind !== 'text';
const text = (l: TextLine) => compact(l.cells.join(''));

function diag(level: Diagnostic['level'], code: string, zh: string, en: string): Diagnostic {
  return { level, code, message: `${zh} — ${en}` };
}

function cell(table: FoundCell['table'], row: string, column: string, v: TextValue, line: TextLine): FoundCell {
  return { table, row, column, raw: v.raw, source: { kind: 'text', line: line.no, index: v.index } };
}

/** Walk up from `start` over header lines of a table (its words, blank lines, page numbers). */
function headerStart(lines: TextLine[], start: number, words: Set<string>, floor: number, extra?: (l: TextLine) => boolean): number {
  let from = start;
  for (let i = start - 1; i >= floor; i--) {
    const l = lines[i];
    if (isBlankish(l)) continue;
    if (isSectionHeading(l)) break;
    if (vocabRatio(l, words) >= 0.8 || (extra && extra(l))) from = i;
    else break;
  }
  return from;
}

// ————————————————————————————————————————— Table 4 ————————————————————————————————————————————

const T4_KEYS = T4_GROUPS.flatMap((g) => T4_COLUMNS.map((c) => [g.key, c.key] as const));

function isT4Header(l: TextLine): boolean {
  if (l.kind !== 'text' || l.compact.length > 80) return false;
  return /行政复议|行政诉讼|复议后起诉|直接起诉|结果维持/.test(l.compact) && !isSectionHeading(l) && vocabRatio(l, T4_VOCAB) >= 0.7;
}

export function findT4(lines: TextLine[], after: number, taken: (i: number) => boolean): TableResult {
  const diagnostics: Diagnostic[] = [];
  // a line of 15 values under the table's header words (or its section heading) not far above
  const headed = (at: number) => {
    for (let i = at - 1; i >= 0 && i >= at - 20; i--) if (/行政复议|行政诉讼|复议|诉讼|维持|纠正|审结/.test(lines[i].compact)) return true;
    return false;
  };
  const pick = (from: number) => {
    for (let i = from; i < lines.length; i++) if (!taken(i) && rowValues(lines[i], 15) && headed(i)) return i;
    return -1;
  };
  let at = pick(after);
  if (at < 0 && after > 0) at = pick(0);
  if (at >= 0) {
    const vals = rowValues(lines[at], 15)!;
    const cells = vals.map((v, k) => cell('t4', T4_KEYS[k][0], T4_KEYS[k][1], v, lines[at]));
    const from = headerStart(lines, at, T4_VOCAB, Math.max(0, at - 30));
    return { cells, span: { table: 't4', from, to: at }, diagnostics };
  }
  // No line of 15: the values may be spread over a few lines below the header.
  let head = -1;
  for (let i = Math.max(0, after); i < lines.length; i++) {
    if (!taken(i) && isT4Header(lines[i])) {
      head = i;
      break;
    }
  }
  if (head < 0) {
    diagnostics.push(diag('warning', 'text.t4-not-found', '未找到行政复议、行政诉讼情况表', 'table 4 (reviews and lawsuits) not found'));
    return { cells: [], span: null, diagnostics };
  }
  const found: Array<{ v: TextValue; line: TextLine }> = [];
  let last = head;
  for (let i = head + 1; i < lines.length && i < head + 40 && found.length < 15; i++) {
    const l = lines[i];
    if (taken(i) || isSectionHeading(l)) break;
    if (isBlankish(l)) continue;
    if (l.values.length === 0) {
      if (vocabRatio(l, T4_VOCAB) >= 0.8) {
        last = i;
        continue;
      }
      if (found.length) break;
      continue;
    }
    if (l.cells.length && vocabRatio(l, T4_VOCAB) < 0.8) break;
    for (const v of l.values) found.push({ v, line: l });
    last = i;
  }
  const span: Span = { table: 't4', from: headerStart(lines, head, T4_VOCAB, Math.max(0, head - 10)), to: last };
  if (found.length !== 15) {
    diagnostics.push(
      diag('warning', 'text.t4-values', `行政复议、行政诉讼表读到 ${found.length} 个数值，应为 15 个，未予采用`, `table 4: found ${found.length} values instead of 15; not used`),
    );
    return { cells: [], span, diagnostics };
  }
  const cells = found.map(({ v, line }, k) => cell('t4', T4_KEYS[k][0], T4_KEYS[k][1], v, line));
  return { cells, span, diagnostics };
}

// ————————————————————————————————————————— Table 3 ————————————————————————————————————————————

interface T3Row {
  at: number;
  values: TextValue[];
  /** Key named by the row's own line; null when the line says nothing. */
  own: string | null;
  /** Key named with the help of the wrapped label lines around it. */
  near: string | null;
  /** Lines used for the label beyond the row's own line. */
  used: number[];
  partial: boolean;
}

const T3_WIDTH = T3_COLUMNS.length;

/** Candidate row lines: exactly 7 values. Clustered; the largest cluster is table 3. */
function t3Cluster(lines: TextLine[], taken: (i: number) => boolean): number[] {
  const clusters: number[][] = [];
  let cur: number[] = [];
  let lastAt = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (taken(i)) continue;
    const stop = isSectionHeading(l) || rowValues(l, 15) !== null || isT4Header(l);
    if (stop || (cur.length && i - lastAt > 25)) {
      if (cur.length) clusters.push(cur);
      cur = [];
    }
    if (rowValues(l, T3_WIDTH)) {
      cur.push(i);
      lastAt = i;
    }
  }
  if (cur.length) clusters.push(cur);
  let best: number[] = [];
  for (const c of clusters) if (c.length > best.length) best = c;
  if (best.length >= 3) return best;
  // a very short table still counts when its labels say it is table 3
  return best.filter((i) => ownKey(lines[i]) !== null).length ? best : [];
}

function ownKey(l: TextLine): string | null {
  return l.cells.length ? matchT3Row(l.cells) : null;
}

/** Wrapped label lines around row `k`: lines between it and its neighbours that carry no row. */
function labelLines(lines: TextLine[], at: number, prev: number, next: number): { above: number[]; below: number[] } {
  const above: number[] = [];
  const below: number[] = [];
  for (let i = at - 1; i > prev && above.length < 4; i--) {
    const l = lines[i];
    if (isBlankish(l)) continue;
    if (isSectionHeading(l) || l.values.length) break;
    above.unshift(i);
  }
  for (let i = at + 1; i < next && below.length < 4; i++) {
    const l = lines[i];
    if (isBlankish(l)) continue;
    if (isSectionHeading(l) || l.values.length || isT4Header(l)) break;
    below.push(i);
  }
  return { above, below };
}

const WINDOWS: Array<[number, number]> = [
  [1, 0],
  [0, 1],
  [1, 1],
  [2, 0],
  [0, 2],
  [2, 1],
  [1, 2],
  [2, 2],
  [3, 0],
  [0, 3],
];

function nearKey(lines: TextLine[], row: T3Row, above: number[], below: number[]): void {
  const own = lines[row.at].cells;
  for (const [a, b] of WINDOWS) {
    if (a > above.length || b > below.length) continue;
    const up = above.slice(above.length - a);
    const down = below.slice(0, b);
    const parts = [...up.map((i) => lines[i].cells.join('')), ...own, ...down.map((i) => lines[i].cells.join(''))];
    const key = matchT3Row([parts.join('')]) ?? matchT3Row(parts);
    if (key) {
      row.near = key;
      row.used = [...up, ...down];
      return;
    }
  }
}

interface Alignment {
  /** Template key of each row; null for a row that fits none (dropped). */
  keys: Array<string | null>;
  score: number;
  /** Rows whose own label names a different row than the order gives them. */
  contradicted: number[];
}

const MATCH = 3;
const NEAR = 1;
const CONTRADICT = -1;
const DROP_ROW = -2;
const SKIP_TEMPLATE = -1;

/**
 * Align the rows found with the template rows, in order (a sequence alignment): a row whose own
 * label names the template row scores high, one named only by the wrapped labels around it a
 * little, an unnamed row nothing; a label that names another row costs a little, a row left out
 * or a template row with no row costs more. So labels decide where they are read and the
 * official order decides where they are lost, or where one label is misprinted.
 */
function align(rows: T3Row[], template: readonly string[]): Alignment {
  const n = rows.length;
  const m = template.length;
  const inTemplate = new Set(template);
  const gain = (i: number, k: number): number => {
    const own = rows[i].own;
    if (own && inTemplate.has(own)) return own === template[k] ? MATCH : CONTRADICT;
    return rows[i].near === template[k] ? NEAR : 0;
  };
  // f[i][k]: best score of rows [0, i) against template rows [0, k)
  const f: number[][] = [];
  const how: number[][] = []; // 0 assign, 1 drop row, 2 skip template row
  for (let i = 0; i <= n; i++) {
    f.push(new Array<number>(m + 1).fill(-Infinity));
    how.push(new Array<number>(m + 1).fill(-1));
  }
  f[0][0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let k = 0; k <= m; k++) {
      if (i === 0 && k === 0) continue;
      let best = -Infinity;
      let h = -1;
      if (i > 0 && k > 0 && f[i - 1][k - 1] + gain(i - 1, k - 1) > best) {
        best = f[i - 1][k - 1] + gain(i - 1, k - 1);
        h = 0;
      }
      if (k > 0 && f[i][k - 1] + SKIP_TEMPLATE > best) {
        best = f[i][k - 1] + SKIP_TEMPLATE;
        h = 2;
      }
      if (i > 0 && f[i - 1][k] + DROP_ROW > best) {
        best = f[i - 1][k] + DROP_ROW;
        h = 1;
      }
      f[i][k] = best;
      how[i][k] = h;
    }
  }
  const keys: Array<string | null> = rows.map(() => null);
  const contradicted: number[] = [];
  for (let i = n, k = m; i > 0 || k > 0; ) {
    const h = how[i][k];
    if (h === 0) {
      keys[i - 1] = template[k - 1];
      const own = rows[i - 1].own;
      if (own && inTemplate.has(own) && own !== template[k - 1]) contradicted.push(i - 1);
      i--;
      k--;
    } else if (h === 1) i--;
    else k--;
  }
  return { keys, score: f[n][m], contradicted: contradicted.reverse() };
}

/** Column of each value of a row with blank cells, from the nearest full row's value positions. */
function placeByColumn(row: T3Row, full: T3Row[]): Array<number | null> {
  if (!full.length) return row.values.map(() => null);
  let ref = full[0];
  for (const f of full) if (Math.abs(f.at - row.at) < Math.abs(ref.at - row.at)) ref = f;
  const centres = ref.values.map((v) => v.col + v.width / 2);
  const used = new Set<number>();
  return row.values.map((v) => {
    const c = v.col + v.width / 2;
    let best = -1;
    for (let k = 0; k < centres.length; k++) {
      if (used.has(k)) continue;
      if (best < 0 || Math.abs(centres[k] - c) < Math.abs(centres[best] - c)) best = k;
    }
    if (best < 0) return null;
    used.add(best);
    return best;
  });
}

export function findT3(lines: TextLine[], taken: (i: number) => boolean, hint: FormatId | null): TableResult & { format: FormatId | null } {
  const diagnostics: Diagnostic[] = [];
  const at = t3Cluster(lines, taken);
  if (!at.length) {
    diagnostics.push(diag('warning', 'text.t3-not-found', '未找到收到和处理政府信息公开申请情况表', 'table 3 (requests) not found'));
    return { cells: [], span: null, diagnostics, format: null };
  }
  // rows with blank cells (fewer than 7 values) count when their own line names a row
  const first = at[0];
  let lastLine = at[at.length - 1];
  const rowLines = new Set(at);
  for (let i = first; i < lines.length && i <= lastLine + 6; i++) {
    const l = lines[i];
    if (taken(i) || isSectionHeading(l) || isT4Header(l) || rowValues(l, 15)) break;
    if (rowLines.has(i)) continue;
    const n = l.values.length;
    if (n > 0 && n < T3_WIDTH && !l.markdown && ownKey(l)) {
      rowLines.add(i);
      if (i > lastLine) lastLine = i;
    }
  }
  const sorted = [...rowLines].sort((a, b) => a - b);
  const rows: T3Row[] = sorted.map((i) => ({
    at: i,
    values: rowValues(lines[i], T3_WIDTH) ?? lines[i].values,
    own: ownKey(lines[i]),
    near: null,
    used: [],
    partial: rowValues(lines[i], T3_WIDTH) === null,
  }));
  const from = headerStart(lines, first, T3_VOCAB, Math.max(0, first - 30), (l) => l.values.length === 0 && matchT3Row(l.cells) !== null);
  rows.forEach((r, k) => {
    const prev = k > 0 ? rows[k - 1].at : from - 1;
    const next = k + 1 < rows.length ? rows[k + 1].at : Math.min(lines.length, r.at + 4);
    const { above, below } = labelLines(lines, r.at, prev, next);
    if (!r.own) nearKey(lines, r, above, below);
  });

  const t19 = T3_ROWS_2019.map((r) => r.key);
  const t21 = T3_ROWS_2021.map((r) => r.key);
  const a19 = align(rows, t19);
  const a21 = align(rows, t21);
  let use21: boolean;
  if (a21.score !== a19.score) use21 = a21.score > a19.score;
  else use21 = hint !== '2019';
  const chosen = use21 ? a21 : a19;
  const format: FormatId = use21 ? '2021' : '2019';

  const cells: FoundCell[] = [];
  const full = rows.filter((r) => !r.partial);
  let to = lastLine;
  rows.forEach((r, k) => {
    const key = chosen.keys[k];
    for (const u of r.used) if (u > to && u <= lastLine + 4) to = u;
    if (!key) {
      diagnostics.push(diag('warning', 'text.t3-extra-row', `第 ${lines[r.at].no} 行的数值无法对应到申请情况表的行，已忽略`, `line ${lines[r.at].no}: a row of table 3 that fits no template row; ignored`));
      return;
    }
    const columns = r.partial ? placeByColumn(r, full) : r.values.map((_, c) => c);
    if (r.partial) {
      diagnostics.push(
        diag('warning', 'text.t3-partial-row', `第 ${lines[r.at].no} 行只有 ${r.values.length} 个数值，按列位置对应`, `line ${lines[r.at].no}: only ${r.values.length} values; placed by column position`),
      );
    }
    r.values.forEach((v, c) => {
      const col = columns[c];
      if (col == null) return;
      cells.push(cell('t3', key, T3_COLUMNS[col].key, v, lines[r.at]));
    });
  });
  const tpl = use21 ? t21 : t19;
  const named = new Set(chosen.keys.filter((k): k is string => k !== null));
  if (named.size < tpl.length) {
    const missing = tpl.filter((k) => !named.has(k));
    diagnostics.push(
      diag(
        'warning',
        'text.t3-rows',
        `申请情况表读到 ${named.size} 行，应为 ${tpl.length} 行；缺：${missing.join('、')}`,
        `table 3: ${named.size} of ${tpl.length} rows read; missing ${missing.join(', ')}`,
      ),
    );
  }
  for (const k of chosen.contradicted) {
    const r = rows[k];
    diagnostics.push(
      diag(
        'warning',
        'text.t3-label',
        `第 ${lines[r.at].no} 行的标签像「${r.own}」，按表格行序读作「${chosen.keys[k]}」`,
        `line ${lines[r.at].no}: the label reads as ${r.own}; read as ${chosen.keys[k]} by the row order`,
      ),
    );
  }
  return { cells, span: { table: 't3', from, to }, diagnostics, format };
}

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
  let freshHeader = true;
  let pending: { text: string; at: number } | null = null;
  let last = start;
  let misses = 0;
  for (let i = start; i < lines.length; i++) {
    const l = lines[i];
    if (taken(i) || isSectionHeading(l)) break;
    if (isBlankish(l)) continue;
    if (isArticle(l)) {
      // the column header may share the heading's line
      headerText = l.compact.replace(/^.*?第二十条第?[(（][一二三四五六七八九十]+[)）]项?/, '');
      header = headerText ? scanT2Columns(headerText) : [];
      if (header.length) headers.push(header);
      freshHeader = header.length > 0;
      pending = null;
      last = i;
      misses = 0;
      continue;
    }
    if (isT2Header(l)) {
      headerText = freshHeader ? compact(l.text) : headerText + compact(l.text);
      freshHeader = false;
      header = scanT2Columns(headerText);
      headers.push(header);
      pending = null;
      last = i;
      misses = 0;
      continue;
    }
    if (l.values.length === 0) {
      // a label line: a whole row label (values on the next line) or the first part of a wrapped one
      const c = text(l);
      if (c.length <= 24) {
        pending = { text: (pending ? pending.text : '') + c, at: i };
        if (matchT2Row(pending.text)) misses = 0;
        else if (++misses > 6) break;
        continue;
      }
      pending = null;
      if (++misses > 6) break;
      continue;
    }
    const ownText = text(l);
    const nextLine = lines.slice(i + 1, i + 4).find((x) => !isBlankish(x));
    const nextText = nextLine && nextLine.values.length === 0 && !isArticle(nextLine) && !isT2Header(nextLine) ? text(nextLine) : '';
    const tries = ownText ? [ownText, pending ? pending.text + ownText : '', ownText + nextText] : [pending ? pending.text : ''];
    let key: string | null = null;
    for (const t of tries) {
      if (t && t.length <= 30 && (key = matchT2Row(t))) break;
    }
    pending = null;
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
