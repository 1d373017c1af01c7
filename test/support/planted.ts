/**
 * Planting one error in a consistent report: which cells can be changed, and exactly which
 * error-severity issues the change must raise (the totals the cell feeds, and cell.negative).
 */
import type { TableId } from '../../core/model/keys';
import type { Report } from '../../core/model/schema';
import { formatOf, outcomeRows, presentCells } from '../../core/rules/util';

export interface Spot {
  table: TableId;
  row: string;
  column: string;
  value: number;
}

export function spots(r: Report): Spot[] {
  const out: Spot[] = [];
  for (const { table, row, column, cell } of presentCells(r)) {
    const v = cell.blank ? 0 : cell.value;
    if (v === null || column === 'amount_10k_yuan') continue;
    out.push({ table, row, column, value: v });
  }
  return out;
}

export function expectedErrors(r: Report, s: Spot, newValue: number): string[] {
  const out: string[] = [];
  const key = (rule: string, table: string, row: string | null, column: string | null) => `${rule}|${table}|${row ?? '-'}|${column ?? '-'}`;
  if (s.table === 't3') {
    const outcome = outcomeRows(r, formatOf(r));
    out.push(key('t3.row-total', 't3', s.row, 'total'));
    if (outcome.includes(s.row)) out.push(key('t3.outcome-total', 't3', 'total_processed', s.column));
    else if (s.row === 'total_processed') out.push(key('t3.outcome-total', 't3', 'total_processed', s.column), key('t3.balance', 't3', null, s.column));
    else out.push(key('t3.balance', 't3', null, s.column));
  } else if (s.table === 't4') {
    out.push(key('t4.total', 't4', s.row, 'total'));
  }
  if (newValue < 0 && !(s.table === 't2' && s.column === 'change')) out.push(key('cell.negative', s.table, s.row, s.column));
  return out.sort();
}

