/**
 * The worker thread parsePdfFile reads a PDF in (issue 20, D): pdf.js runs here, so the main
 * thread keeps its clock — a PDF that takes too long or too much memory is stopped from outside
 * (terminate, resourceLimits), not trusted to stop itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parsePdf, PdfReadError, PDF_MESSAGES, type PdfParseOptions } from '../parse/pdf/index';

export interface PdfWorkerInput {
  bytes: Uint8Array;
  opts: PdfParseOptions;
}

export type PdfWorkerOutput = { started: true } | { report: unknown } | { error: { code: PdfReadError['code']; message: string } };

const { bytes, opts } = workerData as PdfWorkerInput;
// The reader is loaded: the time limit starts now (loading is ours, the PDF's time is what is bounded).
parentPort!.postMessage({ started: true } satisfies PdfWorkerOutput);
parsePdf(bytes, opts).then(
  (report) => parentPort!.postMessage({ report } satisfies PdfWorkerOutput),
  (err) => parentPort!.postMessage({ error: err instanceof PdfReadError ? { code: err.code, message: err.message } : { code: 'broken', message: PDF_MESSAGES.broken } } satisfies PdfWorkerOutput),
);
