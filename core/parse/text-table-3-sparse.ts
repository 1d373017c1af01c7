/**
 * Table 3 in PDF text when no line carries a row of 7 numbers: a table that prints only some of
 * its cells (only the non-zero ones, or only 自然人 and 总计). It is found by its header
 * (申请人情况) and read row by row down to the next section: every line with numbers is a row,
 * and a line that holds only a row's numbering and numbers ("5.  0", a narrow label cell wrapped
 * round the row's middle) carries the rest of the row above it.
 */
import { compact } from './normalize';
import type { HeaderAnchors } from './text-table-3-columns';
import { matchT3Row } from './labels';
import { rowValues, type TextLine } from './text-lines';
import { isT4Header } from './text-table-4';
import { isSectionHeading } from './text-tables-base';

const NUMBERING_ONLY = /^(?:\d{1,2}[.、．]?)?$/;

export interface SparseRegion {
  /** The header's first line. */
  header: number;
  /** Lines of the rows, in order. */
  rows: number[];
  /** Row line → the line below it that carries the rest of its numbers. */
  rest: Map<number, number>;
}

/**
 * Whether `below` (the next line) carries the rest of row `above`: its numbers all stand right of
 * the row's, and its label is only the row's numbering or the rest of the row's own label.
 */
function restOf(above: TextLine, below: TextLine): boolean {
  const last = above.values[above.values.length - 1];
  if (below.values[0].col <= last.col + last.width) return false;
  if (NUMBERING_ONLY.test(compact(below.cells.join('')))) return true;
  const key = matchT3Row(below.cells);
  return key === null || key === matchT3Row(above.cells);
}

export function sparseRegion(lines: TextLine[], taken: (i: number) => boolean): SparseRegion | null {
  const header = lines.findIndex((l, i) => !taken(i) && l.kind === 'text' && l.values.length === 0 && l.compact.includes('申请人情况'));
  if (header < 0) return null;
  const rows: number[] = [];
  const rest = new Map<number, number>();
  for (let i = header + 1; i < lines.length; i++) {
    const l = lines[i];
    if (taken(i) || isSectionHeading(l) || isT4Header(l) || rowValues(l, 15)) break;
    if (l.kind !== 'text' || l.values.length === 0 || l.markdown) continue;
    const above = rows[rows.length - 1];
    if (above === i - 1 && !rest.has(above) && restOf(lines[above], l)) rest.set(above, i);
    else rows.push(i);
  }
  const named = rows.filter((i) => matchT3Row(lines[i].cells) !== null).length;
  return named >= 3 ? { header, rows, rest } : null;
}

/** Where the header prints 商 (商业企业, the first organisation column) and 总 (总计), between its first line and the first row. */
export function headerAnchors(lines: TextLine[], from: number, to: number): HeaderAnchors | null {
  let orgStart: number | null = null;
  let total: number | null = null;
  let page: number | null = null;
  for (let i = from; i < to; i++) {
    const l = lines[i];
    if (l.kind !== 'text' || l.values.length) continue;
    const s = l.text.indexOf('商');
    if (s >= 0 && orgStart === null) orgStart = s;
    const t = l.text.indexOf('总');
    if (t >= 0 && total === null) {
      total = t;
      page = l.page ?? 0;
    }
  }
  return page === null ? null : { page, orgStart, total };
}
