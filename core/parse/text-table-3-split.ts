/**
 * Table-3 rows whose values pdftotext sets on more than one line: a row's rest on a line of its own
 * (a narrow label column pushed it apart), and rows set band by band below their labels.
 */
import { T3_COLUMNS } from '../model/keys';
import { matchT3Row } from './labels';
import type { TextLine } from './text-lines';
import { isT4Header } from './text-table-4';
import { isSectionHeading, isBlankish } from './text-tables-base';

export const T3_WIDTH = T3_COLUMNS.length;

export function ownKey(l: TextLine): string | null {
  return l.cells.length ? matchT3Row(l.cells) : null;
}

/**
 * The line holding the rest of row `i`'s values, when a narrow label column pushed them apart
 * (要求行政机关确认或 0 / 5. / 重新出具已获取信息 0 0 0 0 0 0): within four lines, before any full
 * row, a line whose values and `i`'s make one row of 7, the two not naming different rows, the rest
 * wholly right (or left) of the first part — pieces that interleave by column are two rows' values.
 * Another row cut so may stand between (pdftotext interleaves two such rows: A B A' B').
 */
export function restOfRow(lines: TextLine[], i: number, used: (i: number) => boolean): number | null {
  const a = ownKey(lines[i]);
  for (let j = i + 1; j < lines.length && j <= i + 4; j++) {
    const l = lines[j];
    if (isSectionHeading(l) || isT4Header(l) || l.markdown || l.values.length >= T3_WIDTH) return null;
    if (l.values.length === 0 || used(j) || l.values.length + lines[i].values.length !== T3_WIDTH) continue;
    const b = ownKey(l);
    const [mine, theirs] = [lines[i].values.map((v) => v.col), l.values.map((v) => v.col)];
    const apart = Math.min(...theirs) > Math.max(...mine) || Math.max(...theirs) < Math.min(...mine);
    if (!(a && b && a !== b) && apart) return j;
  }
  return null;
}

/**
 * Rows whose labels stand on k lines of their own and whose values pdftotext sets on the
 * value-only lines below, band after band (one band: a line for each row; k = 2 gives A B A B A B):
 * row r is the r-th line of every band, its pieces standing left to right. The label lines may hold
 * the rows' first values, as many on each (A 38 4 / B 39 4, then 2 over 2, 1 over 1 …). Counts
 * only when every band has k lines and each of the k labels names its own row of 7 values. Returns
 * the label line and value lines of each row. `used`: lines taken otherwise; `claimed`: label lines
 * that already belong to another reading (a row's second line).
 */
export function bandedRows(lines: TextLine[], i: number, used: (i: number) => boolean, claimed: (i: number) => boolean): Array<{ at: number; valueLines: number[] }> | null {
  const valueOnly = (l: TextLine) => l.kind === 'text' && !l.markdown && l.values.length > 0 && l.values.length < T3_WIDTH && l.cells.length === 0;
  const above: number[] = [];
  for (let j = i - 1; j >= 0 && above.length < 4; j--) {
    const l = lines[j];
    if (isBlankish(l)) continue;
    if (l.values.length >= T3_WIDTH || l.markdown || !ownKey(l) || claimed(j)) break;
    if (above.length && l.values.length !== lines[above[0]].values.length) break;
    above.unshift(j);
  }
  // The most rows first: with two labels above, the first 7 value lines also make one row of 7
  // (A B A B … read as A), and only the reading of both rows takes every band.
  for (let k = above.length; k >= 1; k--) {
    const labels = above.slice(above.length - k);
    const vals: number[] = [];
    let count = labels.reduce((n, j) => n + lines[j].values.length, 0);
    for (let j = i; j < lines.length && count < k * T3_WIDTH; j++) {
      if (isBlankish(lines[j])) continue;
      if (!valueOnly(lines[j]) || used(j)) break;
      vals.push(j);
      count += lines[j].values.length;
    }
    if (count !== k * T3_WIDTH || vals.length % k !== 0) continue;
    const rows = labels.map((at) => ({ at, valueLines: lines[at].values.length ? [at] : [] }));
    for (let b = 0; b < vals.length; b += k) vals.slice(b, b + k).forEach((j, r) => rows[r].valueLines.push(j));
    const width = (r: { valueLines: number[] }) => r.valueLines.reduce((n, j) => n + lines[j].values.length, 0);
    // Each row's values stand left to right (19 0 1 over 38 1 0 0, both from 自然人, are two rows, not
    // one); a band's pieces need not start at one column (A's 2 under 公益, B's 2 under 法律服务).
    const leftToRight = (r: { valueLines: number[] }) => r.valueLines.every((j, n) => n === 0 || lines[j].values[0].col > lines[r.valueLines[n - 1]].values[lines[r.valueLines[n - 1]].values.length - 1].col);
    if (rows.every(leftToRight) && new Set(labels.map((j) => ownKey(lines[j]))).size === k && rows.every((r) => width(r) === T3_WIDTH)) return rows;
  }
  return null;
}
