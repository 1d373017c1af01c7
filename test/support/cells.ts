import { readFileSync } from 'node:fs';
import type { Report } from '../../core/model/schema';

/** A report's cells as gold-key lines `table,row,column,value` (value as a plain number, '' for none). */
export function cellLines(report: Report): string[] {
  const out: string[] = [];
  for (const t of ['t2', 't3', 't4'] as const) {
    for (const [row, cols] of Object.entries(report[t])) {
      for (const [column, cell] of Object.entries(cols ?? {})) out.push(`${t},${row},${column},${cell?.value ?? ''}`);
    }
  }
  return out.sort();
}

/** The lines of a gold key file (table,row,column,value), in cellLines' form. */
export function goldFileLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .replace(/\r/g, '')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => {
      const [t, r, c, v] = l.split(',');
      return `${t},${r},${c},${v === '' ? '' : Number(v)}`;
    })
    .sort();
}
