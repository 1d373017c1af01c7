/**
 * Pages of text boxes and ruling lines → Extraction. Ruled tables become grids (the same GridRow
 * stream the HTML parser builds from <table>s) read by meaning in tables.ts; a table continued on
 * the next page with the same columns is one table. Where the tables have no rules, the page text
 * is laid out as lines with columns kept by position and read by the text parser (text-tables.ts).
 * Every cell found gets a `pdf` source: page and box.
 */
import type { CellSource, Diagnostic } from '../../model/schema';
import type { Extraction, FoundCell, NarrativeLine } from '../extraction';
import { buildGrid, type GridRow, type RawRow } from '../grid';
import { collapse, compact, MARK_DASHES, MARK_LONG_DASHES, MARK_SLASHES } from '../normalize';
import { readTables } from '../tables';
import { detectFormat } from '../build';
import { cellKeys, TABLE_SHORT_ZH } from '../../model/keys';
import { extractText } from '../text';
import { cellText, findLattices, groupLines, lineText, type Lattice } from './lattice';
import type { PdfPage, PdfText } from './page';
import { boxKey, cellsPastSide, clippedTables, clipToPage, dropStrikes, pageSideNotes, textPastSide, unsureAtPageSide, unsureAtRightCut } from './clip';
import { dropEmptyCutRow, joinFragment, type PlacedCell } from './page-break';

export type PdfCellBox = Extract<CellSource, { kind: 'pdf' }>;

const round = (v: number) => Math.round(v * 100) / 100;
const box = (page: number, x0: number, y0: number, x1: number, y1: number): PdfCellBox => ({
  kind: 'pdf',
  page,
  x: round(x0),
  y: round(y0),
  width: round(x1 - x0),
  height: round(y1 - y0),
});

/** A page number on its own ("- 3 -", "第 3 页 共 9 页", "3/9", "3"). */
const PAGE_NUMBER = /^(?:[-—–－_~·]*\d{1,4}[-—–－_~·]*|第\d{1,4}页(?:[,，]?共\d{1,4}页)?|\d{1,4}\/\d{1,4}|page\d{1,4}(?:of\d{1,4})?)$/i;
/** Share of the page height at the top and bottom where running headers and footers stand. */
const MARGIN = 0.1;

interface PageLine {
  page: number;
  y0: number;
  y1: number;
  text: string;
  items: PdfText[];
}

interface TablePart {
  page: number;
  lattice: Lattice;
  /** Index of the (possibly multi-page) table this part belongs to. */
  table: number;
}

/** A page's first table continues a table of the page before: same right edge, mostly the same column rules (or its first row on them). */
function continues(prev: Lattice, next: Lattice): boolean {
  if (Math.abs(prev.x1 - next.x1) > 3 || next.x0 > prev.x1 || next.x1 < prev.x0) return false;
  const near = (x: number) => prev.xs.some((p) => Math.abs(p - x) <= 3);
  const shared = next.xs.filter(near).length;
  // or the part before is only the header's first rows (spans over columns the next part splits): all its rules go on
  const headerOnly = prev.ys.length <= 4 && prev.xs.length >= 4 && shared === prev.xs.length;
  // or the next part's first row is laid on the rules above (the rest of a row the break cut: 行政事 /
  // 业性收费), though the rows under it split the columns their own way (table 3 in the same table)
  const firstRow = next.cells.filter((c) => c.row === 0);
  const onRulesAbove = firstRow.length >= 2 && firstRow.every((c) => near(c.x0) && near(c.x1));
  return headerOnly || onRulesAbove || (shared >= Math.min(4, next.xs.length) && shared >= 0.6 * next.xs.length);
}

/** Where a grid cell's box is kept: its table, its row and its place in the row. */
const sourceKey = (table: number, row: number, cell: number) => `${table}:${row}:${cell}`;

/**
 * Grid rows in the order they are read on the pages: by page, then top. Tables follow one another
 * down a page, so this is their own order — except where a portal's layout table, drawn round the
 * report's tables, took some of their rows into its own lattice: then the layout's rows above an
 * inner table come before it and those below (table 4's header under a continued table 3) after
 * it, as they stand. A row without a cell of its own keeps its place after the row above it.
 */
