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

export type { OcrOptions };

const OCR_READS: ReadonlySet<PdfProblem> = new Set<PdfProblem>(['scanned', 'unreadable']);

/** True when this problem is one OCR reads and OCR is not turned off. */
export function ocrWanted(code: PdfProblem, option: false | OcrOptions | undefined): boolean {
  return OCR_READS.has(code) && option !== false && process.env.NIANBAO_NO_OCR !== '1';
}

/** The report read by OCR, or an InputError naming why the PDF could not be read either way. */
export async function readByOcr(bytes: Uint8Array, source: string, why: string, opts: OcrOptions = {}): Promise<Report> {
  const progress = opts.onProgress ?? (process.env.NIANBAO_OCR_PROGRESS === '1' ? (line: string) => process.stderr.write(`nianbao: ${source}: ${line}\n`) : undefined);
  try {
    const { ocrPdf } = await import('./ocr');
    return await ocrPdf(bytes, source, { ...opts, onProgress: progress });
  } catch (err) {
    const detail = err instanceof Error && /[\u4e00-\u9fff]/.test(err.message) ? err.message : 'OCR 未能读出数据表 — OCR found no data table';
    throw new InputError(source, `${why}；${detail}`, 'unreadable');
  }
}

/** Whether OCR is on for this process (off with the CLI's --no-ocr: NIANBAO_NO_OCR=1). */
export function ocrOn(): boolean {
  return process.env.NIANBAO_NO_OCR !== '1';
}

/** A PNG or JPEG file read by OCR as a one-page scan, or an InputError naming why not. */
export async function readPictureByOcr(bytes: Uint8Array, source: string, kind: string, opts: OcrOptions = {}): Promise<Report> {
  const progress = opts.onProgress ?? (process.env.NIANBAO_OCR_PROGRESS === '1' ? (line: string) => process.stderr.write(`nianbao: ${source}: ${line}\n`) : undefined);
  try {
    const { ocrPicture } = await import('./ocr');
    return await ocrPicture(bytes, source, kind, { ...opts, onProgress: progress });
  } catch (err) {
    const detail = err instanceof Error && /[\u4e00-\u9fff]/.test(err.message) ? err.message : 'OCR 未能读出数据表 — OCR found no data table';
    throw new InputError(source, `图片文件（${kind}）；${detail}`, 'unreadable');
  }
}
