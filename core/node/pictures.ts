/**
 * A saved report page whose tables are pictures (<img> where the tables should be, no table text):
 * the CLI reads its local pictures by OCR (core/ocr/report.ts, the same route as a scan) and puts
 * the tables into the page's own report. Only pictures beside the page on disk are read — never
 * an address on the network — at most MAX_PICTURES (core/ocr/pictures.ts) of at most MAX_PICTURE_BYTES each.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Report } from '../model/schema';
import { MAX_PICTURES, pictureAddresses } from '../ocr/pictures';
import type { PagePicture } from '../ocr/read';
import { readPictures, withPictureTables } from '../ocr/report';
import type { OcrOptions } from './ocr';

const MAX_PICTURE_BYTES = 20 * 1024 * 1024;

/** The page's local pictures (beside it on disk, in page order); data:, http(s): and other schemes are left out. */
export function localPictures(html: string, pagePath: string): string[] {
  return pictureAddresses(html, pathToFileURL(resolve(pagePath)).href).map((u) => fileURLToPath(u));
}

/**
 * The page's tables read from its pictures by OCR, put into the page's report; null when the page
 * has no picture that holds a table.
 */
export async function readPictureTables(page: Report, html: string, pagePath: string, opts: OcrOptions = {}): Promise<Report | null> {
  const files = localPictures(html, pagePath);
  if (!files.length) return null;
  const { pagePicture, tesseractEngine } = await import('./ocr');
  const say = opts.onProgress ?? (() => {});
  const deadline = Date.now() + (opts.timeoutMs ?? 300000);
  async function* pictures(): AsyncGenerator<PagePicture> {
    let n = 0;
    for (const [i, file] of files.entries()) {
      const info = await stat(file).catch(() => null);
      if (!info?.isFile() || info.size > MAX_PICTURE_BYTES) continue;
      const picture = await pagePicture(await readFile(file), n + 1).catch(() => null);
      if (!picture) continue;
      say(`OCR 图片 ${i + 1}/${files.length} — OCR picture ${i + 1}/${files.length}`);
      n++;
      yield picture;
    }
  }
  const engine = await tesseractEngine();
  try {
    const tables = await readPictures(pictures(), engine, pagePath, {
      what: '表格为图片',
      signal: opts.signal,
      onProgress: say,
      onCell: () => {
        if (Date.now() > deadline) throw new Error('OCR 超时，未读完 — OCR took too long: stopped');
      },
    });
    return withPictureTables(page, tables);
  } catch {
    return null;
  } finally {
    await engine.close();
  }
}
