/**
 * Text extracted from a PDF (pdftotext -layout style, tab-separated rows, or converter markdown)
 * → Report. Finds the cells of tables 2, 3 and 4 (core/parse/text-tables.ts) and hands them, with
 * the narrative lines around the tables, to buildReport — as the HTML parser does.
 */
import type { Report } from '../model/schema';
import { buildReport } from './build';
import type { Extraction, NarrativeLine } from './extraction';
import { readLines } from './text-lines';
import { findT2, findT3, findT4, type Span } from './text-tables';

export interface ParseOptions {
  source?: string | null;
}

/** Read the tables and narrative lines of a PDF text. Never throws on odd input. */
export function extractText(text: string): Extraction {
  const lines = readLines(typeof text === 'string' ? text.replace(/^\ufeff/, '') : '');
  const spans: Span[] = [];
  const taken = (i: number) => spans.some((s) => i >= s.from && i <= s.to);

  const t3 = findT3(lines, taken, null);
  if (t3.span) spans.push(t3.span);
  const t2 = findT2(lines, taken, t3.format);
  if (t2.span) spans.push(t2.span);
  const t4 = findT4(lines, t3.span ? t3.span.to + 1 : 0, taken);
  if (t4.span) spans.push(t4.span);

  const narrative: NarrativeLine[] = [];
  spans.sort((a, b) => a.from - b.from);
  for (let i = 0; i < lines.length; i++) {
    const span = spans.find((s) => i >= s.from && i <= s.to);
    if (span) {
      if (i === span.from) narrative.push({ text: '', tableMarker: true });
      continue;
    }
    const l = lines[i];
    // blank lines, page numbers and markdown rules carry no narrative (as in the HTML parser's lines)
    if (l.kind !== 'text') continue;
    narrative.push({ text: l.text, line: l.no });
  }
  return {
    cells: [...t2.cells, ...t3.cells, ...t4.cells],
    lines: narrative,
    hints: {},
    diagnostics: [...t2.diagnostics, ...t3.diagnostics, ...t4.diagnostics],
  };
}

export function parseText(text: string, opts: ParseOptions = {}): Report {
  return buildReport(extractText(text), opts);
}
