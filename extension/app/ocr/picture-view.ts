/**
 * Pictures of tables shown on an extension page, a layer of marks over each: the pictures page's
 * pictures of a web page, and a picture file chosen on the report page. A picture is decoded here
 * (never drawn into a web page) and turned into the grey page picture OCR reads.
 */
import { pictureScale, readablePicture } from '../../../core/ocr/pictures';
import { toGray } from '../../../core/ocr/raster';
import type { PagePicture } from '../../../core/ocr/read';
import type { CellRef, Report } from '../core';
import { cellId } from '../dom-cells';
import { pdfBoxOf } from '../pdf/viewer';

/** The pictures shown, a mark layer over each: a cell's element at its OCR box (page = picture). */
export class PictureView {
  private cells = new Map<string, HTMLElement>();
  constructor(private layers: { layer: HTMLElement; scale: number }[]) {}
  /** The pictures taken off the page (another file chosen). */
  dispose(): void {
    for (const { layer } of this.layers) {
      const picture = layer.parentElement;
      const img = picture?.querySelector('img');
      if (img?.src.startsWith('blob:')) URL.revokeObjectURL(img.src);
      picture?.remove();
    }
    this.cells.clear();
  }
  element(report: Report, ref: CellRef): HTMLElement | null {
    const id = cellId(ref);
    const known = this.cells.get(id);
    if (known) return known;
    const box = pdfBoxOf(report, ref);
    const at = box ? this.layers[box.page - 1] : undefined;
    if (!box || !at) return null;
    const el = document.createElement('div');
    el.className = 'pdf-cell';
    Object.assign(el.style, { left: `${box.x * at.scale}px`, top: `${box.y * at.scale}px`, width: `${box.width * at.scale}px`, height: `${box.height * at.scale}px` });
    el.dataset.cell = id;
    at.layer.append(el);
    this.cells.set(id, el);
    return el;
  }
}

/** A picture drawn on white and shown in `shown`; null when it does not decode or is out of bounds. */
export async function decodePicture(bytes: Uint8Array, n: number, shown: HTMLElement): Promise<{ picture: PagePicture; layer: HTMLElement; scale: number } | null> {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  const bitmap = await createImageBitmap(blob).catch(() => null);
  if (!bitmap || !readablePicture(bitmap.width, bitmap.height)) return null;
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, bitmap.width, bitmap.height);
  ctx.drawImage(bitmap, 0, 0);
  const image = toGray(ctx.getImageData(0, 0, bitmap.width, bitmap.height).data, bitmap.width, bitmap.height);
  const scale = pictureScale(bitmap.width);
  const page = document.createElement('div');
  page.className = 'pdf-page';
  // as wide as the room beside the panel (412 px) allows, at most the picture's own width
  const width = Math.max(320, Math.min(bitmap.width, 900, window.innerWidth - 412 - 48));
  Object.assign(page.style, { position: 'relative', width: `${width}px`, margin: '12px auto' });
  const img = document.createElement('img');
  img.src = URL.createObjectURL(blob);
  img.style.width = '100%';
  img.alt = '';
  const layer = document.createElement('div');
  layer.className = 'pdf-layer';
  Object.assign(layer.style, { position: 'absolute', inset: '0' });
  page.append(img, layer);
  shown.append(page);
  return { picture: { number: n, width: bitmap.width / scale, height: bitmap.height / scale, scale, image }, layer, scale: (width / bitmap.width) * scale };
}