function inReadingOrder(grids: GridRow[], sources: Map<string, PdfCellBox>): void {
  const keys = new Map<GridRow, number>();
  let last = 0;
  for (const g of grids) {
    let key = Infinity;
    for (const c of g.own) {
      const b = sources.get(sourceKey(c.table, c.row, c.cell));
      if (b) key = Math.min(key, b.page * 100_000 + b.y);
    }
    last = Number.isFinite(key) ? key : last;
    keys.set(g, last);
  }
  grids.sort((a, b) => keys.get(a)! - keys.get(b)!);
}

/** Column boundaries of all parts of one table, close ones made one. */
function unionColumns(parts: TablePart[]): number[] {
  const all = parts.flatMap((p) => p.lattice.xs).sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of all) {
    if (out.length && x - out[out.length - 1] <= 4) continue;
    out.push(x);
  }
  return out;
}

const indexOf = (xs: number[], x: number) => {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i] - x) < Math.abs(xs[best] - x)) best = i;
  return best;
};

/**
 * One (possibly multi-page) table as raw rows for buildGrid: cells placed on the union of the
 * parts' columns, a row cut by a page break joined again, and empty filler cells where a part does
 * not cover a column (buildGrid places cells left to right).
 */
function tableRows(parts: TablePart[]): { raw: RawRow[]; boxes: (PdfCellBox | null)[][] } {
  const xs = unionColumns(parts);
  const placed: PlacedCell[] = [];
  let rowBase = 0;
  for (const [pi, part] of parts.entries()) {
    const rows = part.lattice.ys.length - 1;
    // A ragged cell (an L of layout round a table inside it; its text is the page's) claims no box:
    // its bounding box would cover cells of the table it runs round.
    const here: PlacedCell[] = part.lattice.cells.filter((c) => !c.ragged).map((c) => {
      const col = indexOf(xs, c.x0);
      return { row: rowBase + c.row, col, rowspan: c.rowspan, colspan: Math.max(1, indexOf(xs, c.x1) - col), text: cellText(c.texts), box: box(part.page, c.x0, c.y0, c.x1, c.y1) };
    });
    if (pi > 0) {
      dropEmptyCutRow(placed, rowBase - 1);
      const firstRow = Math.min(...here.filter((c) => c.text !== '').map((c) => c.row));
      // what is joined above leaves its cell (a group cell running on down keeps its label)
      if (Number.isFinite(firstRow)) joinFragment(placed, here.filter((c) => c.row === firstRow));
    }
    placed.push(...here);
    rowBase += rows;
  }
  const cols = xs.length - 1;
  const raw: RawRow[] = [];
  const boxes: (PdfCellBox | null)[][] = [];
  const covered: boolean[][] = Array.from({ length: rowBase }, () => new Array(cols).fill(false));
  const starting = new Map<number, PlacedCell[]>();
  for (const c of placed) {
    if (!starting.has(c.row)) starting.set(c.row, []);
    starting.get(c.row)!.push(c);
  }
  for (let r = 0; r < rowBase; r++) {
    const own = (starting.get(r) ?? []).sort((a, b) => a.col - b.col);
    const cells: RawRow['cells'] = [];
    const rowBoxes: (PdfCellBox | null)[] = [];
    let col = 0;
    const fill = (to: number) => {
      while (col < to) {
        if (covered[r][col]) {
          col++;
          continue;
        }
        let end = col;
        while (end < to && !covered[r][end]) end++;
        cells.push({ raw: '', rowspan: 1, colspan: end - col });
        rowBoxes.push(null);
        col = end;
      }
    };
    for (const c of own) {
      if (c.col < col) continue; // overlaps a cell already placed: an odd lattice, keep the first
      fill(c.col);
      const rowspan = Math.min(c.rowspan, rowBase - r);
      for (let dr = 0; dr < rowspan; dr++) for (let dc = 0; dc < c.colspan && c.col + dc < cols; dc++) covered[r + dr][c.col + dc] = true;
      cells.push({ raw: c.text, rowspan, colspan: c.colspan });
      rowBoxes.push(c.box);
      col = c.col + c.colspan;
    }
    raw.push({ cells });
    boxes.push(rowBoxes);
  }
  return { raw, boxes };
}

export interface PdfHints {
  /** The document information dictionary's Title, when set. */
  title?: string;
}

