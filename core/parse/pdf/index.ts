/**
 * PDF → Report (browser-safe: the extension's report page runs this very code). pdf.js gives each
 * page's text items and operator list; extract.ts rebuilds the tables from positions and ruling
 * lines; build.ts makes the Report as for HTML and text. Every cell has a `pdf` source (page, box).
 * Bad input is one PdfReadError with a code and a bilingual line: a scan, an unreadable text
 * layer, an encrypted, broken, too large or not-a-report file. Everything is bounded: bytes,
 * pages, items and time.
 */
import type { Report } from '../../model/schema';
import { buildReport } from '../build';
import { extractPdf } from './extract';
import { TEXT_LAYER_MESSAGES, unreadableTextLayer, type TextLayerCause } from './text-layer';
import { MAX_IMAGE_PIXELS, pdfTooLarge } from './guard';
import { collectSegments, textBox, type Matrix, type OpCodes, type PdfPage, type PdfText } from './page';

export type PdfProblem = 'scanned' | 'unreadable' | 'encrypted' | 'broken' | 'too-large' | 'not-a-report';

export class PdfReadError extends Error {
  constructor(
    readonly code: PdfProblem,
    message: string,
    /** For 'unreadable': why the text layer does not decode (what OCR would be asked to fix). */
    readonly textLayer?: TextLayerCause,
  ) {
    super(message);
    this.name = 'PdfReadError';
  }
}

/** The one-line messages, Chinese first. */
export const PDF_MESSAGES: Record<PdfProblem, string> = {
  scanned: '扫描件，没有文字层，无法核对 — scanned PDF without a text layer: cannot be checked',
  unreadable: 'PDF 的文字层无法识读（字体缺少字符映射，只有乱码），无法核对 — the PDF text layer is unreadable (fonts without a Unicode map): cannot be checked',
  encrypted: 'PDF 已加密（需要密码），无法读取 — the PDF is encrypted (password protected): cannot be read',
  broken: 'PDF 文件已损坏或不完整，无法读取 — the PDF file is broken or incomplete: cannot be read',
  'too-large': 'PDF 文件过大（超出读取上限），未读取 — the PDF is too large to read (over the limit)',
  'not-a-report': '不是政府信息公开年度报告：PDF 中找不到任何数据表 — not an annual report: no data table found in the PDF',
};

/** The parts of the pdf.js module the reader uses (so the extension can pass its own browser build). */
export interface PdfjsModule {
  getDocument: (src: Record<string, unknown>) => { promise: Promise<PdfDocument>; destroy: () => Promise<void> };
  OPS: Record<string, number>;
}

/** The parts of a PDFDocumentProxy the reader uses. */
export interface PdfDocument {
  numPages: number;
  getPage: (n: number) => Promise<PdfPageProxy>;
  destroy?: () => Promise<void>;
  getMetadata?: () => Promise<{ info?: unknown }>;
}

interface PdfPageProxy {
  getViewport: (o: { scale: number }) => { width: number; height: number; transform: number[] };
  getTextContent: (o?: Record<string, unknown>) => Promise<{ items: unknown[] }>;
  getOperatorList: () => Promise<{ fnArray: number[]; argsArray: unknown[] }>;
  cleanup?: () => void;
}

export interface PdfParseOptions {
  source?: string | null;
  /** Where pdf.js finds its CMaps and standard fonts (a URL or path ending in '/'), when not the default. */
  cMapUrl?: string;
  standardFontDataUrl?: string;
  /** An already-loaded pdf.js module (the extension passes its browser build with its worker). Default: pdfjs-dist legacy build. */
  pdfjs?: PdfjsModule;
  /** An already-open document (a viewer that shows the pages passes it, so the file is not loaded twice). */
  document?: PdfDocument;
  /** Give up when aborted. */
  signal?: AbortSignal;
  /** Time bound for the whole read, ms (default 60 000). */
  timeoutMs?: number;
  /** Byte bound (default 100 MB). */
  maxBytes?: number;
  /** Page bound (default 200): pages after it are not read, and a diagnostic says so. */
  maxPages?: number;
}

/** True when the bytes start like a PDF (%PDF- within the first 1 KB, as readers accept). */
export function isPdfBytes(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + 5 <= head.length; i++) {
    if (head[i] === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) return true;
  }
  return false;
}

const MAX_BYTES = 100 * 1024 * 1024;
const MAX_PAGES = 200;
const MAX_ITEMS_PER_PAGE = 50000;
const TIMEOUT_MS = 60000;

let defaultPdfjs: Promise<PdfjsModule> | null = null;
function loadPdfjs(): Promise<PdfjsModule> {
  // A variable specifier keeps bundlers from inlining pdf.js where a caller passes its own build.
  const specifier = 'pdfjs-dist/legacy/build/pdf.mjs';
  defaultPdfjs ??= import(/* @vite-ignore */ specifier) as Promise<PdfjsModule>;
  return defaultPdfjs;
}

