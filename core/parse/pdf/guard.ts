/**
 * A look at a PDF's bytes before pdf.js reads it (issue 20, D): each Flate stream is inflated with
 * a ceiling and dropped as it comes (a 2 GiB bomb stops at the ceiling, nothing kept), images are
 * sized from their dictionaries, and the content streams' operators are counted as they are
 * inflated — operators, q/Q nesting and text runs — so a bomb is refused before pdf.js builds
 * anything, with one line naming what was too large. Browser-safe (fflate).
 */
import { Unzlib } from 'fflate';

/** Bytes one stream may inflate to. */
export const MAX_STREAM_BYTES = 64 * 1024 * 1024;
/** Bytes all content streams together may inflate to. */
export const MAX_CONTENT_BYTES = 256 * 1024 * 1024;
/** Pixels one image may have (pdf.js's maxImageSize gets the same). */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** Operators in all content streams. */
export const MAX_OPERATORS = 3_000_000;
/** q (save) nested inside q. */
export const MAX_NESTING = 500;
/** Text-showing operators (Tj, TJ, ', ") in all content streams. */
export const MAX_TEXT_RUNS = 300_000;

export interface PdfTooLarge {
  /** The one bilingual line. */
  message: string;
}

const latin1 = new TextDecoder('latin1');
const n = (x: number) => x.toLocaleString('en-US');

/** Counts operators, q/Q nesting and text runs over a content stream's bytes, fed in pieces. */
class ContentCounter {
  operators = 0;
  textRuns = 0;
  depth = 0;
  maxDepth = 0;
  private token = '';
  private inString = 0;
  private escaped = false;
  private inHex = false;
  private inComment = false;
  private inImageData = false;
  private imageTail = '';

  feed(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i];
      if (this.inImageData) {
        // Inline image data runs to whitespace EI whitespace.
        this.imageTail = (this.imageTail + String.fromCharCode(c)).slice(-4);
        if (/\sEI\s$/.test(this.imageTail)) this.inImageData = false;
        continue;
      }
      if (this.inComment) {
        if (c === 10 || c === 13) this.inComment = false;
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === 0x28) this.inString++;
        else if (c === 0x29) this.inString--;
        continue;
      }
      if (this.inHex) {
        if (c === 0x3e) this.inHex = false;
        continue;
      }
      const delimiter = c <= 32 || c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;
      if (!delimiter) {
        if (this.token.length < 16) this.token += String.fromCharCode(c);
        continue;
      }
      this.endToken();
      if (c === 0x28) this.inString = 1;
      else if (c === 0x25) this.inComment = true;
      else if (c === 0x3c && bytes[i + 1] !== 0x3c && bytes[i - 1] !== 0x3c) this.inHex = true;
      else if (c === 0x2f) this.token = '/';
    }
  }

  private endToken(): void {
    const t = this.token;
    this.token = '';
    if (!t || t[0] === '/' || !/^[A-Za-z'"][A-Za-z0-9*'"]*$/.test(t) || t === 'true' || t === 'false' || t === 'null') return;
    this.operators++;
    if (t === 'q') this.maxDepth = Math.max(this.maxDepth, ++this.depth);
    else if (t === 'Q') this.depth = Math.max(0, this.depth - 1);
    else if (t === 'Tj' || t === 'TJ' || t === "'" || t === '"') this.textRuns++;
    else if (t === 'ID') {
      this.inImageData = true;
      this.imageTail = ' ';
    }
  }

  end(): void {
    this.endToken();
    this.depth = 0;
  }
}

/** Dictionaries whose stream is not a page's content (fonts, images, colour profiles, object and xref streams, files). */
const NOT_CONTENT = /\/(?:Length[123]|Subtype\s*\/(?!Form)|Type\s*\/(?!XObject)|N\s|FunctionType|DecodeParms\s*<<[^>]*\/Predictor)/;

/** Inflates `data` (zlib) in pieces, handing each piece on; stops past `max` bytes. Returns the bytes it inflated, or -1 past the ceiling. */
function inflateCounted(data: Uint8Array, max: number, each?: (piece: Uint8Array) => void): number {
  let total = 0;
  let over = false;
  const z = new Unzlib((piece) => {
    total += piece.length;
    if (total > max) over = true;
    else each?.(piece);
  });
  try {
    for (let at = 0; at < data.length && !over; at += 16 * 1024) z.push(data.subarray(at, at + 16 * 1024), at + 16 * 1024 >= data.length);
  } catch {
    // A broken stream: pdf.js decides what it makes of it.
  }
  return over ? -1 : total;
}

/**
 * The reason a PDF is too large to read, or null. Looks at every `stream … endstream` of the file
 * (the only place a stream's bytes can be; object streams hold dictionaries, not streams).
 */
export function pdfTooLarge(bytes: Uint8Array): PdfTooLarge | null {
  const text = latin1.decode(bytes);
  const counter = new ContentCounter();
  let contentBytes = 0;
  const streamAt = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = streamAt.exec(text))) {
    if (text.slice(Math.max(0, m.index - 3), m.index) === 'end') continue;
    const dictStart = text.lastIndexOf('<<', m.index);
    const objStart = text.lastIndexOf(' obj', m.index);
    const dict = text.slice(Math.max(dictStart, objStart, m.index - 4_000, 0), m.index);
    const start = m.index + m[0].length;
    let end = text.indexOf('endstream', start);
    if (end < 0) end = text.length;
    streamAt.lastIndex = end;
    const width = Number(/\/(?:Width|W)\s+(\d+)/.exec(dict)?.[1] ?? 0);
    const height = Number(/\/(?:Height|H)\s+(\d+)/.exec(dict)?.[1] ?? 0);
    if (/\/Subtype\s*\/Image/.test(dict) && width * height > MAX_IMAGE_PIXELS) {
      return { message: `PDF 中的图片过大（${n(width)}×${n(height)} 像素，上限 ${n(MAX_IMAGE_PIXELS)}），未读取 — an image in the PDF is too large (${n(width)}×${n(height)} pixels, over ${n(MAX_IMAGE_PIXELS)}): not read` };
    }
    if (!/\/FlateDecode|\/Fl\b/.test(dict)) continue;
    const content = !NOT_CONTENT.test(dict);
    const data = bytes.subarray(start, end);
    const inflated = inflateCounted(data, MAX_STREAM_BYTES, content ? (piece) => counter.feed(piece) : undefined);
    if (inflated < 0) return { message: `PDF 中的一个数据流解压后超过 ${MAX_STREAM_BYTES / 1024 / 1024} MB，未读取 — a stream in the PDF inflates to more than ${MAX_STREAM_BYTES / 1024 / 1024} MB: not read` };
    if (!content) continue;
    counter.end();
    contentBytes += inflated;
    if (contentBytes > MAX_CONTENT_BYTES) return { message: `PDF 的页面内容解压后超过 ${MAX_CONTENT_BYTES / 1024 / 1024} MB，未读取 — the PDF's page content inflates to more than ${MAX_CONTENT_BYTES / 1024 / 1024} MB: not read` };
    const why = overCounts(counter);
    if (why) return why;
  }
  // Unfiltered content streams are counted too (the bombs need no compression).
  return overCounts(countPlainStreams(text, counter));
}

