/**
 * Page pictures → the pages the PDF reader understands. Each picture is straightened, its ruling
 * lines become segments, the lattice reader (parse/pdf/lattice.ts) finds the tables' cells, and
 * each cell is cropped to its ink and read alone: first as a number (digits, one line), and when
 * that is not a sure number, as Chinese — a label, snapped to the nearest official label. A cell
 * without ink is blank. The readings go back as text items at the ink's place, so that tables,
 * labels and the report are built exactly as for a PDF with text (parse/pdf/extract.ts), and
 * every reading keeps its confidence. Browser-safe: the engine (tesseract.js in Node or in an
 * extension page) is passed in.
 */
import type { Cell, Report } from '../model/schema';
import { findLattices } from '../parse/pdf/lattice';
import type { PdfPage, PdfText } from '../parse/pdf/page';
import { nearestLabel } from './labels';
import { binarize, crop, inkBox, levels, normalizeHeight, rulingSegments, skewOf, straighten, type GrayImage } from './raster';

export interface Reading {
  text: string;
  /** 0 … 1 */
  confidence: number;
}

/** What reads one cell's picture. */
export interface OcrEngine {
  /** A number on one line: digits, sign, decimal point. */
  readNumber(img: GrayImage): Promise<Reading>;
  /** Chinese text (a label), one or more lines. */
  readLabel(img: GrayImage): Promise<Reading>;
}

/** A page picture: `scale` pixels per page unit (dpi / 72); width and height in page units. */
export interface PagePicture {
  number: number;
  width: number;
  height: number;
  scale: number;
  image: GrayImage;
}

/** One cell read by OCR, its box in page units. */
export interface ReadCell {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
  confidence: number;
  kind: 'number' | 'label';
  /** The cell's picture (kept for a second reading when the sums do not close). */
  piece?: GrayImage;
  /** Other numbers the cell's views were read as (offered to the proof-reader). */
  alternatives?: number[];
}

/** A number read with at least this confidence is taken as a number without asking the Chinese reader. */
const SURE_NUMBER = 0.6;
const NUMBER = /^[-−]?\d+(?:\.\d+)?$/;
const CJK = /[\u4e00-\u9fff]/;

export interface PageOptions {
  signal?: AbortSignal;
  /** Called after each cell: cells done, cells of the page. */
  onCell?: (done: number, total: number) => void;
}

/** Read the tables of one page picture. */
export async function readPicture(pic: PagePicture, engine: OcrEngine, opts: PageOptions = {}): Promise<{ page: PdfPage; cells: ReadCell[] }> {
  const lv = levels(pic.image);
  const image = straighten(pic.image, skewOf(pic.image, lv), lv.paper);
  const segments = rulingSegments(image, lv, pic.scale);
  const { tables } = findLattices(segments, []);
  const texts: PdfText[] = [];
  const cells: ReadCell[] = [];
  const all = tables.flatMap((t) => t.cells);
  let done = 0;
  for (const cell of all) {
    if (opts.signal?.aborted) throw new Error('aborted');
    const s = pic.scale;
    const ink = inkBox(image, lv, { x0: cell.x0 * s, y0: cell.y0 * s, x1: cell.x1 * s, y1: cell.y1 * s }, s);
    opts.onCell?.(++done, all.length);
    if (!ink) continue;
    const piece = crop(image, ink, Math.round(3 * s), lv.paper);
    const numberRead = await readNumberCell(piece, engine);
    let reading: Reading = numberRead;
    let kind: ReadCell['kind'] = 'number';
    const number = reading.text.replace(/[\s,]/g, '');
    if (!(NUMBER.test(number) && reading.confidence >= SURE_NUMBER)) {
      const label = await readLines(piece, engine, lv.ink, pic.scale);
      // a number read badly is still a number: Chinese wins only when it reads better or the digits make no number
      if (CJK.test(label.text) && ((label.confidence >= reading.confidence && label.confidence >= 0.5) || !NUMBER.test(number))) {
        reading = { text: nearestLabel(label.text), confidence: label.confidence };
        kind = 'label';
      }
    }
    let text = kind === 'number' ? reading.text.replace(/[\s,]/g, '').replace(/^−/, '-') : reading.text;
    // ink that reads as nothing is not a blank cell: it stays unreadable (读不准), with no confidence
    if (!text) (text = '?'), (reading = { text, confidence: 0 });
    const box = { x0: ink.x0 / s, y0: ink.y0 / s, x1: ink.x1 / s, y1: ink.y1 / s };
    texts.push({ str: text, ...box, size: Math.max(4, box.y1 - box.y0) });
    cells.push({ page: pic.number, x0: cell.x0, y0: cell.y0, x1: cell.x1, y1: cell.y1, text, confidence: reading.confidence, kind, ...(kind === 'number' ? { piece, alternatives: numberRead.alternatives } : {}) });
  }
  return { page: { number: pic.number, width: pic.width, height: pic.height, texts, segments, images: 1 }, cells };
}

