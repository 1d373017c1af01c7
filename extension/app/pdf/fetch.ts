/**
 * Fetching the PDF (or Word file) for the report page. *.gov.cn is in the manifest; any other site only once the
 * user has granted it (optional host permission, asked for on a click). Bounded in bytes and time.
 */
import { browser } from 'wxt/browser';
import { isPdfBytes } from '../../../core/parse/pdf/index';
import { isOleBytes, isZipBytes } from '../../../core/parse/word/sniff';
import { OCR_PICTURE_KINDS, pictureKind } from '../../../core/ocr/picture-size';

/** A PDF, or a Word file (a .docx zip, a .doc OLE file) the report page also opens. */
const isReportFile = (bytes: Uint8Array) => isPdfBytes(bytes) || isZipBytes(bytes) || isOleBytes(bytes);
/** A picture file read by OCR when chosen on the report page. */
const isOcrPicture = (bytes: Uint8Array) => OCR_PICTURE_KINDS.has(pictureKind(bytes) ?? '');

export const MAX_PDF_BYTES = 64 * 1024 * 1024;
const TIMEOUT_MS = 60_000;

export type FetchProblem = 'permission' | 'network' | 'status' | 'not-pdf' | 'too-large' | 'bad-url';

export class PdfFetchError extends Error {
  constructor(
    readonly code: FetchProblem,
    message: string,
  ) {
    super(message);
    this.name = 'PdfFetchError';
  }
}

/** The match pattern that grants a page's origin: *.gov.cn is always granted by the manifest. */
export function originPattern(src: string): string | null {
  try {
    const u = new URL(src);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `${u.protocol}//${u.hostname}/*`;
  } catch {
    return null;
  }
}

export function isGovCn(src: string): boolean {
  try {
    const h = new URL(src).hostname;
    return h === 'gov.cn' || h.endsWith('.gov.cn');
  } catch {
    return false;
  }
}

/** May the extension read this address (manifest host, or a site the user granted)? */
export async function mayFetch(src: string): Promise<boolean> {
  if (isGovCn(src)) return true;
  const pattern = originPattern(src);
  if (!pattern) return false;
  try {
    return await browser.permissions.contains({ origins: [pattern] });
  } catch {
    return false;
  }
}

/** Ask for one site, on the user's click (permissions.request needs a user gesture). */
export async function askFor(src: string): Promise<boolean> {
  const pattern = originPattern(src);
  if (!pattern) return false;
  try {
    // Called before anything is awaited: the click's user activation still holds.
    return await browser.permissions.request({ origins: [pattern] });
  } catch {
    return false;
  }
}

/** Download the PDF (or what `accept` takes: the pictures page's page and pictures): one line in Chinese and English for each way it can fail. */
export async function fetchPdf(src: string, signal?: AbortSignal, accept: (bytes: Uint8Array) => boolean = isReportFile): Promise<Uint8Array> {
  const pattern = originPattern(src);
  if (!pattern) throw new PdfFetchError('bad-url', `不是可以下载的网址：${src.slice(0, 200)} — not an http(s) address`);
  if (!(await mayFetch(src))) throw new PdfFetchError('permission', `需要您允许年报透镜读取 ${new URL(src).hostname} — allow Nianbao Lens to read ${new URL(src).hostname}`);
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  let res: Response;
  try {
    // No redirect is followed: where it leads cannot be checked before the browser requests it (issue 20, E).
    res = await fetch(src, { redirect: 'manual', signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (err) {
    const timedOut = timeout.aborted;
    throw new PdfFetchError('network', timedOut ? `下载 PDF 超时（${TIMEOUT_MS / 1000} 秒） — the PDF download timed out (${TIMEOUT_MS / 1000} s)` : `无法下载 PDF（网络错误） — the PDF could not be downloaded (network error: ${String((err as Error).message ?? err).slice(0, 80)})`);
  }
  if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) throw new PdfFetchError('status', '该 PDF 地址转向别处，未跟随 — the PDF address redirects elsewhere: not followed');
  if (!res.ok) throw new PdfFetchError('status', `无法下载 PDF：服务器返回 ${res.status} — the PDF could not be downloaded: the server answered ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_PDF_BYTES) throw tooLarge();
  const bytes = await readCapped(res);
  if (!accept(bytes)) throw new PdfFetchError('not-pdf', '该地址返回的不是 PDF 或 Word 文件 — the address did not return a PDF or Word file');
  return bytes;
}

function tooLarge(): PdfFetchError {
  return new PdfFetchError('too-large', `PDF 超过 ${MAX_PDF_BYTES / 1024 / 1024} MB，未读取 — the PDF is larger than ${MAX_PDF_BYTES / 1024 / 1024} MB and was not read`);
}

async function readCapped(res: Response): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_PDF_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** A local file the user chose or dropped, with the same bounds. */
export async function readLocalPdf(file: File): Promise<Uint8Array> {
  if (file.size > MAX_PDF_BYTES) throw tooLarge();
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!isReportFile(bytes) && !isOcrPicture(bytes)) throw new PdfFetchError('not-pdf', `${file.name.slice(0, 80)} 不是 PDF、Word 文件或 PNG、JPEG 图片 — ${file.name.slice(0, 80)} is not a PDF, a Word file or a PNG or JPEG picture`);
  return bytes;
}
