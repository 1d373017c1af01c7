/**
 * The worker thread parsePdfFile reads PDFs in (issue 20, D): pdf.js runs here, so the main
 * thread keeps its clock — a PDF that takes too long or too much memory is stopped from outside
 * (terminate, resourceLimits), not trusted to stop itself. One read at a time; a worker that
 * finished a read is kept for the next (loading pdf.js and its canvas costs more than a small PDF).
 */
import { parentPort } from 'node:worker_threads';
import { parsePdf, PdfReadError, PDF_MESSAGES, type PdfParseOptions } from '../parse/pdf/index';

export interface PdfWorkerInput {
  bytes: Uint8Array;
  opts: PdfParseOptions;
}

export type PdfWorkerOutput = { started: true } | { report: unknown } | { error: { code: PdfReadError['code']; message: string } };

const post = (out: PdfWorkerOutput) => parentPort!.postMessage(out);
parentPort!.on('message', ({ bytes, opts }: PdfWorkerInput) => {
  parsePdf(bytes, opts).then(
    (report) => post({ report }),
    (err) => post({ error: err instanceof PdfReadError ? { code: err.code, message: err.message } : { code: 'broken', message: PDF_MESSAGES.broken } }),
  );
});
// The reader is loaded: the time limit starts now (loading is ours, the PDF's time is what is bounded).
post({ started: true });
