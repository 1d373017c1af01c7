/** Reading report files from disk (Node only): decoding, and choosing the parser by content. */
import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { parseHtml, parseText } from '../parse/index';
import { parseHtmlUtf8 } from '../parse/html';
import { OTHER_DOCUMENT_MESSAGES, WordReadError } from '../parse/word/errors';
import { isOleBytes, isZipBytes } from '../parse/word/sniff';
import { OCR_PICTURE_KINDS, pictureKind } from '../ocr/picture-size';
import type { Report } from '../model/schema';
import { InputError, type InputErrorKind } from './input-error';
import { ocrOn, readPictureByOcr } from './ocr-entry';

export { InputError, type InputErrorKind };

/** The charset a page declares (<meta charset> or http-equiv), if any, in its first 4 KB. */
function declaredCharset(head: string): string | null {
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

const GB = /^(gb2312|gbk|gb18030|x-gbk|cp936)$/;

/** How decodeBytes reads a page's bytes ('-bom': after its byte-order mark). */
type Encoding = 'utf-8-bom' | 'utf-16le-bom' | 'utf-16be-bom' | 'gb18030' | 'utf-16le' | 'utf-16be' | 'utf-8';

/** One decoder for every page's head (making one per page cost more than the decoding). */
const LATIN1 = new TextDecoder('latin1');

/**
 * A byte-order mark first (UTF-8, UTF-16 LE/BE), then the charset the server or the page (in its
 * first 4 KB) declares (GBK/GB2312/GB18030, UTF-16), then UTF-8 when the bytes are valid UTF-8,
 * else GB18030: Chinese portals that declare nothing are almost always GBK.
 */
function encodingOf(bytes: Uint8Array, declared?: string | null): Encoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le-bom';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be-bom';
  const charset = declared?.toLowerCase() || declaredCharset(LATIN1.decode(bytes.subarray(0, 4096)));
  if (charset && GB.test(charset)) return 'gb18030';
  if (charset && /^utf-?16(?:le)?$/.test(charset)) return 'utf-16le';
  if (charset === 'utf-16be') return 'utf-16be';
  return isUtf8(bytes) ? 'utf-8' : 'gb18030';
}

/** Decode a page's bytes as encodingOf tells (pass the encoding when it is already known). */
export function decodeBytes(bytes: Uint8Array, declared?: string | null, encoding: Encoding = encodingOf(bytes, declared)): string {
  switch (encoding) {
    case 'utf-8-bom':
      return new TextDecoder('utf-8').decode(bytes.subarray(3));
    case 'utf-16le-bom':
    case 'utf-16be-bom':
      return new TextDecoder(encoding.slice(0, 8)).decode(bytes.subarray(2));
    case 'utf-16le':
    case 'utf-16be':
      return new TextDecoder(encoding).decode(bytes);
    case 'gb18030':
      return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
    case 'utf-8':
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }
}

/** Files larger than this are not read (a report page is well under 5 MB, a PDF report under 50 MB). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

const size = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/**
 * A regular file's bytes, at most maxBytes: FIFOs, devices and sockets are refused before they are
 * opened (reading /dev/zero never ends; opening a FIFO waits for a writer).
 */
export async function readRegularFile(path: string, maxBytes = MAX_FILE_BYTES): Promise<Uint8Array> {
  const fail = (err: unknown): never => {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? '文件不存在 — no such file'
        : code === 'EACCES' || code === 'EPERM'
          ? '没有读取权限 — permission denied'
          : `无法读取 — cannot read (${code ?? 'error'})`;
    throw new InputError(path, why);
  };
  // Synchronous calls: a batch reads thousands of small files on its worker threads, and the
  // promise API's round trips through the thread pool cost more CPU than the reads themselves.
  let st: Stats;
  try {
    st = statSync(path);
  } catch (err) {
    return fail(err);
  }
  if (st.isDirectory()) throw new InputError(path, '是目录 — is a directory');
  if (!st.isFile()) throw new InputError(path, '不是普通文件（设备、管道或套接字） — not a regular file (a device, FIFO or socket)');
  if (st.size > maxBytes) throw new InputError(path, `文件太大（${size(st.size)}，上限 ${size(maxBytes)}） — file too large (${size(st.size)}, limit ${size(maxBytes)})`);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    return fail(err);
  }
  try {
    // Read at most maxBytes + 1, whatever the size said: the file may be growing.
    const buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(st.size, 0) + 64 * 1024));
    let total = 0;
    for (;;) {
      if (total === buf.length) break;
      const bytesRead = readSync(fd, buf, total, buf.length - total, total);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    if (total > maxBytes) throw new InputError(path, `文件太大（上限 ${size(maxBytes)}） — file too large (limit ${size(maxBytes)})`);
    return new Uint8Array(buf.buffer, buf.byteOffset, total);
  } catch (err) {
    if (err instanceof InputError) throw err;
    return fail(err);
  } finally {
    try {
      closeSync(fd);
    } catch {
      // closing a file we only read cannot lose anything
    }
  }
}

