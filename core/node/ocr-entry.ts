/**
 * When the PDF reader gives up for want of text, OCR reads the pictures instead (core/node/ocr.ts,
 * loaded only then). On by default; off with `ocr: false`, or for the whole process (the CLI's
 * --no-ocr, which also reaches worker threads) with NIANBAO_NO_OCR=1. NIANBAO_OCR_PROGRESS=1 puts
 * its progress on stderr. A problem code that OCR can read: 'scanned' and 'unreadable' (text
 * layers without Unicode maps) — a reader that finds another unreadable case routes it here too.
 */
import type { Report } from '../model/schema';
import type { PdfProblem } from '../parse/pdf/index';
import type { OcrOptions } from './ocr';
import { InputError } from './input-error';
import { OCR_NO_TABLE } from '../ocr/messages';

export type { OcrOptions };

const OCR_READS: ReadonlySet<PdfProblem> = new Set<PdfProblem>(['scanned', 'unreadable']);

/** True when this problem is one OCR reads and OCR is not turned off. */
export function ocrWanted(code: PdfProblem, option: false | OcrOptions | undefined): boolean {
  return OCR_READS.has(code) && option !== false && ocrOn();
}

/** The report read by OCR, or an InputError naming why the PDF could not be read either way. */
export function readByOcr(bytes: Uint8Array, source: string, why: string, opts: OcrOptions = {}): Promise<Report> {
  return withOcr(source, why, opts, async (o) => (await import('./ocr')).ocrPdf(bytes, source, o));
}

/** Whether OCR is on for this process (off with the CLI's --no-ocr: NIANBAO_NO_OCR=1). */
export function ocrOn(): boolean {
  return process.env.NIANBAO_NO_OCR !== '1';
}

/** A PNG or JPEG file read by OCR as a one-page scan, or an InputError naming why not. */
export function readPictureByOcr(bytes: Uint8Array, source: string, kind: string, opts: OcrOptions = {}): Promise<Report> {
  return withOcr(source, `图片文件（${kind}）`, opts, async (o) => (await import('./ocr')).ocrPicture(bytes, source, kind, o));
}

/** Run an OCR read with its progress (on stderr with NIANBAO_OCR_PROGRESS=1); a failure becomes an InputError: `why`, then what OCR said. */
async function withOcr(source: string, why: string, opts: OcrOptions, read: (opts: OcrOptions) => Promise<Report>): Promise<Report> {
  const progress = opts.onProgress ?? (process.env.NIANBAO_OCR_PROGRESS === '1' ? (line: string) => process.stderr.write(`nianbao: ${source}: ${line}\n`) : undefined);
  try {
    return await read({ ...opts, onProgress: progress });
  } catch (err) {
    const detail = err instanceof Error && /[\u4e00-\u9fff]/.test(err.message) ? err.message : OCR_NO_TABLE;
    throw new InputError(source, `${why}；${detail}`, 'unreadable');
  }
}
