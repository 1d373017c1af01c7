/**
 * From a cell of the report back to the <td>/<th> of the page it was read from. The core records
 * each HTML cell's source as {table, row, cell}: the table's index among all <table> elements in
 * document order, the row's index among that table's own <tr> rows, the cell's index among the
 * row's <td>/<th> children. The core read this very DOM (extension/app/dom-tree.ts).
 */
import type { CellRef, Report, Cell } from './core';

export function reportCell(report: Report, ref: CellRef): Cell | undefined {
  const table = report[ref.table] as Record<string, Record<string, Cell> | undefined>;
  return table[ref.row]?.[ref.column];
}

export class CellLocator {
  private tables: HTMLTableElement[];
  private rowsCache = new Map<number, HTMLTableRowElement[]>();
  constructor(private doc: Document) {
    this.tables = Array.from(doc.querySelectorAll('table'));
  }

  private rowsOf(index: number): HTMLTableRowElement[] {
    let rows = this.rowsCache.get(index);
    if (!rows) {
      const table = this.tables[index];
      rows = table ? Array.from(table.querySelectorAll('tr')).filter((tr) => tr.closest('table') === table) : [];
      this.rowsCache.set(index, rows);
    }
    return rows;
  }

  /** The page element of a report cell, or null when the cell was not read from this page's HTML. */
  element(report: Report, ref: CellRef): HTMLElement | null {
    const src = reportCell(report, ref)?.source;
    if (!src || src.kind !== 'html') return null;
    const tr = this.rowsOf(src.table)[src.row];
    if (!tr) return null;
    let n = 0;
    for (const child of Array.from(tr.children)) {
      if (child.tagName === 'TD' || child.tagName === 'TH') {
        if (n === src.cell) return child as HTMLElement;
        n++;
      }
    }
    return null;
  }
}

export const cellId = (ref: CellRef): string => `${ref.table}.${ref.row}.${ref.column}`;
