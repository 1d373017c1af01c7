/**
 * Ruled tables of one page: the ruling segments are merged into lines, lines that touch form a
 * table, the distinct x of its vertical lines and y of its horizontal lines make a grid of slots,
 * and slots with no rule between them are one (merged) cell. Text items are then placed in the
 * cell under their centre; the text of a cell is joined in reading order (a number wrapped inside a
 * narrow cell, 6 above 7, reads 67).
 */
import type { PdfText, Segment } from './page';

export interface LatticeCell {
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  texts: PdfText[];
  /**
   * The cell is no rectangle (an L round a table inside this one: a portal's layout cell, open
   * beside and below the report's table). Its text is the page's, not a cell's.
   */
  ragged?: boolean;
}

export interface Lattice {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Column boundaries (ascending), length = columns + 1. */
  xs: number[];
  /** Row boundaries (ascending), length = rows + 1. */
  ys: number[];
  /** Cells in reading order (by top row, then left column). */
  cells: LatticeCell[];
}

const SNAP = 2.5;
const MIN_CELL = 4;
/** No row or column of a table is thinner than this (viewport units). */
const MIN_BAND = 4.5;
const MAX_LINES = 4000;

interface Line {
  at: number;
  from: number;
  to: number;
}

/** Merge collinear, touching segments (same `at` within SNAP, overlapping or adjacent). */
function mergeLines(lines: Line[]): Line[] {
  lines.sort((a, b) => a.at - b.at || a.from - b.from);
  const out: Line[] = [];
  for (const l of lines) {
    const last = out.length ? findMergeable(out, l) : null;
    if (last) {
      last.to = Math.max(last.to, l.to);
      last.from = Math.min(last.from, l.from);
    } else out.push({ ...l });
  }
  return out;
}

function findMergeable(out: Line[], l: Line): Line | null {
  for (let i = out.length - 1; i >= 0; i--) {
    const o = out[i];
    if (l.at - o.at > SNAP) break;
    if (l.from <= o.to + SNAP && l.to >= o.from - SNAP) return o;
  }
  return null;
}

/** Values within SNAP of each other become one (their mean). */
function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const v of sorted) {
    if (group.length && v - group[group.length - 1] > SNAP) {
      out.push(group.reduce((s, x) => s + x, 0) / group.length);
      group = [];
    }
    group.push(v);
  }
  if (group.length) out.push(group.reduce((s, x) => s + x, 0) / group.length);
  return out;
}

/** Boundaries closer than MIN_BAND become one (their mean), in place. */
function squeeze(bounds: number[]): void {
  for (let i = 0; i + 1 < bounds.length; ) {
    if (bounds[i + 1] - bounds[i] < MIN_BAND) bounds.splice(i, 2, (bounds[i] + bounds[i + 1]) / 2);
    else i++;
  }
}

function nearest(sorted: number[], v: number): number {
  let best = -1;
  let dist = Infinity;
  for (let i = 0; i < sorted.length; i++) {
    const d = Math.abs(sorted[i] - v);
    if (d < dist) {
      dist = d;
      best = i;
    }
  }
  return dist <= MIN_BAND ? best : -1;
}

