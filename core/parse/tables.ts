/**
 * Reads the three official tables from a stream of grid rows (all tables of a page in document
 * order). Works by meaning: header rows set the column map of their table, each data row is
 * named by its labels (or, where labels are lost, by the official row order), and values are
 * matched to columns by each cell's start column — falling back to the official column order.
 * Tables 2 and 3 in one <table>, table 3 split over two <table>s, and unrelated tables around
 * the report are all just rows in the stream.
 */
import { labelOf, T3_COLUMNS, T3_ROWS_2021, T4_COLUMNS, T4_GROUPS, t2Rows, type FormatId, type TableId } from '../model/keys';
import type { Diagnostic } from '../model/schema';
import type { FoundCell } from './extraction';
import type { GridCell, GridRow } from './grid';
import { matchT2Column, matchT2Row, matchT3Column, matchT3Row, matchT4Column, matchT4Group } from './labels';
import { hasNumber, isValueLike, labelSlots, offGrid, trailingValues, valueRowsFrom, withoutPadding, type ColumnMap, type NumericColumns } from './tables-parts';

type Mode = 'none' | TableId;

const T3_KEYS = T3_COLUMNS.map((c) => c.key);
const T4_KEYS = T4_GROUPS.flatMap((g) => T4_COLUMNS.map((c) => `${g.key}.${c.key}`));

function cellSource(c: GridCell) {
  return { kind: 'html' as const, table: c.table, row: c.row, cell: c.cell, gridRow: c.gridRow, gridCol: c.gridCol };
}

/** Distinct cells covering a row, in column order. */
function slotCells(row: GridRow): GridCell[] {
  const out: GridCell[] = [];
  for (const c of row.slots) if (c && out[out.length - 1] !== c && !out.includes(c)) out.push(c);
  return out;
}

function setKeys(map: ColumnMap, cell: GridCell, key: string) {
  for (let c = cell.gridCol; c < cell.gridCol + cell.colspan; c++) map.keys[c] = key;
}

function firstKeyedColumn(map: ColumnMap): number {
  return map.keys.findIndex((k) => k !== undefined);
}

/**
 * Match value cells to expected keys: by start column through the header's column map when
 * that names every expected key exactly once, else by order when the count is right (and the
 * map, where it names a column, agrees), else whatever the map names (a partial row).
 */
function assignColumns(values: GridCell[], expected: string[], map: ColumnMap | null): { pairs: [string, GridCell][]; partial: boolean } {
  if (map) {
    const byKey = new Map<string, GridCell>();
    let clash = false;
    const stray: GridCell[] = [];
    for (const v of values) {
      const key = map.keys[v.gridCol];
      if (!key || !expected.includes(key)) {
        stray.push(v);
        continue;
      }
      if (byKey.has(key)) clash = true;
      else byKey.set(key, v);
    }
    const complete = !clash && byKey.size === expected.length && stray.every((s) => s.text === '');
    if (complete) return { pairs: expected.map((k) => [k, byKey.get(k)!]), partial: false };
    const real = values.filter((v) => v.text !== '' || map.keys[v.gridCol]);
    if (real.length === expected.length) return { pairs: expected.map((k, i) => [k, real[i]]), partial: false };
    // the official order, from the row's first cell, agrees with every column the header names; a
    // blank at the row's end under no name is left out (a column cut at the page side prints none)
    let end = values.length;
    while (end > 0 && values[end - 1].text === '' && !map.keys[values[end - 1].gridCol]) end--;
    const ordered = values.slice(0, end);
    const agrees = values.length <= expected.length && ordered.every((v, i) => !map.keys[v.gridCol] || !expected.includes(map.keys[v.gridCol]!) || map.keys[v.gridCol] === expected[i]);
    if (agrees && ordered.length > byKey.size) return { pairs: ordered.map((v, i) => [expected[i], v]), partial: ordered.length < expected.length };
    if (!clash && byKey.size > 0) return { pairs: [...byKey.entries()], partial: true };
  }
  if (values.length === expected.length) return { pairs: expected.map((k, i) => [k, values[i]]), partial: false };
  if (values.length > expected.length) {
    const tail = values.slice(values.length - expected.length);
    return { pairs: expected.map((k, i) => [k, tail[i]]), partial: true };
  }
  return { pairs: values.map((v, i) => [expected[i], v]), partial: true };
}

