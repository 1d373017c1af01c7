/** A coverage-matrix cell: its symbols (✓ ◷ ! ≈ ✗), its kind for the colours and filters, and its title line by line. */
import type { CoverageRow } from '../../lib/collection-coverage';
import type { CT } from '../../lib/collection-i18n';

export function cellMarks(r: CoverageRow): { symbol: string; kind: string } {
  if (r.status === 'missing') return { symbol: '✗', kind: 'missing' };
  const parts = [r.daysLate ? '◷' : '✓'];
  if (r.errors) parts.push('!');
  if (r.copied !== null && r.copied >= 0.5) parts.push('≈');
  const kind = r.errors ? 'errors' : r.daysLate ? 'late' : r.copied !== null && r.copied >= 0.5 ? 'copied' : 'published';
  return { symbol: parts.join(''), kind };
}

export function cellTitle(t: CT, r: CoverageRow): string {
  if (r.status === 'missing') return t('cell.missing', { agency: r.agency, year: r.year });
  const lines = [t('cell.published', { agency: r.agency, year: r.year, published: r.published ?? '?' })];
  if (r.daysLate) lines.push(t('cell.late', { days: r.daysLate, deadline: r.deadline }));
  if (r.errors) lines.push(t('cell.errors', { n: r.errors }));
  if (r.copied !== null && r.copied >= 0.5) lines.push(t('cell.copied', { pct: Math.round(r.copied * 100) }));
  if (r.others) lines.push(t('cell.others', { n: r.others }));
  return lines.join('\n');
}