function countPlainStreams(text: string, counter: ContentCounter): ContentCounter {
  const streamAt = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = streamAt.exec(text))) {
    if (text.slice(Math.max(0, m.index - 3), m.index) === 'end') continue;
    const dict = text.slice(Math.max(text.lastIndexOf('<<', m.index), m.index - 4_000, 0), m.index);
    const start = m.index + m[0].length;
    let end = text.indexOf('endstream', start);
    if (end < 0) end = text.length;
    streamAt.lastIndex = end;
    if (/\/Filter/.test(dict) || NOT_CONTENT.test(dict)) continue;
    for (let at = start; at < end; at += 1 << 20) {
      const piece = new Uint8Array(Math.min(1 << 20, end - at));
      for (let i = 0; i < piece.length; i++) piece[i] = text.charCodeAt(at + i);
      counter.feed(piece);
      if (overCounts(counter)) return counter;
    }
    counter.end();
  }
  return counter;
}

function overCounts(c: ContentCounter): PdfTooLarge | null {
  if (c.maxDepth > MAX_NESTING) return { message: `PDF 页面的图形状态嵌套超过 ${n(MAX_NESTING)} 层（q/Q），未读取 — the PDF nests its graphics state (q/Q) more than ${n(MAX_NESTING)} deep: not read` };
  if (c.textRuns > MAX_TEXT_RUNS) return { message: `PDF 的文字片段超过 ${n(MAX_TEXT_RUNS)} 个，未读取 — the PDF has more than ${n(MAX_TEXT_RUNS)} text runs: not read` };
  if (c.operators > MAX_OPERATORS) return { message: `PDF 的绘图指令超过 ${n(MAX_OPERATORS)} 条，未读取 — the PDF has more than ${n(MAX_OPERATORS)} drawing operators: not read` };
  return null;
}