export function extractPdf(pages: PdfPage[], info: PdfHints = {}): Extraction {
  const diagnostics: Diagnostic[] = [];
  const parts: TablePart[] = [];
  const pageLines: PageLine[] = [];
  let tableCount = 0;
  for (const page of pages) {
    const { tables, outside } = findLattices(dropStrikes(clipToPage(page.segments, page.height), page.texts), page.texts);
    tables.forEach((lattice, i) => {
      // The first table of a page continues the one of the page before that ends lowest on it (the
      // last one, or a portal's layout table round it) when the columns agree.
      const before = i === 0 ? parts.filter((p) => p.page === page.number - 1) : [];
      const last = before[before.length - 1];
      const lowest = before.reduce<TablePart | undefined>((a, p) => (!a || p.lattice.y1 > a.lattice.y1 ? p : a), undefined);
      const prev = [last, lowest].find((p) => p && continues(p.lattice, lattice));
      parts.push({ page: page.number, lattice, table: prev ? prev.table : tableCount++ });
    });
    for (const items of groupLines(outside)) {
      const text = collapse(lineText(items));
      if (!text) continue;
      pageLines.push({ page: page.number, y0: Math.min(...items.map((t) => t.y0)), y1: Math.max(...items.map((t) => t.y1)), text, items });
    }
  }
  const running = runningLines(pageLines, pages);
  const bodyLines = pageLines.filter((l) => !running.has(l));

  // ---- ruled tables → grid rows → tables read by meaning -------------------------------
  const sources = new Map<string, PdfCellBox>();
  const byTable = new Map<number, TablePart[]>();
  for (const part of parts) {
    if (!byTable.has(part.table)) byTable.set(part.table, []);
    byTable.get(part.table)!.push(part);
  }
  const grids: GridRow[] = [];
  for (const [index, tableParts] of [...byTable.entries()].sort((a, b) => a[0] - b[0])) {
    const { raw, boxes } = tableRows(tableParts);
    boxes.forEach((row, r) => row.forEach((b, ci) => b && sources.set(sourceKey(index, r, ci), b)));
    grids.push(...buildGrid(index, raw));
  }
  inReadingOrder(grids, sources);
  const read = readTables(grids);
  let cells: FoundCell[] = read.cells.map((c) => {
    const s = c.source;
    const pdf = s && s.kind === 'html' ? sources.get(sourceKey(s.table, s.row, s.cell)) : undefined;
    return pdf ? { ...c, source: pdf } : { ...c, source: undefined };
  });
  diagnostics.push(...read.diagnostics);

  // ---- narrative: lines outside the data tables, a marker where each data table stands ---
  type Block = { page: number; y: number; line?: PageLine; part?: TablePart };
  const blocks: Block[] = [...bodyLines.map((line) => ({ page: line.page, y: line.y0, line })), ...parts.map((part) => ({ page: part.page, y: part.lattice.y0, part }))];
  blocks.sort((a, b) => a.page - b.page || a.y - b.y);
  const lines: NarrativeLine[] = [];
  const marked = new Set<number>();
  for (const b of blocks) {
    if (b.line) {
      lines.push({ text: b.line.text });
      continue;
    }
    const part = b.part!;
    if (read.dataTables.has(part.table)) {
      if (!marked.has(part.table)) lines.push({ text: '', tableMarker: true });
      marked.add(part.table);
      continue;
    }
    // A table with no report data (a header block, a contact box) reads as lines of text.
    const rows = part.lattice.ys.length - 1;
    for (let r = 0; r < rows; r++) {
      const text = collapse(
        part.lattice.cells
          .filter((c) => c.row === r)
          .map((c) => cellText(c.texts))
          .join(' '),
      );
      if (text) lines.push({ text });
    }
  }

  // ---- tables without rules: the text parser on the page text laid out by position --------
  // Also where a ruled table came out incomplete: a complete reading by position replaces it.
  const format = detectFormat(cells);
  const expected = (table: string) => (format ? cellKeys(format).filter((k) => k.table === table).length : 0);
  const countOf = (list: FoundCell[], table: string) => new Set(list.filter((c) => c.table === table).map((c) => `${c.row}.${c.column}`)).size;
  const tables = ['t2', 't3', 't4'] as const;
  const gridFound = new Set(cells.map((c) => c.table));
  const incomplete = tables.filter((t) => !gridFound.has(t) || countOf(cells, t) < expected(t));
  // Cells whose text runs past the page's side (boxKey): ruled cells by their texts, cells read by
  // position by their own text's box.
  const widths = new Map(pages.map((p) => [p.number, p.width]));
  const pastSide = new Set(parts.flatMap((p) => cellsPastSide(p.lattice.cells, widths.get(p.page) ?? Infinity).map((c) => boxKey(box(p.page, c.x0, c.y0, c.x1, c.y1)))));
  if (incomplete.length) {
    const layout = layoutText(pages, running);
    const fromText = extractText(layout.text);
    const textFormat = detectFormat(fromText.cells);
    for (const table of incomplete) {
      const extra = fromText.cells.filter((c) => c.table === table);
      if (extra.length === 0) continue;
      if (gridFound.has(table)) {
        // replace a partial grid reading only by a complete one of the same format
        if (!format || textFormat !== format || countOf(extra, table) < expected(table)) continue;
        cells = cells.filter((c) => c.table !== table);
        for (let i = diagnostics.length - 1; i >= 0; i--) if (diagnostics[i].code.includes(`${table}-`)) diagnostics.splice(i, 1);
      }
      const placed = extra.map((c) => ({ ...c, source: layout.sourceOf(c.source) }));
      for (const c of placed) if (c.source && textPastSide(c.source, widths.get(c.source.page) ?? Infinity)) pastSide.add(boxKey(c.source));
      cells = cells.concat(placed);
      diagnostics.push(...fromText.diagnostics.filter((d) => d.code.includes(`${table}-`) || d.message.includes(TABLE_SHORT_ZH[table])));
      // Those rows were narrative lines above; the text parser's narrative leaves them out.
      if (gridFound.size === 0 && !lines.some((l) => l.tableMarker)) {
        lines.length = 0;
        for (const l of fromText.lines) lines.push(l.tableMarker ? l : { text: l.text });
      }
    }
  }
  diagnostics.push(...clippedTables(pages, parts, read, cells, (t) => countOf(cells, t) < expected(t)));
  cells = unsureAtPageSide(unsureAtRightCut(cells), pastSide);
  diagnostics.push(...pageSideNotes(cells, pastSide, diagnostics));
  const hints: Extraction['hints'] = { title: titleOf(bodyLines) ?? (info.title && REPORT_TITLE.test(compact(info.title)) ? info.title : undefined) };
  const published = publishedOf(bodyLines);
  if (published) hints.published = published;
  return { cells, lines, hints, diagnostics };
}

