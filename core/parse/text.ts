/** Text extracted from a PDF (pdftotext -layout style) → Report. */
import type { Report } from '../model/schema';
import { buildReport } from './build';
import type { Extraction } from './extraction';

export interface ParseOptions {
  source?: string | null;
}

export function parseText(text: string, opts: ParseOptions = {}): Report {
  const ex: Extraction = { cells: [], lines: text.split(/\r?\n/).map((t, i) => ({ text: t, line: i + 1 })), hints: {}, diagnostics: [] };
  return buildReport(ex, opts);
}
