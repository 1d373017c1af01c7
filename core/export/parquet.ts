/**
 * The long table (one row per cell) as Parquet, for DuckDB, pandas and R: the columns of the long
 * CSV in the spec's order, typed — year INT32, value DOUBLE (null for a blank or text cell), the
 * rest UTF-8 strings — plus the published date and the page address. Written with
 * hyparquet-writer (pure JS, no native code). Browser-safe.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import { collapse } from '../parse/normalize';
import { presentCells } from './cells';
import { LONG_COLUMNS } from './csv';
import type { Report } from '../model/schema';

/** The long-data columns, then what a reader filtering by date or portal needs. */
export const PARQUET_COLUMNS = [...LONG_COLUMNS, 'published', 'url'] as const;

const urlOf = (source: string | null) => (source && /^https?:\/\//i.test(source) ? source : null);

/** Parquet bytes of the long table of these reports. */
export function toLongParquet(reports: readonly Report[]): Uint8Array {
  const cols: Record<(typeof PARQUET_COLUMNS)[number], Array<string | number | null>> = Object.fromEntries(PARQUET_COLUMNS.map((c) => [c, []])) as never;
  for (const report of reports) {
    const m = report.meta;
    for (const { key, cell } of presentCells(report)) {
      cols.source.push(m.source);
      cols.agency.push(m.agency);
      cols.year.push(m.year);
      cols.format.push(m.format);
      cols.table.push(key.table);
      cols.row.push(key.row);
      cols.column.push(key.column);
      cols.value.push(typeof cell.value === 'number' && Number.isFinite(cell.value) ? cell.value : null);
      cols.raw.push(collapse(cell.raw));
      cols.published.push(m.published);
      cols.url.push(urlOf(m.source));
    }
  }
  const type = (c: string) => (c === 'year' ? 'INT32' : c === 'value' ? 'DOUBLE' : 'STRING');
  const buffer = parquetWriteBuffer({
    columnData: PARQUET_COLUMNS.map((name) => ({ name, data: cols[name], type: type(name) as 'INT32' | 'DOUBLE' | 'STRING', nullable: true })),
    createdBy: 'nianbao-lens',
  });
  return new Uint8Array(buffer);
}
