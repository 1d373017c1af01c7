/**
 * Page pictures → a report, browser-safe: each picture's tables read by OCR (read.ts), the report
 * built by the PDF reader's own table step (reportOf), every cell given its confidence, and the
 * arithmetic as proof-reader (cells the sums doubt read again from other views, then corrected or
 * marked unsure). The CLI gives it pages drawn by pdf.js; an extension page could give it the
 * pictures of a page's tables — the engine (tesseract.js, local files only) is the caller's.
 */
import type { Report } from '../model/schema';
import { PdfReadError, reportOf } from '../parse/pdf/index';
import { OCR_NO_TABLE } from './messages';
import type { PdfPage } from '../parse/pdf/page';
import { doubtfulCells, proofread } from './proofread';
import { attachConfidence, readPicture, rereadCells, type OcrEngine, type PagePicture, type ReadCell } from './read';

export const OCR_MESSAGE = '已用本机 OCR 识读（无联网）';

export interface PicturesOptions {
  signal?: AbortSignal;
  /** Pages the source has in all (a PDF cut at maxPages), and that bound. */
  numPages?: number;
  maxPages?: number;
  /** One short bilingual line at a time. */
  onProgress?: (line: string) => void;
  /** Called before each cell (throw to stop: a deadline). */
  onCell?: (page: number, done: number, total: number) => void;
  /** What the pictures are: a scan (default) or a page's pictures of tables. */
  what?: string;
}

/** Read the tables of page pictures by OCR: a Report whose cells carry their confidence, proof-read by the arithmetic. */
export async function readPictures(pictures: AsyncIterable<PagePicture> | Iterable<PagePicture>, engine: OcrEngine, source: string, opts: PicturesOptions = {}): Promise<Report> {
  const say = opts.onProgress ?? (() => {});
  const pages: PdfPage[] = [];
  const cells: ReadCell[] = [];
  for await (const pic of pictures) {
    const read = await readPicture(pic, engine, { signal: opts.signal, onCell: (done, total) => opts.onCell?.(pic.number, done, total) });
    pages.push(read.page);
    cells.push(...read.cells);
  }
  let report: Report;
  try {
    report = reportOf(pages, opts.numPages ?? pages.length, opts.maxPages ?? Math.max(pages.length, 1), source);
  } catch (err) {
    // reportOf speaks of a PDF's text layer (扫描件, 文字层, PDF 中找不到): here the text is what OCR read.
    if (err instanceof PdfReadError) throw new PdfReadError('not-a-report', OCR_NO_TABLE);
    throw err;
  }
  // Only the tables' cells were read, not the text around them: the pieces of labels OCR joined are
  // no narrative for the rules to read claims, names or years from (nor sections to miss).
  report.text = '';
  attachConfidence(report, cells);
  report.diagnostics.push({ level: 'info', code: 'pdf.ocr', message: `${opts.what ?? '扫描件'}，${OCR_MESSAGE} — read by offline OCR on this machine (no network); ${cells.length} cells, ${pages.length} page(s)` });
  const doubtful = doubtfulCells(report);
  if (doubtful.length) say(`OCR：按表内合计复读 ${doubtful.length} 格 — OCR: reading ${doubtful.length} cells again where the sums do not close`);
  return proofread(report, await rereadCells(report, cells, doubtful, engine));
}

/**
 * A report page whose tables are pictures: the page's own reading (title, agency, year, narrative)
 * with the tables OCR read from its pictures. The page's "no table" diagnostics give way to OCR's.
 */
export function withPictureTables(page: Report, pictures: Report): Report {
  const noTables = new Set(['format.unknown', 'table.missing-cells', 'html.no-tables']);
  return {
    ...page,
    meta: { ...page.meta, format: pictures.meta.format ?? page.meta.format },
    t2: pictures.t2,
    t3: pictures.t3,
    t4: pictures.t4,
    diagnostics: [...page.diagnostics.filter((d) => !noTables.has(d.code)), ...pictures.diagnostics.filter((d) => !noTables.has(d.code) || !page.meta.format)],
  };
}
