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

/** How long the engine may take to start: a worker that cannot (a blocked wasm core) never answers. */
const ENGINE_START_MS = 120_000;

/** The engine, or an error saying it could not start (instead of waiting for ever). */
export async function startEngine(): Promise<OcrEngine & { close(): Promise<void> }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, no) => (timer = setTimeout(() => no(new OcrStartError('本机 OCR 无法启动 — offline OCR could not start')), ENGINE_START_MS)));
  return Promise.race([browserEngine(), timeout]).finally(() => clearTimeout(timer));
}

export class OcrStartError extends Error {
  override name = 'OcrStartError';
}

export const OCR_LOADING = '正在加载本机 OCR — loading offline OCR';

/** A cell progress line at most twice a second (and the last one always): the page stays responsive. */
export function throttled(say: (page: number, done: number, total: number) => void): (page: number, done: number, total: number) => void {
  let last = 0;
  return (page, done, total) => {
    if (done !== total && performance.now() - last < 500) return;
    last = performance.now();
    say(page, done, total);
  };
}
