/**
 * A report page whose tables are pictures (test/fixtures/pictures/: our own report, its three
 * tables PNG pictures drawn by Chromium), served under a gov.cn name, in a real Chromium with the
 * built extension: the lens offers 识别图片中的表格; the user's click opens the pictures page, which
 * reads the pictures by OCR inside the extension (tesseract.js, its worker, wasm core and models
 * the extension's own files) and marks the office's wrong number on the picture. No request leaves
 * for anywhere but the page's own pictures while it reads. And a picture file (PNG, JPEG) chosen on
 * the report page is read the same way, as a one-page scan.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension, EXTENSION_DIR, evalInExtensionWorld, hasChromium, serveAndLaunch, shotIfAsked, type Lens } from './support/browser';
import { bombPng } from '../support/bomb-png';
import { readMarks, readPanel } from './support/marks';
import { ROOT } from './support/server';

const DIR = join(ROOT, 'test', 'fixtures', 'pictures');
const HOST = 'www.tupian.gov.cn';
const PAGE_URL = `http://${HOST}/xxgk/ndbg/2023.html`;
const SHOTS = process.env.NIANBAO_SHOTS ?? '';
const hasBrowser = hasChromium();

let lens: Lens;
let close: () => Promise<void>;
/** Every path the server was asked for. */
const served: string[] = [];

beforeAll(async () => {
  if (!hasBrowser) return;
  buildExtension();
  ({ lens, close } = await serveAndLaunch((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    served.push(path);
    const file = path === '/xxgk/ndbg/2023.html' ? 'page.html' : /^\/xxgk\/ndbg\/(table-\d\.png)$/.exec(path)?.[1];
    if (!file || !existsSync(join(DIR, file))) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html; charset=utf-8' : 'image/png', 'cache-control': 'no-store' });
    res.end(readFileSync(join(DIR, file)));
  }));
}, 300_000);

afterAll(async () => {
  await close?.();
});

