/**
 * A picture file chosen or dropped on the report page — a PNG or JPEG: a scanned page, a photo or a
 * screenshot of the tables — read by OCR as a one-page scan, as the CLI reads one: its header
 * checked and its size bounded before it is decoded (core/ocr/picture-size.ts), decoded and shown
 * here with a layer for the marks (./picture-view.ts), its tables read by the extension's
 * tesseract.js (./engine.ts: no network). Loaded only for such a file.
 */
import { PICTURE_UNDECODABLE, pictureProblem } from '../../../core/ocr/picture-size';
import { readPictures } from '../../../core/ocr/report';
import type { Report } from '../core';
import { OCR_LOADING, startEngine, throttled } from './engine';
import { decodePicture, PictureView } from './picture-view';

export class PictureFileError extends Error {
  override name = 'PictureFileError';
}

/** Read the picture's tables by OCR; `shown` gets the picture, `say` one short bilingual line at a time. */
export async function readPictureFile(bytes: Uint8Array, source: string, kind: string, shown: HTMLElement, say: (line: string) => void): Promise<{ report: Report; view: PictureView }> {
  const problem = pictureProblem(bytes);
  if (problem) throw new PictureFileError(problem.message);
  const read = await decodePicture(bytes, 1, shown);
  if (!read) throw new PictureFileError(PICTURE_UNDECODABLE);
  const view = new PictureView([{ layer: read.layer, scale: read.scale }]);
  try {
    say(OCR_LOADING);
    const engine = await startEngine();
    try {
      const report = await readPictures([read.picture], engine, source, {
        what: `图片（${kind}）`,
        onProgress: say,
        onCell: throttled((_n, done, total) => say(`OCR 图片：${done}/${total} 格 — OCR picture: cell ${done}/${total}`)),
      });
      return { report, view };
    } finally {
      await engine.close();
    }
  } catch (err) {
    view.dispose();
    throw err;
  }
}
