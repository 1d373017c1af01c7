/**
 * A scanned PDF, or one whose text layer does not decode, read by OCR on the report page — on the
 * user's click, never on its own. The CLI's route (core/node/ocr.ts) in the browser: each page
 * drawn by the page's own pdf.js onto an OffscreenCanvas at 300 dpi (less for a page so large it
 * would pass the picture bound), one page in memory at a time, its tables read by tesseract.js from
 * the extension's own files (./engine.ts: no network) and the report built and proof-read by the
 * core (core/ocr/report.ts). Loaded only when the user asks for it.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { MAX_PICTURE_PIXELS } from '../../../core/ocr/pictures';
import { toGray } from '../../../core/ocr/raster';
import type { PagePicture } from '../../../core/ocr/read';
import { readPictures } from '../../../core/ocr/report';
import type { Report } from '../../../core/model/schema';
import { OCR_LOADING, startEngine, throttled } from './engine';

/** Pages read at most (the CLI's bound). */
export const OCR_MAX_PAGES = 30;

/** Read the PDF's tables by OCR; `say` gets one short bilingual line at a time. */
export async function ocrPdfDocument(pdf: PDFDocumentProxy, source: string, say: (line: string) => void, signal?: AbortSignal): Promise<Report> {
  const count = Math.min(pdf.numPages, OCR_MAX_PAGES);
  say(OCR_LOADING);
  const engine = await startEngine();
  async function* pictures(): AsyncGenerator<PagePicture> {
    for (let n = 1; n <= count; n++) {
      if (signal?.aborted) return;
      say(`OCR 第 ${n}/${count} 页：绘制 — OCR page ${n}/${count}: drawing`);
      const page = await pdf.getPage(n);
      const unit = page.getViewport({ scale: 1 });
      const scale = Math.min(300 / 72, Math.sqrt(MAX_PICTURE_PIXELS / (unit.width * unit.height)));
      const viewport = page.getViewport({ scale });
      const canvas = new OffscreenCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: ctx as unknown as CanvasRenderingContext2D, viewport }).promise;
      const image = toGray(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
      page.cleanup();
      yield { number: n, width: unit.width, height: unit.height, scale, image };
    }
  }
  try {
    return await readPictures(pictures(), engine, source, {
      signal,
      numPages: pdf.numPages,
      maxPages: OCR_MAX_PAGES,
      onProgress: say,
      onCell: throttled((n, done, total) => say(`OCR 第 ${n}/${count} 页：${done}/${total} 格 — OCR page ${n}/${count}: cell ${done}/${total}`)),
    });
  } finally {
    await engine.close();
  }
}
