/**
 * The smallest correction: the fewest printed cells whose change makes every equation hold (those
 * that hold now included). The equations fall apart into independent groups (table 3 with the
 * carry-over, each table-4 group, each in-force row); each group is searched on its own:
 *
 * - one, two, then three cells, every set that touches every failing equation, solved for the
 *   values (integers, never negative) — a set whose values are not fixed by the equations, or a
 *   value that is not a count, is no explanation;
 * - when more cells are needed than that, and the failing equations include as many cell-disjoint
 *   ones as the fewest cells that could explain them (each needs a cell of its own), the search
 *   takes exactly one cell from each, which finds every explanation of that size (a page whose
 *   whole 总计 column is blank is explained by its blank cells).
 *
 * Exactly one smallest set names its cells; several sets of the same size name none.
 */
import type { Equation, System } from './equations';

export interface Explanation {
  /** Unknown indices of the cells to correct. */
  cells: number[];
  /** The corrected values, in the order of `cells`. */
  values: number[];
}

export type GroupResult =
  | { status: 'unique'; explanation: Explanation; unknowns: number[] }
  | { status: 'ambiguous'; size: number; count: number; explanations: Explanation[]; unknowns: number[] }
  | { status: 'unexplained'; unknowns: number[] };

const EPS = 1e-6;
const GENERIC_MAX = 3;
const TIGHT_MAX = 40;
/** Sets tried per group before the search gives up (then: no suspect). */
const BUDGET = 60_000;

/** Solve the small linear system; a vector, 'free' when the solution is not unique, null when none. */
function solveLinear(rows: number[][], rhs: number[], n: number): number[] | 'free' | null {
  const a = rows.map((r, i) => [...r, rhs[i]]);
  const m = a.length;
  const pivots: number[] = [];
  let rank = 0;
  for (let col = 0; col < n && rank < m; col++) {
    let p = -1;
    let best = EPS;
    for (let i = rank; i < m; i++) {
      if (Math.abs(a[i][col]) > best) {
        best = Math.abs(a[i][col]);
        p = i;
      }
    }
    if (p < 0) continue;
    [a[rank], a[p]] = [a[p], a[rank]];
    const pv = a[rank][col];
    for (let j = col; j <= n; j++) a[rank][j] /= pv;
    for (let i = 0; i < m; i++) {
      if (i === rank || Math.abs(a[i][col]) < EPS) continue;
      const f = a[i][col];
      for (let j = col; j <= n; j++) a[i][j] -= f * a[rank][j];
    }
    pivots.push(col);
    rank++;
  }
  for (let i = rank; i < m; i++) if (Math.abs(a[i][n]) > EPS) return null;
  if (rank < n) return 'free';
  const x = new Array<number>(n).fill(0);
  pivots.forEach((col, k) => (x[col] = a[k][n]));
  return x;
}

export function searchGroups(sys: System): GroupResult[] {
  const { unknowns, equations } = sys;
  const eqsOf: number[][] = unknowns.map(() => []);
  equations.forEach((e, i) => e.terms.forEach((t) => eqsOf[t.v].push(i)));

  // Groups: unknowns joined by shared equations (union-find).
  const parent = unknowns.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const e of equations) for (let k = 1; k < e.terms.length; k++) parent[find(e.terms[k].v)] = find(e.terms[0].v);

  const failingByGroup = new Map<number, number[]>();
  equations.forEach((e, i) => {
    if (Math.abs(e.residual) > EPS && e.terms.length) {
      const g = find(e.terms[0].v);
      failingByGroup.set(g, [...(failingByGroup.get(g) ?? []), i]);
    }
  });
  // A printed count below 0 or with a fraction is wrong by itself: every explanation corrects it.
  const forcedByGroup = new Map<number, number[]>();
  unknowns.forEach((u, i) => {
    if (u.value < 0 || !Number.isInteger(u.value)) {
      if (eqsOf[i].length === 0) return;
      const g = find(i);
      forcedByGroup.set(g, [...(forcedByGroup.get(g) ?? []), i]);
    }
  });

  const results: GroupResult[] = [];
  const groups = new Set([...failingByGroup.keys(), ...forcedByGroup.keys()]);
  for (const g of groups) {
    const members = unknowns.map((_, i) => i).filter((i) => find(i) === g);
    results.push(searchGroup(equations, eqsOf, unknowns.map((u) => u.value), failingByGroup.get(g) ?? [], forcedByGroup.get(g) ?? [], members));
  }
  return results;
}

