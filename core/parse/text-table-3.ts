/** Table 3 (依申请公开) in PDF text: lines of 7 numbers, rows named by their labels or aligned to the official row order. Moved verbatim from text-tables.ts. */
import type { Diagnostic } from '../model/schema';
import { T3_COLUMNS, T3_ROWS_2019, T3_ROWS_2021, type FormatId } from '../model/keys';
import type { FoundCell } from './extraction';
import { matchT3Row } from './labels';
import { rowValues, type TextLine, type TextValue } from './text-lines';
import { isT4Header } from './text-table-4';
import { placeColumns } from './text-table-3-columns';
import { headerAnchors, sparseRegion } from './text-table-3-sparse';
import { bandedRows, ownKey, restOfRow, T3_WIDTH } from './text-table-3-split';
import { type TableResult, T3_VOCAB, isSectionHeading, isBlankish, text, diag, cell, headerStart } from './text-tables-base';

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
  /** Where the row's values stand on two lines: the line of each value. */
  valueLines?: number[];
}


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

/**
 * The key the wrapped label lines around a row give it. A key its neighbour row already has is
 * passed over: two rows never share a name, so a line between them that ends the label above
 * (3、危及“ / 三安全一稳定”) is not the start of the label below (4、保护第 / 三方合法权益).
 */