describe.skipIf(!hasBrowser)('a report page whose tables are pictures', () => {
  it('ships the OCR worker, wasm core and models inside the extension, none web-accessible', () => {
    for (const f of ['worker.min.js', 'tesseract-core-simd-lstm.wasm.js', 'eng.traineddata.gz', 'chi_sim.traineddata.gz']) expect(existsSync(join(EXTENSION_DIR, 'ocr', f))).toBe(true);
    expect(JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')).web_accessible_resources).toBeUndefined();
  });

  /** The offer, read through the test hook in the extension's world (the lens's root is closed in a web page). */
  async function openOffer() {
    const page = await lens.context.newPage();
    await page.goto(PAGE_URL, { waitUntil: 'load' });
    await page.waitForSelector('nianbao-lens[data-state="pictures"]', { state: 'attached', timeout: 30_000 });
    const offer = (await evalInExtensionWorld(
      lens,
      page,
      `(() => { const a = globalThis.__nianbaoPictures; const b = a && a.root.querySelector('[data-action="read-pictures"]'); if (!b) return null;
        const r = b.getBoundingClientRect(); return { pictures: a.pictures, text: b.textContent, x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 }; })()`,
    )) as { pictures: number; text: string; x: number; y: number } | null;
    return { page, offer };
  }

  it('offers to read the pictures, and reads nothing before the click', { timeout: 120_000 }, async () => {
    const before = served.length;
    const { page, offer } = await openOffer();
    expect(offer).toMatchObject({ pictures: 3, text: '识别图片中的表格 / Read the tables in the pictures' });
    await shotIfAsked(page, SHOTS, 'pictures-offer.png');
    // the page and its pictures as the page itself loads them (and the browser's favicon), nothing fetched by us
    expect(served.slice(before).filter((p) => p !== '/favicon.ico').sort()).toEqual(['/xxgk/ndbg/2023.html', '/xxgk/ndbg/table-1.png', '/xxgk/ndbg/table-2.png', '/xxgk/ndbg/table-3.png']);
    await page.close();
  });

  // About a minute of OCR in the browser: with NIANBAO_SLOW_TESTS=1.
  it.runIf(process.env.NIANBAO_SLOW_TESTS === '1')('on a click reads them by OCR in the extension and marks the wrong number — no request but the page and its pictures', { timeout: 900_000 }, async () => {
    const requests: string[] = [];
    lens.context.on('request', (r) => requests.push(r.url()));
    const { page, offer } = await openOffer();
    const before = served.length;
    const [reader] = await Promise.all([lens.context.waitForEvent('page'), page.mouse.click(offer!.x, offer!.y)]);
    expect(reader.url()).toBe(`chrome-extension://${lens.extensionId}/pictures.html?src=${encodeURIComponent(PAGE_URL)}`);
    await reader.waitForSelector('[data-phase="ready"], [data-phase="error"]', { state: 'attached', timeout: 850_000 });
    await shotIfAsked(reader, SHOTS, 'pictures-read.png', true);
    await expect(reader.locator('[data-phase]').getAttribute('data-phase')).resolves.toBe('ready');
    // the office's own wrong number (予以公开·自然人 one too many) is marked as an error on the picture
    const marks = await readMarks(reader);
    expect(marks.some((m) => m.severity === 'error' && m.cells.some((c) => c.startsWith('t3.granted.')))).toBe(true);
    expect((await readPanel(reader)).some((i) => i.severity === 'error')).toBe(true);
    const report = (await reader.evaluate(() => globalThis.__nianbaoPicturesPage?.report)) as { meta: { agency: string }; diagnostics: { code: string }[] };
    expect(report.meta.agency).toBe('示例县图片局');
    expect(report.diagnostics.some((d) => d.code === 'pdf.ocr')).toBe(true);
    // what the reading asked the network for: the page and its three pictures, nothing else
    expect(served.slice(before).filter((p) => p !== '/favicon.ico').sort()).toEqual(['/xxgk/ndbg/2023.html', '/xxgk/ndbg/table-1.png', '/xxgk/ndbg/table-2.png', '/xxgk/ndbg/table-3.png']);
    expect(requests.filter((u) => !u.startsWith(`chrome-extension://${lens.extensionId}/`) && !u.startsWith(`http://${HOST}/`) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    await reader.close();
    await page.close();
  });

  /** The report page, fresh, and a way to choose a file on it. */
  async function reportPage() {
    const page = await lens.context.newPage();
    await page.goto(`chrome-extension://${lens.extensionId}/report.html`);
    await page.waitForSelector('[data-phase="choose"]', { state: 'attached' });
    const choose = (name: string, buffer: Buffer) => page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'image/png', buffer });
    return { page, choose };
  }

  /** A whole, decodable PNG of a page with lines of ink and no ruled table. */
  async function untabledPng(): Promise<Buffer> {
    const { createCanvas } = await import('@napi-rs/canvas');
    const canvas = createCanvas(1240, 900);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = '#222';
    for (let line = 0; line < 12; line++) for (let x = 120; x < 1100; x += 26) ctx.fillRect(x, 120 + line * 52, 18, 22);
    return canvas.toBuffer('image/png');
  }

  it('a picture file chosen on the report page: too large or not PNG/JPEG is one line; a PNG is shown and its OCR starts', { timeout: 120_000 }, async () => {
    const { page, choose } = await reportPage();
    try {
      // A small file declaring 100000×90000 pixels: refused from its header, never decoded.
      await choose('bomb.png', bombPng(100_000, 90_000));
      await page.waitForSelector('[data-phase="error"]', { state: 'attached', timeout: 20_000 });
      await expect(page.locator('[data-phase="error"]').textContent()).resolves.toMatch(/^图片 100000×90000 像素，过小或过大，未识读 — /);
      await choose('scan.gif', Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64)]));
      await expect.poll(() => page.locator('[data-phase="error"]').textContent()).toMatch(/^scan\.gif 不是 PDF、Word 文件或 PNG、JPEG 图片 — /);
      // A picture with text but no table: OCR runs and says so, as the CLI does — not that OCR failed.
      await choose('notice.png', await untabledPng());
      await expect.poll(() => page.locator('[data-phase="error"]').textContent(), { timeout: 120_000 }).toBe('OCR 未能读出数据表 — OCR found no data table');
      // Our picture of table 2: shown on the page, and read (the whole read is the slow test below).
      await choose('table-1.png', readFileSync(join(DIR, 'table-1.png')));
      await expect.poll(() => page.locator('[data-phase="ocr"]').textContent()).toMatch(/OCR/);
      await expect(page.locator('.pdf-page img').count()).resolves.toBe(1);
    } finally {
      await page.close();
    }
  });

  // Some seconds of OCR in the browser: with NIANBAO_SLOW_TESTS=1.
  it.runIf(process.env.NIANBAO_SLOW_TESTS === '1')('a picture file chosen on the report page is read by OCR as a one-page scan: every value right, marked on the picture', { timeout: 300_000 }, async () => {
    const { page, choose } = await reportPage();
    try {
      await choose('table-1.png', readFileSync(join(DIR, 'table-1.png')));
      await page.waitForSelector('nianbao-lens[data-state="ready"], [data-phase="error"], [data-phase="problem"]', { state: 'attached', timeout: 240_000 });
      await shotIfAsked(page, SHOTS, 'report-picture-file.png');
      const report = (await page.evaluate(() => globalThis.__nianbaoPicturesPage?.report)) as { t2: Record<string, Record<string, { value: number | null }>>; diagnostics: { code: string; message: string }[] };
      expect(report.diagnostics.find((d) => d.code === 'pdf.ocr')?.message).toContain('图片（PNG）');
      const expected = Object.entries(JSON.parse(readFileSync(join(DIR, 'page.expected.json'), 'utf8')).cells as Record<string, string>).filter(([k]) => k.startsWith('t2.'));
      expect(expected.length).toBeGreaterThanOrEqual(10);
      expect(expected.filter(([k, v]) => String(report.t2[k.split('.')[1]]?.[k.split('.')[2]]?.value ?? '') !== v)).toEqual([]);
      await expect(page.locator('.pdf-page img').count()).resolves.toBe(1);
      await expect(page.title()).resolves.toBe('table-1.png · 年报透镜 OCR');
    } finally {
      await page.close();
    }
  });
});
