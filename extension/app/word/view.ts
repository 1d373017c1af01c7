/**
 * A .docx or .doc on the report page: the document drawn from the tree the core read it into (paragraphs
 * and tables, text only — every node made with createElement and textContent, never markup), one
 * <table> per table of the tree in the same order, so a cell's `html` source (table, row, cell)
 * finds its <td> exactly as on a web page (CellLocator). The marks, tooltip and panel then work on
 * those cells as they do on a page. Loaded only when a Word file is opened (its own chunk, with
 * the core's .docx and .doc readers).
 */
import type { DomNode } from '../../../core/parse/dom';
import { readWordDocument } from '../../../core/parse/word/read';
import type { CellRef, Report } from '../core';
import { CellLocator } from '../dom-cells';

/** Elements drawn at most (a report has a few thousand; a hostile file is cut, not drawn). */
const MAX_ELEMENTS = 100_000;

/** Text of a cell or paragraph: its text nodes, a line break for <br>, a space between paragraphs. */
function textOf(n: DomNode): string {
  const out: string[] = [];
  const stack: DomNode[] = [n];
  while (stack.length) {
    const c = stack.pop()!;
    if (c.type === 'text') out.push(c.data ?? '');
    else if (c.name === 'br') out.push('\n');
    else if (c.name === 'table') continue; // a nested table is drawn on its own
    else {
      if (c !== n && c.name === 'p' && out.length) out.push('\n');
      const kids = c.children ?? [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }
  return out.join('').replace(/[ \t]+/g, ' ').trim();
}

export class WordView {
  private locator: CellLocator;

  private constructor(
    private container: HTMLElement,
    root: DomNode,
  ) {
    const doc = container.ownerDocument;
    const sheet = doc.createElement('article');
    sheet.className = 'word-page';
    container.append(sheet);
    let drawn = 0;
    // Depth first, in document order: a table inside a cell is drawn after that cell's table (tables keep their order).
    const stack: { node: DomNode; into: HTMLElement }[] = [{ node: root, into: sheet }];
    while (stack.length && drawn < MAX_ELEMENTS) {
      const { node, into } = stack.pop()!;
      const kids = node.children ?? [];
      const next: { node: DomNode; into: HTMLElement }[] = [];
      for (const c of kids) {
        if (c.name === 'p') {
          const text = textOf(c);
          if (!text) continue;
          const p = doc.createElement('p');
          p.textContent = text;
          into.append(p);
          drawn++;
        } else if (c.name === 'table') {
          const table = doc.createElement('table');
          into.append(table);
          drawn++;
          for (const tr of c.children ?? []) {
            if (tr.name !== 'tr') continue;
            const row = table.insertRow();
            for (const td of tr.children ?? []) {
              if (td.name !== 'td') continue;
              const cell = row.insertCell();
              drawn++;
              const colspan = Number(td.attribs?.colspan ?? 1);
              const rowspan = Number(td.attribs?.rowspan ?? 1);
              if (colspan > 1) cell.colSpan = Math.min(colspan, 200);
              if (rowspan > 1) cell.rowSpan = Math.min(rowspan, 200);
              // A cell holding a table: its paragraphs and the table drawn inside it (the DOM keeps document order).
              if ((td.children ?? []).some((k) => k.name === 'table')) next.push({ node: td, into: cell });
              else cell.textContent = textOf(td);
            }
          }
        } else if (c.name !== 'title') next.push({ node: c, into });
      }
      for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]);
    }
    this.locator = new CellLocator(doc);
  }

  /** Read the .docx or .doc and draw it into `container`: the report and the view (throws WordReadError). */
  static open(container: HTMLElement, bytes: Uint8Array, source: string): { report: Report; view: WordView } {
    const { report, root } = readWordDocument(bytes, { source });
    return { report, view: new WordView(container, root) };
  }

  element(report: Report, ref: CellRef): HTMLElement | null {
    return this.locator.element(report, ref);
  }

  dispose(): void {
    this.container.replaceChildren();
  }
}
