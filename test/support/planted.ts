/**
 * Planting one error in a consistent report: which cells can be changed, and exactly which
 * error-severity issues the change must raise (the totals the cell feeds, and cell.negative).
 */
import { readFileSync } from 'node:fs';
import { load } from 'cheerio/slim';
import type { TableId } from '../../core/model/keys';
import type { Cell, Report } from '../../core/model/schema';
import { formatOf, outcomeRows, presentCells } from '../../core/rules/util';
import { corpusReports, hasCorpus } from './corpus';
import { consistentValues, writeReportPage, type PageStyle } from './page-writer';

export interface Spot {
  table: TableId;
  row: string;
  column: string;
  value: number;
}

export function spots(r: Report): Spot[] {
  const out: Spot[] = [];
  for (const { table, row, column, cell } of presentCells(r)) {
    const v = cell.blank ? 0 : cell.value;
    if (v === null || column === 'amount_10k_yuan') continue;
    out.push({ table, row, column, value: v });
  }
  return out;
}

export function expectedErrors(r: Report, s: Spot, newValue: number): string[] {
  const out: string[] = [];
  const key = (rule: string, table: string, row: string | null, column: string | null) => `${rule}|${table}|${row ?? '-'}|${column ?? '-'}`;
  if (s.table === 't3') {
    const outcome = outcomeRows(r, formatOf(r));
    out.push(key('t3.row-total', 't3', s.row, 'total'));
    if (outcome.includes(s.row)) out.push(key('t3.outcome-total', 't3', 'total_processed', s.column));
    else if (s.row === 'total_processed') out.push(key('t3.outcome-total', 't3', 'total_processed', s.column), key('t3.balance', 't3', null, s.column));
    else out.push(key('t3.balance', 't3', null, s.column));
  } else if (s.table === 't4') {
    out.push(key('t4.total', 't4', s.row, 'total'));
  }
  if (newValue < 0 && !(s.table === 't2' && s.column === 'change')) out.push(key('cell.negative', s.table, s.row, s.column));
  return out.sort();
}


/** Write `text` into the page cell the report read `spot` from (its source: table, row, cell). */
export function plantInPage(html: string, report: Report, spot: Spot, text: string): string {
  const src = (report[spot.table] as Record<string, Record<string, Cell>>)[spot.row][spot.column].source;
  if (src?.kind !== 'html') throw new Error('not an HTML cell');
  const $ = load(html);
  const table = $('table').eq(src.table);
  const tr = table.find('tr').filter((_, el) => $(el).closest('table')[0] === table[0]).eq(src.row);
  tr.children('td, th').eq(src.cell).text(text);
  return $.html();
}

/**
 * Pages to plant in: every corpus HTML page, and pages of our own in each style and format (the
 * values seeded by the style's name, so two suites can ask for different pages).
 */
export function pagesToPlantIn(styles: Record<string, PageStyle>, seed: (style: string) => number): Array<{ name: string; html: string }> {
  const pages: Array<{ name: string; html: string }> = [];
  if (hasCorpus) for (const e of corpusReports().filter((x) => x.name.endsWith('.html'))) pages.push({ name: e.name, html: readFileSync(e.path, 'utf8') });
  for (const [name, style] of Object.entries(styles))
    for (const format of ['2021', '2019', 'hybrid'] as const)
      pages.push({ name: `ours ${format} ${name}`, html: writeReportPage({ format, agency: '示例市示例局', year: 2024, values: consistentValues(format, seed(name)) }, style) });
  return pages;
}
