/**
 * The PDF's pages on the report page: one box per page (its size known before it is drawn), the
 * canvas drawn by pdf.js when the page comes near the screen, and over it a layer of marks — one
 * element per report cell, placed from the cell's `pdf` source box (PDF units at scale 1, origin
 * top-left) times the render scale. The in-page features (marks, tooltip, reveal) work on those
 * elements exactly as they do on a page's <td>s.
 */
import type { CellRef, Report } from '../core';
import { cellId, reportCell } from '../dom-cells';
import type { PDFDocumentProxy } from './pdfjs';

/** A cell's place in the PDF (core CellSource kind 'pdf'). */
export interface PdfBox {
  kind: 'pdf';
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export function pdfBoxOf(report: Report, ref: CellRef): PdfBox | null {
  const src = reportCell(report, ref)?.source as { kind: string } | undefined;
  if (!src || src.kind !== 'pdf') return null;
  const b = src as PdfBox;
  return [b.page, b.x, b.y, b.width, b.height].every(Number.isFinite) ? b : null;
}

/** Pages shown at most (a report has ten or twenty; a huge file is not a report). */
export const MAX_PAGES = 400;

interface PageView {
  number: number;
  el: HTMLElement;
  layer: HTMLElement;
  canvas: HTMLCanvasElement;
  state: 'waiting' | 'drawing' | 'drawn' | 'failed';
}

export class PdfView {
  readonly pages: PageView[] = [];
  private cells = new Map<string, HTMLElement>();
  private observer: IntersectionObserver | null = null;

  constructor(
    private container: HTMLElement,
    private pdf: PDFDocumentProxy,
    /** CSS pixels per PDF unit. */
    readonly scale: number,
  ) {}

  /** Lay out every page at its size, then draw them as they come near the screen. */
  async layout(): Promise<void> {
    const doc = this.container.ownerDocument;
    const count = Math.min(this.pdf.numPages, MAX_PAGES);
    for (let n = 1; n <= count; n++) {
      const page = await this.pdf.getPage(n);
      const vp = page.getViewport({ scale: this.scale });
      const el = doc.createElement('div');
      el.className = 'pdf-page';
      el.dataset.page = String(n);
      el.style.width = `${vp.width}px`;
      el.style.height = `${vp.height}px`;
      const canvas = doc.createElement('canvas');
      const layer = doc.createElement('div');
      layer.className = 'pdf-layer';
      el.append(canvas, layer);
      this.container.append(el);
      this.pages.push({ number: n, el, layer, canvas, state: 'waiting' });
    }
    this.observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (!e.isIntersecting) continue;
          const view = this.pages[Number((e.target as HTMLElement).dataset.page) - 1];
          if (view) void this.draw(view);
        }
      },
      { rootMargin: '1200px 0px' },
    );
    for (const p of this.pages) this.observer.observe(p.el);
  }

  /** Draw every page now (screenshots, printing). */
  async drawAll(): Promise<void> {
    for (const p of this.pages) await this.draw(p);
  }

  private async draw(view: PageView): Promise<void> {
    if (view.state !== 'waiting') return;
    view.state = 'drawing';
    try {
      const page = await this.pdf.getPage(view.number);
      const ratio = Math.min(window.devicePixelRatio || 1, 2);
      const vp = page.getViewport({ scale: this.scale * ratio });
      view.canvas.width = Math.floor(vp.width);
      view.canvas.height = Math.floor(vp.height);
      await page.render({ canvas: view.canvas, viewport: vp }).promise;
      view.state = 'drawn';
      view.el.dataset.drawn = '';
      page.cleanup();
    } catch (err) {
      view.state = 'failed';
      view.el.dataset.failed = '';
      console.warn(`[nianbao] page ${view.number} not drawn`, err);
    }
  }

  /** The mark element of a report cell (made on first use), or null when the cell has no box in this PDF. */
  element(report: Report, ref: CellRef): HTMLElement | null {
    const id = cellId(ref);
    const known = this.cells.get(id);
    if (known) return known;
    const box = pdfBoxOf(report, ref);
    const view = box ? this.pages[box.page - 1] : undefined;
    if (!box || !view) return null;
    const el = this.container.ownerDocument.createElement('div');
    el.className = 'pdf-cell';
    // A little larger than the printed number, so that the outline does not cover it.
    const pad = 2;
    el.style.left = `${box.x * this.scale - pad}px`;
    el.style.top = `${box.y * this.scale - pad}px`;
    el.style.width = `${Math.max(box.width * this.scale, 6) + 2 * pad}px`;
    el.style.height = `${Math.max(box.height * this.scale, 6) + 2 * pad}px`;
    el.dataset.cell = id;
    view.layer.append(el);
    this.cells.set(id, el);
    return el;
  }

  dispose(): void {
    this.observer?.disconnect();
    this.container.replaceChildren();
    this.cells.clear();
    this.pages.length = 0;
    void this.pdf.destroy();
  }
}
