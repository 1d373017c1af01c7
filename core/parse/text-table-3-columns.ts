/**
 * The columns of table-3 rows that print fewer than 7 values (blank cells left out) in PDF text.
 *
 * pdftotext -layout does not keep a column at one text column: a value's column is pushed right by
 * whatever stands to its left on the page (a long label, a wrapped header), so one column's
 * numbers drift by several characters from line to line, and more from page to page. What it does
 * keep: the left-to-right order of a row's values; values one space apart are adjacent cells (it
 * joins cells only when no blank column stands between them); values of one page that stand at
 * one text column belong to one column; and the header's 商业 (the first organisation column) and
 * 总计 stand at the text columns of their page's values. So, page by page:
 *
 * - a page with full rows (7 values): each other row's value goes to the column whose values in
 *   the full rows stand within a character of it (a run of adjacent values, which pdftotext moves
 *   as one, within three; the row's first value, which floats with its label, may stand further
 *   left), and the placement must be the only good one;
 * - a page without: a row's first value floats with its label; the values after it are grouped
 *   into columns — values at (nearly) one position, and groups within a few characters of each
 *   other that never share a row (one column drifting) — and the groups are named: on the
 *   header's page the group under 总计 is the total and the groups before it are the organisation
 *   columns their place and adjacency give; on a later page, groups as many as the columns used
 *   before are those columns. A first value is 自然人 when that column is shown in use (on the
 *   header's page, a first value stands left of 商业) and it stands apart from every group.
 *
 * Where this does not decide a row (a tie, a value under no column, groups that do not fit), its
 * values are left unread and the row is named. What it does decide is still read from positions
 * that pdftotext only approximates: the caller names those rows for checking too.
 */
import type { TextValue } from './text-lines';

const WIDTH = 7;
const TOTAL = WIDTH - 1;
/** A value left of a column's position costs this much more than one right of it (text is pushed right, never left). */
const LEFT = 3;
/** How far one column's values drift apart on a page, in characters. */
const DRIFT = 6;
/** What a row's first value standing away from 自然人's position costs as 自然人. */
const FLOAT = 1.5;
/** A placement must beat the next best by this much to be taken. */
const MARGIN = 1;

export interface PlacedValue {
  value: TextValue;
  /** Index of the text line the value stands on. */
  line: number;
}

export interface RowToPlace {
  values: PlacedValue[];
  page: number;
  /** Columns already known (a full row): one per value. */
  known?: number[];
}

/** Header positions on the header's page: the text column of 商 (商业企业) and of 总 (总计). */
export interface HeaderAnchors {
  page: number;
  orgStart: number | null;
  total: number | null;
}

const centre = (v: TextValue) => v.col + v.width / 2;

/** Whether values i and i+1 of a row stand one space apart on one line (adjacent cells). */
function adjacent(vals: PlacedValue[], i: number): boolean {
  const a = vals[i];
  const b = vals[i + 1];
  return a.line === b.line && b.value.col === a.value.col + a.value.width + 1;
}

const cost = (pos: number, at: number) => (pos >= at ? pos - at : (at - pos) * LEFT);

/**
 * Order-preserving placement of `n` items into columns 0..6 minimising the summed cost, items
 * marked adjacent to the next going to the next column. Returns the best columns and whether it
 * beats every other placement by MARGIN.
 */
function bestPlacement(n: number, costOf: (i: number, c: number) => number, adj: (i: number) => boolean, margin = MARGIN): { cols: number[]; sure: boolean } | null {
  let best: { cols: number[]; score: number } | null = null;
  let second = Infinity;
  const cols: number[] = [];
  const walk = (i: number, from: number, score: number) => {
    if (best && score >= second && score >= best.score) return;
    if (i === n) {
      if (!best || score < best.score) {
        if (best) second = Math.min(second, best.score);
        best = { cols: [...cols], score };
      } else second = Math.min(second, score);
      return;
    }
    for (let c = from; c <= WIDTH - (n - i); c++) {
      if (i > 0 && adj(i - 1) && c !== cols[i - 1] + 1) continue;
      const s = costOf(i, c);
      if (!Number.isFinite(s)) continue;
      cols.push(c);
      walk(i + 1, c + 1, score + s);
      cols.pop();
    }
  };
  walk(0, 0, 0);
  if (!best) return null;
  const found = best as { cols: number[]; score: number };
  return { cols: found.cols, sure: second - found.score >= margin };
}

