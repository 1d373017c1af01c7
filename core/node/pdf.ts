/**
 * PDF files in Node: pdf.js with the CMaps and fonts from node_modules/pdfjs-dist.
 * STUB — being written (issue 8). Contract: parsePdfFile(bytes, source) resolves to a Report or
 * rejects with an InputError whose reason is one bilingual line (scan, unreadable, encrypted, broken).
 */
import type { Report } from '../model/schema';
import { parsePdf, PdfReadError } from '../parse/pdf/index';
import { InputError } from './read';

export async function parsePdfFile(bytes: Uint8Array, source: string): Promise<Report> {
  try {
    return await parsePdf(bytes, { source });
  } catch (err) {
    if (err instanceof PdfReadError) throw new InputError(source, err.message);
    throw err;
  }
}