function nearKey(lines: TextLine[], row: T3Row, above: number[], below: number[], neighbours: Array<string | null>): void {
  const own = lines[row.at].cells;
  for (const [a, b] of WINDOWS) {
    if (a > above.length || b > below.length) continue;
    const up = above.slice(above.length - a);
    const down = below.slice(0, b);
    const parts = [...up.map((i) => lines[i].cells.join('')), ...own, ...down.map((i) => lines[i].cells.join(''))];
    const key = matchT3Row([parts.join('')]) ?? matchT3Row(parts);
    if (key && !neighbours.includes(key)) {
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

export function findT3(lines: TextLine[], taken: (i: number) => boolean, hint: FormatId | null): TableResult & { format: FormatId | null } {
  const diagnostics: Diagnostic[] = [];
  const at = t3Cluster(lines, taken);
  // no row of 7 numbers: a table that prints only some of its cells, found by its header
  const sparse = at.length ? null : sparseRegion(lines, taken);
  if (!at.length && !sparse) {
    diagnostics.push(diag('warning', 'text.t3-not-found', '未找到收到和处理政府信息公开申请情况表', 'table 3 (requests) not found'));
    return { cells: [], span: null, diagnostics, format: null };
  }
  if (sparse) at.push(...sparse.rows);
  // rows with blank cells (fewer than 7 values) count when their own line names a row; a row whose
  // values stand on two lines (a label wrapped beside them) counts as one
  const first = at[0];
  let lastLine = at[at.length - 1];
  const rowLines = new Set(at);
  const secondLine = new Map<number, number>(sparse?.rest ?? []);
  const banded = new Map<number, number[]>();
  const rests = new Set<number>(secondLine.values());
  if (sparse) lastLine = Math.max(lastLine, ...rests);
  for (let i = first; !sparse && i < lines.length && i <= lastLine + 6; i++) {
    const l = lines[i];
    if (taken(i) || isSectionHeading(l) || isT4Header(l) || rowValues(l, 15)) break;
    if (rowLines.has(i) || rests.has(i)) continue;
    const n = l.values.length;
    if (rowValues(l, T3_WIDTH) && !l.markdown) {
      // a full row the cluster left out (more than 25 lines from the others: a long page break)
      rowLines.add(i);
      lastLine = Math.max(lastLine, i);
      continue;
    }
    if (n === 0 || n >= T3_WIDTH || l.markdown) continue;
    const bands = bandedRows(
      lines,
      i,
      (k) => taken(k) || rowLines.has(k) || rests.has(k),
      (k) => taken(k) || rests.has(k) || secondLine.has(k) || banded.has(k),
    );
    if (bands) {
      for (const r of bands) {
        rowLines.add(r.at);
        banded.set(r.at, r.valueLines);
        for (const j of r.valueLines) rests.add(j);
        lastLine = Math.max(lastLine, ...r.valueLines);
      }
      continue;
    }
    const j = restOfRow(lines, i, (k) => taken(k) || rowLines.has(k) || rests.has(k));
    if (j !== null) {
      rowLines.add(i);
      secondLine.set(i, j);
      rests.add(j);
      lastLine = Math.max(lastLine, j);
    } else if (ownKey(l)) {
      rowLines.add(i);
      if (i > lastLine) lastLine = i;
    }
  }
  const sorted = [...rowLines].sort((a, b) => a - b);
  const rows: T3Row[] = sorted.map((i) => {
    const band = banded.get(i);
    if (band) {
      const valueLines = band.flatMap((j) => lines[j].values.map(() => j));
      return { at: i, values: band.flatMap((j) => lines[j].values), own: ownKey(lines[i]), near: null, used: band, partial: false, valueLines };
    }
    const j = secondLine.get(i);
    if (j !== undefined) {
      // the rest first when it stands wholly left of the first line's values (４ ５０ beside the
      // label's first line, ３５ ３ ２ ４ ２ under its last); else line by line
      const restFirst = Math.max(...lines[j].values.map((v) => v.col)) < Math.min(...lines[i].values.map((v) => v.col));
      const pieces = [i, j].map((k) => lines[k].values.map((v) => ({ v, line: k })));
      if (restFirst) pieces.reverse();
      const values = pieces.flat().map((p) => p.v);
      const own = matchT3Row([lines[i].cells.join('') + lines[j].cells.join('')]) ?? ownKey(lines[i]) ?? ownKey(lines[j]);
      return { at: i, values, own, near: null, used: [j], partial: values.length !== T3_WIDTH, valueLines: pieces.flat().map((p) => p.line) };
    }
    return { at: i, values: rowValues(lines[i], T3_WIDTH) ?? lines[i].values, own: ownKey(lines[i]), near: null, used: [], partial: rowValues(lines[i], T3_WIDTH) === null };
  });
  const walked = headerStart(lines, first, T3_VOCAB, Math.max(0, first - 30), (l) => l.values.length === 0 && matchT3Row(l.cells) !== null);
  const from = sparse ? Math.min(sparse.header, walked) : walked;
  rows.forEach((r, k) => {
    const prev = k > 0 ? rows[k - 1].at : from - 1;
    const next = k + 1 < rows.length ? rows[k + 1].at : Math.min(lines.length, r.at + 4);
    const { above, below } = labelLines(lines, r.at, prev, next);
    if (!r.own) nearKey(lines, r, above, below, [rows[k - 1]?.own ?? rows[k - 1]?.near ?? null, rows[k + 1]?.own ?? null]);
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
  let to = lastLine;
  const anchors = headerAnchors(lines, from, rows.length ? rows[0].at : from);
  const placed = placeColumns(
    rows.map((r) => ({
      values: r.values.map((value, c) => ({ value, line: r.valueLines?.[c] ?? r.at })),
      page: lines[r.valueLines?.[0] ?? r.at].page ?? 0,
      known: r.partial ? undefined : r.values.map((_, c) => c),
    })),
    anchors,
  );
  const partial: number[] = [];
  const unplaced: number[] = [];
  // In a table that prints only some cells, a row gathered from values on several lines may hold
  // numbers of its neighbours, and a full row among labels wrapped round others' numbers may be
  // given to its neighbour's label: every row of it is as unsure as a row placed by position.
  const sparseTable = rows.some((r) => r.partial);
  rows.forEach((r, k) => {
    const key = chosen.keys[k];
    for (const u of r.used) if (u > to && u <= lastLine + 4) to = u;
    if (!key) {
      diagnostics.push(diag('warning', 'text.t3-extra-row', `第 ${lines[r.at].no} 行的数值无法对应到申请情况表的行，已忽略`, `line ${lines[r.at].no}: a row of table 3 that fits no template row; ignored`));
      return;
    }
    const columns = placed[k];
    if (!columns) {
      unplaced.push(lines[r.at].no);
      return;
    }
    // A row printing only some cells is placed by column position, which pdftotext keeps only
    // roughly: its cells are unsure (read 读不准), so a sum they break is a reading to verify, not
    // the office's error (core/check/unsure.ts).
    const unsure = sparseTable ? { unsure: 'placed' as const } : {};
    r.values.forEach((v, c) => cells.push({ ...cell('t3', key, T3_COLUMNS[columns[c]].key, v, lines[r.valueLines?.[c] ?? r.at]), ...unsure }));
    if (!r.partial) return;
    partial.push(lines[r.at].no);
    // the cells the row leaves out are printed blank
    T3_COLUMNS.forEach((col, c) => {
      if (!columns.includes(c)) cells.push({ table: 't3', row: key, column: col.key, raw: '', unsure: 'placed' });
    });
  });
  if (partial.length) {
    diagnostics.push(
      diag(
        'warning',
        'text.t3-partial-row',
        `第 ${partial.join('、')} 行只印出部分单元格，数值按列位置对应，其余读作空白，请核对`,
        `lines ${partial.join(', ')}: only some cells printed; values placed by column position, the rest read blank — check them`,
      ),
    );
  }
  if (unplaced.length) {
    diagnostics.push(
      diag(
        'warning',
        'text.t3-unplaced-row',
        `第 ${unplaced.join('、')} 行只印出部分单元格，无法确定各数值所在的列，未读取`,
        `lines ${unplaced.join(', ')}: only some cells printed and their columns cannot be told; not read`,
      ),
    );
  }
  const tpl = use21 ? t21 : t19;
  const named = new Set(chosen.keys.filter((k): k is string => k !== null));
  if (sparse || partial.length) {
    // in a table that leaves blank cells out, a row printed with its label and no number is blank
    const used = new Set([...rows.map((r) => r.at), ...rows.flatMap((r) => r.used), ...rests]);
    // …unless a line of numbers that names no row stands next to it: its numbers may be that row's
    const unnamedNumbersBeside = (i: number) =>
      [-1, 1].some((step) => {
        let j = i + step;
        while (j >= from && j <= to && lines[j].kind !== 'text') j += step;
        return j >= from && j <= to && lines[j].values.length > 0 && !ownKey(lines[j]);
      });
    for (let i = from; i <= to; i++) {
      const key = used.has(i) || lines[i].kind !== 'text' || lines[i].values.length ? null : ownKey(lines[i]);
      if (!key || named.has(key) || !tpl.includes(key) || unnamedNumbersBeside(i)) continue;
      named.add(key);
      for (const col of T3_COLUMNS) cells.push({ table: 't3', row: key, column: col.key, raw: '', unsure: 'placed' });
    }
  }
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
