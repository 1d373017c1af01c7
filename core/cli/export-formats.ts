/**
 * How each format's outputs become the file: the text formats (JSON, CSVs) are written as each
 * report comes, coverage gathers its small records to name the missing years at the end, and
 * XLSX holds its items for the workbook.
 */
import { coverageCsvOfRecords } from '../export/coverage';
import type { ExportFailure, ExportItem } from '../export/cells';
import { textExporter } from '../export/formats';
import { toXlsx } from '../export/xlsx';
import type { BatchOptions } from './export-options';

export interface FormatWriter {
  /** The text formats' head (nothing for coverage and XLSX). */
  begin(): Promise<void>;
  /** One report's rendered text (text formats, coverage). */
  text(text: string): Promise<void>;
  /** One report with its issues (XLSX). */
  item(item: ExportItem): void;
  /** The end: every input not exported is listed in the document. */
  end(notExported: ExportFailure[]): Promise<void>;
}

export function formatWriter(opts: Pick<BatchOptions, 'format' | 'sink' | 'since' | 'labels'>): FormatWriter {
  const { sink } = opts;
  const coverage = opts.format === 'coverage-csv';
  const exporter = opts.format === 'xlsx' || coverage ? null : textExporter(opts.format, { labels: opts.labels });
  const records: string[] = [];
  const held: ExportItem[] = [];
  let written = 0;
  return {
    begin: async () => {
      if (exporter) await sink.write(exporter.begin());
    },
    text: async (text) => {
      if (coverage) records.push(text);
      else if (exporter) await sink.write((written++ ? exporter.separator : '') + text);
    },
    item: (item) => {
      held.push(item);
    },
    end: async (notExported) => {
      if (coverage) await sink.write(coverageCsvOfRecords(records, { since: opts.since }));
      else if (exporter) await sink.write(exporter.end(notExported));
      else await sink.writeBytes(await toXlsx(held, { failures: notExported }));
    },
  };
}
