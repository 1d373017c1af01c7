/** The export formats, the streaming exporter of each text format, and their files. No zod: the CLI's export threads load this, not the schema. */
import { issuesCsvExporter, longCsvExporter, wideCsvExporter, type CsvOptions, type TextExporter } from './csv';
import { jsonExporter } from './json';
import { coverageCsvExporter } from './coverage';

export const EXPORT_FORMATS = ['json', 'csv', 'csv-wide', 'issues-csv', 'coverage-csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type TextFormat = Exclude<ExportFormat, 'xlsx'>;

export const isExportFormat = (f: string): f is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(f);

/** The streaming exporter of a text format (`labels: 'zh'`: Chinese column headers for the CSVs). */
export function textExporter(format: TextFormat, opts: CsvOptions = {}): TextExporter {
  switch (format) {
    case 'json':
      return jsonExporter();
    case 'csv':
      return longCsvExporter(opts);
    case 'csv-wide':
      return wideCsvExporter(opts);
    case 'issues-csv':
      return issuesCsvExporter(opts);
    case 'coverage-csv':
      return coverageCsvExporter();
  }
}

/** File extension and MIME type of each format (for downloads and default file names). */
export const FORMAT_FILES: Record<ExportFormat, { extension: string; mime: string }> = {
  json: { extension: 'json', mime: 'application/json' },
  csv: { extension: 'csv', mime: 'text/csv;charset=utf-8' },
  'csv-wide': { extension: 'csv', mime: 'text/csv;charset=utf-8' },
  'issues-csv': { extension: 'csv', mime: 'text/csv;charset=utf-8' },
  'coverage-csv': { extension: 'csv', mime: 'text/csv;charset=utf-8' },
  xlsx: { extension: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
};