/** Rows of ink, as [top, bottom) pairs, pieces of one character (三) joined: gaps under a third of the tallest piece. */
export function inkLines(img: GrayImage, ink: number, scale: number): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let y = 0; y <= img.height; y++) {
    let dark = false;
    if (y < img.height) for (let x = 0, i = y * img.width; x < img.width; x++, i++) if (img.data[i] < ink) (dark = true), (x = img.width);
    if (dark && start < 0) start = y;
    if (!dark && start >= 0) runs.push([start, y]), (start = -1);
  }
  const tallest = Math.max(0, ...runs.map(([a, b]) => b - a));
  const lines: [number, number][] = [];
  for (const r of runs) {
    const last = lines[lines.length - 1];
    if (last && r[0] - last[1] < Math.max(1.5 * scale, tallest / 3)) last[1] = r[1];
    else lines.push([r[0], r[1]]);
  }
  return lines;
}

/** A label read line by line (single-line reading is surer than a block), the lines joined. */
async function readLines(piece: GrayImage, engine: OcrEngine, ink: number, scale: number): Promise<Reading> {
  const lines = inkLines(piece, ink, scale);
  if (lines.length <= 1 || lines.length > 12) return engine.readLabel(piece);
  const margin = Math.round(3 * scale);
  let text = '';
  let confidence = 1;
  for (const [top, bottom] of lines) {
    const r = await engine.readLabel(crop(piece, { x0: 0, y0: Math.max(0, top), x1: piece.width, y1: Math.min(piece.height, bottom) }, margin, 255));
    text += r.text;
    confidence = Math.min(confidence, r.confidence);
  }
  return { text, confidence };
}

const numberText = (r: Reading) => r.text.replace(/[\s,]/g, '').replace(/^−/, '-');

/**
 * The views a number cell is read from: its print scaled to 30 pixels of ink (grey), to 24 in
 * black and white, and to 22 (grey) — each view misses what another reads (a lone 1 lost at 30
 * is read at 24) — then, for cells the sums doubt, at 36 and in black and white at 30.
 */
export function numberViews(piece: GrayImage, second = false): GrayImage[] {
  return second ? [normalizeHeight(piece, 36), binarize(normalizeHeight(piece, 30))] : [normalizeHeight(piece, 30), binarize(normalizeHeight(piece, 24)), normalizeHeight(piece, 22)];
}

/** Readings weaker than this never vote. */
const VOTE = 0.3;

/**
 * A number cell read from its views: two that agree make the reading (a third view is read only
 * when they do not); a reading only one view gives, where another gives a different number, is
 * weak (0.5 at most: unsure unless the sums settle it), and the other numbers go to the proof-reader.
 */
async function readNumberCell(piece: GrayImage, engine: OcrEngine): Promise<Reading & { alternatives: number[] }> {
  const views = numberViews(piece);
  // ink wider than the characters read can fill: characters were missed (Chinese read as a digit or two)
  const inkWidth = (views[0].width - 2 * Math.round(30 * 0.4)) / 30;
  const plausible = (r: Reading) => inkWidth <= 0.75 * r.text.length + 0.3;
  const reads: Reading[] = [];
  for (const view of views) {
    const r = await engine.readNumber(view);
    reads.push({ text: numberText(r), confidence: r.confidence });
    const votes = reads.filter((x) => x.text && x.confidence >= VOTE && plausible(x));
    const agreed = votes.find((x, i) => votes.some((y, j) => j !== i && y.text === x.text));
    if (agreed) {
      const best = Math.max(...votes.filter((x) => x.text === agreed.text).map((x) => x.confidence));
      const alternatives = others(votes, agreed.text);
      // a dissenting view leaves the reading correctable by the sums
      return { text: agreed.text, confidence: alternatives.length ? Math.min(best, 0.9) : best, alternatives };
    }
  }
  const read = reads.filter((x) => NUMBER.test(x.text) && x.confidence >= VOTE && plausible(x)).sort((a, b) => b.confidence - a.confidence);
  if (!read.length) return { text: '', confidence: 0, alternatives: others(reads.filter((x) => x.confidence >= VOTE), '') };
  const alternatives = others(read, read[0].text);
  return { ...read[0], confidence: alternatives.length ? Math.min(read[0].confidence, 0.5) : read[0].confidence, alternatives };
}

