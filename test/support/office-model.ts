/**
 * One of our own report pages as a word processor holds it: paragraphs and tables (cells with
 * their spans, tables nested in cells), what the Word writers of the tests (docx-writer.ts,
 * doc-writer.ts) then save the way Microsoft Word and WPS do. Text is collapsed as a browser shows
 * it; a <br> stays a line break inside its paragraph.
 */
import { load } from 'cheerio/slim';
import type { DomNode } from '../../core/parse/html';

export type Block = { kind: 'p'; runs: Run[] } | { kind: 'table'; rows: Cell[][] };
/** A run of text, or a line break. */
export type Run = string | { br: true };
export interface Cell {
  blocks: Block[];
  colspan: number;
  rowspan: number;
}

/** Elements that end a paragraph (a block of their own). */
const BLOCK = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'section', 'article', 'header', 'footer', 'body', 'center', 'blockquote']);
const SKIP = new Set(['script', 'style', 'head', 'title', 'noscript']);

function blocksOf(node: DomNode): Block[] {
  const out: Block[] = [];
  let runs: Run[] = [];
  const end = () => {
    // Collapse whitespace as a browser does, and trim the paragraph's ends.
    const merged: Run[] = [];
    for (const r of runs) {
      if (typeof r === 'string' && typeof merged[merged.length - 1] === 'string') merged[merged.length - 1] += r;
      else merged.push(r);
    }
    const clean = merged.map((r) => (typeof r === 'string' ? r.replace(/[ \t\r\n\f]+/g, ' ') : r));
    if (typeof clean[0] === 'string') clean[0] = clean[0].trimStart();
    const last = clean.length - 1;
    if (typeof clean[last] === 'string') clean[last] = (clean[last] as string).trimEnd();
    const kept = clean.filter((r) => r !== '');
    if (kept.some((r) => typeof r === 'string')) out.push({ kind: 'p', runs: kept });
    runs = [];
  };
  const walk = (n: DomNode) => {
    for (const c of n.children ?? []) {
      if (c.type === 'text') runs.push((c.data ?? '').replace(/\u00a0/g, ' '));
      else if (c.type !== 'tag' || !c.name || SKIP.has(c.name)) continue;
      else if (c.name === 'br') runs.push({ br: true });
      else if (c.name === 'table') {
        end();
        out.push({ kind: 'table', rows: rowsOf(c) });
      } else if (BLOCK.has(c.name)) {
        end();
        walk(c);
        end();
      } else walk(c);
    }
  };
  walk(node);
  end();
  return out;
}

function rowsOf(table: DomNode): Cell[][] {
  const rows: Cell[][] = [];
  const visit = (n: DomNode) => {
    for (const c of n.children ?? []) {
      if (c.type !== 'tag') continue;
      if (c.name === 'tr') {
        const cells: Cell[] = [];
        for (const td of c.children ?? []) {
          if (td.type !== 'tag' || (td.name !== 'td' && td.name !== 'th')) continue;
          cells.push({ blocks: blocksOf(td), colspan: Number(td.attribs?.colspan ?? 1) || 1, rowspan: Number(td.attribs?.rowspan ?? 1) || 1 });
        }
        rows.push(cells);
      } else if (c.name !== 'table') visit(c); // thead, tbody, tfoot
    }
  };
  visit(table);
  return rows;
}

/** The page's body as paragraphs and tables, and its <title>. */
export function documentModel(html: string): { title: string; blocks: Block[] } {
  const $ = load(html);
  const body = ($('body')[0] ?? $.root()[0]) as unknown as DomNode;
  return { title: $('title').text().trim(), blocks: blocksOf(body) };
}

/** A grid slot of a row: a cell starting there, or the continuation of a cell merged down from above. */
export type Slot = { cell: Cell; col: number; span: number; continues: false } | { cell: Cell; col: number; span: number; continues: true };

/** Each row's slots in column order, rowspans laid out as HTML does (the shape Word's vMerge needs), and the grid's width. */
export function gridSlots(rows: Cell[][]): { slots: Slot[][]; width: number } {
  const below = new Map<number, { cell: Cell; span: number; left: number }>(); // column → cell still spanning down
  const slots: Slot[][] = [];
  let width = 0;
  for (const row of rows) {
    const out: Slot[] = [];
    let col = 0;
    const takeContinuations = () => {
      while (below.has(col)) {
        const b = below.get(col)!;
        out.push({ cell: b.cell, col, span: b.span, continues: true });
        if (--b.left === 0) below.delete(col);
        col += b.span;
      }
    };
    for (const cell of row) {
      takeContinuations();
      out.push({ cell, col, span: cell.colspan, continues: false });
      if (cell.rowspan > 1) below.set(col, { cell, span: cell.colspan, left: cell.rowspan - 1 });
      col += cell.colspan;
    }
    takeContinuations();
    // Continuations past the row's last cell (at columns beyond it) still belong to this row.
    for (const c of [...below.keys()].sort((a, b) => a - b)) {
      if (c < col || out.some((s) => s.col === c)) continue;
      const b = below.get(c)!;
      out.push({ cell: b.cell, col: c, span: b.span, continues: true });
      if (--b.left === 0) below.delete(c);
    }
    out.sort((a, b) => a.col - b.col);
    width = Math.max(width, ...out.map((s) => s.col + s.span));
    slots.push(out);
  }
  return { slots, width };
}