export function looksLikeHtml(text: string): boolean {
  return /<(?:html|body|table|p|div|td|!doctype)\b/i.test(text.slice(0, 20000));
}

/** Parse decoded text as a report; throws InputError when it is not a report at all. */
export function parseDecoded(text: string, source: string, kind?: 'html' | 'text'): Report {
  const isHtml = kind ? kind === 'html' : looksLikeHtml(text);
  return requireTables(isHtml ? parseHtml(text, { source }) : parseText(text, { source }), source);
}

/** Whether any of tables 2–4 was read (a row at least). */
function hasTableRows(report: Report): boolean {
  return Object.keys(report.t2).length + Object.keys(report.t3).length + Object.keys(report.t4).length > 0;
}

/** The report, when it has tables; else an InputError saying whether it is a report without readable tables or no report. */
export function requireTables(report: Report, source: string, where: 'page' | 'word' = 'page'): Report {
  if (report.meta.format === 'older') return report; // named as such, its tables not read
  if (!hasTableRows(report)) {
    // A report whose tables are pictures or an attachment still has its numbered sections.
    if (report.sections.length >= 3) {
      throw new InputError(
        source,
        where === 'word'
          ? '是年度报告，但 Word 文档中没有可读的数据表（表格可能是图片） — an annual report, but the Word document has no tables as text (pictures?)'
          : '是年度报告，但页面中没有可读的数据表（表格可能是图片或附件） — an annual report, but its tables are not in it as text (pictures or an attachment?)',
      );
    }
    // A page cut at a limit is named for what was too large, not as "not a report".
    const cut = report.diagnostics.find((d) => d.code === 'html.too-many-nodes' || d.code === 'html.too-many-cells');
    if (cut) throw new InputError(source, cut.message);
    throw new InputError(source, `不是政府信息公开年度报告：${where === 'word' ? 'Word 文档中' : ''}找不到任何数据表 — not an annual report: no data table found${where === 'word' ? ' in the Word document' : ''}`, 'not-report');
  }
  return report;
}

/** True when the bytes start like a PDF (%PDF- within the first 1 KB, as readers accept). */
export function isPdfBytes(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + 5 <= head.length; i++) {
    if (head[i] === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) return true;
  }
  return false;
}

export interface BytesHints {
  /** A file name or URL path: .pdf, .docx/.doc, .html/.htm, .txt/.md decide the reader. */
  name?: string;
  /** The server's content type (charset included), for a download. */
  contentType?: string;
}

/** Content types servers give Word files. */
const WORD_TYPES = /application\/(?:msword|vnd\.openxmlformats-officedocument\.wordprocessingml|vnd\.ms-word)/;

/**
 * Bytes of a page, a text, a PDF or a Word file → Report. PDFs (by name, content type or the
 * %PDF- signature) go to pdf.js (core/node/pdf.ts, loaded only then); Word files (.docx/.doc by
 * name or content type, or a zip / OLE file) to core/node/word.ts; everything else is decoded
 * and parsed.
 */
