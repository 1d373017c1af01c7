/**
 * A .doc file's text stream → Report. core/parse/word/doc.ts reads the stream from the OLE file
 * and marks, from the paragraph properties, where each table cell ends (CELL_END), where each row
 * ends (ROW_END) and where a paragraph inside a cell ends (IN_CELL_BREAK); for every row it also
 * passes the cell layout of the row's table definition (cell edges, vertical merges). Here the
 * tables are rebuilt from that and handed, as the same small tree an HTML table makes, to the
 * grid step every reader shares. Browser-safe.
 */
import type { Report } from '../../model/schema';
import { parseDom, type DomNode } from '../dom';
import { element, settleTable, type WordNode } from './tree';

/** Private-use characters standing for the marks (they never occur in a report's text), for a table of depth 1. */
export const CELL_END = '\ue000';
export const ROW_END = '\ue001';
export const IN_CELL_BREAK = '\ue002';
/** A line break inside a paragraph (0x0B): it ends a line, never a cell or a table (a cell's 本年新 / 制作数量). */
export const LINE_BREAK = '\ue0f0';
/** Table depths told apart (a report nests one or two; deeper tables are read as this depth). */
export const MAX_TABLE_DEPTH = 16;
const MARK_BASE = 0xe000;

/** The mark `kind` (CELL_END, ROW_END, IN_CELL_BREAK) of a table at `depth`, as a character code. */
export const marker = (kind: string, depth: number): number => kind.charCodeAt(0) + 3 * (Math.min(Math.max(depth, 1), MAX_TABLE_DEPTH) - 1);

/** A mark character → its kind (0 cell end, 1 row end, 2 break inside a cell) and table depth; null for text. */
function markOf(code: number): { kind: number; depth: number } | null {
  const k = code - MARK_BASE;
  if (k < 0 || k >= 3 * MAX_TABLE_DEPTH) return null;
  return { kind: k % 3, depth: Math.floor(k / 3) + 1 };
}

/** A row's cells as its table definition gives them: edges in twips, merges. */
export interface DocRowLayout {
  cells: { left: number; right: number; vMerge?: 'restart' | 'continue'; hMergeContinue?: boolean }[];
}

/** Edges closer than this (twips, 1/1440 in) are one column edge: Writer and Word round widths. */
const EDGE_TOLERANCE = 30;
/** Rows and cells a .doc may hold over all its tables (as for .docx). */
const MAX_DOC_CELLS = 200_000;

/** The table's column edges: every row's cell edges, near ones taken as one. */
function columnEdges(layouts: (DocRowLayout | undefined)[]): number[] {
  const all = layouts.flatMap((l) => l?.cells.flatMap((c) => [c.left, c.right]) ?? []).sort((a, b) => a - b);
  const edges: number[] = [];
  for (const e of all) if (!edges.length || e - edges[edges.length - 1] > EDGE_TOLERANCE) edges.push(e);
  return edges;
}

const edgeIndex = (edges: number[], x: number) => {
  let best = 0;
  for (let i = 1; i < edges.length; i++) if (Math.abs(edges[i] - x) < Math.abs(edges[best] - x)) best = i;
  return best;
};

/** One table's rows (each cell's content: text and nested tables) with their layouts → a <table> node with colspans and rowspans. */
function tableNode(rows: DomNode[][][], layouts: (DocRowLayout | undefined)[], parent: DomNode): WordNode {
  const table = element('table', parent);
  const edges = columnEdges(layouts);
  rows.forEach((cells, r) => {
    const tr = element('tr', table);
    table.children.push(tr);
    const layout = layouts[r]?.cells.length === cells.length ? layouts[r]!.cells : null;
    cells.forEach((content, i) => {
      const cell = layout?.[i];
      const previous = tr.children[tr.children.length - 1] as WordNode | undefined;
      const span = cell && edges.length > 1 ? Math.max(1, edgeIndex(edges, cell.right) - edgeIndex(edges, cell.left)) : 1;
      if (cell?.hMergeContinue && previous) {
        // An old-style horizontal merge: the cell is part of the one before it.
        previous.attribs = { ...previous.attribs, colspan: String(Number(previous.attribs?.colspan ?? 1) + span) };
        return;
      }
      const td = element('td', tr, span > 1 ? { colspan: String(span) } : {});
      td.vMerge = cell?.vMerge;
      for (const c of content) (c.parent = td), td.children.push(c);
      tr.children.push(td);
    });
  });
  settleTable(table);
  return table;
}

