/**
 * Word files in Node: a .docx and a .doc through the browser-safe readers the extension uses too
 * (core/parse/word/docx.ts, core/parse/word/doc.ts). Each problem becomes an InputError with its
 * one bilingual line.
 */
import type { Report } from '../model/schema';
import { MAY_HOLD_REPORT, WordReadError } from '../parse/word/errors';
import { InputError } from './input-error';

/**
 * Bytes that are a zip or an OLE file → Report. A file that is no Word document (an .xlsx, a
 * .zip, a .doc that is something else) is no report: an error when named on the command line,
 * skipped and listed in a directory walk. A Word file that is broken, encrypted or too large is
 * unreadable (an error either way).
 */
export async function parseWordFile(bytes: Uint8Array, source: string): Promise<Report> {
  try {
    const { readWordDocument } = await import('../parse/word/read');
    return readWordDocument(bytes, { source }).report;
  } catch (err) {
    if (err instanceof WordReadError) throw new InputError(source, err.message, err.code === 'not-word' && !(err.other && MAY_HOLD_REPORT.has(err.other)) ? 'not-report' : 'unreadable');
    if (err instanceof InputError) throw err;
    throw new InputError(source, new WordReadError('broken').message);
  }
}