function opCodes(OPS: Record<string, number>): OpCodes {
  return {
    save: OPS.save,
    restore: OPS.restore,
    transform: OPS.transform,
    constructPath: OPS.constructPath,
    stroke: OPS.stroke,
    closeStroke: OPS.closeStroke,
    fill: OPS.fill,
    eoFill: OPS.eoFill,
    fillStroke: OPS.fillStroke,
    eoFillStroke: OPS.eoFillStroke,
    closeFillStroke: OPS.closeFillStroke,
    closeEOFillStroke: OPS.closeEOFillStroke,
    paintFormXObjectBegin: OPS.paintFormXObjectBegin,
    paintFormXObjectEnd: OPS.paintFormXObjectEnd,
    images: [OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat, OPS.paintImageMaskXObjectRepeat, OPS.paintSolidColorImageMask, OPS.paintImageMaskXObjectGroup, OPS.paintInlineImageXObjectGroup].filter(
      (n) => typeof n === 'number',
    ),
  };
}

/** Replacement characters and private-use glyphs: what a font without a usable ToUnicode map gives. */
const JUNK = /[\ufffd\ue000-\uf8ff]/g;

/** The pages' text and rules, read from an open document. */
export async function readPages(
  doc: PdfDocument,
  OPS: Record<string, number>,
  opts: { maxPages?: number; signal?: AbortSignal; deadline?: number; keepPages?: boolean } = {},
): Promise<PdfPage[]> {
  const codes = opCodes(OPS);
  const count = Math.min(doc.numPages, opts.maxPages ?? MAX_PAGES);
  const pages: PdfPage[] = [];
  for (let n = 1; n <= count; n++) {
    if (opts.signal?.aborted || (opts.deadline && Date.now() > opts.deadline)) throw new PdfReadError('too-large', TIME_MESSAGE);
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    const vt = viewport.transform as Matrix;
    const content = await page.getTextContent({ disableNormalization: false });
    const texts: PdfText[] = [];
    for (const raw of content.items.slice(0, MAX_ITEMS_PER_PAGE)) {
      const item = raw as { str?: string; transform?: number[]; width?: number };
      if (typeof item.str !== 'string' || !item.transform || !item.str.trim()) continue;
      const b = textBox(vt, item.transform, item.width ?? 0, item.str.trim() === item.str ? item.str : item.str.trim());
      if (b) texts.push(b);
    }
    // A page without text has no table to rule: its operator list (a scan's images decoded) is skipped,
    // and it counts as a picture.
    const { segments, images } = texts.length ? (({ fnArray, argsArray }) => collectSegments(fnArray, argsArray, vt, codes))(await page.getOperatorList()) : { segments: [], images: 1 };
    pages.push({ number: n, width: viewport.width, height: viewport.height, texts, segments, images });
    // a viewer's own document keeps its pages' resources for rendering
    if (!opts.keepPages) page.cleanup?.();
  }
  return pages;
}

const TIME_MESSAGE = 'PDF 读取超时（文件过大或过于复杂），未读取 — reading the PDF took too long (too large or too complex)';

async function withDocument<T>(bytes: Uint8Array, opts: PdfParseOptions, stop: AbortSignal, use: (doc: PdfDocument, pdfjs: PdfjsModule) => Promise<T>): Promise<T> {
  let pdfjs: PdfjsModule;
  try {
    pdfjs = opts.pdfjs ?? (await loadPdfjs());
  } catch {
    throw new PdfReadError('broken', 'PDF 读取组件（pdf.js）无法加载 — the PDF reader (pdf.js) could not be loaded');
  }
  if (opts.document) return use(opts.document, pdfjs);
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of (and may detach) the buffer it is given: hand it a copy.
    data: bytes.slice(),
    cMapUrl: opts.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: opts.standardFontDataUrl,
    isEvalSupported: false,
    maxImageSize: MAX_IMAGE_PIXELS,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  // Out of time or cancelled: stop pdf.js's work too, not only our wait for it.
  const onStop = () => void task.destroy().catch(() => {});
  stop.addEventListener('abort', onStop, { once: true });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => {});
    const name = (err as { name?: string })?.name;
    if (name === 'PasswordException') throw new PdfReadError('encrypted', PDF_MESSAGES.encrypted);
    throw new PdfReadError('broken', PDF_MESSAGES.broken);
  }
  try {
    return await use(doc, pdfjs);
  } finally {
    stop.removeEventListener('abort', onStop);
    await task.destroy().catch(() => {});
  }
}

function timeBound<T>(start: (stop: AbortSignal) => Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  const stop = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const fail = (err: PdfReadError) => {
      reject(err);
      stop.abort();
    };
    const timer = setTimeout(() => fail(new PdfReadError('too-large', TIME_MESSAGE)), ms);
    const onAbort = () => fail(new PdfReadError('too-large', 'PDF 读取已取消 — reading the PDF was cancelled'));
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    start(stop.signal)
      .then(resolve, reject)
      .finally(() => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      });
  });
}

