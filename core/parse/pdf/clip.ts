/**
 * Ruling lines drawn past the top or bottom of the page. wkhtmltopdf draws a table cut by a page
 * break whole on both pages and lets the page clip it: the lines of the rows on the other page
 * are in the content stream, outside the page, and would make phantom rows (a cell as tall as
 * the rest of the table, spanning every column) that push the real cells out of their columns.
 * What a reader sees is the page: lines are cut at its edges, and where a table's verticals run
 * off an edge the edge closes the table (the row cut by the break ends there; the text of its
 * other part is on the other page, and the table step joins the two).
 */
import type { Diagnostic } from '../../model/schema';
import { T3_COLUMNS, T4_COLUMNS, T4_GROUPS, TABLE_SHORT_ZH, type TableId } from '../../model/keys';
import type { FoundCell } from '../extraction';
import type { PdfText, Segment } from './page';

/** Slack for lines that sit on the edge (rounding). */
const EDGE = 1;

export function clipToPage(segments: Segment[], height: number): Segment[] {
  const out: Segment[] = [];
  const cut = { top: [] as number[], bottom: [] as number[] };
  for (const s of segments) {
    if (s.y0 === s.y1) {
      if (s.y0 >= -EDGE && s.y0 <= height + EDGE) out.push(s);
      continue;
    }
    const y0 = Math.min(s.y0, s.y1);
    const y1 = Math.max(s.y0, s.y1);
    if (y1 <= EDGE || y0 >= height - EDGE) continue;
    // cut at the page's edge, or drawn from it (Chromium clips a row a page break pushed over the
    // top: its verticals start at 0, its top rule is not drawn)
    if (y0 < EDGE) cut.top.push(s.x0);
    if (y1 > height - EDGE) cut.bottom.push(s.x0);
    out.push({ x0: s.x0, x1: s.x1, y0: Math.max(y0, 0), y1: Math.min(y1, height) });
  }
  for (const [xs, y] of [
    [cut.top, 0],
    [cut.bottom, height],
  ] as const) {
    if (xs.length >= 2) out.push({ x0: Math.min(...xs), x1: Math.max(...xs), y0: y, y1: y });
  }
  return out;
}

/**
 * Horizontal lines through the middle of a text (a strike-through, as wkhtmltopdf draws one over
 * a number in a cell) are not rules: a cell's border never crosses its text. Left in, such a line
 * splits the cell's row in two for one column, and the number drops out of its row.
 */
export function dropStrikes(segments: Segment[], texts: PdfText[]): Segment[] {
  return segments.filter((s) => {
    if (s.y0 !== s.y1) return true;
    return !texts.some((t) => {
      // The box runs from 0.88 of the type size above the baseline to 0.12 below: a line under its
      // top eighth crosses the glyphs (wkhtmltopdf closes a cell cut at the page top through the
      // next row's text so); in its lower third it may be a border just under the descenders.
      const h = t.y1 - t.y0;
      // and it runs through the glyphs, not past a box's end (a line of five headers wkhtmltopdf
      // prints as one item reaches a little into the next cell, whose border starts there)
      const overlap = Math.min(s.x1, t.x1) - Math.max(s.x0, t.x0);
      return s.y0 > t.y0 + h * 0.12 && s.y0 < t.y1 - h * 0.3 && overlap > Math.min(h / 2, (t.x1 - t.x0) / 2);
    });
  });
}


interface Part {
  page: number;
  table: number;
  lattice: { x0: number; x1: number };
}

/**
 * A data table that runs past the page's left or right edge and came out with cells missing was
 * cut when the document was made (LibreOffice prints a table wider than the page so: its columns
 * beyond the edge are not in the PDF at all). One warning per such table names it, its pages and
 * why its cells are missing — the cells themselves are left out (never guessed), so no rule sees a
 * number that is not there.
 */
export function clippedTables(
  pages: { number: number; width: number }[],
  parts: Part[],
  read: { cells: { table: string; source?: { kind: string; table?: number } }[] },
  cells: { table: string }[],
  incomplete: (table: string) => boolean,
): Diagnostic[] {
  const cut = new Map<string, Set<number>>();
  for (const part of parts) {
    const page = pages.find((p) => p.number === part.page);
    if (!page || (part.lattice.x1 < page.width - 1.5 && part.lattice.x0 > 1.5)) continue;
    const names = new Set(read.cells.filter((c) => c.source?.kind === 'html' && c.source.table === part.table).map((c) => c.table));
    for (const t of names) {
      if (!cut.has(t)) cut.set(t, new Set());
      cut.get(t)!.add(part.page);
    }
  }
  const out: Diagnostic[] = [];
  for (const [t, on] of [...cut].sort()) {
    if (!incomplete(t) || !cells.some((c) => c.table === t)) continue;
    const list = [...on].sort((a, b) => a - b).join('、');
    out.push({
      level: 'warning',
      code: 'pdf.table-clipped',
      message: `${TABLE_SHORT_ZH[t as TableId] ?? t}（第 ${list} 页）超出页面边缘，超出部分未印入 PDF（表格比页面宽，转换时被裁掉），缺少的数值无法核对 — ${t} (page ${list.replace(/、/g, ', ')}) runs past the page edge; what lies beyond it is not in the PDF (the table is wider than the page and was cut when converted), so its missing values cannot be checked`,
    });
  }
  return out;
}

/** Table 3's cells of a row, table 4's of its one row, left to right as printed. */
const ORDER: Record<'t3' | 't4', string[]> = {
  t3: T3_COLUMNS.map((c) => c.key),
  t4: T4_GROUPS.flatMap((g) => T4_COLUMNS.map((c) => `${g.key}.${c.key}`)),
};

