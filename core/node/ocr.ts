/**
 * OCR in Node, offline: PDF pages drawn by pdf.js onto @napi-rs/canvas, their tables read by
 * core/ocr with tesseract.js workers whose model files (eng and chi_sim best_int, from the
 * @tesseract.js-data packages), wasm core and worker script are all local files — tesseract.js
 * would fetch from a CDN without them; nothing here goes online, and nothing is cached to disk.
 * ocrPdf is the entry point for every PDF the text reader gives up on (a scan, an unreadable text
 * layer); it is bounded in pages and time and reports its progress.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Report } from '../model/schema';
import { tesseractReaders, type OcrEngine, type PagePicture, type TesseractLike } from '../ocr/read';
import { toGray, type GrayImage } from '../ocr/raster';
import { pictureScale } from '../ocr/pictures';
import { PICTURE_UNDECODABLE, pictureProblem, pictureSize } from '../ocr/picture-size';
import { readPictures, type PicturesOptions } from '../ocr/report';
import { PdfReadError, type PdfjsModule } from '../parse/pdf/index';
import { pdfjsAssets } from './pdfjs-assets';

export interface OcrOptions {
  /** Pixels per inch the pages are drawn at (default 300). */
  dpi?: number;
  /** Pages read at most (default 30). */
  maxPages?: number;
  /** Time bound for the whole OCR, ms (default 300 000). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Progress: one short bilingual line at a time. */
  onProgress?: (line: string) => void;
}

const require = createRequire(import.meta.url);

/** The local files tesseract.js is given (so it never fetches anything). */
export function tesseractPaths(): { langPath: { eng: string; chi_sim: string }; workerPath: string; corePath: string } {
  const dir = (pkg: string) => dirname(require.resolve(`${pkg}/package.json`));
  return {
    langPath: { eng: join(dir('@tesseract.js-data/eng'), '4.0.0_best_int'), chi_sim: join(dir('@tesseract.js-data/chi_sim'), '4.0.0_best_int') },
    workerPath: join(dir('tesseract.js'), 'src', 'worker-script', 'node', 'index.js'),
    corePath: dir('tesseract.js-core'),
  };
}

/** A grey picture as a PGM file (leptonica reads it; no image encoder needed). */
function pgm(img: GrayImage): Buffer {
  const head = Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'latin1');
  return Buffer.concat([head, Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength)]);
}

type TesseractWorker = TesseractLike<Buffer>;

/** The two tesseract.js workers (numbers: eng, digits only, one line; labels: chi_sim, a block). */
export async function tesseractEngine(): Promise<OcrEngine & { close: () => Promise<void> }> {
  const { createWorker } = (await import('tesseract.js')).default as unknown as { createWorker: (l: string, oem: number, o: Record<string, unknown>) => Promise<TesseractWorker> };
  const paths = tesseractPaths();
  const worker = (lang: 'eng' | 'chi_sim') =>
    createWorker(lang, 1, { langPath: paths.langPath[lang], workerPath: paths.workerPath, corePath: paths.corePath, cacheMethod: 'none', gzip: true, logger: () => {}, errorHandler: () => {} });
  const [digits, chinese] = await Promise.all([worker('eng'), worker('chi_sim')]);
  return tesseractReaders(digits, chinese, pgm);
}

