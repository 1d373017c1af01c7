/**
 * Ruled tables of a PDF page (core/parse/pdf/lattice.ts) from ruling segments and text items.
 * A portal page printed to PDF keeps its layout table: the report's tables stand inside one of its
 * cells, and their text belongs to them, not to the layout cell around them.
 */
import { describe, expect, it } from 'vitest';
import { cellText, findLattices } from '../core/parse/pdf/lattice';
import type { PdfText, Segment } from '../core/parse/pdf/page';

/** The rules of a grid: verticals at `xs`, horizontals at `ys`. */
function grid(xs: number[], ys: number[]): Segment[] {
  const out: Segment[] = [];
  for (const y of ys) out.push({ x0: xs[0], y0: y, x1: xs[xs.length - 1], y1: y });
  for (const x of xs) out.push({ x0: x, y0: ys[0], x1: x, y1: ys[ys.length - 1] });
  return out;
}
const text = (str: string, x: number, y: number): PdfText => ({ str, x0: x, y0: y, x1: x + 6 * str.length, y1: y + 10, size: 10 });

describe('ruled tables on a PDF page', () => {
  it('a table inside a layout table: its text goes to its own cells, the layout cell keeps only its own text', () => {
    // layout table: a side column (20–120) and the main column (120–580), one row (20–800)
    const layout = grid([20, 120, 580], [20, 800]);
    // the report's table inside the main column (borders apart, as cellspacing prints them)
    const inner = grid([140, 300, 420, 560], [100, 130, 160]);
    const texts = [text('政府信息公开年报', 30, 40), text('规章', 150, 110), text('236', 310, 110), text('40', 430, 110), text('规范性文件', 150, 140), text('63', 310, 140), text('216', 430, 140)];
    const { tables } = findLattices([...layout, ...inner], texts);
    expect(tables).toHaveLength(2);
    const own = tables.find((t) => t.x0 >= 140)!;
    expect(own.cells.map((c) => cellText(c.texts))).toEqual(['规章', '236', '40', '规范性文件', '63', '216']);
    const around = tables.find((t) => t.x0 < 140)!;
    expect(around.cells.map((c) => cellText(c.texts))).toEqual(['政府信息公开年报', '']);
  });
});
