/**
 * PDFs for the collector. Chrome: read in the offscreen document (offscreen.html), created for the
 * collection and closed after it — an MV3 service worker cannot start pdf.js's worker. Firefox has
 * no offscreen documents: there the PDF is named, not read (the reader opens it on our PDF page).
 */
import { browser } from 'wxt/browser';
import type { Report } from '../../core/model/schema';
import { sendMessage } from '../lib/protocol';

interface OffscreenApi {
  createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}
const offscreenApi = (): OffscreenApi | null => ((globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen ?? null);


let open: Promise<void> | null = null;

function ensureOffscreen(): Promise<void> {
  const api = offscreenApi()!;
  open ??= api
    .createDocument({ url: browser.runtime.getURL('/offscreen.html'), reasons: ['WORKERS'], justification: 'Read PDF annual reports with pdf.js while collecting a portal' })
    .catch((err: Error) => {
      // Already there (a collection started before a service-worker restart): use it.
      if (!/single offscreen document/i.test(err.message)) {
        open = null;
        throw err;
      }
    });
  return open;
}

/** The report in a PDF, or an Error whose message is one bilingual line. */
export async function readPdfInBackground(src: string): Promise<Report> {
  if (!offscreenApi()) throw new Error(`PDF，此浏览器的后台收集不读取 — a PDF, not read by this browser's collection: ${src}`);
  await ensureOffscreen();
  const res = await sendMessage('offscreen:read-pdf', src);
  if (!res || !res.ok) throw new Error(res?.reason ?? 'PDF 无法读取 — the PDF could not be read');
  return res.report as Report;
}

/** Close the offscreen document when a collection ends (it holds pdf.js and its worker). */
export async function closePdfReader(): Promise<void> {
  if (!open) return;
  open = null;
  await offscreenApi()?.closeDocument().catch(() => undefined);
}