/** Positions of each column's values in the full rows of a page. */
function fullPositions(rows: RowToPlace[]): number[][] {
  const at: number[][] = Array.from({ length: WIDTH }, () => []);
  for (const r of rows) r.known?.forEach((c, i) => at[c].push(centre(r.values[i].value)));
  return at;
}

/**
 * A row with blanks on a page with full rows: each value goes to a column whose values in the full
 * rows stand at or left of it (pdftotext pushes text right; within a character, or three for a run
 * of adjacent values, which it moves as one; the row's first value floats with its label either
 * way), the nearer the better, and the best placement must beat every other clearly.
 */
function placeByFullRows(vals: PlacedValue[], known: number[][], floats: boolean): number[] | null {
  const inRun = (i: number) => (i > 0 && adjacent(vals, i - 1)) || (i + 1 < vals.length && adjacent(vals, i));
  const costOf = (i: number, c: number) => {
    let best = Infinity;
    for (const q of known[c]) {
      const d = centre(vals[i].value) - q;
      if (Math.abs(d) <= (inRun(i) ? 3 : 1)) best = Math.min(best, Math.abs(d));
    }
    // where first values float with their labels, one may stand anywhere as 自然人, but not as surely as where it fits
    return floats && i === 0 && c === 0 ? Math.min(best, FLOAT) : best;
  };
  const p = bestPlacement(vals.length, costOf, (i) => adjacent(vals, i), 2);
  return p && p.sure ? p.cols : null;
}

interface Group {
  members: Array<{ row: number; i: number }>;
  min: number;
  max: number;
}

/**
 * The page's values after each row's first grouped into columns: one position, or one column
 * drifting (groups within DRIFT that never share a row). A row's first value floats with its label
 * and is left out. Null when a row's values do not stand in the groups' order.
 */
function groupsOf(rows: RowToPlace[]): Group[] | null {
  const items = rows.flatMap((r, row) => r.values.flatMap((v, i) => (i === 0 ? [] : [{ row, i, pos: v.value.col }])));
  items.sort((a, b) => a.pos - b.pos);
  let groups: Group[] = [];
  for (const it of items) {
    const g = groups[groups.length - 1];
    if (g && it.pos - g.max <= 1 && !g.members.some((m) => m.row === it.row)) {
      g.members.push(it);
      g.max = it.pos;
    } else groups.push({ members: [it], min: it.pos, max: it.pos });
  }
  const shares = (a: Group, b: Group) => a.members.some((m) => b.members.some((n) => n.row === m.row));
  for (let merged = true; merged; ) {
    merged = false;
    for (let k = 0; k + 1 < groups.length; k++) {
      const [a, b] = [groups[k], groups[k + 1]];
      if (b.min - a.max <= DRIFT && !shares(a, b)) {
        groups = [...groups.slice(0, k), { members: [...a.members, ...b.members], min: a.min, max: b.max }, ...groups.slice(k + 2)];
        merged = true;
        break;
      }
    }
  }
  const groupOf = new Map<string, number>();
  groups.forEach((g, k) => g.members.forEach((m) => groupOf.set(`${m.row}:${m.i}`, k)));
  for (const [row, r] of rows.entries()) {
    for (let i = 2; i < r.values.length; i++) if (groupOf.get(`${row}:${i}`)! <= groupOf.get(`${row}:${i - 1}`)!) return null;
  }
  return groups;
}