/** Index of the band [bounds[i], bounds[i+1]) holding v, or -1. */
function band(bounds: number[], v: number): number {
  if (v < bounds[0] || v > bounds[bounds.length - 1]) return -1;
  let lo = 0;
  let hi = bounds.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Find the ruled tables of a page and place its text items in their cells; returns the texts left outside. */
export function findLattices(segments: Segment[], texts: PdfText[]): { tables: Lattice[]; outside: PdfText[] } {
  const hs: Line[] = [];
  const vs: Line[] = [];
  for (const s of segments) {
    if (s.y0 === s.y1) hs.push({ at: s.y0, from: s.x0, to: s.x1 });
    else vs.push({ at: s.x0, from: s.y0, to: s.y1 });
  }
  if (hs.length === 0 || vs.length === 0) return { tables: [], outside: texts };
  const H = mergeLines(hs).filter((l) => l.to - l.from >= MIN_CELL).slice(0, MAX_LINES);
  const V = mergeLines(vs).filter((l) => l.to - l.from >= MIN_CELL).slice(0, MAX_LINES);

  // Lines that cross or touch belong to one table (union-find over H ∪ V).
  const parent = Array.from({ length: H.length + V.length }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  // V is sorted by x (mergeLines): only the verticals within a horizontal's x range are looked at.
  for (let h = 0; h < H.length; h++) {
    const a = H[h];
    let lo = 0;
    let hi = V.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (V[mid].at < a.from - SNAP) lo = mid + 1;
      else hi = mid;
    }
    for (let v = lo; v < V.length && V[v].at <= a.to + SNAP; v++) {
      const b = V[v];
      if (a.at >= b.from - SNAP && a.at <= b.to + SNAP) {
        const ra = find(h);
        const rb = find(H.length + v);
        if (ra !== rb) parent[ra] = rb;
      }
    }
  }
  const groups = new Map<number, { h: Line[]; v: Line[] }>();
  H.forEach((l, i) => {
    const r = find(i);
    if (!groups.has(r)) groups.set(r, { h: [], v: [] });
    groups.get(r)!.h.push(l);
  });
  V.forEach((l, i) => {
    const r = find(H.length + i);
    if (!groups.has(r)) groups.set(r, { h: [], v: [] });
    groups.get(r)!.v.push(l);
  });

  const tables: Lattice[] = [];
  for (const g of groups.values()) {
    if (g.h.length < 2 || g.v.length < 2) continue;
    const t = buildLattice(g.h, g.v);
    if (t) tables.push(t);
  }
  tables.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);

  const outside: PdfText[] = [];
  for (const text of texts) {
    const cy = (text.y0 + text.y1) / 2;
    const cx = (text.x0 + text.x1) / 2;
    // A table inside another (a portal's layout table around the report): the innermost one holds the text.
    let table: Lattice | undefined;
    for (const t of tables) if (cy >= t.y0 && cy <= t.y1 && cx >= t.x0 && cx <= t.x1 && (!table || area(t) < area(table))) table = t;
    // a number too wide for its edge column runs on past the table's outer rule: it starts inside
    table ??= /^[\d０-９.,，]+$/.test(text.str.trim()) ? tables.find((t) => cy >= t.y0 && cy <= t.y1 && ((text.x0 >= t.x0 && text.x0 < t.x1 - 1 && cx > t.x1) || (text.x1 <= t.x1 && text.x1 > t.x0 + 1 && cx < t.x0))) : undefined;
    if (!table) {
      outside.push(text);
      continue;
    }
    place(table, text);
  }
  // The text of a layout cell around a table inside it is the page's text, not a cell's.
  for (const t of tables) {
    for (const c of t.cells) {
      if (!c.ragged) continue;
      outside.push(...c.texts);
      c.texts = [];
    }
  }
  // A "table" with one slot is a frame around text, not a table: its text is narrative.
  const real = tables.filter((t) => {
    if (t.xs.length + t.ys.length > 4) return true;
    for (const c of t.cells) outside.push(...c.texts);
    return false;
  });
  return { tables: real, outside };
}

const area = (t: Lattice) => (t.x1 - t.x0) * (t.y1 - t.y0);

function buildLattice(h: Line[], v: Line[]): Lattice | null {
  const ys = cluster(h.map((l) => l.at));
  const xs = cluster(v.map((l) => l.at));
  // Horizontal lines may reach past the outermost verticals (and the other way round): bound by both.
  const x0 = Math.min(xs[0], ...h.map((l) => l.from));
  const x1 = Math.max(xs[xs.length - 1], ...h.map((l) => l.to));
  const y0 = Math.min(ys[0], ...v.map((l) => l.from));
  const y1 = Math.max(ys[ys.length - 1], ...v.map((l) => l.to));
  if (xs[0] - x0 > SNAP) xs.unshift(x0);
  if (x1 - xs[xs.length - 1] > SNAP) xs.push(x1);
  if (ys[0] - y0 > SNAP) ys.unshift(y0);
  if (y1 - ys[ys.length - 1] > SNAP) ys.push(y1);
  // Separate borders (HTML border="1" printed) draw each cell's box a little inside the table's:
  // bands too thin to hold text are the space between two rules, not a row or column.
  squeeze(xs);
  squeeze(ys);
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  if (rows < 1 || cols < 1 || rows * cols > 20000) return null;

  const hAt = ys.map(() => [] as Line[]);
  for (const l of h) {
    const i = nearest(ys, l.at);
    if (i >= 0) hAt[i].push(l);
  }
  const vAt = xs.map(() => [] as Line[]);
  for (const l of v) {
    const i = nearest(xs, l.at);
    if (i >= 0) vAt[i].push(l);
  }
  const covers = (lines: Line[], from: number, to: number) => {
    const mid = (from + to) / 2;
    return lines.some((l) => l.from <= mid + SNAP && l.to >= mid - SNAP);
  };

  // Slots joined where no rule separates them.
  const slot = (r: number, c: number) => r * cols + c;
  const parent = Array.from({ length: rows * cols }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const join = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (c + 1 < cols && !covers(vAt[c + 1], ys[r], ys[r + 1])) join(slot(r, c), slot(r, c + 1));
      if (r + 1 < rows && !covers(hAt[r + 1], xs[c], xs[c + 1])) join(slot(r, c), slot(r + 1, c));
    }
  }
  const byRoot = new Map<number, LatticeCell>();
  const owner: LatticeCell[] = new Array(rows * cols);
  const slotCount = new Map<LatticeCell, number>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const root = find(slot(r, c));
      let cell = byRoot.get(root);
      if (!cell) {
        cell = { row: r, col: c, rowspan: 1, colspan: 1, x0: xs[c], y0: ys[r], x1: xs[c + 1], y1: ys[r + 1], texts: [] };
        byRoot.set(root, cell);
      }
      // a slot left of the cell's first one: the cell is an L (see ragged below)
      if (c < cell.col) cell.ragged = true;
      cell.rowspan = Math.max(cell.rowspan, r - cell.row + 1);
      cell.colspan = Math.max(cell.colspan, c - cell.col + 1);
      cell.x1 = Math.max(cell.x1, xs[c + 1]);
      cell.y1 = Math.max(cell.y1, ys[r + 1]);
      owner[slot(r, c)] = cell;
      slotCount.set(cell, (slotCount.get(cell) ?? 0) + 1);
    }
  }
  // A cell is a rectangle when its slots fill the box that grows from its first slot; an L round a
  // table inside it reaches left of that slot, or leaves part of the box to the inner table.
  for (const [cell, count] of slotCount) if (count !== cell.rowspan * cell.colspan) cell.ragged = true;
  const cells = [...byRoot.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  const lattice: Lattice & { owner: LatticeCell[] } = { x0: xs[0], y0: ys[0], x1: xs[cols], y1: ys[rows], xs, ys, cells, owner };
  return lattice;
}

