/**
 * Every arithmetic relationship of a report as a linear equation over its printed cells:
 * Σ coef·value + constant = 0. Blank cells and "/"/"无" count as 0, as the rules count them; an
 * equation with a missing cell or unreadable text is left out, as the rules skip it.
 */
import type { TableId } from '../model/keys';
import type { Cell, Report } from '../model/schema';
import { lastYearsReport } from '../rules/cross-year.carry-over';
import { cellOf, formatOf, num, outcomeRows, T3_ALL_COLUMNS, T3_APPLICANT_COLUMNS, T4_GROUP_KEYS, T4_PARTS, t3RowsFor } from '../rules/util';

/** R1 balance, R2 outcome total, R3 row total, R4 table-4 group total, R6 carry-over, R7 in force. */
export type Family = 'R1' | 'R2' | 'R3' | 'R4' | 'R6' | 'R7';

/** A printed cell that takes part in at least one equation. */
export interface Unknown {
  /** `t3.granted.total` */
  id: string;
  table: TableId;
  row: string;
  column: string;
  cell: Cell;
  /** The value the rules compute with (blank = 0). */
  value: number;
}

export interface Equation {
  family: Family;
  terms: Array<{ v: number; coef: 1 | -1 }>;
  constant: number;
  /** Σ coef·value + constant as printed; 0 when the equation holds. */
  residual: number;
}

export interface System {
  unknowns: Unknown[];
  equations: Equation[];
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

export function buildSystem(report: Report, previous: Report | null = null): System {
  const unknowns: Unknown[] = [];
  // table → row → column → unknown index (-1: missing or unreadable). Nested maps, so a lookup
  // builds no id string: each cell is looked up by every equation it is in.
  const index: Record<TableId, Map<string, Map<string, number>>> = { t2: new Map(), t3: new Map(), t4: new Map() };
  const equations: Equation[] = [];

  /** Index of a cell's unknown, or -1 when the cell is missing or unreadable. */
  const at = (table: TableId, row: string, column: string): number => {
    let columns = index[table].get(row);
    if (!columns) index[table].set(row, (columns = new Map()));
    const known = columns.get(column);
    if (known !== undefined) return known;
    const cell = cellOf(report, table, row, column);
    const value = num(cell);
    if (!cell || value === undefined) {
      columns.set(column, -1);
      return -1;
    }
    columns.set(column, unknowns.length);
    unknowns.push({ id: `${table}.${row}.${column}`, table, row, column, cell, value });
    return unknowns.length - 1;
  };
  const add = (family: Family, plus: Array<[TableId, string, string]>, minus: Array<[TableId, string, string]>, constant = 0) => {
    const terms: Equation['terms'] = [];
    for (const [t, r, c] of plus) {
      const v = at(t, r, c);
      if (v < 0) return;
      terms.push({ v, coef: 1 });
    }
    for (const [t, r, c] of minus) {
      const v = at(t, r, c);
      if (v < 0) return;
      terms.push({ v, coef: -1 });
    }
    let residual = constant;
    for (const t of terms) residual += t.coef * unknowns[t.v].value;
    equations.push({ family, terms, constant, residual: round(residual) });
  };

  const format = formatOf(report);
  for (const def of t3RowsFor(report, format)) {
    add('R3', [['t3', def.key, 'total']], T3_APPLICANT_COLUMNS.map((c) => ['t3', def.key, c] as [TableId, string, string]));
  }
  const outcome = outcomeRows(report, format);
  for (const col of T3_ALL_COLUMNS) {
    if (outcome.length) add('R2', [['t3', 'total_processed', col]], outcome.map((r) => ['t3', r, col] as [TableId, string, string]));
    add('R1', [['t3', 'new_received', col], ['t3', 'carried_over', col]], [['t3', 'total_processed', col], ['t3', 'carried_forward', col]]);
  }
  for (const g of T4_GROUP_KEYS) add('R4', [['t4', g, 'total']], T4_PARTS.map((c) => ['t4', g, c] as [TableId, string, string]));

  const prev = lastYearsReport(report, previous);
  if (prev) {
    for (const col of T3_ALL_COLUMNS) {
      const then = num(cellOf(prev, 't3', 'carried_forward', col));
      if (then !== undefined) add('R6', [['t3', 'carried_over', col]], [], -then);
    }
    const newT2 = (f: string | null) => f === '2021' || f === 'hybrid';
    if (newT2(format) && newT2(formatOf(prev))) {
      for (const row of ['regulations', 'normative_documents']) {
        const before = num(cellOf(prev, 't2', row, 'in_force'));
        if (before !== undefined) add('R7', [['t2', row, 'issued']], [['t2', row, 'repealed'], ['t2', row, 'in_force']], before);
      }
    }
  }
  return { unknowns, equations };
}
