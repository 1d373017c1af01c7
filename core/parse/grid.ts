/**
 * HTML tables as grids: rowspan/colspan expanded, each cell remembering where it stands in the
 * page (table index in document order, its <tr> and <td> index) and where it starts in the grid.
 */
import { collapse, compact, parseValue, type ParsedValue } from './normalize';

/** A cell of a table, as printed. */
export interface GridCell {
  /** Whitespace-collapsed text, as `raw` keeps it. */
  raw: string;
  /** compact() text, for matching. */
  text: string;
  table: number;
  row: number;
  cell: number;
  gridRow: number;
  gridCol: number;
  rowspan: number;
  colspan: number;
  /** The cell read as a count (memoised: rows are looked at several times). */
  parsed: ParsedValue;
}

export interface GridRow {
  table: number;
  /** <tr> index within the table. */
  row: number;
  /** Cells that start in this row, in column order. */
  own: GridCell[];
  /** The cell covering each grid column of this row (a rowspan from above included). */
  slots: (GridCell | undefined)[];
}

/** A <tr>'s cells as the walker found them. */
export interface RawRow {
  cells: { raw: string; rowspan: number; colspan: number }[];
}

const MAX_SPAN = 200;

function span(value: number | undefined): number {
  return value && Number.isFinite(value) && value >= 1 ? Math.min(Math.floor(value), MAX_SPAN) : 1;
}

/** Expand one table's rows into a grid. Spans never extend past the table's last row. */
export function buildGrid(table: number, rows: RawRow[]): GridRow[] {
  const out: GridRow[] = [];
  // occupied[r][c] = cell covering that slot
  const occupied: (GridCell | undefined)[][] = rows.map(() => []);
  rows.forEach((tr, r) => {
    const slots = occupied[r];
    const own: GridCell[] = [];
    let col = 0;
    tr.cells.forEach((c, i) => {
      while (slots[col]) col++;
      const rowspan = Math.min(span(c.rowspan), rows.length - r);
      const colspan = span(c.colspan);
      const text = compact(c.raw);
      const cell: GridCell = {
        raw: collapse(c.raw),
        text,
        table,
        row: r,
        cell: i,
        gridRow: r,
        gridCol: col,
        rowspan,
        colspan,
        parsed: parseValue(text),
      };
      for (let dr = 0; dr < rowspan; dr++) {
        const target = occupied[r + dr];
        for (let dc = 0; dc < colspan; dc++) if (!target[col + dc]) target[col + dc] = cell;
      }
      own.push(cell);
      col += colspan;
    });
    out.push({ table, row: r, own, slots });
  });
  return out;
}