/** Put a text item in its cell; an item running over several columns is cut where it crosses them. */
function place(table: Lattice, text: PdfText) {
  const owner = (table as Lattice & { owner: LatticeCell[] }).owner;
  const cols = table.xs.length - 1;
  const r = band(table.ys, (text.y0 + text.y1) / 2);
  if (r < 0) return;
  const c0 = band(table.xs, text.x0 + 1);
  const c1 = band(table.xs, text.x1 - 1);
  if (c0 >= 0 && c0 === c1) {
    owner[r * cols + c0]?.texts.push(text);
    return;
  }
  let pieceCol = -2;
  let piece: string[] = [];
  let pieceX = text.x0;
  let pieceEnd = text.x0;
  const flush = () => {
    const s = piece.join('');
    if (s.trim() && pieceCol >= 0) owner[r * cols + pieceCol]?.texts.push({ ...text, str: s.trim(), x0: pieceX, x1: pieceEnd });
    piece = [];
  };
  const [left, right] = [table.xs[0], table.xs[cols]];
  const oneWord = !/\s/.test(text.str.trim());
  let prev = '';
  for (const { ch, x0, x1 } of charBoxes(text)) {
    // A number too wide for its column runs on past the table's outer rule (LibreOffice fits a
    // table to the page, not its numbers to their columns): what runs on off the side, with no
    // space between, is the edge cell's (after a space it is a cut-off column's: 35 | 4 at the page side).
    const mid = (x0 + x1) / 2;
    const runsOn = pieceCol === cols - 1 && prev !== '' && !/\s/.test(prev) && !/\s/.test(ch);
    const c = mid > right ? (runsOn ? cols - 1 : -1) : mid < left ? (oneWord ? 0 : -1) : band(table.xs, mid);
    prev = ch;
    if (c !== pieceCol) {
      flush();
      pieceCol = c;
      pieceX = x0;
    }
    piece.push(ch);
    pieceEnd = x1;
  }
  flush();
}

const WIDE_CHAR = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Each character's x range within an item: wide (CJK) characters a full em, others about half, scaled to the item's width. */
export function charBoxes(text: PdfText): { ch: string; x0: number; x1: number }[] {
  const chars = [...text.str];
  const weights = chars.map((ch) => (WIDE_CHAR.test(ch) ? 1 : ch === ' ' ? 0.3 : 0.55));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const scale = (text.x1 - text.x0) / total;
  let x = text.x0;
  return chars.map((ch, i) => {
    const x0 = x;
    x += weights[i] * scale;
    return { ch, x0, x1: x };
  });
}

/** Text items as lines: grouped by baseline, each line's items left to right. */
export function groupLines(texts: PdfText[]): PdfText[][] {
  const sorted = [...texts].sort((a, b) => a.y1 - b.y1 || a.x0 - b.x0);
  const lines: { base: number; size: number; items: PdfText[] }[] = [];
  for (const t of sorted) {
    const line = lines.length ? lines[lines.length - 1] : null;
    if (line && Math.abs(t.y1 - line.base) <= Math.max(1.5, 0.4 * Math.min(line.size, t.size))) line.items.push(t);
    else lines.push({ base: t.y1, size: t.size, items: [t] });
  }
  return lines.map((l) => l.items.sort((a, b) => a.x0 - b.x0));
}

/** One line's items as a string: a space where the gap between two items is a visible one. */
export function lineText(items: PdfText[]): string {
  let out = '';
  let prev: PdfText | null = null;
  for (const t of items) {
    if (prev && t.x0 - prev.x1 > 0.25 * Math.min(prev.size, t.size)) out += ' ';
    out += t.str;
    prev = t;
  }
  return out;
}

/** A cell's text: its lines top to bottom joined without a break (CJK labels and wrapped numbers run on). */
export function cellText(texts: PdfText[]): string {
  if (texts.length === 0) return '';
  const lines = groupLines(texts).map(lineText);
  let out = '';
  for (const l of lines) {
    if (out && /[A-Za-z]$/.test(out) && /^[A-Za-z]/.test(l)) out += ' ';
    out += l;
  }
  return out;
}