export interface TableReadResult {
  cells: FoundCell[];
  /** Indices of the <table>s that held official table data. */
  dataTables: Set<number>;
  diagnostics: Diagnostic[];
}

interface PendingT2 {
  row: string;
  values: GridCell[];
}

export function readTables(rows: GridRow[]): TableReadResult {
  const cells: FoundCell[] = [];
  const dataTables = new Set<number>();
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  let mode: Mode = 'none';
  let t2Map: ColumnMap | null = null;
  let t3Map: ColumnMap | null = null;
  let t4Map: ColumnMap | null = null;
  let t4Groups: ColumnMap | null = null;
  let t3Last = -1; // index in the 2021 order of the last table-3 row read
  let t3Table = -1;
  let t4Pending: GridCell[] | null = null;
  let t4Partial = false;
  let carriedGroups: string[] = [];
  const pendingT2: PendingT2[] = [];
  const numericColumns: NumericColumns = new Map();

  const push = (table: TableId, row: string, column: string, c: GridCell) => {
    const id = `${table}.${row}.${column}`;
    if (seen.has(id)) return;
    seen.add(id);
    cells.push({ table, row, column, raw: c.raw, source: cellSource(c), parsed: c.parsed });
    dataTables.add(c.table);
  };
  const note = (level: Diagnostic['level'], code: string, message: string) => diagnostics.push({ level, code, message });

  const emitT4 = (values: GridCell[]) => {
    const map = t4Map && t4Map.table === values[0]?.table ? t4Map : null;
    // With no header naming its columns, a row as long as the groups not read yet is theirs
    // (行政复议's five read above, the ten below are 行政诉讼's) — not 行政复议's again.
    const unread = T4_KEYS.filter((k) => !seen.has(`t4.${k}`));
    const { pairs, partial } = assignColumns(values, !map?.keys.some(Boolean) && unread.length === values.length ? unread : T4_KEYS, map);
    if (partial) t4Partial = true;
    for (const [key, c] of pairs) {
      const [group, column] = key.split('.');
      push('t4', group, column, c);
    }
  };

  joinLabelFragments(rows);
  for (let ri = 0; ri < rows.length; ri++) {
    const row = rows[ri];
    const own = row.own;
    if (own.length === 0) continue;
    const rowText = own.map((c) => c.text).join('');
    const numbers = own.filter(hasNumber);
    const slots = slotCells(row);

    // ---- header rows (no numbers in them) ------------------------------------------------
    if (numbers.length === 0) {
      const t4Heads = own.filter((c) => matchT4Group(c.text) || (/维持|纠正|审结/.test(c.text) && matchT4Column(c.text)));
      if (t4Heads.length > 0 && !/申请/.test(rowText)) {
        mode = 't4';
        if (!t4Map || t4Map.table !== row.table) {
          // A group row closing one table goes on over the next one's columns (LibreOffice lays a
          // table 4 printed as two tables so: 未经复议直接起诉 | 复议后起诉 on the 行政复议 table's
          // grid, the ten columns under them on their own): its groups not read yet, in order.
          carriedGroups = t4Groups ? [...new Set(t4Groups.keys.filter((g): g is string => !!g))].filter((g) => !cells.some((c) => c.table === 't4' && c.row === g)) : [];
          t4Map = { table: row.table, keys: [] };
          t4Groups = { table: row.table, keys: [] };
        }
        for (const c of own) {
          const g = matchT4Group(c.text);
          if (g) setKeys(t4Groups!, c, g);
        }
        let run = -1; // the run of columns (结果维持 … 总计) a column is in, for the carried groups
        for (const c of own) {
          const col = matchT4Column(c.text);
          if (!col || matchT4Group(c.text)) continue;
          if (col === 'upheld') run++;
          const carried = t4Groups!.keys.some(Boolean) ? undefined : carriedGroups[Math.max(run, 0)];
          const group = t4Groups!.keys[c.gridCol] ?? groupBetween(t4Groups!, c) ?? carried;
          if (group) setKeys(t4Map, c, `${group}.${col}`);
        }
        continue;
      }
      // (总计 heads table 4's columns too: under table 4's header it is table 4's, not a table-3 header)
      const t3Heads = own.filter((c) => (matchT3Column(c.text) && !(mode === 't4' && matchT4Column(c.text))) || /申请人情况|法人或其他组织|勾稽关系/.test(c.text));
      if (t3Heads.length >= 2 || (t3Heads.length === 1 && !matchT3Row(slots.map((c) => c.text)))) {
        mode = 't3';
        t3Table = row.table;
        if (!t3Map || t3Map.table !== row.table) t3Map = { table: row.table, keys: [] };
        for (const c of own) {
          const key = matchT3Column(c.text);
          if (key) setKeys(t3Map, c, key);
        }
        continue;
      }
      if (/第二十条/.test(rowText) && own.length <= 2) {
        mode = 't2';
        t2Map = null;
        continue;
      }
      const t2Heads = own.filter((c) => matchT2Column(c.text));
      if (t2Heads.length > 0 && (mode === 't2' || /信息内容|第二十条/.test(rowText))) {
        mode = 't2';
        t2Map = { table: row.table, keys: [] };
        for (const c of own) {
          const key = matchT2Column(c.text);
          if (key) setKeys(t2Map, c, key);
        }
        continue;
      }
    }

    // ---- data rows ---------------------------------------------------------------------
    // Labels: text cells left of the values (a rowspan label from above counts too).
    const map3 = t3Map && t3Map.table === row.table ? t3Map : null;
    const dataStart3 = map3 ? firstKeyedColumn(map3) : -1;
    // (Table 4's header cells spanning down over an empty row — as wkhtmltopdf rules it — are no
    // labels: their 总计 would name table 3's (七)总计.)
    const labelCells = slots.filter(
      (c) => !isValueLike(c) && (dataStart3 < 0 || mode !== 't3' || c.gridCol < dataStart3) && !(mode === 't4' && c.row !== row.row && (matchT4Column(c.text) || matchT4Group(c.text))),
    );
    // Cells spanning down from an earlier row are group labels: outer to the row's own labels.
    const labels = [...labelCells.filter((c) => c.row !== row.row), ...labelCells.filter((c) => c.row === row.row)].map((c) => c.text);
    const lastLabelCol = labelCells.length ? Math.max(...labelCells.map((c) => c.gridCol + c.colspan - 1)) : -1;

    // Table 2
    const t2Key = labels.length ? matchT2Row(labels[labels.length - 1]) : null;
    if (t2Key && (mode === 't2' || mode === 'none') && !matchT3Row(labels)) {
      mode = 't2';
      const values = own.filter((c) => c.gridCol > lastLabelCol);
      const map = t2Map && t2Map.table === row.table ? t2Map : null;
      if (map) {
        const wanted = [...new Set(map.keys.filter((k): k is string => !!k))];
        const { pairs } = assignColumns(values, wanted, map);
        for (const [key, c] of pairs) push('t2', t2Key, key, c);
      } else pendingT2.push({ row: t2Key, values });
      continue;
    }

    // Table 3
    let t3Key = matchT3Row(labels);
    const inT3 = mode === 't3' || (t3Key !== null && own.filter(isValueLike).length >= 5);
    if (inT3 && (t3Key || (mode === 't3' && row.table === t3Table && numbers.length > 0))) {
      if (!t3Key) t3Key = nextT3Key(t3Last, labels, () => valueRowsFrom(rows, ri));
      if (t3Key) {
        mode = 't3';
        t3Table = row.table;
        // An empty cell at the row's end running down many rows is the space beside a narrower part
        // of the table (a second table joined under the first), no value: no value cell spans rows.
        const cells3 = own.at(-1)?.text === '' && own.at(-1)!.rowspan > 2 ? own.slice(0, -1) : own;
        const values = map3 && dataStart3 >= 0 ? cells3.filter((c) => c.gridCol >= dataStart3) : trailingValues(cells3, lastLabelCol, T3_KEYS.length, labelSlots(rows, ri));
        let { pairs, partial } = assignColumns(values, T3_KEYS, map3);
        if (partial && map3 && offGrid(values, map3)) {
          // A continued part joined under the header but laid on a grid of its own (a value cell
          // starting inside a header cell): the header's columns do not say which is which.
          const own = trailingValues(cells3, lastLabelCol, T3_KEYS.length, labelSlots(rows, ri));
          if (own.length <= T3_KEYS.length) ({ pairs, partial } = assignColumns(own, T3_KEYS, null));
        } else if (partial && values.length > T3_KEYS.length) {
          // A continued part on a grid of its own: its columns, not the header's, say which cells are padding.
          const kept = withoutPadding(values, rows, ri, numericColumns);
          if (kept.length === T3_KEYS.length) ({ pairs, partial } = assignColumns(kept, T3_KEYS, null));
        }
        // A label ruled on a line of its own below its numbers (wkhtmltopdf): the row was read from
        // the numbers' line, by the official order; its label's line adds nothing and lacks nothing.
        const readAbove = pairs.length === 0 && T3_KEYS.every((k) => seen.has(`t3.${t3Key}.${k}`));
        if (partial && !readAbove) note('warning', 'table.t3-partial', `表三「${labelOf('t3', t3Key, null)}」行只读到 ${pairs.length} 个数值 — table 3 row ${t3Key}: ${pairs.length} of 7 values read`);
        for (const [key, c] of pairs) push('t3', t3Key, key, c);
        const idx = T3_ORDER.indexOf(t3Key);
        if (idx >= 0) t3Last = idx;
        continue;
      }
    }

    // Table 4: a row of values under the table-4 header
    if (mode === 't4') {
      const values = own.filter((c) => c.gridCol > lastLabelCol);
      if (values.length >= 5 && values.every(isValueLike)) {
        if (values.some((c) => c.text !== '')) {
          emitT4(values);
          t4Pending = null;
          mode = 'none';
        } else t4Pending ??= values;
      }
    }
  }
  if (t4Pending && !seen.has('t4.review.total')) emitT4(t4Pending);
  // Said once, of the whole table: a table 4 printed as two (行政复议, then 行政诉讼) reads in parts.
  const t4Read = cells.filter((c) => c.table === 't4').length;
  if (t4Partial && t4Read < T4_KEYS.length) note('warning', 'table.t4-partial', `表四只读到 ${t4Read} 个数值 — table 4: only ${t4Read} of 15 values read`);

  // Table-2 rows without a header: columns by the official order of the format the rest shows.
  if (pendingT2.length) {
    const hasSub = cells.some((c) => c.table === 't3' && c.row.startsWith('other.'));
    const format: FormatId = hasSub ? '2021' : cells.some((c) => c.table === 't3' && c.row === 'other') ? '2019' : '2021';
    for (const p of pendingT2) {
      const def = t2Rows(format).find((r) => r.key === p.row);
      if (!def) continue;
      const { pairs } = assignColumns(p.values, def.columns.map((c) => c.key), null);
      for (const [key, c] of pairs) push('t2', p.row, key, c);
    }
    note('info', 'table.t2-no-header', '表二缺少表头，按官方列顺序读取 — table 2 had no header; columns read in the official order');
  }
  return { cells, dataTables, diagnostics };
}

