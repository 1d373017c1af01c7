/**
 * pictures.html?src=<page> — a report page whose tables are pictures, read on the user's click:
 * the page and its pictures fetched under the extension's host rules (*.gov.cn, or a site the user
 * granted; no redirect followed), the pictures decoded here (never drawn into the web page), their
 * tables read by OCR in this page (app/ocr/engine.ts: tesseract.js and its models from the
 * extension, no network) and the report built by the core (core/ocr/report.ts) — then shown as the
 * pictures with the very marks, tooltips and panel of a report page; unsure cells say 读不准.
 */
import { useEffect, useState } from 'preact/hooks';
import { parseHtml } from '../../../core/parse/html';
import { pictureAddresses, pictureScale, readablePicture } from '../../../core/ocr/pictures';
import { toGray } from '../../../core/ocr/raster';
import type { PagePicture } from '../../../core/ocr/read';
import { readPictures, withPictureTables } from '../../../core/ocr/report';
import { figures } from '../figures';
import { fetchPdf, PdfFetchError } from '../pdf/fetch';
import { startSession, type PdfSession } from '../pdf/session';
import { pdfBoxOf } from '../pdf/viewer';
import { cellId } from '../dom-cells';
import type { CellRef, Report } from '../core';
import { browserEngine } from './engine';

declare global {
  /** The page's state, for the real-browser tests. */
  var __nianbaoPicturesPage: { report: unknown; session: PdfSession | null } | undefined;
}

const isHtml = (b: Uint8Array) => /<(html|body|p|div|img|!doctype)\b/i.test(new TextDecoder().decode(b.subarray(0, 20000)));
const isImage = (b: Uint8Array) => (b[0] === 0x89 && b[1] === 0x50) || (b[0] === 0xff && b[1] === 0xd8) || (b[0] === 0x47 && b[1] === 0x49) || (b[0] === 0x42 && b[1] === 0x4d) || (b[0] === 0x52 && b[1] === 0x49);

/** The pictures shown, a mark layer over each: a cell's element at its OCR box (page = picture). */
class PictureView {
  private cells = new Map<string, HTMLElement>();
  constructor(private layers: { layer: HTMLElement; scale: number }[]) {}
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

async function decode(bytes: Uint8Array, n: number, shown: HTMLElement): Promise<{ picture: PagePicture; layer: HTMLElement; scale: number } | null> {
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

export function PicturesPage({ pages }: { pages: HTMLElement }) {
  const src = new URLSearchParams(location.search).get('src') ?? '';
  const [line, setLine] = useState('正在读取页面 — reading the page');
  const [phase, setPhase] = useState<'busy' | 'ready' | 'error'>('busy');

  const run = async () => {
    const bytes = await fetchPdf(src, undefined, isHtml);
    const html = new TextDecoder().decode(bytes);
    const page = parseHtml(html, { source: src });
    const addresses = pictureAddresses(html, src);
    const layers: { layer: HTMLElement; scale: number }[] = [];
    const pictures: PagePicture[] = [];
    for (const [i, address] of addresses.entries()) {
      setLine(`下载图片 ${i + 1}/${addresses.length} — fetching picture ${i + 1}/${addresses.length}`);
      const data = await fetchPdf(address, undefined, isImage).catch(() => null);
      const read = data && (await decode(data, pictures.length + 1, pages));
      if (!read) continue;
      pictures.push(read.picture);
      layers.push({ layer: read.layer, scale: read.scale });
    }
    if (!pictures.length) throw new PdfFetchError('not-pdf', '页面中没有可读的表格图片 — no picture of a table on the page');
    setLine('正在加载本机 OCR — loading offline OCR');
    // a worker that cannot start (a blocked wasm core) never answers: say so instead of waiting for ever
    const engine = await Promise.race([browserEngine(), new Promise<never>((_, no) => setTimeout(() => no(new PdfFetchError('network', '本机 OCR 无法启动 — offline OCR could not start')), 120_000))]);
    let tables: Report;
    try {
      tables = await readPictures(pictures, engine, src, {
        what: '表格为图片',
        onProgress: setLine,
        onCell: (n, done, total) => done % 10 === 0 && setLine(`OCR 第 ${n}/${pictures.length} 张图：${done}/${total} 格 — OCR picture ${n}/${pictures.length}: cell ${done}/${total}`),
      });
    } finally {
      await engine.close();
    }
    const report = withPictureTables(page, tables);
    globalThis.__nianbaoPicturesPage = { report, session: null };
    if (!figures(report).hasTables) throw new PdfFetchError('not-pdf', '图片中没有读出数据表 — no data table read from the pictures');
    document.body.classList.add('has-panel');
    globalThis.__nianbaoPicturesPage.session = await startSession(report, new PictureView(layers), src, 0);
    const { agency, year } = report.meta;
    document.title = `${[agency, year].filter(Boolean).join(' ')} · 年报透镜 OCR`;
    setPhase('ready');
    setLine('已用本机 OCR 识读表格图片（无联网） — the table pictures were read by offline OCR (no network)');
  };

  useEffect(() => {
    run().catch((err) => {
      setPhase('error');
      setLine(err instanceof PdfFetchError ? err.message : '识别失败 — the pictures could not be read');
    });
  }, []);

  return (
    <>
      <header class="bar">
        <h1>年报透镜 · 识别图片中的表格 Read the tables in the pictures</h1>
        <span class="src" title={src}>
          {src}
        </span>
      </header>
      <p class="message" data-phase={phase} data-kind={phase === 'error' ? 'error' : 'busy'} role="status">
        {line}
      </p>
    </>
  );
}
