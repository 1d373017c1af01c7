/**
 * Suspects: the printed numbers that are most likely wrong, and what they should be. After the
 * rules run, every arithmetic relationship of the report becomes an equation (equations.ts) and
 * the smallest set of cells whose correction makes all of them hold is searched (search.ts).
 * Exactly one smallest set: its cells are the suspects. Several of the same size: none (never a
 * guess) — unless exactly one of them is a 拆格, a number split over two neighbouring cells by the
 * publisher (`1` and `2` printed where `12` and `0` are meant), a known publishing slip.
 */
import { T3_COLUMNS, T4_COLUMNS, type TableId } from '../model/keys';
import type { Issue, Report, Suspect } from '../model/schema';
import { buildSystem, type System, type Unknown } from './equations';
import { searchGroups, type Explanation, type GroupResult } from './search';

export type { Suspect };

export interface SuspectSearch {
  /** Every suspect of the report. */
  suspects: Suspect[];
  /** Cell ids (`t3.granted.total`) of groups with several equally small explanations. */
  ambiguousCells: Set<string>;
  /** Cell ids of groups no small correction explains (too many errors, or none fits). */
  unexplainedCells: Set<string>;
  /** Of the ambiguous groups: the cells one of the equally small corrections changes, with their printed value. */
  candidates: Map<string, number | null>;
}

const COLUMN_ORDER: Record<string, readonly string[]> = {
  t3: T3_COLUMNS.map((c) => c.key),
  t4: T4_COLUMNS.map((c) => c.key),
};

/** Whether two cells stand side by side in a row of the printed table. */
function neighbours(a: Unknown, b: Unknown): boolean {
  if (a.table !== b.table || a.row !== b.row) return false;
  const order = COLUMN_ORDER[a.table];
  if (!order) return false;
  return Math.abs(order.indexOf(a.column) - order.indexOf(b.column)) === 1;
}

/** A 拆格: two neighbouring cells whose digits, read together, are the corrected value of one, 0 the other's. */
function isSplit(e: Explanation, unknowns: Unknown[]): boolean {
  if (e.cells.length !== 2) return false;
  const [a, b] = e.cells.map((i) => unknowns[i]);
  if (!neighbours(a, b) || a.cell.blank || b.cell.blank || a.cell.value === null || b.cell.value === null) return false;
  const order = COLUMN_ORDER[a.table];
  const [first, second] = order.indexOf(a.column) < order.indexOf(b.column) ? [0, 1] : [1, 0];
  const joined = Number(`${e.cells.map((i) => unknowns[i].value)[first]}${e.cells.map((i) => unknowns[i].value)[second]}`);
  return (e.values[first] === joined && e.values[second] === 0) || (e.values[second] === joined && e.values[first] === 0);
}

function toSuspects(e: Explanation, unknowns: Unknown[], split: boolean): Suspect[] {
  const joined = split ? Math.max(...e.values) : 0;
  return e.cells.map((i, k) => {
    const u = unknowns[i];
    const s: Suspect = {
      table: u.table,
      row: u.row,
      column: u.column,
      printed: u.cell.blank ? null : u.value,
      suggested: e.values[k],
      kind: split ? 'split' : 'value',
    };
    if (split) s.note = `拆格：${joined} 被拆成两格印出 — split cell: ${joined} printed over two cells`;
    return s;
  });
}

const TABLE_RANK: Record<TableId, number> = { t2: 0, t3: 1, t4: 2 };

/** Search the suspects of a report (and last year's, for the cross-year equations). */
export function findSuspects(report: Report, previous: Report | null = null): SuspectSearch {
  const sys: System = buildSystem(report, previous);
  const result: SuspectSearch = { suspects: [], ambiguousCells: new Set(), unexplainedCells: new Set(), candidates: new Map() };
  const idsOf = (g: GroupResult) => g.unknowns.map((i) => sys.unknowns[i].id);
  for (const g of searchGroups(sys)) {
    if (g.status === 'unique') {
      result.suspects.push(...toSuspects(g.explanation, sys.unknowns, isSplit(g.explanation, sys.unknowns)));
      continue;
    }
    if (g.status === 'ambiguous') {
      // Of equally small corrections, a 拆格 is the publishing slip it looks like — when only one is.
      const splits = g.explanations.filter((e) => isSplit(e, sys.unknowns));
      if (splits.length === 1 && g.explanations.length === g.count) {
        result.suspects.push(...toSuspects(splits[0], sys.unknowns, true));
        continue;
      }
      for (const id of idsOf(g)) result.ambiguousCells.add(id);
      // Every cell some smallest correction changes (all of the group's when they were not all kept).
      const changed = g.explanations.length === g.count ? g.explanations.flatMap((e) => e.cells) : g.unknowns;
      for (const i of changed) {
        const u = sys.unknowns[i];
        result.candidates.set(u.id, u.cell.value);
      }
      continue;
    }
    for (const id of idsOf(g)) result.unexplainedCells.add(id);
  }
  result.suspects.sort((a, b) => TABLE_RANK[a.table] - TABLE_RANK[b.table]);
  return result;
}

/** Rules whose issues an arithmetic correction explains. */
const EXPLAINED_RULES = new Set(['t3.row-total', 't3.outcome-total', 't3.balance', 't4.total', 'cross-year.carry-over', 'cross-year.in-force', 'cell.blank', 'cell.negative']);

const cellId = (c: { table: string; row: string; column: string }) => `${c.table}.${c.row}.${c.column}`;

/**
 * The suspects that explain one issue: those among its cells (for the arithmetic rules, a blank
 * or negative cell). `[]` when the issue is of another kind or its equations have no unique
 * explanation.
 */
export function suspectsOf(issue: Pick<Issue, 'rule' | 'cells'>, search: SuspectSearch): Suspect[] {
  if (!EXPLAINED_RULES.has(issue.rule) || search.suspects.length === 0) return [];
  const suspectIds = idsOfSuspects(search);
  const ids = new Set(issue.cells.map(cellId));
  return search.suspects.filter((_, k) => ids.has(suspectIds[k]));
}

/** The suspects' cell ids, made once per search: every issue of the report is matched against them. */
function idsOfSuspects(search: SuspectSearch): string[] {
  let ids = SUSPECT_IDS.get(search);
  if (!ids || ids.length !== search.suspects.length) SUSPECT_IDS.set(search, (ids = search.suspects.map(cellId)));
  return ids;
}
const SUSPECT_IDS = new WeakMap<SuspectSearch, string[]>();