function searchGroup(equations: Equation[], eqsOf: number[][], values: number[], failing: number[], forced: number[], members: number[]): GroupResult {
  let budget = BUDGET;
  const bySize = [...failing].sort((x, y) => equations[x].terms.length - equations[y].terms.length);
  const hits = (e: number, set: readonly number[]) => equations[e].terms.some((t) => set.includes(t.v));

  /** Greedy set of failing equations with no cell in common: each needs a cell of its own. */
  const packing = (eqs: number[]): number[] => {
    const used = new Set<number>();
    const out: number[] = [];
    for (const e of eqs) {
      if (equations[e].terms.some((t) => used.has(t.v))) continue;
      out.push(e);
      for (const t of equations[e].terms) used.add(t.v);
    }
    return out;
  };

  /** The corrected values of a set of cells, 'free' when not fixed by the equations, null when impossible. */
  const evaluate = (set: number[]): number[] | 'free' | null => {
    for (const e of failing) if (!hits(e, set)) return null;
    // Sets are small (a few cells, 40 at most): arrays searched beat Maps and Sets built per set.
    const touched: number[] = [];
    for (const v of set) for (const e of eqsOf[v]) if (!touched.includes(e)) touched.push(e);
    // Quick rejection: an equation with one corrected cell fixes its value alone; two such
    // equations that disagree, or a value below 0 or not whole, rule the set out before solving.
    const fixed = new Array<number>(set.length).fill(NaN);
    for (const e of touched) {
      let only = -1;
      let coef = 0;
      for (const t of equations[e].terms) {
        const k = set.indexOf(t.v);
        if (k < 0) continue;
        if (only >= 0) {
          only = -2;
          break;
        }
        only = k;
        coef = t.coef;
      }
      if (only < 0) continue;
      const d = -equations[e].residual / coef;
      const v = values[set[only]] + d;
      // |d| ≤ EPS: the equation holds as printed (the same test that keeps it out of `failing`),
      // so its one corrected cell would not change — lastCells() relies on this being the same test.
      if (Math.abs(d) <= EPS || v < -EPS || Math.abs(v - Math.round(v)) > EPS) return null;
      if (Number.isNaN(fixed[only])) fixed[only] = d;
      else if (Math.abs(fixed[only] - d) > EPS) return null;
    }
    const rows: number[][] = [];
    const rhs: number[] = [];
    for (const e of touched) {
      const row = new Array<number>(set.length).fill(0);
      for (const t of equations[e].terms) {
        const k = set.indexOf(t.v);
        if (k >= 0) row[k] += t.coef;
      }
      rows.push(row);
      rhs.push(-equations[e].residual);
    }
    const d = solveLinear(rows, rhs, set.length);
    if (d === null || d === 'free') return d;
    const out: number[] = [];
    for (let k = 0; k < set.length; k++) {
      if (Math.abs(d[k]) < EPS) return null; // a smaller set would do: not this one
      const v = Math.round((values[set[k]] + d[k]) * 1e6) / 1e6;
      if (v < 0 || !Number.isInteger(v)) return null;
      out.push(v);
    }
    return out;
  };

  const found = new Map<string | number, Explanation | null>();
  /** Cells in the first set found (every set found has as many: the search stops at that size). */
  let foundSize = 0;
  const seen = new Set<string | number>();
  const base = values.length + 1;
  /** The same set reached in another order is one set: sorted cells, as a number when there are few. */
  const keyOf = (set: number[]): string | number => {
    const sorted = [...set].sort((x, y) => x - y);
    if (sorted.length > 3) return sorted.join(',');
    let key = 0;
    for (const v of sorted) key = key * base + v + 1;
    return key;
  };
  const leaf = (set: number[]) => {
    const key = keyOf(set);
    if (seen.has(key)) return;
    seen.add(key);
    budget--;
    const r = evaluate(set);
    if (r === null) return;
    if (found.size === 0) foundSize = set.length;
    found.set(key, r === 'free' ? null : { cells: set, values: r });
  };

  /**
   * The cells that can complete `set`. A corrected cell alone in an equation that holds now would
   * have to keep its value (evaluate() rejects such a set), so the last cell must join every such
   * equation of the others, and each of its own equations must fail now or hold another cell.
   */
  const failingSet = new Set(failing);
  const lastCells = (set: number[], candidates: number[]): number[] => {
    const lonely: number[] = [];
    for (const m of set) {
      for (const e of eqsOf[m]) if (!failingSet.has(e) && !equations[e].terms.some((t) => t.v !== m && set.includes(t.v))) lonely.push(e);
    }
    return candidates.filter(
      (v) => lonely.every((e) => equations[e].terms.some((t) => t.v === v)) && eqsOf[v].every((e) => failingSet.has(e) || hits(e, set)),
    );
  };

  // 1. One, two, three cells.
  const dfs = (set: number[], k: number) => {
    if (budget <= 0) return;
    const unhit = bySize.filter((e) => !hits(e, set));
    if (set.length + packing(unhit).length > k) return;
    if (set.length === k) {
      if (unhit.length === 0) leaf(set);
      return;
    }
    let candidates: number[];
    if (unhit.length) candidates = equations[unhit[0]].terms.map((t) => t.v);
    else {
      const c = new Set<number>();
      for (const v of set) for (const e of eqsOf[v]) for (const t of equations[e].terms) c.add(t.v);
      candidates = [...c];
    }
    if (set.length + 1 === k) candidates = lastCells(set, candidates);
    for (const c of candidates) if (!set.includes(c)) dfs([...set, c], k);
  };
  const lowerBound = forced.length + packing(bySize.filter((e) => !hits(e, forced))).length;
  for (let k = Math.max(1, lowerBound); k <= GENERIC_MAX && found.size === 0 && budget > 0; k++) dfs([...forced], k);

  // 2. More cells, when the lower bound is tight: one cell from each disjoint failing equation.
  if (found.size === 0 && lowerBound > GENERIC_MAX && lowerBound <= TIGHT_MAX) {
    const pack = packing(bySize.filter((e) => !hits(e, forced)));
    const choose = (i: number, set: number[]) => {
      if (budget <= 0) return;
      if (i === pack.length) return leaf(set);
      const e = equations[pack[i]];
      for (const t of e.terms) {
        // Its equation's only corrected cell: the value is fixed by that equation alone.
        const v = values[t.v] - t.coef * e.residual;
        if (v < 0 || !Number.isInteger(Math.round(v * 1e6) / 1e6)) continue;
        choose(i + 1, [...set, t.v]);
      }
    };
    choose(0, [...forced]);
  }

  if (budget <= 0 || found.size === 0) return { status: 'unexplained', unknowns: members };
  const explanations = [...found.values()];
  if (explanations.length === 1 && explanations[0]) return { status: 'unique', explanation: explanations[0], unknowns: members };
  return { status: 'ambiguous', size: foundSize, count: explanations.length, explanations: explanations.filter((x): x is Explanation => x !== null), unknowns: members };
}
