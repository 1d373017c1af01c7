/** Reading report files from disk (Node only): decoding, and choosing the parser by content. */
import { readFile } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { basename } from 'node:path';
import iconv from 'iconv-lite';
import { parseHtml, parseText } from '../parse/index';
import type { Report } from '../model/schema';

/** The charset a page declares (<meta charset> or http-equiv), if any, in its first 4 KB. */
function declaredCharset(head: string): string | null {
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

/** Decode bytes as UTF-8 unless the page declares GBK/GB2312/GB18030 or the bytes are not valid UTF-8. */
export function decodeBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const charset = declaredCharset(head);
  if (charset && /^(gb2312|gbk|gb18030|x-gbk)$/.test(charset)) return iconv.decode(Buffer.from(bytes), 'gb18030');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Not UTF-8: Chinese portals that declare nothing are almost always GBK.
  return isUtf8(buf) ? buf.toString('utf8') : iconv.decode(buf, 'gb18030');
}

export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

export function looksLikeHtml(text: string): boolean {
  return /<(?:html|body|table|p|div|td|!doctype)\b/i.test(text.slice(0, 20000));
}

/** Parse decoded text as a report; throws InputError when it is not a report at all. */
export function parseDecoded(text: string, source: string, kind?: 'html' | 'text'): Report {
  const isHtml = kind ? kind === 'html' : looksLikeHtml(text);
  const report = isHtml ? parseHtml(text, { source }) : parseText(text, { source });
  const cells = Object.keys(report.t2).length + Object.keys(report.t3).length + Object.keys(report.t4).length;
  if (cells === 0) {
    // A report whose tables are pictures or an attachment still has its numbered sections.
    if (report.sections.length >= 3) {
      throw new InputError(source, '是年度报告，但页面中没有可读的数据表（表格可能是图片或附件） — an annual report, but its tables are not in it as text (pictures or an attachment?)');
    }
    throw new InputError(source, '不是政府信息公开年度报告：找不到任何数据表 — not an annual report: no data table found');
  }
  return report;
}

export async function readReportFile(path: string): Promise<Report> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '文件不存在 — no such file' : code === 'EISDIR' ? '是目录 — is a directory' : `无法读取 — cannot read (${code ?? 'error'})`;
    throw new InputError(path, why);
  }
  if (/\.pdf$/i.test(path)) {
    throw new InputError(path, 'PDF 需先转为文本（pdftotext -layout） — convert the PDF to text first (pdftotext -layout)');
  }
  if (bytes.includes(0) && !/\.(html?|txt)$/i.test(path)) {
    throw new InputError(path, '二进制文件，不是网页或文本 — binary file, not a page or text');
  }
  const kind = /\.html?$/i.test(path) ? 'html' : /\.txt$/i.test(path) ? 'text' : undefined;
  return parseDecoded(decodeBytes(bytes), basename(path) === path ? path : path, kind);
}
