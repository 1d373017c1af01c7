/**
 * pdf.js for the report page only (report.html): the browser build, its worker and its CMaps and
 * fonts are the extension's own files (copied at build time, see ./build-assets.ts). Never
 * imported by the content script or the engine.
 */
import * as pdfjs from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { browser } from 'wxt/browser';

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
  };
}

/** Open a PDF for display. pdf.js takes the buffer over, so it gets a copy. */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const lib = pdfjsLib();
  return lib.getDocument({ data: bytes.slice(), ...documentOptions() }).promise;
}

export type { PDFDocumentProxy };
