/**
 * OCR on the extension's pictures page: tesseract.js workers whose worker script, wasm core and
 * models are the extension's own files (app/ocr/build-assets.ts) — no CDN, no cache, no network.
 * The same two readers as the CLI's (core/node/ocr.ts): numbers with eng (digits, one line),
 * labels with chi_sim.
 */
import { createWorker } from 'tesseract.js';
import { browser } from 'wxt/browser';
import type { GrayImage } from '../../../core/ocr/raster';
import { tesseractReaders, type OcrEngine, type TesseractLike } from '../../../core/ocr/read';

const OCR_DIR = 'ocr';
const OCR_CORE = 'tesseract-core-simd-lstm.wasm.js';

/** A grey picture as a PGM file (leptonica reads it). */
function pgm(img: GrayImage): Blob {
  const head = new TextEncoder().encode(`P5\n${img.width} ${img.height}\n255\n`);
  return new Blob([head, img.data as Uint8Array<ArrayBuffer>]);
}

export async function browserEngine(): Promise<OcrEngine & { close(): Promise<void> }> {
  const url = (path: string) => browser.runtime.getURL(`/${OCR_DIR}/${path}` as '/popup.html');
  const options = { workerPath: url('worker.min.js'), corePath: url(OCR_CORE), langPath: url('').replace(/\/$/, ''), workerBlobURL: false, cacheMethod: 'none', gzip: true, logger: () => {}, errorHandler: () => {} };
  const [digits, chinese] = await Promise.all([createWorker('eng', 1, options), createWorker('chi_sim', 1, options)]);
  return tesseractReaders(digits as unknown as TesseractLike<Blob>, chinese as unknown as TesseractLike<Blob>, pgm);
}