/** Columns of the groups on the header's page: the group under 总计 is the total, place and adjacency name the others (never 自然人: only a row's first value can stand there). */
function nameByHeader(rows: RowToPlace[], groups: Group[], orgStart: number, total: number): number[] | null {
  const last = groups[groups.length - 1];
  const hasTotal = last.min - 2 <= total && total <= last.max + 2;
  // expected positions: the five organisation columns spread from 商业 to 总计
  const at = (c: number) => orgStart + ((c - 1) * (total - orgStart)) / 5;
  const groupAdjacent = (k: number) =>
    k + 1 < groups.length &&
    rows.some((r, row) => r.values.some((_, i) => i + 1 < r.values.length && adjacent(r.values, i) && groups[k].members.some((m) => m.row === row && m.i === i) && groups[k + 1].members.some((m) => m.row === row && m.i === i + 1)));
  const placed = bestPlacement(
    groups.length,
    (k, c) => {
      if (c === 0) return Infinity;
      if (hasTotal && k === groups.length - 1) return c === TOTAL ? 0 : Infinity;
      if (hasTotal && c === TOTAL) return Infinity;
      return cost(groups[k].min, at(c));
    },
    groupAdjacent,
  );
  return placed && placed.sure ? placed.cols : null;
}

/**
 * A page without full rows. The values after each row's first are grouped and the groups named
 * (on the header's page by the header, on a later page by the columns used before, as many). A
 * row's first value is 自然人 when that column is shown in use — on the header's page a first value
 * stands left of 商业 — and it stands apart from every group (one standing with a group could be
 * either: its row is not read).
 */
function placePage(rows: RowToPlace[], anchors: HeaderAnchors | null, used: number[] | null): { cols: Array<number[] | null>; used: number[] } | null {
  const groups = groupsOf(rows);
  if (!groups) return null;
  let names: number[] | null = null;
  let natural = used?.includes(0) ?? false;
  if (anchors && anchors.orgStart !== null && anchors.total !== null && anchors.total > anchors.orgStart) {
    const orgStart = anchors.orgStart;
    names = groups.length ? nameByHeader(rows, groups, orgStart, anchors.total) : [];
    natural = rows.some((r) => r.values.length > 0 && r.values[0].value.col < orgStart);
  } else if (used) {
    const rest = used.filter((c) => c !== 0);
    if (rest.length === groups.length) names = rest;
  }
  if (!names) return null;
  const colOf = new Map<string, number>();
  groups.forEach((g, k) => g.members.forEach((m) => colOf.set(`${m.row}:${m.i}`, names![k])));
  const withGroup = (pos: number) => groups.some((g) => pos >= g.min - 1 && pos <= g.max + 1);
  const cols = rows.map((r, row) => {
    if (!r.values.length) return [];
    const first = r.values[0].value.col;
    if (!natural || withGroup(first)) return null;
    if (r.values.length > 1 && groups.findIndex((g) => g.members.some((m) => m.row === row && m.i === 1)) < 0) return null;
    return r.values.map((_, i) => (i === 0 ? 0 : colOf.get(`${row}:${i}`)!));
  });
  return { cols, used: [...(natural ? [0] : []), ...names] };
}

/**
 * The column of every value of every row (null for a row not decided). Rows are taken page by
 * page in the order given; `anchors` are the header's positions, on its page.
 */
export function placeColumns(rows: RowToPlace[], anchors: HeaderAnchors | null): Array<number[] | null> {
  const out: Array<number[] | null> = rows.map((r) => r.known ?? null);
  const pages = [...new Set(rows.map((r) => r.page))].sort((a, b) => a - b);
  let used: number[] | null = null;
  for (const page of pages) {
    const idx = rows.flatMap((r, k) => (r.page === page ? [k] : []));
    const here = idx.map((k) => rows[k]);
    if (here.some((r) => r.known)) {
      const known = fullPositions(here);
      // first values float with their labels on this page when the full rows' 自然人 values stand apart, or a first value stands under no column
      const floats =
        Math.max(...known[0]) - Math.min(...known[0]) > 1 ||
        here.some((r) => r.values.length > 0 && !known.some((qs) => qs.some((q) => Math.abs(centre(r.values[0].value) - q) <= 1)));
      for (const k of idx) if (!out[k]) out[k] = placeByFullRows(rows[k].values, known, floats);
      used = [...Array(WIDTH).keys()];
      continue;
    }
    const placed = placePage(here, anchors && anchors.page === page ? anchors : null, used);
    if (!placed) continue;
    idx.forEach((k, row) => (out[k] = placed.cols[row]));
    used = placed.used;
  }
  return out;
}
