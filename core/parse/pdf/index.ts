/**
 * PDF → Report (browser-safe: the extension's report page runs this very code).
 * STUB — being written (issue 8). Contract for callers:
 *   parsePdf(bytes, { source }) resolves to a Report like parseHtml's, every cell with a `pdf` source;
 *   it rejects with a PdfReadError (code + one-line bilingual message) for a scan, an unreadable text
 *   layer, an encrypted or a broken file.
 */
import type { Report } from '../../model/schema';

export type PdfProblem = 'scanned' | 'unreadable' | 'encrypted' | 'broken' | 'too-large' | 'not-a-report';

export class PdfReadError extends Error {
  constructor(
    readonly code: PdfProblem,
    message: string,
  ) {
    super(message);
    this.name = 'PdfReadError';
  }
}

export interface PdfParseOptions {
  source?: string | null;
  /** Where pdf.js finds its CMaps and standard fonts (a URL or path ending in '/'), when not the default. */
  cMapUrl?: string;
  standardFontDataUrl?: string;
}

/** True when the bytes start like a PDF (%PDF- within the first 1 KB, as readers accept). */
export function isPdfBytes(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + 5 <= head.length; i++) {
    if (head[i] === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) return true;
  }
  return false;
}

export async function parsePdf(_bytes: Uint8Array, _opts: PdfParseOptions = {}): Promise<Report> {
  throw new PdfReadError('broken', 'PDF 读取尚未实现 — PDF reading is not implemented yet');
}
