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
import { doubtfulCells, proofread } from '../ocr/proofread';
import { attachConfidence, readPicture, rereadCells, type OcrEngine, type ReadCell, type Reading } from '../ocr/read';
import { toGray, type GrayImage } from '../ocr/raster';
import { PdfReadError, reportOf, type PdfjsModule } from '../parse/pdf/index';
import type { PdfPage } from '../parse/pdf/page';
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

interface TesseractWorker {
  setParameters(p: Record<string, string>): Promise<unknown>;
  recognize(img: Buffer): Promise<{ data: { text: string; confidence: number } }>;
  terminate(): Promise<unknown>;
}

/** The two tesseract.js workers (numbers: eng, digits only, one line; labels: chi_sim, a block). */
export async function tesseractEngine(): Promise<OcrEngine & { close: () => Promise<void> }> {
  const { createWorker } = (await import('tesseract.js')).default as unknown as { createWorker: (l: string, oem: number, o: Record<string, unknown>) => Promise<TesseractWorker> };
  const paths = tesseractPaths();
  const worker = (lang: 'eng' | 'chi_sim') =>
    createWorker(lang, 1, { langPath: paths.langPath[lang], workerPath: paths.workerPath, corePath: paths.corePath, cacheMethod: 'none', gzip: true, logger: () => {}, errorHandler: () => {} });
  const [digits, chinese] = await Promise.all([worker('eng'), worker('chi_sim')]);
  await digits.setParameters({ tessedit_char_whitelist: '0123456789.-', tessedit_pageseg_mode: '7', user_defined_dpi: '300' });
  await chinese.setParameters({ tessedit_pageseg_mode: '7', user_defined_dpi: '300' });
  const read = async (w: TesseractWorker, img: GrayImage): Promise<Reading> => {
    const { data } = await w.recognize(pgm(img));
    return { text: data.text.replace(/\s+/g, ' ').trim(), confidence: Math.max(0, Math.min(1, data.confidence / 100)) };
  };
  return {
    readNumber: (img) => read(digits, img),
    readLabel: async (img) => {
      const r = await read(chinese, img);
      // chi_sim puts spaces between characters
      return { ...r, text: r.text.replace(/(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])/g, '') };
    },
    close: async () => {
      await Promise.all([digits.terminate(), chinese.terminate()]);
    },
  };
}

const OCR_MESSAGE = '扫描件，已用本机 OCR 识读（无联网）';

/** Read a PDF's tables by OCR: a Report whose cells carry their confidence, proof-read by the arithmetic. */
export async function ocrPdf(bytes: Uint8Array, source: string, opts: OcrOptions = {}): Promise<Report> {
  const dpi = opts.dpi ?? 300;
  const deadline = Date.now() + (opts.timeoutMs ?? 300000);
  const say = opts.onProgress ?? (() => {});
  const { createCanvas } = await import('@napi-rs/canvas');
  const pdfjs = (await import(/* @vite-ignore */ 'pdfjs-dist/legacy/build/pdf.mjs' as string)) as PdfjsModule;
  const task = pdfjs.getDocument({ data: bytes.slice(), ...(pdfjsAssets() ?? {}), cMapPacked: true, isEvalSupported: false, verbosity: 0 });
  const doc = (await task.promise) as unknown as {
    numPages: number;
    getPage: (n: number) => Promise<{ getViewport: (o: { scale: number }) => { width: number; height: number }; render: (o: Record<string, unknown>) => { promise: Promise<void> }; cleanup: () => void }>;
  };
  const engine = await tesseractEngine();
  const pages: PdfPage[] = [];
  const cells: ReadCell[] = [];
  const maxPages = opts.maxPages ?? 30;
  const count = Math.min(doc.numPages, maxPages);
  try {
    for (let n = 1; n <= count; n++) {
      if (opts.signal?.aborted || Date.now() > deadline) throw new PdfReadError('too-large', 'OCR 超时，未读完 — OCR took too long: stopped');
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
      let last = 0;
      const read = await readPicture({ number: n, width: unit.width, height: unit.height, scale, image }, engine, {
        signal: opts.signal,
        onCell: (done, total) => {
          if (Date.now() > deadline) throw new PdfReadError('too-large', 'OCR 超时，未读完 — OCR took too long: stopped');
          if (done === total || Date.now() - last > 1000) {
            last = Date.now();
            say(`OCR 第 ${n}/${count} 页：${done}/${total} 格 — OCR page ${n}/${count}: cell ${done}/${total}`);
          }
        },
      });
      pages.push(read.page);
      cells.push(...read.cells);
    }
    const report = reportOf(pages, doc.numPages, maxPages, source);
    attachConfidence(report, cells);
    report.diagnostics.push({ level: 'info', code: 'pdf.ocr', message: `${OCR_MESSAGE} — read by offline OCR on this machine (no network); ${cells.length} cells, ${pages.length} page(s)` });
    const doubtful = doubtfulCells(report);
    if (doubtful.length) say(`OCR：按表内合计复读 ${doubtful.length} 格 — OCR: reading ${doubtful.length} cells again where the sums do not close`);
    proofread(report, await rereadCells(report, cells, doubtful, engine));
    return report;
  } finally {
    await engine.close();
    await task.destroy().catch(() => {});
  }
}
