/**
 * PDF files in Node: pdf.js (pdfjs-dist legacy build) with the CMaps and standard fonts of the
 * installed pdfjs-dist — resolved from this module, so it also works when nianbao-lens is
 * installed as a dependency elsewhere. parsePdfFile resolves to a Report or rejects with an
 * InputError whose reason is one bilingual line (scan, unreadable, encrypted, broken, too large,
 * not a report).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Report } from '../model/schema';
import { parsePdf, PdfReadError, type PdfParseOptions } from '../parse/pdf/index';
import { InputError } from './read';
import { ocrWanted, readByOcr, type OcrOptions } from './ocr-entry';

let assets: { cMapUrl: string; standardFontDataUrl: string } | null | undefined;

/** Where the installed pdfjs-dist keeps its CMaps and standard fonts (paths ending in '/'), or null. */
export function pdfjsAssets(): { cMapUrl: string; standardFontDataUrl: string } | null {
  if (assets !== undefined) return assets;
  try {
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    assets = { cMapUrl: join(root, 'cmaps') + '/', standardFontDataUrl: join(root, 'standard_fonts') + '/' };
  } catch {
    assets = null;
  }
  return assets;
}

export async function parsePdfFile(bytes: Uint8Array, source: string, opts: Omit<PdfParseOptions, 'source'> & { ocr?: false | OcrOptions } = {}): Promise<Report> {
  try {
    return await parsePdf(bytes, { ...(pdfjsAssets() ?? {}), ...opts, source });
  } catch (err) {
    // No text to read (a scan, a print driver's glyphs without Unicode): read the pictures by OCR.
    if (err instanceof PdfReadError && ocrWanted(err.code, opts.ocr)) return readByOcr(bytes, source, err.message, opts.ocr || {});
    // A PDF that is no report is skipped in a directory walk, like a page; other problems are errors.
    if (err instanceof PdfReadError) throw new InputError(source, err.message, err.code === 'not-a-report' ? 'not-report' : 'unreadable');
    throw new InputError(source, 'PDF 文件已损坏或不完整，无法读取 — the PDF file is broken or incomplete: cannot be read');
  }
}