export async function parsePdf(bytes: Uint8Array, opts: PdfParseOptions = {}): Promise<Report> {
  if (!opts.document) {
    if (!(bytes instanceof Uint8Array) || bytes.length === 0 || !isPdfBytes(bytes)) throw new PdfReadError('broken', '不是 PDF 文件（缺少 %PDF- 文件头） — not a PDF file (no %PDF- header)');
    if (bytes.length > (opts.maxBytes ?? MAX_BYTES)) throw new PdfReadError('too-large', PDF_MESSAGES['too-large']);
    // Bombs (a stream inflating to gigabytes, a huge image, endless q/Q, a million text runs) are
    // named before pdf.js builds anything.
    const tooLarge = pdfTooLarge(bytes);
    if (tooLarge) throw new PdfReadError('too-large', tooLarge.message);
  }
  const timeoutMs = opts.timeoutMs ?? TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const work = (stop: AbortSignal) =>
    withDocument(bytes, opts, stop, async (doc, pdfjs) => {
      const maxPages = opts.maxPages ?? MAX_PAGES;
      let pages: PdfPage[];
      try {
        pages = await readPages(doc, pdfjs.OPS, { maxPages, signal: stop, deadline, keepPages: !!opts.document });
      } catch (err) {
        if (err instanceof PdfReadError) throw err;
        throw new PdfReadError('broken', PDF_MESSAGES.broken);
      }
      const info = (await doc.getMetadata?.().catch(() => null))?.info as { Title?: unknown } | undefined;
      const title = typeof info?.Title === 'string' ? info.Title.slice(0, 300) : undefined;
      return reportOf(pages, doc.numPages, maxPages, opts.source ?? null, title);
    });
  try {
    return await timeBound(work, timeoutMs, opts.signal);
  } catch (err) {
    if (err instanceof PdfReadError) throw err;
    throw new PdfReadError('broken', PDF_MESSAGES.broken);
  }
}

/** Pages → Report, or the PdfReadError that says why there is none. */
export function reportOf(pages: PdfPage[], numPages: number, maxPages: number, source: string | null, title?: string): Report {
  const chars = pages.reduce((n, p) => n + p.texts.reduce((m, t) => m + t.str.replace(/\s/g, '').length, 0), 0);
  const images = pages.reduce((n, p) => n + p.images, 0);
  if (chars < 20) throw new PdfReadError(images > 0 || chars === 0 ? 'scanned' : 'unreadable', images > 0 || chars === 0 ? PDF_MESSAGES.scanned : PDF_MESSAGES.unreadable);
  let junk = 0;
  for (const p of pages) for (const t of p.texts) junk += t.str.match(JUNK)?.length ?? 0;
  // Glyphs without a Unicode value: a tenth of the text makes labels unreadable; a little is
  // tolerated (a symbol font) as long as the tables come out whole.
  const junkShare = junk / chars;
  const undecoded = (tablesRead: boolean) => {
    const cause = unreadableTextLayer(pages, { tablesRead });
    if (cause) throw new PdfReadError('unreadable', TEXT_LAYER_MESSAGES[cause], cause);
  };
  undecoded(true);
  const ex = extractPdf(pages, { title });
  if (numPages > maxPages) {
    ex.diagnostics.push({
      level: 'warning',
      code: 'pdf.pages-cut',
      message: `PDF 共 ${numPages} 页，只读取了前 ${maxPages} 页 — the PDF has ${numPages} pages; only the first ${maxPages} were read`,
    });
  }
  const report = buildReport(ex, { source });
  if (junkShare > 0.01 && (!report.meta.format || report.diagnostics.some((d) => d.code === 'table.missing-cells'))) {
    throw new PdfReadError('unreadable', PDF_MESSAGES.unreadable, 'private-use');
  }
  const cells = Object.keys(report.t2).length + Object.keys(report.t3).length + Object.keys(report.t4).length;
  if (cells === 0) {
    // Rules drawn, text that is no Chinese: a text layer that does not decode, not "not a report".
    undecoded(false);
    // Pictures with a little text (a typed cover line, page numbers): a scan.
    if (images > 0 && chars / pages.length < 150) throw new PdfReadError('scanned', PDF_MESSAGES.scanned);
    // Text pages with the report's sections but no table text: the tables are pictures.
    if (report.sections.length >= 3 && images > 0) throw new PdfReadError('scanned', '是年度报告，但数据表是图片（没有文字层），无法核对 — an annual report, but its tables are pictures without a text layer: cannot be checked');
    throw new PdfReadError('not-a-report', PDF_MESSAGES['not-a-report']);
  }
  return report;
}