/** A table being read: its rows so far, the row and the cell under way. */
interface OpenTable {
  rows: DomNode[][][];
  layouts: (DocRowLayout | undefined)[];
  row: DomNode[][] | null;
  /** The cell under way: its text so far, and what came before it (text, nested tables). */
  content: DomNode[];
  text: string;
}

/** The marked text of a .doc (and its row layouts, in document order) → the tree its report is read from (the extension draws it), and the cells cut. */
export function docStreamTree(text: string, layouts: DocRowLayout[]): { root: DomNode; cut: number } {
  const root = element('root', null);
  root.type = 'root';
  const open: OpenTable[] = []; // open[d - 1]: the table of depth d under way
  let line = '';
  let rowIndex = 0;
  let cells = 0;
  let cut = 0;
  /** A cell's paragraphs as <p>s (as a .docx cell and an HTML page have them: a layout table's cell holds the narrative). */
  const paragraphsOf = (data: string): DomNode[] =>
    data.split('\n').map((t) => {
      const p = element('p', null);
      if (t) p.children.push({ type: 'text', data: t, parent: p });
      return p;
    });
  const paragraph = (t: string) => {
    for (const part of t.split('\n')) {
      if (!part.trim()) continue;
      const p = element('p', root);
      p.children.push({ type: 'text', data: part, parent: p });
      root.children.push(p);
    }
  };
  /** Close the tables deeper than `depth`: each goes into the cell under way of the table around it (or the text). */
  const closeTo = (depth: number) => {
    while (open.length > depth) {
      const t = open.pop()!;
      if (t.row) t.rows.push(t.row);
      if (!t.rows.length) continue;
      const outer = open[open.length - 1];
      const node = tableNode(t.rows, t.layouts, root);
      if (!outer) {
        root.children.push(node);
        continue;
      }
      if (outer.text) outer.content.push(...paragraphsOf(outer.text.replace(/\n$/, '')));
      outer.text = '';
      outer.content.push(node);
    }
  };
  const openTo = (depth: number) => {
    while (open.length < depth) open.push({ rows: [], layouts: [], row: null, content: [], text: '' });
  };
  for (const ch of text) {
    const mark = markOf(ch.charCodeAt(0));
    if (mark) {
      closeTo(mark.depth);
      openTo(mark.depth);
      const t = open[mark.depth - 1];
      if (mark.kind === 0) {
        const content = t.content;
        const data = t.text + line;
        if (data) content.push(...paragraphsOf(data));
        if (++cells > MAX_DOC_CELLS) cut++;
        else (t.row ??= []).push(content);
        t.content = [];
        t.text = '';
      } else if (mark.kind === 1) {
        t.rows.push(t.row ?? []);
        t.layouts.push(layouts[rowIndex++]);
        t.row = null;
      } else t.text += line + '\n';
      line = '';
    } else if (ch === LINE_BREAK) {
      line += '\n';
    } else if (ch === '\n') {
      if (open.length && open[0].row === null) closeTo(0); // a paragraph of its own after a table's last row ends the table
      if (line.trim()) paragraph(line);
      line = '';
    } else line += ch;
  }
  closeTo(0);
  if (line.trim()) paragraph(line);
  return { root, cut };
}

/** The marked text of a .doc → Report and its tree. */
export function readDocStream(text: string, layouts: DocRowLayout[], opts: { source?: string | null } = {}): { report: Report; root: DomNode } {
  const { root, cut } = docStreamTree(text, layouts);
  const report = parseDom(root, { source: opts.source ?? null });
  if (cut) {
    report.diagnostics.push({
      level: 'warning',
      code: 'word.too-large',
      message: `Word 文档的表格过大，${cut} 个单元格未读 — the Word document's tables are too large: ${cut} cells not read`,
    });
  }
  return { report, root };
}

/** The marked text of a .doc → Report. */
export function parseDocStream(text: string, layouts: DocRowLayout[], opts: { source?: string | null } = {}): Report {
  return readDocStream(text, layouts, opts).report;
}
