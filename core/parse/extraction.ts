/**
 * The middle of the pipeline: page or file → Extraction → Report. Each input parser (HTML, text)
 * only finds table cells and narrative lines; build.ts turns any Extraction into a Report
 * (format detection, value parsing, metadata, sections, diagnostics) the same way for all inputs.
 */
import type { CellSource, Diagnostic, UnsureWhy } from '../model/schema';
import type { TableId } from '../model/keys';
import type { ParsedValue } from './normalize';

export interface FoundCell {
  table: TableId;
  row: string;
  column: string;
  /** The cell's text as printed (whitespace is collapsed later). */
  raw: string;
  source?: CellSource;
  /** parseValue of the compacted raw as a count, when the reader has read it already (the grid has): not read twice. */
  parsed?: ParsedValue;
  /** Why the reader is not sure of it (a guess, a broken number, a cut): errors resting on it become warnings. */
  unsure?: UnsureWhy;
}

export interface NarrativeLine {
  text: string;
  /** 1-based line number in a text file, when the input is text. */
  line?: number;
  /** True when the line stands where a data table was (tables are left out of the narrative). */
  tableMarker?: boolean;
}

export interface Extraction {
  /** Cells in reading order; a later duplicate of the same key is ignored. */
  cells: FoundCell[];
  /** Narrative lines outside the data tables, in reading order. */
  lines: NarrativeLine[];
  /** Metadata the container itself offers (HTML <title>, <meta name="PubDate">, the 索引号 block). */
  hints: {
    title?: string;
    published?: string;
    indexNo?: string;
    publisher?: string;
  };
  diagnostics: Diagnostic[];
}
