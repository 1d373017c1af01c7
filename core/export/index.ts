/**
 * Exports of parsed reports — JSON, long / wide / issues CSV, XLSX — and what documents them.
 * Browser-safe: the extension calls the same functions as the CLI. Text formats are streaming
 * exporters (begin / item / end) so a batch can write each report as it is parsed.
 */
export * from './cells';
export * from './csv';
export * from './json';
export * from './document';
export * from './figures';
export { suspectsLine, suspectsText, candidatesText, suspectWords } from './suspects';
export { toXlsx, buildWorkbook, cellValue, SHEETS, TABLE_TITLES, type XlsxOptions, type XlsxLayout, type CellPositions } from './xlsx';
export * from './formats';
