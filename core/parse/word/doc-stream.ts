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

/** Private-use characters standing for the marks (they never occur in a report's text). */
export const CELL_END = '\ue000';
export const ROW_END = '\ue001';
export const IN_CELL_BREAK = '\ue002';

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

/** One table's rows (cell texts) with their layouts → a <table> node with colspans and rowspans. */
function tableNode(rows: string[][], layouts: (DocRowLayout | undefined)[], parent: DomNode): WordNode {
  const table = element('table', parent);
  const edges = columnEdges(layouts);
  rows.forEach((cells, r) => {
    const tr = element('tr', table);
    table.children.push(tr);
    const layout = layouts[r]?.cells.length === cells.length ? layouts[r]!.cells : null;
    cells.forEach((text, i) => {
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
      if (text) td.children.push({ type: 'text', data: text, parent: td });
      tr.children.push(td);
    });
  });
  settleTable(table);
  return table;
}

/** The marked text of a .doc (and its row layouts, in document order) → the tree its report is read from (the extension draws it), and the cells cut. */
export function docStreamTree(text: string, layouts: DocRowLayout[]): { root: DomNode; cut: number } {
  const root = element('root', null);
  root.type = 'root';
  let line = '';
  let row: string[] | null = null;
  let rows: string[][] | null = null;
  let rowLayouts: (DocRowLayout | undefined)[] = [];
  let rowIndex = 0;
  let cells = 0;
  let cut = 0;
  const closeTable = () => {
    if (rows?.length) root.children.push(tableNode(rows, rowLayouts, root));
    rows = null;
    rowLayouts = [];
  };
  const paragraph = (t: string) => {
    const p = element('p', root);
    p.children.push({ type: 'text', data: t, parent: p });
    root.children.push(p);
  };
  for (const ch of text) {
    if (ch === CELL_END) {
      if (++cells > MAX_DOC_CELLS) cut++;
      else (row ??= []).push(line);
      line = '';
    } else if (ch === ROW_END) {
      (rows ??= []).push(row ?? []);
      rowLayouts.push(layouts[rowIndex++]);
      row = null;
      line = '';
    } else if (ch === IN_CELL_BREAK) {
      line += '\n';
    } else if (ch === '\n') {
      if (row === null) closeTable(); // a paragraph of its own after a table's last row ends the table
      if (line.trim()) paragraph(line);
      line = '';
    } else line += ch;
  }
  if (row) (rows ??= []).push(row);
  closeTable();
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