export async function reportFromBytes(bytes: Uint8Array, source: string, hints: BytesHints = {}): Promise<Report> {
  const name = (hints.name ?? '').replace(/[?#].*$/, '');
  const type = (hints.contentType ?? '').toLowerCase();
  if (isPdfBytes(bytes) || /\.pdf$/i.test(name) || type.includes('application/pdf')) {
    const { parsePdfFile } = await import('./pdf');
    return parsePdfFile(bytes, source);
  }
  const wordName = /\.docx?$/i.test(name) || WORD_TYPES.test(type);
  if (/\.ofd$/i.test(name)) throw new InputError(source, OTHER_DOCUMENT_MESSAGES.ofd, 'unreadable');
  if (isZipBytes(bytes) || isOleBytes(bytes)) {
    const { parseWordFile } = await import('./word');
    return requireTables(await parseWordFile(bytes, source), source, 'word');
  }
  if (wordName) {
    // Portals also publish a page saved by Word as "HTML" under a .doc name: read it as the page it is.
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 64));
    if (head.startsWith('{\\rtf')) throw new InputError(source, 'RTF 文档（扩展名为 Word），暂不能读取 — an RTF document named as Word: not read', 'unreadable');
    if (bytes.subarray(0, 8192).includes(0) || !looksLikeHtml(decodeBytes(bytes.subarray(0, 20000)))) {
      throw new InputError(source, new WordReadError('not-word').message, 'not-report');
    }
    return parseDecoded(decodeBytes(bytes, null), source, 'html');
  }
  const picture = pictureKind(bytes);
  if (picture) return readPictureFile(bytes, source, picture);
  if (new TextDecoder('latin1').decode(bytes.subarray(0, 6)).startsWith('{\\rtf')) {
    throw new InputError(source, 'RTF 文档，暂不能读取：请在 Word 或 WPS 中另存为 .docx 或 PDF — an RTF document: not read; save it as .docx or PDF from Word or WPS', 'unreadable');
  }
  const bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!bom && bytes.subarray(0, 8192).includes(0) && !/\.(html?|txt|md)$/i.test(name)) {
    throw new InputError(source, '二进制文件，不是网页、文本、PDF 或 Word 文档 — binary file, not a page, text, PDF or Word document', 'not-report');
  }
  const charset = /charset\s*=\s*["']?([\w-]+)/.exec(type)?.[1] ?? null;
  const kind = /\.html?$/i.test(name) || type.includes('html') ? 'html' : /\.(txt|md)$/i.test(name) || type.startsWith('text/plain') || type.startsWith('text/markdown') ? 'text' : undefined;
  const encoding = encodingOf(bytes, charset);
  // A page in UTF-8 (most are) goes to the parser as bytes: it decodes only what it reads.
  if (kind === 'html' && encoding === 'utf-8') return requireTables(parseHtmlUtf8(bytes, { source }), source);
  return parseDecoded(decodeBytes(bytes, charset, encoding), source, kind);
}

/** A picture file: a PNG or JPEG is read by OCR like a one-page scan (unless OCR is off); other formats are named. */
async function readPictureFile(bytes: Uint8Array, source: string, kind: string): Promise<Report> {
  if (!OCR_PICTURE_KINDS.has(kind))
    throw new InputError(source, `图片文件（${kind}），暂不能识读：扫描件或表格图片请存为 PNG、JPEG 或 PDF 后读取（本机 OCR） — a picture (${kind}), not read: save a scan or a picture of the tables as PNG, JPEG or PDF to have it read (offline OCR)`, 'unreadable');
  if (!ocrOn()) throw new InputError(source, `图片文件（${kind}）：OCR 已关闭（--no-ocr），未识读 — a picture (${kind}): OCR is off (--no-ocr), not read`, 'unreadable');
  const report = await readPictureByOcr(bytes, source, kind);
  if (!hasTableRows(report)) throw new InputError(source, `图片文件（${kind}）：OCR 未在图中找到数据表 — a picture (${kind}): OCR found no data table in it`, 'unreadable');
  return report;
}

/** A report file on disk (page, text, PDF or Word): only a regular file, at most MAX_FILE_BYTES. */
export async function readReportFile(path: string): Promise<Report> {
  const bytes = await readRegularFile(path);
  try {
    return await reportFromBytes(bytes, path, { name: path });
  } catch (err) {
    // A saved page whose tables are pictures beside it: read them by OCR (off with --no-ocr).
    if (!(err instanceof InputError) || !/\.html?$/i.test(path) || process.env.NIANBAO_NO_OCR === '1') throw err;
    const html = decodeBytes(bytes, null);
    const page = parseHtml(html, { source: path });
    if (Object.keys(page.t2).length + Object.keys(page.t3).length + Object.keys(page.t4).length > 0 || page.sections.length < 3) throw err;
    const { readPictureTables } = await import('./pictures');
    const progress = process.env.NIANBAO_OCR_PROGRESS === '1' ? (line: string) => process.stderr.write(`nianbao: ${path}: ${line}\n`) : undefined;
    const read = await readPictureTables(page, html, path, { onProgress: progress });
    if (!read) throw err;
    return requireTables(read, path);
  }
}
