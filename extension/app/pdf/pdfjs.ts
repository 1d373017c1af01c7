/**
 * pdf.js for the report page only (report.html): the browser build, its worker and its CMaps and
 * fonts are the extension's own files (copied at build time, see ./build-assets.ts). Never
 * imported by the content script or the engine.
 */
import * as pdfjs from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { browser } from 'wxt/browser';
import { MAX_IMAGE_PIXELS, pdfTooLarge } from '../../../core/parse/pdf/guard';
import { PdfReadError } from '../../../core/parse/pdf/index';

/** Paths inside the extension (PDFJS_DIR of ./build-assets.ts). */
export const PDFJS_ASSETS = { worker: '/pdfjs/pdf.worker.min.mjs', cMaps: '/pdfjs/cmaps/', standardFonts: '/pdfjs/standard_fonts/' } as const;

const url = (path: string) => browser.runtime.getURL(path as '/popup.html');

let ready = false;
export function pdfjsLib(): typeof pdfjs {
  if (!ready) {
    pdfjs.GlobalWorkerOptions.workerSrc = url(PDFJS_ASSETS.worker);
    ready = true;
  }
  return pdfjs;
}

/** The options every document is opened with: our own CMaps and fonts, no eval (extension CSP). */
export function documentOptions() {
  return {
    cMapUrl: url(PDFJS_ASSETS.cMaps),
    cMapPacked: true,
    standardFontDataUrl: url(PDFJS_ASSETS.standardFonts),
    isEvalSupported: false,
    enableXfa: false,
    maxImageSize: MAX_IMAGE_PIXELS,
  };
}

/** Open a PDF for display. pdf.js takes the buffer over, so it gets a copy. */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // The bombs the CLI refuses (issue 20, D) are refused here too, before pdf.js builds anything.
  const tooLarge = pdfTooLarge(bytes);
  if (tooLarge) throw new PdfReadError('too-large', tooLarge.message);
  const lib = pdfjsLib();
  return lib.getDocument({ data: bytes.slice(), ...documentOptions() }).promise;
}

export type { PDFDocumentProxy };
