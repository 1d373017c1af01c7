/**
 * A PDF report read without showing it: for the collector, which runs in the background (an MV3
 * service worker cannot start pdf.js's worker), through the offscreen document. The same steps as
 * the report page — fetchPdf (permissions, byte and time caps), pdf.js with our own worker, CMaps
 * and fonts, the core's parsePdf — and the same one-line bilingual messages when it cannot.
 */
import type { Report } from '../../../core/model/schema';
import { isPdfBytes, parsePdf, type PdfParseOptions } from '../../../core/parse/pdf/index';
import { fetchPdf } from './fetch';
import { documentOptions, openPdf, pdfjsLib } from './pdfjs';

export type PdfReadResult = { ok: true; report: Report } | { ok: false; reason: string };

export async function readPdfReport(src: string): Promise<PdfReadResult> {
  let pdf: Awaited<ReturnType<typeof openPdf>> | null = null;
  try {
    const bytes = await fetchPdf(src);
    if (!isPdfBytes(bytes)) throw new Error('该地址返回的不是 PDF 文件 — the address did not return a PDF file');
    pdf = await openPdf(bytes);
    const opts = { source: src, ...documentOptions(), pdfjs: pdfjsLib(), document: pdf } as unknown as PdfParseOptions;
    return { ok: true, report: await parsePdf(bytes, opts) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, reason: message.split('\n')[0].slice(0, 300) || 'PDF 无法读取 — the PDF could not be read' };
  } finally {
    void pdf?.destroy();
  }
}