/** Read a PDF's tables by OCR: a Report whose cells carry their confidence, proof-read by the arithmetic. */
export async function ocrPdf(bytes: Uint8Array, source: string, opts: OcrOptions = {}): Promise<Report> {
  const started = Date.now(); // the time bound counts the PDF's loading too
  const dpi = opts.dpi ?? 300;
  const say = opts.onProgress ?? (() => {});
  const { createCanvas } = await import('@napi-rs/canvas');
  const pdfjs = (await import(/* @vite-ignore */ 'pdfjs-dist/legacy/build/pdf.mjs' as string)) as PdfjsModule;
  const task = pdfjs.getDocument({ data: bytes.slice(), ...(pdfjsAssets() ?? {}), cMapPacked: true, isEvalSupported: false, verbosity: 0 });
  const doc = (await task.promise) as unknown as {
    numPages: number;
    getPage: (n: number) => Promise<{ getViewport: (o: { scale: number }) => { width: number; height: number }; render: (o: Record<string, unknown>) => { promise: Promise<void> }; cleanup: () => void }>;
  };
  const maxPages = opts.maxPages ?? 30;
  const count = Math.min(doc.numPages, maxPages);
  /** Each page drawn when the reader comes to it (one page picture in memory at a time). */
  async function* pictures(late: () => void): AsyncGenerator<PagePicture> {
    for (let n = 1; n <= count; n++) {
      late();
      say(`OCR 第 ${n}/${count} 页：绘制 — OCR page ${n}/${count}: drawing`);
      const page = await doc.getPage(n);
      const unit = page.getViewport({ scale: 1 });
      const scale = dpi / 72;
      const viewport = page.getViewport({ scale });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvasContext: ctx, viewport, canvas }).promise;
      const image = toGray(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
      page.cleanup();
      yield { number: n, width: unit.width, height: unit.height, scale, image };
    }
  }
  try {
    return await readBounded(pictures, source, opts, {
      since: started,
      numPages: doc.numPages,
      maxPages,
      cellLine: (n, done, total) => `OCR 第 ${n}/${count} 页：${done}/${total} 格 — OCR page ${n}/${count}: cell ${done}/${total}`,
    });
  } finally {
    await task.destroy().catch(() => {});
  }
}

/**
 * readPictures with this machine's engine (closed after), stopped opts.timeoutMs after `since` (now) or on
 * opts.signal (`late` throws then: the pictures call it too), its progress said at most once a second.
 */
async function readBounded(
  pictures: (late: () => void) => AsyncIterable<PagePicture> | Iterable<PagePicture>,
  source: string,
  opts: OcrOptions,
  how: Pick<PicturesOptions, 'what' | 'numPages' | 'maxPages'> & { cellLine: (page: number, done: number, total: number) => string; since?: number },
): Promise<Report> {
  const deadline = (how.since ?? Date.now()) + (opts.timeoutMs ?? 300000);
  const say = opts.onProgress ?? (() => {});
  const late = () => {
    if (opts.signal?.aborted || Date.now() > deadline) throw new PdfReadError('too-large', 'OCR 超时，未读完 — OCR took too long: stopped');
  };
  const engine = await tesseractEngine();
  let last = 0;
  try {
    return await readPictures(pictures(late), engine, source, {
      what: how.what,
      numPages: how.numPages,
      maxPages: how.maxPages,
      signal: opts.signal,
      onProgress: say,
      onCell: (n, done, total) => {
        late();
        if (done === total || Date.now() - last > 1000) {
          last = Date.now();
          say(how.cellLine(n, done, total));
        }
      },
    });
  } finally {
    await engine.close();
  }
}

/**
 * A PNG's or JPEG's bytes decoded and drawn on white (transparent parts are paper) as a grey page
 * picture about a page wide. Nothing else is given to the decoder, and these only with a whole
 * header whose size is within bounds (pictureSize, readablePicture): the decoder crashed the process
 * on a cut header. Throws a PdfReadError saying why not.
 */
export async function pagePicture(bytes: Uint8Array, number: number): Promise<PagePicture> {
  const problem = pictureProblem(bytes);
  if (problem) throw new PdfReadError(problem.code, problem.message);
  const size = pictureSize(bytes)!;
  const { loadImage, createCanvas } = await import('@napi-rs/canvas');
  const img = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).catch(() => null);
  if (!img || img.width !== size.width || img.height !== size.height) throw new PdfReadError('broken', PICTURE_UNDECODABLE);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, img.width, img.height);
  ctx.drawImage(img, 0, 0);
  const scale = pictureScale(img.width);
  return { number, width: img.width / scale, height: img.height / scale, scale, image: toGray(ctx.getImageData(0, 0, img.width, img.height).data, img.width, img.height) };
}

/**
 * A picture file (PNG or JPEG: a scanned page, a photo or a screenshot of the tables) read by OCR
 * as a one-page scan (pagePicture bounds it before decoding).
 */
export async function ocrPicture(bytes: Uint8Array, source: string, kind: string, opts: OcrOptions = {}): Promise<Report> {
  const picture = await pagePicture(bytes, 1);
  return readBounded(() => [picture], source, opts, {
    what: `图片（${kind}）`,
    cellLine: (_n, done, total) => `OCR 图片：${done}/${total} 格 — OCR picture: cell ${done}/${total}`,
  });
}
