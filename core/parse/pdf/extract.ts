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
import { collapse, compact } from '../normalize';
import { readTables } from '../tables';
import { extractText } from '../text';
import { cellText, findLattices, groupLines, lineText, type Lattice } from './lattice';
import type { PdfPage, PdfText } from './page';

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

const sameColumns = (a: Lattice, b: Lattice) =>
  a.xs.length === b.xs.length && a.xs.every((x, i) => Math.abs(x - b.xs[i]) <= 3);

export function extractPdf(pages: PdfPage[]): Extraction {
  const diagnostics: Diagnostic[] = [];
  const parts: TablePart[] = [];
  const pageLines: PageLine[] = [];
  let tableCount = 0;
  for (const page of pages) {
    const { tables, outside } = findLattices(page.segments, page.texts);
    tables.forEach((lattice, i) => {
      const prev = parts[parts.length - 1];
      // The first table of a page continues the last one of the page before when the columns agree.
      const continues = i === 0 && prev && prev.page === page.number - 1 && sameColumns(prev.lattice, lattice);
      parts.push({ page: page.number, lattice, table: continues ? prev.table : tableCount++ });
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
  const rowsOf = new Map<number, { raw: RawRow[]; parts: TablePart[] }>();
  for (const part of parts) {
    let entry = rowsOf.get(part.table);
    if (!entry) rowsOf.set(part.table, (entry = { raw: [], parts: [] }));
    entry.parts.push(part);
    const { lattice } = part;
    const rows = lattice.ys.length - 1;
    for (let r = 0; r < rows; r++) {
      const rowIndex = entry.raw.length;
      const own = lattice.cells.filter((c) => c.row === r);
      entry.raw.push({
        cells: own.map((c, ci) => {
          sources.set(`${part.table}:${rowIndex}:${ci}`, box(part.page, c.x0, c.y0, c.x1, c.y1));
          return { raw: cellText(c.texts), rowspan: c.rowspan, colspan: c.colspan };
        }),
      });
    }
  }
  const grids: GridRow[] = [];
  for (const [index, entry] of [...rowsOf.entries()].sort((a, b) => a[0] - b[0])) grids.push(...buildGrid(index, entry.raw));
  const read = readTables(grids);
  let cells: FoundCell[] = read.cells.map((c) => {
    const s = c.source;
    const pdf = s && s.kind === 'html' ? sources.get(`${s.table}:${s.row}:${s.cell}`) : undefined;
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
  const keysFound = new Set(cells.map((c) => c.table));
  if (!(keysFound.has('t2') && keysFound.has('t3') && keysFound.has('t4'))) {
    const layout = layoutText(pages, running);
    const fromText = extractText(layout.text);
    for (const table of ['t2', 't3', 't4'] as const) {
      if (keysFound.has(table)) continue;
      const extra = fromText.cells.filter((c) => c.table === table);
      if (extra.length === 0) continue;
      cells = cells.concat(extra.map((c) => ({ ...c, source: layout.sourceOf(c.source) })));
      diagnostics.push(...fromText.diagnostics.filter((d) => d.message.includes(table === 't2' ? '表二' : table === 't3' ? '表三' : '表四')));
      // Those rows were narrative lines above; the text parser's narrative leaves them out.
      if (!keysFound.has('t2') && !keysFound.has('t3') && !keysFound.has('t4')) {
        lines.length = 0;
        for (const l of fromText.lines) lines.push(l.tableMarker ? l : { text: l.text });
      }
      keysFound.add(table);
    }
  }
  return { cells, lines, hints: {}, diagnostics };
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
function layoutText(pages: PdfPage[], running: Set<PageLine>) {
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
      let prev: PdfText | null = null;
      for (const t of items) {
        const col = Math.round(t.x0 / charWidth);
        if (line.length < col) line += ' '.repeat(col - line.length);
        else if (prev && t.x0 - prev.x1 > 0.25 * size) line += ' ';
        // two spaces at least between separate cells, so a wide gap is never read as one word
        if (prev && t.x0 - prev.x1 > size && !/ {2}$/.test(line)) line += '  ';
        spans.push({ start: line.length, end: line.length + t.str.length, t });
        line += t.str;
        prev = t;
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
    const numbers = entry.items.filter((i) => /^[\s\d.,+\-−增减万元／/—–无]+$/.test(i.t.str) && /[\d／/—–无]/.test(i.t.str));
    const hit = numbers[s.index] ?? numbers[numbers.length - 1];
    return hit ? box(entry.page, hit.t.x0, hit.t.y0, hit.t.x1, hit.t.y1) : undefined;
  };
  return { text, sourceOf };
}
