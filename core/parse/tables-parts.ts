/**
 * Rows of a table continued on a grid of its own (a Word table after a page break, a second
 * <table>): which of a row's cells are values, padding of that grid, or label slots.
 */
import type { GridCell, GridRow } from './grid';

/** A column map: grid column → key, for one <table>. */
export interface ColumnMap {
  table: number;
  keys: (string | undefined)[];
}

export const isValueLike = (c: GridCell) => !c.parsed.notANumber;
export const hasNumber = (c: GridCell) => c.parsed.value !== null;

/** Rows of values (five or more number-like cells) from index `from` on, in the same <table>. */
export function valueRowsFrom(rows: GridRow[], from: number): number {
  let n = 0;
  for (let i = from; i < rows.length && rows[i].table === rows[from].table; i++) {
    if (rows[i].own.filter(isValueLike).length >= 5) n++;
  }
  return n;
}

/** Start columns of a row's value cells, leading empty cells left out: rows laid on one grid share it. */
function valueGrid(row: GridRow): string {
  const values = row.own.filter(isValueLike);
  const first = values.findIndex((c) => c.text !== '');
  return values
    .slice(first < 0 ? values.length : first)
    .map((c) => `${c.gridCol}+${c.colspan}`)
    .join(',');
}

/**
 * A row's values without the empty cells of columns that hold no number in any row of the same
 * table laid on the same grid: the padding a continued table's own grid brings (a label column the
 * group cell left empty, extra columns at the end).
 */
export function withoutPadding(values: GridCell[], rows: GridRow[], at: number, columns: NumericColumns): GridCell[] {
  if (columns.size === 0) {
    // one pass over the page, the first time a row needs it
    for (const r of rows) {
      const key = `${r.table}|${valueGrid(r)}`;
      let set = columns.get(key);
      if (!set) columns.set(key, (set = new Set()));
      for (const c of r.own) if (hasNumber(c)) set.add(c.gridCol);
    }
  }
  // A row whose first values are blank has a shorter grid (it starts at its first number): the rows
  // whose grid ends in the very same cells are of its layout too, and say which of its blanks are cells.
  const grid = valueGrid(rows[at]);
  const own = `${rows[at].table}|${grid}`;
  const numeric = new Set<number>();
  if (grid !== '') {
    for (const [key, set] of columns) if (key === own || (key.startsWith(`${rows[at].table}|`) && key.endsWith(`,${grid}`))) for (const c of set) numeric.add(c);
  }
  return values.filter((c) => c.text !== '' || numeric.has(c.gridCol));
}

/** Grid columns holding a number, by table and value grid (filled by withoutPadding). */
export type NumericColumns = Map<string, Set<number>>;

/**
 * A row's values right of its labels, where no header names the columns (a table continued in a
 * table of its own grid): empty cells at either end are padding of that grid (a label column the
 * group cell left empty, the continued table's extra columns) as long as more cells remain than
 * the row needs. A leading empty cell where the rows around hold their labels is a label slot
 * whatever remains (8.属于行政查询事项 with its sub-label cell left empty, the row's last columns
 * cut off at the page edge).
 */
export function trailingValues(own: GridCell[], lastLabelCol: number, needed: number, labelSlot: (c: GridCell) => boolean): GridCell[] {
  const values = own.filter((c) => c.gridCol > lastLabelCol && isValueLike(c));
  while (values.length > needed && values[values.length - 1].text === '') values.pop();
  while (values.length > 0 && values[0].text === '' && (values.length > needed || labelSlot(values[0]))) values.shift();
  return values;
}

/** Whether a value cell starts inside a header cell (its column named as the one before it). */
export const offGrid = (values: GridCell[], map: ColumnMap) =>
  values.some((v) => v.gridCol > 0 && map.keys[v.gridCol] !== undefined && map.keys[v.gridCol - 1] === map.keys[v.gridCol]);

/** Whether a cell lies where other rows of numbers in its table hold a text label in a cell of the same columns. */
export function labelSlots(rows: GridRow[], at: number): (c: GridCell) => boolean {
  const table = rows[at].table;
  return (cell) => {
    for (let i = at + 1; i < rows.length && rows[i].table === table; i++) if (labelAt(rows[i], cell)) return true;
    for (let i = at - 1; i >= 0 && rows[i].table === table; i--) if (labelAt(rows[i], cell)) return true;
    return false;
  };
}

/** A row of numbers (a header's 自然人 is no label) with a text cell of the same columns. */
const labelAt = (row: GridRow, cell: GridCell) =>
  row.own.some(hasNumber) && row.own.some((c) => c.gridCol === cell.gridCol && c.colspan === cell.colspan && c.text !== '' && c.parsed.notANumber);
