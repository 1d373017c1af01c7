/**
 * The PDF's pages on the report page: one box per page (its size known before it is drawn), the
 * canvas drawn by pdf.js when the page comes near the screen, and over it a layer of marks — one
 * element per report cell, placed from the cell's `pdf` source box (PDF units at scale 1, origin
 * top-left) times the render scale. The in-page features (marks, tooltip, reveal) work on those
 * elements exactly as they do on a page's <td>s.
 */
import type { CellRef, Report } from '../core';
import { cellId, reportCell } from '../dom-cells';
import { pdfjsLib, type PDFDocumentProxy } from './pdfjs';

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
/** Zoom bounds, CSS pixels per PDF unit. */
export const MIN_SCALE = 0.5;
export const MAX_SCALE = 3;

interface PageView {
  number: number;
  /** Size at scale 1 (PDF units, rotation applied). */
  width: number;
  height: number;
  el: HTMLElement;
  layer: HTMLElement;
  canvas: HTMLCanvasElement;
  /** The page's text as pdf.js lays it out (transparent, selectable), made once, updated on zoom. */
  text?: { div: HTMLElement; layer: { update(o: { viewport: unknown }): void } };
  state: 'waiting' | 'drawing' | 'drawn' | 'failed';
}

export class PdfView {
  readonly pages: PageView[] = [];
  private cells = new Map<string, { el: HTMLElement; box: PdfBox }>();
  private observer: IntersectionObserver | null = null;
  private disposed = false;

  constructor(
    private container: HTMLElement,
    private pdf: PDFDocumentProxy,
    /** CSS pixels per PDF unit. */
    public scale: number,
  ) {}

  /** Lay out every page at its size, then draw them as they come near the screen. */
  async layout(): Promise<void> {
    const doc = this.container.ownerDocument;
    const count = Math.min(this.pdf.numPages, MAX_PAGES);
    for (let n = 1; n <= count; n++) {
      const page = await this.pdf.getPage(n);
      // Another PDF was opened meanwhile: this view is gone.
      if (this.disposed) return;
      const vp = page.getViewport({ scale: 1 });
      const el = doc.createElement('div');
      el.className = 'pdf-page';
      el.dataset.page = String(n);
      const canvas = doc.createElement('canvas');
      const layer = doc.createElement('div');
      layer.className = 'pdf-layer';
      el.append(canvas, layer);
      this.container.append(el);
      const view: PageView = { number: n, width: vp.width, height: vp.height, el, layer, canvas, state: 'waiting' };
      this.size(view);
      this.pages.push(view);
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

  private size(view: PageView): void {
    view.el.style.width = `${view.width * this.scale}px`;
    view.el.style.height = `${view.height * this.scale}px`;
    // pdf.js's text layer sizes its glyphs by this.
    view.el.style.setProperty('--total-scale-factor', String(this.scale));
  }

  private place(el: HTMLElement, box: PdfBox): void {
    // A little larger than the printed number, so that the outline does not cover it.
    const pad = 2;
    el.style.left = `${box.x * this.scale - pad}px`;
    el.style.top = `${box.y * this.scale - pad}px`;
    el.style.width = `${Math.max(box.width * this.scale, 6) + 2 * pad}px`;
    el.style.height = `${Math.max(box.height * this.scale, 6) + 2 * pad}px`;
  }

  /**
   * Zoom: pages and marks take the new scale at once (the marks keep their elements, so everything
   * the features set on them stays); the canvases are drawn again as they come near the screen.
   */
  setScale(scale: number): void {
    const anchor = this.pages.find((p) => p.el.getBoundingClientRect().bottom > 0);
    const within = anchor ? -anchor.el.getBoundingClientRect().top / (anchor.height * this.scale) : 0;
    this.scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
    for (const p of this.pages) {
      this.size(p);
      if (p.state !== 'drawing') p.state = 'waiting';
      delete p.el.dataset.drawn;
      this.observer?.unobserve(p.el);
      this.observer?.observe(p.el);
    }
    for (const { el, box } of this.cells.values()) this.place(el, box);
    // Keep the same place of the same page in view.
    if (anchor) anchor.el.scrollIntoView({ block: 'start', inline: 'nearest' });
    if (anchor && within > 0) window.scrollBy(0, within * anchor.height * this.scale);
  }

  /** Draw every page now (screenshots, printing). */
  async drawAll(): Promise<void> {
    for (const p of this.pages) await this.draw(p);
  }

  private async draw(view: PageView): Promise<void> {
    if (view.state !== 'waiting' || this.disposed) return;
    view.state = 'drawing';
    const scale = this.scale;
    try {
      const page = await this.pdf.getPage(view.number);
      const ratio = Math.min(window.devicePixelRatio || 1, 2);
      // Drawn off screen, then shown at once: no blank page while zooming.
      const canvas = view.canvas.ownerDocument.createElement('canvas');
      const vp = page.getViewport({ scale: scale * ratio });
      canvas.width = Math.floor(vp.width);
      canvas.height = Math.floor(vp.height);
      await page.render({ canvas, viewport: vp }).promise;
      view.canvas.replaceWith(canvas);
      view.canvas = canvas;
      await this.drawText(view, page, scale);
      page.cleanup();
      if (scale !== this.scale) {
        // Zoomed while drawing: draw again at the new scale.
        view.state = 'waiting';
        return void this.draw(view);
      }
      view.state = 'drawn';
      view.el.dataset.drawn = '';
    } catch (err) {
      view.state = 'failed';
      view.el.dataset.failed = '';
      console.warn(`[nianbao] page ${view.number} not drawn`, err);
    }
  }

  /** The text layer: selectable text over the canvas, under the marks. A page without it still shows. */
  private async drawText(view: PageView, page: Awaited<ReturnType<PDFDocumentProxy['getPage']>>, scale: number): Promise<void> {
    try {
      const viewport = page.getViewport({ scale });
      if (view.text) return view.text.layer.update({ viewport });
      const div = view.el.ownerDocument.createElement('div');
      div.className = 'textLayer';
      view.el.insertBefore(div, view.layer);
      const layer = new (pdfjsLib().TextLayer)({ textContentSource: page.streamTextContent(), container: div, viewport });
      view.text = { div, layer };
      await layer.render();
    } catch (err) {
      console.warn(`[nianbao] text of page ${view.number} not laid out`, err);
    }
  }

  /** The mark element of a report cell (made on first use), or null when the cell has no box in this PDF. */
  element(report: Report, ref: CellRef): HTMLElement | null {
    const id = cellId(ref);
    const known = this.cells.get(id);
    if (known) return known.el;
    const box = pdfBoxOf(report, ref);
    const view = box ? this.pages[box.page - 1] : undefined;
    if (!box || !view) return null;
    const el = this.container.ownerDocument.createElement('div');
    el.className = 'pdf-cell';
    this.place(el, box);
    el.dataset.cell = id;
    view.layer.append(el);
    this.cells.set(id, { el, box });
    return el;
  }

  dispose(): void {
    this.disposed = true;
    this.observer?.disconnect();
    this.container.replaceChildren();
    this.cells.clear();
    this.pages.length = 0;
    void this.pdf.destroy();
  }
}
