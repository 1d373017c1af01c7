/**
 * The coverage CSV: one line per agency × year (`agency,year,status,published,deadline,days_late,
 * format,errors,warnings,copied,source`), missing years included. Coverage needs every report
 * before it can say what is missing, so the streaming exporter's `item()` renders a small record
 * (one JSON line, the CoverageItem) and the batch hands all of them to `coverageCsv` at the end.
 * Browser-safe.
 */
import type { Report } from '../model/schema';
import { coverage, coverageItem, COVERAGE_COLUMNS, type CoverageItem, type CoverageOptions, type CoverageRow } from '../portal/coverage';
import { safeText, type ExportItem } from './cells';
import { BOM, csvLines, type Field, type TextExporter } from './csv';

export { COVERAGE_COLUMNS, coverage, coverageItem, type CoverageItem, type CoverageRow, type CoverageOptions };

/** An export item that may carry last year's report of the same agency (for `copied`). */
export type PairedItem = ExportItem & { previous?: Report | null };

const field = (v: string | number | null): Field => (v === null ? '' : typeof v === 'number' ? v : safeText(v));

/** The coverage lines of rows, header first, as CSV text (UTF-8 BOM). */
export function coverageCsvOfRows(rows: readonly CoverageRow[]): string {
  return BOM + csvLines([[...COVERAGE_COLUMNS], ...rows.map((r) => COVERAGE_COLUMNS.map((c) => field(r[c])))]);
}

/** The coverage rows of checked reports (each with last year's, when paired). */
export function coverageRows(items: readonly PairedItem[], opts: CoverageOptions = {}): CoverageRow[] {
  return coverage(
    items.map((it) => coverageItem(it.report, it.issues, it.previous ?? null)),
    opts,
  );
}

/** The whole coverage CSV of checked reports. */
export function toCoverageCsv(items: readonly PairedItem[], opts: CoverageOptions = {}): string {
  return coverageCsvOfRows(coverageRows(items, opts));
}

/** One report's record for a streaming batch: a JSON line of its CoverageItem. */
export function coverageRecord(item: PairedItem): string {
  return `${JSON.stringify(coverageItem(item.report, item.issues, item.previous ?? null))}\n`;
}

/** The records of a batch (JSON lines) → the coverage CSV. Lines that are not records are skipped. */
export function coverageCsvOfRecords(records: readonly string[], opts: CoverageOptions = {}): string {
  const items: CoverageItem[] = [];
  for (const text of records) {
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        items.push(JSON.parse(line) as CoverageItem);
      } catch {
        // not a record
      }
    }
  }
  return coverageCsvOfRows(coverage(items, opts));
}

/**
 * The coverage CSV as a streaming exporter run in one place (the extension, runExporter): items
 * are gathered, the whole CSV is written at the end. A batch that renders items elsewhere (worker
 * threads) gathers coverageRecord lines instead and ends with coverageCsvOfRecords.
 */
export function coverageCsvExporter(opts: CoverageOptions = {}): TextExporter {
  const items: CoverageItem[] = [];
  return {
    mime: 'text/csv;charset=utf-8',
    extension: 'csv',
    separator: '',
    begin: () => '',
    item: (it) => {
      const p = it as PairedItem;
      items.push(coverageItem(p.report, p.issues, p.previous ?? null));
      return '';
    },
    end: () => coverageCsvOfRows(coverage(items, opts)),
  };
}
