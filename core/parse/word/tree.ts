/** What both Word readers share: the tree nodes they build for dom.ts, and vertical merges made rowspans. */
import type { DomNode } from '../dom';

export interface WordNode extends DomNode {
  children: DomNode[];
  /** A cell's grid span (w:gridSpan), written as colspan when the cell closes. */
  span?: number;
  /** A cell's vertical merge: it starts a merged run, or continues the one above. */
  vMerge?: 'restart' | 'continue';
  /** .docx: an old-style horizontal merge (w:hMerge) — a continuing cell joins the one before it. */
  hMerge?: 'restart' | 'continue';
  /** .docx: a paragraph's automatic numbering (w:numPr): its list and level. */
  numId?: string;
  ilvl?: number;
  /** .docx: a row deleted with tracked changes on. */
  deleted?: boolean;
  /** .docx: the node reading goes back to when this one closes (a text box read beside its paragraph). */
  resume?: WordNode;
}

export const element = (name: string, parent: DomNode | null, attribs: Record<string, string> = {}): WordNode => ({ type: 'tag', name, attribs, children: [], parent });

/**
 * Turn the vertical merges of a finished table into rowspans, as an HTML table writes them: the
 * cell that restarts a merge spans the rows that continue it, and the continuing cells go.
 */
export function settleTable(table: WordNode): void {
  const rows = table.children.filter((r): r is WordNode => r.name === 'tr');
  // For each grid column, the cell above that a 'continue' cell extends.
  const above = new Map<number, WordNode>();
  for (const row of rows) {
    let col = 0;
    const kept: DomNode[] = [];
    for (const c of row.children) {
      const td = c as WordNode;
      if (td.name !== 'td') {
        kept.push(td);
        continue;
      }
      const span = Number(td.attribs?.colspan ?? 1) || 1;
      if (td.vMerge === 'continue' && above.has(col)) {
        const top = above.get(col)!;
        top.attribs = { ...top.attribs, rowspan: String(Number(top.attribs?.rowspan ?? 1) + 1) };
        col += span;
        continue;
      }
      for (let k = 0; k < span; k++) above.delete(col + k);
      if (td.vMerge) above.set(col, td);
      kept.push(td);
      col += span;
    }
    row.children = kept;
  }
}