/**
 * A label's further lines in rows of their own (a PDF whose label column is ruled line by line,
 * the values beside it spanning those rows): a row whose own cells are all text, under a cell of
 * the same columns in a row of numbers, every other slot covered from above. Its texts are appended
 * to the label above and the row is emptied, so that 1.申请人无正 / 当理由逾期不 / 补正… reads as one label.
 */
function joinLabelFragments(rows: GridRow[]): void {
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i];
    // the row the label started in: fragments already joined were emptied
    let at = i - 1;
    while (at > 0 && rows[at].own.length === 0 && rows[at].table === row.table) at--;
    const prev = rows[at];
    if (row.table !== prev.table || row.own.length === 0 || !row.own.every((c) => c.text !== '' && c.parsed.notANumber)) continue;
    if (!prev.slots.some((c) => c && hasNumber(c) && c.gridRow === prev.row)) continue;
    const covered = row.slots.every((c) => !c || row.own.includes(c) || (c.gridRow < row.row && c.gridRow + c.rowspan > prev.row));
    if (!covered) continue;
    const above = row.own.map((c) => prev.slots[c.gridCol]);
    // the label above ends in the row of numbers or in the empty rows under it (a label ruled over two lines there)
    const endsAbove = (a: GridCell) => a.gridRow + a.rowspan - 1 >= prev.row && a.gridRow + a.rowspan - 1 < row.row;
    if (!above.every((a, k) => a && a.gridCol === row.own[k].gridCol && a.colspan === row.own[k].colspan && endsAbove(a) && a.parsed.notANumber)) continue;
    above.forEach((a, k) => {
      a!.raw += row.own[k].raw;
      a!.text += row.own[k].text;
    });
    // the rows below see the joined label in place of this row's
    for (let k = 0; k < row.slots.length; k++) if (row.own.includes(row.slots[k]!)) row.slots[k] = undefined;
    row.own = [];
  }
}

