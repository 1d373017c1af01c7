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
/**
 * Grid slots a page may expand to, over all its tables. Real reports need a few ten thousand; a
 * page of 3,000 cells with rowspan=200 colspan=200 would ask for 120 million.
 */
export const MAX_GRID_AREA = 1_000_000;

/** What the grids of one page may still use, and how many cells had their spans cut. */
export interface GridBudget {
  area: number;
  cut: number;
}
export const gridBudget = (): GridBudget => ({ area: MAX_GRID_AREA, cut: 0 });

/** The diagnostic for spans cut by the budget, or null when none were. */
export function gridBudgetDiagnostic(budget: GridBudget): { level: 'warning'; code: string; message: string } | null {
  if (budget.cut === 0) return null;
  return {
    level: 'warning',
    code: 'html.grid-too-large',
    message: `表格的合并单元格展开后过大：${budget.cut} 个单元格的 rowspan/colspan 超出上限（共 ${MAX_GRID_AREA} 格），按 1 处理 — the tables would expand to more than ${MAX_GRID_AREA} grid slots: the rowspan/colspan of ${budget.cut} cells were cut to 1`,
  };
}

function span(value: number | undefined): number {
  return value && Number.isFinite(value) && value >= 1 ? Math.min(Math.floor(value), MAX_SPAN) : 1;
}

/**
 * Expand one table's rows into a grid. Spans never extend past the table's last row, and a cell
 * whose spans would overrun the page's `budget` of grid slots keeps only its own slot.
 */
export function buildGrid(table: number, rows: RawRow[], budget: GridBudget = gridBudget()): GridRow[] {
  const out: GridRow[] = [];
  // occupied[r][c] = cell covering that slot
  const occupied: (GridCell | undefined)[][] = rows.map(() => []);
  rows.forEach((tr, r) => {
    const slots = occupied[r];
    const own: GridCell[] = [];
    let col = 0;
    tr.cells.forEach((c, i) => {
      while (slots[col]) col++;
      let rowspan = Math.min(span(c.rowspan), rows.length - r);
      let colspan = span(c.colspan);
      if (rowspan * colspan > 1 && rowspan * colspan > budget.area) {
        rowspan = 1;
        colspan = 1;
        budget.cut++;
      }
      budget.area -= rowspan * colspan;
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