function others(reads: Reading[], text: string): number[] {
  return [...new Set(reads.filter((x) => x.text !== text && NUMBER.test(x.text)).map((x) => Number(x.text)))];
}

/**
 * Second readings of the number cells the sums put in doubt: each read again from other views of
 * its picture. A cell whose readings disagree is no sure reading: its confidence drops, and the
 * other readings are offered to the proof-reader.
 */
export async function rereadCells(report: Report, cells: ReadCell[], doubtful: Cell[], engine: OcrEngine): Promise<Map<Cell, number[]>> {
  const others = new Map<Cell, number[]>();
  for (const cell of doubtful.slice(0, 60)) {
    const read = cellReading(cell, cells);
    if (!read?.piece) continue;
    const values = new Set<number>(read.alternatives?.filter((v) => v !== cell.value));
    for (const view of numberViews(read.piece, true)) {
      const t = numberText(await engine.readNumber(view));
      if (NUMBER.test(t) && Number(t) !== cell.value) values.add(Number(t));
    }
    if (values.size) {
      others.set(cell, [...values]);
      cell.confidence = Math.min(cell.confidence ?? 1, 0.5);
    }
  }
  return others;
}

function cellReading(cell: Cell, cells: ReadCell[]): ReadCell | undefined {
  const src = cell.source;
  if (src?.kind !== 'pdf') return undefined;
  const cx = src.x + src.width / 2;
  const cy = src.y + src.height / 2;
  const inside = (c: ReadCell) => c.page === src.page && cx >= c.x0 && cx <= c.x1 && cy >= c.y0 && cy <= c.y1;
  return cells.find((c) => c.kind === 'number' && inside(c)) ?? cells.find(inside);
}

/** Give every cell of the report that OCR read its confidence (matched by page and box). */
export function attachConfidence(report: Report, cells: ReadCell[]): void {
  for (const table of [report.t2, report.t3, report.t4] as Record<string, Record<string, Cell> | undefined>[]) {
    for (const row of Object.values(table)) {
      for (const cell of Object.values(row ?? {})) {
        if (cell.blank) continue;
        const label = cellReading(cell, cells);
        if (label) cell.confidence = Math.round(label.confidence * 100) / 100;
      }
    }
  }
}

/** One tesseract worker as both engines need it: recognize a picture, set parameters, terminate. */
export interface TesseractLike<Picture> {
  setParameters(p: Record<string, string>): Promise<unknown>;
  recognize(img: Picture): Promise<{ data: { text: string; confidence: number } }>;
  terminate(): Promise<unknown>;
}

/**
 * The engine from two tesseract.js workers (eng for numbers: digits, sign and point on one line;
 * chi_sim for labels), however they were made (Node files, or an extension's own): the same
 * parameters and the same tidying everywhere. `picture` turns a grey picture into what the worker takes.
 */
export async function tesseractReaders<P>(digits: TesseractLike<P>, chinese: TesseractLike<P>, picture: (img: GrayImage) => P): Promise<OcrEngine & { close(): Promise<void> }> {
  // debug_file: tesseract's own statistics (printed for some near-empty pieces) go nowhere, not to the user's terminal.
  await digits.setParameters({ tessedit_char_whitelist: '0123456789.-', tessedit_pageseg_mode: '7', user_defined_dpi: '300', debug_file: '/dev/null' });
  await chinese.setParameters({ tessedit_pageseg_mode: '7', user_defined_dpi: '300', debug_file: '/dev/null' });
  const read = async (w: TesseractLike<P>, img: GrayImage): Promise<Reading> => {
    const { data } = await w.recognize(picture(img));
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
