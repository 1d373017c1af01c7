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
import { pictureAddresses } from '../../../core/ocr/pictures';
import type { PagePicture } from '../../../core/ocr/read';
import { readPictures, withPictureTables } from '../../../core/ocr/report';
import { figures } from '../figures';
import { fetchPdf, PdfFetchError } from '../pdf/fetch';
import { startSession, type PdfSession } from '../pdf/session';
import type { Report } from '../core';
import { OCR_LOADING, startEngine } from './engine';
import { decodePicture, PictureView } from './picture-view';

declare global {
  /** The page's state, for the real-browser tests. */
  var __nianbaoPicturesPage: { report: unknown; session: PdfSession | null } | undefined;
}

const isHtml = (b: Uint8Array) => /<(html|body|p|div|img|!doctype)\b/i.test(new TextDecoder().decode(b.subarray(0, 20000)));
const isImage = (b: Uint8Array) => (b[0] === 0x89 && b[1] === 0x50) || (b[0] === 0xff && b[1] === 0xd8) || (b[0] === 0x47 && b[1] === 0x49) || (b[0] === 0x42 && b[1] === 0x4d) || (b[0] === 0x52 && b[1] === 0x49);

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
      const read = data && (await decodePicture(data, pictures.length + 1, pages));
      if (!read) continue;
      pictures.push(read.picture);
      layers.push({ layer: read.layer, scale: read.scale });
    }
    if (!pictures.length) throw new PdfFetchError('not-pdf', '页面中没有可读的表格图片 — no picture of a table on the page');
    setLine(OCR_LOADING);
    const engine = await startEngine().catch((err) => {
      throw new PdfFetchError('network', err instanceof Error ? err.message : String(err));
    });
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