const REPORT_TITLE = /政府信息公开.{0,6}报告|信息公开年报|年度报告/;

/** The title as printed: the largest type on the first pages, its lines joined, when it names a report. */
function titleOf(lines: PageLine[]): string | undefined {
  const head = lines.filter((l) => l.page <= 2).slice(0, 60);
  const sizeOf = (l: PageLine) => Math.max(...l.items.map((t) => t.size));
  const largest = Math.max(0, ...head.filter((l) => /[\u4e00-\u9fff]/.test(l.text)).map(sizeOf));
  if (!largest) return undefined;
  const body = head.map(sizeOf).sort((a, b) => a - b)[head.length >> 1] ?? largest;
  if (largest < body * 1.15) return undefined;
  const start = head.findIndex((l) => sizeOf(l) >= largest * 0.9);
  const parts: string[] = [];
  for (let i = start; i < head.length && sizeOf(head[i]) >= largest * 0.75 && parts.length < 3; i++) parts.push(head[i].text);
  const title = compact(parts.join(''));
  return REPORT_TITLE.test(title) && title.length <= 80 ? title : undefined;
}

/**
 * The date a printed web page shows above the report ("发布时间：2025-03-10 15:35", "时间：…"):
 * first page, above the first section heading; not a crawl, update or print time.
 */
function publishedOf(lines: PageLine[]): string | undefined {
  for (const l of lines) {
    if (l.page > 1 || /^[一二三四五六][、.．]/.test(compact(l.text))) break;
    const m = /(?<![采集更新修改访问打印浏览统计截止])(?:时间|日期)\s*[:：]\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})/.exec(l.text);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Running headers and footers: page numbers in the top or bottom margin, and a margin line that
 * repeats (digits aside) on several pages.
 */
