/**
 * Labels read by OCR snapped to the nearest label the official formats print: a misread
 * character or two (公开 read as 公汗) would otherwise lose the row. A reading far from every
 * known label is kept as read.
 */
import { T2_ROWS_2019, T2_ROWS_2021, T3_COLUMNS, T3_ROWS_2019, T3_ROWS_2021, T4_COLUMNS, T4_GROUPS } from '../model/keys';
import { stripNumbering } from '../parse/labels';
import { compact } from '../parse/normalize';

/** Headers the tables print besides their row and column names. */
const HEADERS = [
  '信息内容', '第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项', '第二十条第（九）项',
  '申请人情况', '法人或其他组织', '自然人', '三、本年度办理结果', '（三）不予公开', '（四）无法提供', '（五）不予处理', '（六）其他处理',
  '行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', '采购项目数量', '采购总金额', '收费金额（单位：万元）',
];

let known: string[] | null = null;
function labels(): string[] {
  if (known) return known;
  const all = new Set<string>(HEADERS);
  for (const rows of [T2_ROWS_2019, T2_ROWS_2021]) for (const r of rows) [r.zh, r.article, ...r.columns.map((c) => c.zh)].forEach((l) => all.add(l));
  for (const rows of [T3_ROWS_2019, T3_ROWS_2021]) for (const r of rows) [r.zh, r.group].forEach((l) => l && all.add(l));
  for (const c of [...T3_COLUMNS, ...T4_COLUMNS, ...T4_GROUPS]) all.add(c.zh);
  return (known = [...all]);
}

/** Levenshtein distance, bounded rows (labels are short). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** The official label (numbered or not) nearest to an OCR reading (at most a third of its characters different), or the reading. */
export function nearestLabel(read: string): string {
  const text = compact(read).replace(/[|｜_]/g, '');
  if (!text) return read;
  let best = text;
  // one character off in a short label, a third of them in a long one
  let bestDistance = Math.max(2, Math.floor(text.length / 3) + 1);
  for (const label of labels()) {
    // the label with and without its numbering (a group label's numbering is often lost)
    for (const target of [compact(label), stripNumbering(label)]) {
      if (Math.abs(target.length - text.length) >= bestDistance) continue;
      const d = distance(text, target);
      if (d < bestDistance) (best = target), (bestDistance = d);
    }
    if (bestDistance === 0) break;
  }
  return best;
}
