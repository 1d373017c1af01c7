/** Table 4 (行政复议、行政诉讼) in PDF text: a line of 15 numbers. Moved verbatim from text-tables.ts. */
import type { Diagnostic } from '../model/schema';
import { T4_COLUMNS, T4_GROUPS } from '../model/keys';
import { rowValues, vocabRatio, type TextLine, type TextValue } from './text-lines';
import { type Span, type TableResult, T4_VOCAB, isSectionHeading, isBlankish, text, diag, cell, headerStart } from './text-tables-base';

// ————————————————————————————————————————— Table 4 ————————————————————————————————————————————

const T4_KEYS = T4_GROUPS.flatMap((g) => T4_COLUMNS.map((c) => [g.key, c.key] as const));

export function isT4Header(l: TextLine): boolean {
  if (l.kind !== 'text' || l.compact.length > 80) return false;
  return /行政复议|行政诉讼|复议后起诉|直接起诉|结果维持/.test(l.compact) && !isSectionHeading(l) && vocabRatio(l, T4_VOCAB) >= 0.7;
}

export function findT4(lines: TextLine[], after: number, taken: (i: number) => boolean): TableResult {
  const diagnostics: Diagnostic[] = [];
  // a line of 15 values under the table's header words (or its section heading) not far above
  const headed = (at: number) => {
    for (let i = at - 1; i >= 0 && i >= at - 20; i--) if (/行政复议|行政诉讼|复议|诉讼|维持|纠正|审结/.test(lines[i].compact)) return true;
    return false;
  };
  const pick = (from: number) => {
    for (let i = from; i < lines.length; i++) if (!taken(i) && rowValues(lines[i], 15) && headed(i)) return i;
    return -1;
  };
  let at = pick(after);
  if (at < 0 && after > 0) at = pick(0);
  if (at >= 0) {
    const vals = rowValues(lines[at], 15)!;
    const cells = vals.map((v, k) => cell('t4', T4_KEYS[k][0], T4_KEYS[k][1], v, lines[at]));
    const from = headerStart(lines, at, T4_VOCAB, Math.max(0, at - 30));
    return { cells, span: { table: 't4', from, to: at }, diagnostics };
  }
  // No line of 15: the values may be spread over a few lines below the header.
  let head = -1;
  for (let i = Math.max(0, after); i < lines.length; i++) {
    if (!taken(i) && isT4Header(lines[i])) {
      head = i;
      break;
    }
  }
  if (head < 0) {
    diagnostics.push(diag('warning', 'text.t4-not-found', '未找到行政复议、行政诉讼情况表', 'table 4 (reviews and lawsuits) not found'));
    return { cells: [], span: null, diagnostics };
  }
  const found: Array<{ v: TextValue; line: TextLine }> = [];
  let last = head;
  for (let i = head + 1; i < lines.length && i < head + 40 && found.length < 15; i++) {
    const l = lines[i];
    if (taken(i) || isSectionHeading(l)) break;
    if (isBlankish(l)) continue;
    if (l.values.length === 0) {
      if (vocabRatio(l, T4_VOCAB) >= 0.8) {
        last = i;
        continue;
      }
      if (found.length) break;
      continue;
    }
    if (l.cells.length && vocabRatio(l, T4_VOCAB) < 0.8) break;
    for (const v of l.values) found.push({ v, line: l });
    last = i;
  }
  const span: Span = { table: 't4', from: headerStart(lines, head, T4_VOCAB, Math.max(0, head - 10)), to: last };
  if (found.length !== 15) {
    diagnostics.push(
      diag('warning', 'text.t4-values', `行政复议、行政诉讼表读到 ${found.length} 个数值，应为 15 个，未予采用`, `table 4: found ${found.length} values instead of 15; not used`),
    );
    return { cells: [], span, diagnostics };
  }
  const cells = found.map(({ v, line }, k) => cell('t4', T4_KEYS[k][0], T4_KEYS[k][1], v, line));
  return { cells, span, diagnostics };
}