const T4_GROUP_KEYS = T4_GROUPS.map((g) => g.key);

/**
 * The group of a table-4 column whose group cell this table lacks (the 行政复议 cell left on the page
 * before, the rest of the header continued on the next): the one official group that fits between the
 * groups named left and right of it, if the order leaves only one.
 */
function groupBetween(groups: ColumnMap, cell: GridCell): string | undefined {
  let left = -1;
  let right = T4_GROUP_KEYS.length;
  const named = new Set(groups.keys.filter((k): k is string => !!k));
  groups.keys.forEach((key, col) => {
    if (!key) return;
    const at = T4_GROUP_KEYS.indexOf(key);
    if (col < cell.gridCol) left = Math.max(left, at);
    else if (col >= cell.gridCol + cell.colspan) right = Math.min(right, at);
  });
  const fits = T4_GROUP_KEYS.slice(left + 1, right).filter((g) => !named.has(g));
  return named.size > 0 && fits.length === 1 ? fits[0] : undefined;
}

/** Table-3 row keys in reading order, the 2019 （六） row placed before the 2021 sub-rows. */
const T3_ORDER: string[] = (() => {
  const order = T3_ROWS_2021.map((r) => r.key);
  order.splice(order.indexOf('other.no_correction'), 0, 'other');
  return order;
})();

/**
 * Where a row's labels are lost, it is the next row of the official order. After 5.要求行政机关确认…
 * the formats part: three （六） sub-rows (2021) or one （六） row (2019); the labels say which,
 * or else the number of value rows still to come (five rows left: 2021; three: 2019).
 */
function nextT3Key(last: number, labels: string[], rowsLeft: () => number): string | null {
  if (last < 0) return T3_ORDER[0];
  const after = T3_ORDER[last];
  if (after === undefined) return null;
  if (after === 'not_processed.confirm_or_reissue') {
    if (labels.some((l) => /其他处理/.test(l))) return labels.length > 1 && !labels.every((l) => /其他处理/.test(l)) ? 'other.no_correction' : 'other';
    return rowsLeft() >= 5 ? 'other.no_correction' : 'other';
  }
  if (after === 'other') return 'total_processed';
  const next = T3_ORDER[last + 1];
  return next ?? null;
}