/**
 * A row of table 3 or 4 read only from its left end, the cells to the right missing, was cut at
 * its right side: LibreOffice cuts a table wider than the frame it stands in (a portal's layout
 * cell, not only the page) and leaves out the glyphs beyond, so the last cell read may hold part
 * of its number ("2" of 28) or none (blank). That cell is unsure: a sum it breaks is a warning.
 */
export function unsureAtRightCut(cells: FoundCell[]): FoundCell[] {
  const rows = new Map<string, FoundCell[]>();
  for (const c of cells) {
    if (c.table !== 't3' && c.table !== 't4') continue;
    const key = c.table === 't3' ? `t3:${c.row}` : 't4';
    const row = rows.get(key);
    if (row) row.push(c);
    else rows.set(key, [c]);
  }
  const cut = new Set<FoundCell>();
  for (const [key, row] of rows) {
    const order = ORDER[key === 't4' ? 't4' : 't3'];
    const at = (c: FoundCell) => order.indexOf(c.table === 't3' ? c.column : `${c.row}.${c.column}`);
    const read = new Set(row.map(at));
    const n = read.size;
    // read from the left end only: cells 0 … n-1, some missing after them
    if (n === 0 || n >= order.length || ![...read].every((i) => i >= 0 && i < n)) continue;
    for (const c of row) if (at(c) === n - 1) cut.add(c);
  }
  return cut.size ? cells.map((c) => (cut.has(c) ? { ...c, unsure: 'cut' as const } : c)) : cells;
}

/** How near a page's side a cell must come to have been cut there (the lattice closes at the edge, or up to 1.5 pt short of it: LibreOffice's PDF of a .docx). */
const SIDE = 3;
/** A digit's width, as a share of the type size: text ending nearer the cut than that may have lost one. */
const DIGIT = 0.6;

/** Where a ruled cell stands: its page and box (as its cells' sources give it). */
export const boxKey = (b: { page: number; x: number; y: number; width: number; height: number }) => `${b.page}:${b.x}:${b.y}:${b.width}:${b.height}`;

/**
 * The ruled cells cut at the page's left or right side with text up to the cut: LibreOffice lets a
 * table wider than the page run off it, and leaves out the glyphs that do not fit (49 of 493, 48 of
 * 480) though the cell itself is read. A number in such a cell may be whole (35) or not: unsure.
 */
export function cellsPastSide<C extends { x0: number; x1: number; texts: PdfText[] }>(cells: C[], width: number): C[] {
  const right = (c: C) => c.x1 >= width - SIDE;
  const left = (c: C) => c.x0 <= SIDE;
  const past = cells.filter((c) => (right(c) && c.texts.some((t) => t.x1 > width - SIDE - DIGIT * t.size)) || (left(c) && c.texts.some((t) => t.x0 < SIDE + DIGIT * t.size)));
  // Where the side cut a number, an empty cell on that side may be one it cut away whole (27 of a
  // total left out, glyphs and all): it is no blank the office printed.
  const cutRight = past.some(right);
  const cutLeft = past.some(left);
  return [...past, ...cells.filter((c) => c.texts.length === 0 && ((cutRight && right(c)) || (cutLeft && left(c))))];
}

/** The same for a value read by position, its box its text's: it ends (or starts) within a digit of the page's side. */
export const textPastSide = (b: { x: number; width: number; height: number }, width: number) => b.x < SIDE + DIGIT * b.height || b.x + b.width > width - SIDE - DIGIT * b.height;

/** A value of table 3 or 4 in a cell cut at the page's side (`cut`: boxKey of such cells). */
const atPageSide = (c: FoundCell, cut: ReadonlySet<string>) => c.source?.kind === 'pdf' && (c.table === 't3' || c.table === 't4') && cut.has(boxKey(c.source));

/** Such a value is unsure (unless it is for another reason): a sum it breaks is a warning, never an error about the office. */
export function unsureAtPageSide(cells: FoundCell[], cut: ReadonlySet<string>): FoundCell[] {
  if (!cut.size) return cells;
  return cells.map((c) => (!c.unsure && atPageSide(c, cut) ? { ...c, unsure: 'cut' as const } : c));
}

/**
 * One warning per table with unsure values at the page's side, unless the table is already said to be cut:
 * the numbers there may have lost digits, a sum they keep included.
 */
export function pageSideNotes(cells: FoundCell[], cut: ReadonlySet<string>, said: Diagnostic[]): Diagnostic[] {
  const pages = new Map<string, Set<number>>();
  for (const c of cells) {
    if (c.unsure !== 'cut' || c.source?.kind !== 'pdf' || !atPageSide(c, cut)) continue;
    if (!pages.has(c.table)) pages.set(c.table, new Set());
    pages.get(c.table)!.add(c.source.page);
  }
  const out: Diagnostic[] = [];
  for (const [t, on] of [...pages].sort()) {
    const name = TABLE_SHORT_ZH[t as TableId] ?? t;
    if (said.some((d) => d.code === 'pdf.table-clipped' && d.message.startsWith(name))) continue;
    const list = [...on].sort((a, b) => a - b).join('、');
    out.push({
      level: 'warning',
      code: 'pdf.table-clipped',
      message: `${name}（第 ${list} 页）超出页面边缘，边缘处的数字可能缺了几位，读不准 — ${t} (page ${list.replace(/、/g, ', ')}) runs past the page edge; the numbers at the edge may have lost digits and are unsure`,
    });
  }
  return out;
}