function runningLines(lines: PageLine[], pages: PdfPage[]): Set<PageLine> {
  const height = new Map(pages.map((p) => [p.number, p.height]));
  const inMargin = (l: PageLine) => {
    const h = height.get(l.page) ?? 842;
    return l.y1 < h * MARGIN || l.y0 > h * (1 - MARGIN);
  };
  const out = new Set<PageLine>();
  const repeats = new Map<string, Set<number>>();
  for (const l of lines) {
    if (!inMargin(l)) continue;
    const key = compact(l.text).replace(/\d+/g, '#');
    if (!repeats.has(key)) repeats.set(key, new Set());
    repeats.get(key)!.add(l.page);
  }
  for (const l of lines) {
    if (!inMargin(l)) continue;
    const own = compact(l.text);
    if (PAGE_NUMBER.test(own)) out.add(l);
    else if (pages.length >= 3 && (repeats.get(own.replace(/\d+/g, '#'))?.size ?? 0) >= Math.max(3, pages.length / 2)) out.add(l);
  }
  return out;
}

/**
 * The page text as -layout style lines: each item starts at the character column of its x (at the
 * page's body text size), so that the text parser finds columns by position. Remembers which item
 * each number came from.
 */
/** A text item that is a number or a mark of no number, as the text reader takes one for a value. */
const NUMBER_LIKE = new RegExp(`^[\\s\\d.,+增减万元${MARK_SLASHES}${MARK_DASHES}${MARK_LONG_DASHES}无]+$`);
const HAS_NUMBER_OR_MARK = new RegExp(`[\\d${MARK_SLASHES}${MARK_DASHES}${MARK_LONG_DASHES}无]`);

export function layoutText(pages: PdfPage[], running: Set<PageLine>) {
  const out: string[] = [];
  const itemsOfLine: { page: number; items: { start: number; end: number; t: PdfText }[] }[] = [];
  const skip = new Set<string>();
  for (const l of running) skip.add(`${l.page}:${Math.round(l.y0)}`);
  for (const page of pages) {
    const sizes = page.texts.map((t) => t.size).sort((a, b) => a - b);
    const size = sizes.length ? sizes[sizes.length >> 1] : 10;
    const charWidth = Math.max(size * 0.5, 1);
    for (const items of groupLines(page.texts)) {
      if (skip.has(`${page.number}:${Math.round(Math.min(...items.map((t) => t.y0)))}`)) continue;
      let line = '';
      const spans: { start: number; end: number; t: PdfText }[] = [];
      // Items that touch are one run of text (a generator may cut a word into several items).
      const runs: PdfText[][] = [];
      for (const t of items) {
        const run = runs[runs.length - 1];
        const last = run?.[run.length - 1];
        if (last && t.x0 - last.x1 < 0.3 * Math.min(t.size, last.size)) run.push(t);
        else runs.push([t]);
      }
      for (const run of runs) {
        // text set left of the page's edge (x < 0, as LibreOffice places an overhanging table) starts the line
        const col = Math.max(0, Math.round(run[0].x0 / charWidth));
        // at least two spaces between runs, so a gap between cells is never read as one word
        const pad = line.length === 0 ? col : Math.max(2, col - line.length);
        line += ' '.repeat(pad);
        for (const t of run) {
          spans.push({ start: line.length, end: line.length + t.str.length, t });
          line += t.str;
        }
      }
      out.push(line);
      itemsOfLine.push({ page: page.number, items: spans });
    }
    out.push('\f');
    itemsOfLine.push({ page: page.number, items: [] });
  }
  const text = out.join('\n');
  const sourceOf = (s: CellSource | undefined): PdfCellBox | undefined => {
    if (!s || s.kind !== 'text') return undefined;
    const entry = itemsOfLine[s.line - 1];
    if (!entry) return undefined;
    // the index-th number-like item of the line
    const numbers = entry.items.filter((i) => NUMBER_LIKE.test(i.t.str) && HAS_NUMBER_OR_MARK.test(i.t.str));
    const hit = numbers[s.index] ?? numbers[numbers.length - 1];
    return hit ? box(entry.page, hit.t.x0, hit.t.y0, hit.t.x1, hit.t.y1) : undefined;
  };
  return { text, sourceOf };
}
