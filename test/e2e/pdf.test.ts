/**
 * PDF reports in a real Chromium with the built extension: a report page whose report is an
 * attached PDF (served under a gov.cn name) offers "check the attached PDF"; a PDF opened directly
 * gets "open in Nianbao Lens" in the popup; both open report.html, which draws the PDF with pdf.js,
 * marks the wrong cells over it and exports what the core reads. The PDF is our own sample page
 * printed by Chromium (samples/demo-2024.html, planted defects): test/fixtures/pdf/a4-portal-2024.pdf
 * with its gold (what the HTML parser reads from the same page), else printed here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePdf } from '../../core/parse/pdf/index';
import { checkReport } from '../../core/check/index';
import type { Issue, Report } from '../../core/model/schema';
import { buildExtension, evalInExtensionWorld, EXTENSION_DIR, hasChromium, launch, openPopup, readAttachmentOffer, shotIfAsked, tabIdFor, type Lens } from './support/browser';
import { cellMatches, readMarks, readPanel } from './support/marks';
import { miniPdf } from '../fixtures/pdf/mini-pdf';
import { CORPUS_DIR, findings, hasCorpus } from '../support/corpus';
import { ROOT, SAMPLES_DIR } from './support/server';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'pdf', 'a4-portal-2024');
/** A scan: a page screenshot printed as an image, no text layer. */
const SCAN = join(ROOT, 'test', 'fixtures', 'pdf', 'scan.pdf');
/** The same print through pdf2ps and ps2pdf: the fonts keep their glyphs, not their Unicode maps. */
const PRINT_DRIVER = join(ROOT, 'test', 'fixtures', 'scan', 'print-driver.pdf');

const hasBrowser = hasChromium();

const HOST = 'www.shili.gov.cn';
const PAGE_URL = `http://${HOST}/xxgk/ndbg/2024.html`;
const PDF_URL = `http://${HOST}/xxgk/ndbg/P020250120-2024nb.pdf`;
/** Screenshots to look at, written only when asked for: NIANBAO_SHOTS=<dir>. */
const SHOTS = process.env.NIANBAO_SHOTS ?? '';

/** The attachment page: the report's title and sections, its tables only in the PDF. */
const attachmentPage = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>示例市示例局2024年政府信息公开工作年度报告</title></head>
<body><h1>示例市示例局2024年政府信息公开工作年度报告</h1><p>发布日期：2025-01-20</p>
<p>根据《中华人民共和国政府信息公开条例》，现公布本局2024年政府信息公开工作年度报告。</p>
<p>附件：<a href="P020250120-2024nb.pdf">示例市示例局2024年政府信息公开工作年度报告.pdf</a></p></body></html>`;

/** A page titled without a year (the engine does not load by itself): the user asks for it in the popup. */
const weakTitlePage = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>示例局政府信息公开年报</title></head>
<body><h2>政府信息公开年报</h2><ul><li><a href="P020250120-2024nb.pdf">示例市示例局2024年政府信息公开工作年度报告</a></li></ul></body></html>`;

let pdfBytes: Buffer;
let server: Server;
let port = 0;
let lens: Lens;
/** What the core reads from the same PDF and the same page's HTML: the reference for the browser. */
let fromPdf: { report: Report; issues: Issue[] } | null = null;
/** The gold of the committed fixture: every cell's value as the HTML parser reads the page it was printed from (null when printed here). */
let gold: Record<string, string> | null = null;

function startPdfServer(): Promise<void> {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status: number, body: string | Buffer, type: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (path === '/xxgk/ndbg/2024.html') return send(200, attachmentPage, 'text/html; charset=utf-8');
    if (path === '/xxgk/ndbg/list.html') return send(200, weakTitlePage, 'text/html; charset=utf-8');
    if (path === '/xxgk/ndbg/P020250120-2024nb.pdf') return send(200, pdfBytes, 'application/pdf');
    if (path === '/broken.pdf') return send(200, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41)]), 'application/pdf');
    if (path === '/page.pdf') return send(200, '<html><body>not a pdf</body></html>', 'text/html');
    if (path === '/scan.pdf' && existsSync(SCAN)) return send(200, readFileSync(SCAN), 'application/pdf');
    if (path === '/print-driver.pdf') return send(200, readFileSync(PRINT_DRIVER), 'application/pdf');
    // Hand-written PDFs: CJK text in a font that is not embedded (pdf.js needs its CMaps), and an encrypted one.
    const mini = { texts: [{ x: 60, y: 80, size: 14, str: '示例局2024年政府信息公开工作年度报告' }] };
    if (path === '/mini.pdf') return send(200, Buffer.from(miniPdf([mini])), 'application/pdf');
    if (path === '/encrypted.pdf') return send(200, Buffer.from(miniPdf([mini], { encrypt: true })), 'application/pdf');
    const corpus = /^\/corpus-pdf\/([\w.-]+\.pdf)$/.exec(path);
    if (corpus && existsSync(join(CORPUS_DIR, 'pdf', corpus[1]))) return send(200, readFileSync(join(CORPUS_DIR, 'pdf', corpus[1])), 'application/pdf');
    send(404, 'not found', 'text/plain');
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ((port = (server.address() as AddressInfo).port), ok())));
}

beforeAll(async () => {
  if (!hasBrowser) return;
  buildExtension();
  await startPdfServer();
  lens = await launch({ port });
  if (existsSync(`${FIXTURE}.pdf`)) {
    pdfBytes = readFileSync(`${FIXTURE}.pdf`);
    gold = (JSON.parse(readFileSync(`${FIXTURE}.expected.json`, 'utf8')) as { cells: Record<string, string> }).cells;
  } else {
    // Our own test PDF: the sample page printed by this Chromium (CJK fonts embedded).
    const printer = await lens.context.newPage();
    const html = readFileSync(join(SAMPLES_DIR, 'demo-2024.html'), 'utf8');
    await printer.setContent(html, { waitUntil: 'load' });
    pdfBytes = await printer.pdf({ format: 'A4', printBackground: true });
    await printer.close();
  }
  try {
    const report = await parsePdf(new Uint8Array(pdfBytes), { source: PDF_URL });
    fromPdf = { report, issues: checkReport(report) };
  } catch (err) {
    console.warn(`[nianbao] parsePdf not ready: ${(err as Error).message}`);
  }
}, 300_000);

afterAll(async () => {
  await lens?.close();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
});

type Cells = Record<string, Record<string, { value: number | null; source?: { kind: string; page: number; x: number; y: number } }>>;
const cellOf = (report: Report, id: string) => {
  const [table, ...rest] = id.split('.');
  const column = rest.pop()!;
  return (report as unknown as Record<string, Cells>)[table]?.[rest.join('.')]?.[column];
};

/** The cells of the issues that can be marked: those the report has, with their box in the PDF. */
const markable = (report: Report, issues: Issue[]) =>
  [...new Set(issues.flatMap((i) => i.cells.map((c) => `${c.table}.${c.row}.${c.column}`)))].filter((id) => cellOf(report, id)?.source?.kind === 'pdf').sort();

/**
 * The marks over the PDF are the issues' cells: every marked cell is a cell of an issue, placed from
 * its PDF box, and every issue with a cell in the PDF has a mark (the panel's marks may show only an
 * issue's strongest cell — its suspect or its total — and the others on hover).
 */
async function expectMarksOnIssues(page: Page, core: { report: Report; issues: Issue[] }): Promise<void> {
  const marked = new Set((await readMarks(page)).flatMap((m) => m.cells));
  const allowed = markable(core.report, core.issues);
  expect(marked.size).toBeGreaterThan(0);
  for (const id of marked) expect(allowed).toContain(id);
  for (const issue of core.issues) {
    const own = markable(core.report, [issue]);
    if (own.length) expect(own.some((id) => marked.has(id)), `${issue.rule} ${own.join(' ')} has a mark`).toBe(true);
  }
}

/** table.row.column → value as the long CSV writes it (blank → ''). */
function cellValues(report: Report): Record<string, string> {
  const out: Record<string, string> = {};
  for (const table of ['t2', 't3', 't4'] as const) {
    for (const [row, cols] of Object.entries(report[table] as unknown as Cells)) {
      for (const [col, cell] of Object.entries(cols)) out[`${table}.${row}.${col}`] = cell.value === null ? '' : String(cell.value);
    }
  }
  return out;
}

/** report.html drawn, read and checked (or stopped with a message). */
async function reportReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-phase="ready"], [data-phase="problem"], [data-phase="error"]', { state: 'attached', timeout: 30_000 });
}

/** The marks over the PDF, the panel, and the long CSV exported there — against the core's own reading of the PDF. */
async function expectMarkedPdf(page: Page, name: string): Promise<void> {
  await reportReady(page);
  const pages = await page.locator('.pdf-page').count();
  expect(pages).toBeGreaterThan(0);
  // The first page is drawn (pdf.js, our worker and CMaps).
  await page.waitForSelector('.pdf-page[data-page="1"][data-drawn]', { state: 'attached', timeout: 20_000 });
  await shotIfAsked(page, SHOTS, `${name}.png`);
  if (!fromPdf) {
    // The core's PDF reader is not there yet: the page must say so in one line, never crash.
    await expect(page.locator('[data-phase="problem"]').textContent()).resolves.toMatch(/ — /);
    return;
  }
  await page.waitForSelector('nianbao-lens[data-state="ready"]', { state: 'attached', timeout: 20_000 });
  // Every cell of every error/warning the rules find in the PDF has its mark, and nothing else is marked.
  await expectMarksOnIssues(page, fromPdf);
  // Each mark sits on its cell's box in the PDF (scaled), on the right page.
  const boxes = await page.$$eval('.pdf-cell[data-nianbao-cell]', (els) =>
    els.map((e) => ({
      page: Number((e.closest('.pdf-page') as HTMLElement).dataset.page),
      cell: (e as HTMLElement).dataset.cell!,
      left: (e as HTMLElement).offsetLeft,
      top: (e as HTMLElement).offsetTop,
    })),
  );
  const scale = await page.evaluate(() => globalThis.__nianbaoPdf!.view.scale);
  for (const b of boxes) {
    const src = cellOf(fromPdf.report, b.cell)!.source!;
    expect(src.kind).toBe('pdf');
    expect(b.page).toBe(src.page);
    expect(Math.abs(b.left - (src.x * scale - 2))).toBeLessThan(2);
    expect(Math.abs(b.top - (src.y * scale - 2))).toBeLessThan(2);
  }
  // The panel lists the same issues.
  const panel = await readPanel(page);
  expect(panel.map((p) => p.rule).sort()).toEqual(fromPdf.issues.map((i) => i.rule).sort());
  // Hover a mark: the same tooltip as on a web page.
  const first = page.locator('.pdf-cell[data-nianbao-severity="error"]').first();
  await first.scrollIntoViewIfNeeded();
  await first.hover();
  await expect(page.locator('nianbao-lens .tip').textContent()).resolves.toMatch(/\d/);
  await shotIfAsked(page, SHOTS, `${name}-tooltip.png`);
  // Click an issue in the panel: its mark is scrolled to and flashes.
  await page.locator('nianbao-lens li[data-rule] button.go').first().click();
  await page.waitForSelector('.pdf-cell[data-nianbao-flash]', { state: 'attached', timeout: 5_000 });
  // The long CSV downloaded there: exactly the cells the core reads from the PDF, and the same values as the HTML page's.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('nianbao-lens button[data-export="csv"]').click()]);
  const text = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
  const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
  const got = Object.fromEntries(rows.map((r) => [`${r.table}.${r.row}.${r.column}`, r.value]));
  expect(got).toEqual(cellValues(fromPdf.report));
  // …which for our fixture is its gold key (the core's own fixture test holds the reader to it).
  if (gold) expect(got).toEqual(gold);
  expect(new Set(rows.map((r) => r.source))).toEqual(new Set([PDF_URL]));
  // Dismiss an error with a note: its mark goes, the issues CSV keeps it with the note.
  const item = page.locator('nianbao-lens li[data-severity="error"]').first();
  const rule = await item.getAttribute('data-rule');
  const before = (await readMarks(page)).length;
  await item.locator('.actions button').first().click();
  await item.locator('textarea').fill('已向该局核实');
  await item.locator('.actions button').first().click();
  await expect.poll(async () => (await readMarks(page)).length).toBeLessThan(before);
  const [issuesCsv] = await Promise.all([page.waitForEvent('download'), page.locator('nianbao-lens button[data-export="issues-csv"]').click()]);
  const issuesText = readFileSync((await issuesCsv.path())!, 'utf8');
  expect(issuesText).toContain('【已忽略：已向该局核实】');
  expect(issuesText).toContain(rule!);
  // Restore it for the next run over the same report.
  await page.locator('nianbao-lens details[data-severity="dismissed"] summary').click();
  await page.locator('nianbao-lens details[data-severity="dismissed"] li .actions button').first().click();
  await expect.poll(async () => (await readMarks(page)).length).toBe(before);
}

describe.skipIf(!hasBrowser)('PDF reports in Chromium', () => {
  it('pdf.js is in the report page only: neither the content script nor the engine carries it', () => {
    for (const file of ['content-scripts/content.js', 'engine.js']) expect(readFileSync(join(EXTENSION_DIR, file), 'utf8')).not.toContain('GlobalWorkerOptions');
    const html = readFileSync(join(EXTENSION_DIR, 'report.html'), 'utf8');
    expect(html).toMatch(/<script[^>]+src="[^"]*report[^"]*\.js"/);
    expect(existsSync(join(EXTENSION_DIR, 'pdfjs', 'pdf.worker.min.mjs'))).toBe(true);
    expect(existsSync(join(EXTENSION_DIR, 'pdfjs', 'cmaps', 'UniGB-UCS2-H.bcmap'))).toBe(true);
    // Nothing is web-accessible.
    expect(JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')).web_accessible_resources).toBeUndefined();
  });

  it('a report page whose report is an attached PDF offers it; report.html marks the wrong cells on the PDF', async () => {
    const page = await lens.context.newPage();
    await page.goto(PAGE_URL, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('nianbao-lens[data-state="attachment"]', { state: 'attached', timeout: 20_000 });
    // The offer is in the lens's shadow root (closed in a web page): read through the test hook in
    // the extension's world, clicked as a user does — the mouse at its place (a trusted event).
    const offer = await readAttachmentOffer(lens, page);
    expect(offer).toMatchObject({ url: PDF_URL, text: '核对附件 PDF' });
    await shotIfAsked(page, SHOTS, 'attachment-offer.png');
    // The popup offers it too.
    const popup = await openPopup(lens, (await tabIdFor(lens, PAGE_URL))!);
    await popup.waitForSelector('[data-action="check-attachment"]', { state: 'attached', timeout: 10_000 });
    await expect(popup.locator('[data-attachment]').getAttribute('data-attachment')).resolves.toBe(PDF_URL);
    await shotIfAsked(popup, SHOTS, 'popup-attachment.png');
    await popup.close();
    const [report] = await Promise.all([lens.context.waitForEvent('page'), page.mouse.click(offer!.x, offer!.y)]);
    expect(report.url()).toBe(`chrome-extension://${lens.extensionId}/report.html?src=${encodeURIComponent(PDF_URL)}`);
    await expectMarkedPdf(report, 'report-from-attachment');
    await report.close();
    await page.close();
    if (fromPdf) {
      // Remembered in the collection like any report page — under the PDF's own address.
      const collection = await lens.context.newPage();
      await collection.goto(`chrome-extension://${lens.extensionId}/collection.html`);
      await expect.poll(() => collection.locator(`table.list a[href="${PDF_URL}"]`).count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await collection.close();
    }
  }, 90_000);

  it('a page checked by hand whose report is an attachment: the offer stands beside the panel, and opens the PDF', async () => {
    const page = await lens.context.newPage();
    await page.goto(`http://${HOST}/xxgk/ndbg/list.html`, { waitUntil: 'load' });
    const popup = await openPopup(lens, (await tabIdFor(lens, page.url()))!);
    await popup.locator('[data-action="check"]').click();
    await page.waitForSelector('nianbao-lens[data-state="ready"]', { state: 'attached', timeout: 20_000 });
    await popup.close();
    const readOffer = async () =>
      (await evalInExtensionWorld(
        lens,
        page,
        `(() => { const a = globalThis.__nianbaoAttachment; const b = a && a.root.querySelector('[data-action="check-attachment"]'); if (!b) return null;
          const r = b.closest('.attach').getBoundingClientRect(); const c = b.getBoundingClientRect();
          return { url: a.url, right: r.right, dock: parseFloat(getComputedStyle(document.documentElement).marginRight) || 0, width: innerWidth, x: (c.left + c.right) / 2, y: (c.top + c.bottom) / 2 }; })()`,
      )) as { url: string; right: number; dock: number; width: number; x: number; y: number } | null;
    await expect.poll(async () => (await readOffer())?.url ?? null, { timeout: 10_000 }).toBe(PDF_URL);
    // The panel docks itself after its first paint.
    await expect.poll(async () => (await readOffer())?.dock ?? 0).toBeGreaterThan(0);
    const where = (await readOffer())!;
    // Not over the docked panel.
    expect(where.right).toBeLessThanOrEqual(where.width - where.dock);
    await shotIfAsked(page, SHOTS, 'attachment-beside-panel.png');
    const [report] = await Promise.all([lens.context.waitForEvent('page'), page.mouse.click(where.x, where.y)]);
    expect(report.url()).toContain(`/report.html?src=${encodeURIComponent(PDF_URL)}`);
    await reportReady(report);
    await report.close();
    await page.close();
  }, 60_000);

  it('a PDF opened directly: the popup offers "open in Nianbao Lens", which shows the same', async () => {
    const tab = await lens.context.newPage();
    // Headless Chromium may download a PDF rather than show it; the tab's address is what the popup reads.
    await tab.goto(PDF_URL).catch(() => undefined);
    let tabId = await tabIdFor(lens, PDF_URL);
    if (tabId === null) {
      // The PDF was downloaded, not shown: give the tab the address another way (same as the viewer's).
      await tab.evaluate((u) => history.replaceState(null, '', u), PDF_URL).catch(() => undefined);
      tabId = await tabIdFor(lens, PDF_URL);
    }
    expect(tabId).not.toBeNull();
    const popup = await openPopup(lens, tabId!);
    const open = popup.locator('[data-action="open-pdf"]');
    await expect(open.textContent()).resolves.toBe('在年报透镜中打开');
    await expect(popup.locator('[data-action="check"]').count()).resolves.toBe(0);
    await shotIfAsked(popup, SHOTS, 'popup-open-pdf.png');
    const [report] = await Promise.all([lens.context.waitForEvent('page'), open.click()]);
    await report.waitForLoadState('domcontentloaded');
    expect(report.url()).toContain(`/report.html?src=${encodeURIComponent(PDF_URL)}`);
    await expectMarkedPdf(report, 'report-from-popup');
    // The popup on our own PDF page: everything is in the page's panel, nothing to "check".
    const onReport = await openPopup(lens, (await tabIdFor(lens, report.url()))!);
    await onReport.waitForSelector('[data-pdf-page]', { state: 'attached' });
    await expect(onReport.locator('[data-action="check"]').count()).resolves.toBe(0);
    await onReport.close();
    await report.close();
    await popup.close().catch(() => undefined);
    await tab.close();
  }, 90_000);

  it('says in one line what went wrong: a damaged PDF, a failed download, not a PDF, a site not granted', async () => {
    const page = await lens.context.newPage();
    const base = `chrome-extension://${lens.extensionId}/report.html?src=`;
    const cases: [string, RegExp][] = [
      [`http://${HOST}/broken.pdf`, /PDF 文件已损坏|不是 PDF|无法读取/],
      [`http://${HOST}/missing.pdf`, /服务器返回 404 — .*404/],
      [`http://${HOST}/page.pdf`, /不是 PDF 或 Word 文件 — /],
      [`http://${HOST}/encrypted.pdf`, /加密.* — .*encrypted/],
    ];
    for (const [src, message] of cases) {
      await page.goto(base + encodeURIComponent(src));
      await page.waitForSelector('[data-phase="error"], [data-phase="problem"]', { state: 'attached', timeout: 20_000 });
      const text = (await page.locator('[data-phase="error"], [data-phase="problem"]').textContent()) ?? '';
      expect(text).toMatch(message);
      expect(text.split('\n').length).toBe(1);
      expect(text).toMatch(/[\u4e00-\u9fa5].* — [A-Za-z]/);
    }
    await shotIfAsked(page, SHOTS, 'report-message.png');
    if (existsSync(SCAN)) {
      // A scan: its pages are shown, and the line says why nothing is marked.
      await page.goto(base + encodeURIComponent(`http://${HOST}/scan.pdf`));
      await page.waitForSelector('[data-phase="problem"]', { state: 'attached', timeout: 20_000 });
      await expect(page.locator('[data-phase="problem"]').textContent()).resolves.toMatch(/^扫描件.* — scanned PDF/);
      await page.waitForSelector('.pdf-page[data-page="1"][data-drawn]', { state: 'attached', timeout: 20_000 });
      await expect(page.locator('.pdf-cell').count()).resolves.toBe(0);
      // OCR is offered, and nothing is read before the click.
      await expect(page.locator('[data-action="ocr"]').textContent()).resolves.toBe('用本机 OCR 识读表格');
      await shotIfAsked(page, SHOTS, 'report-scan.png');
      await expect(page.locator('[data-phase="ocr"]').count()).resolves.toBe(0);
      await expect(page.evaluate(() => globalThis.__nianbaoPdf?.report ?? null)).resolves.toBeNull();
      // On the click the extension's own OCR starts (its wasm core and models load in this page) and
      // draws the first page; reading it all is the slow test below.
      await page.locator('[data-action="ocr"]').click();
      await expect.poll(() => page.locator('[data-phase="ocr"]').textContent(), { timeout: 60_000 }).toMatch(/^OCR 第 1\/3 页/);
    }
    // Chinese text in a font the PDF does not embed: read through the bundled CMaps (no table: said so).
    await page.goto(base + encodeURIComponent(`http://${HOST}/mini.pdf`));
    await page.waitForSelector('[data-phase="problem"]', { state: 'attached', timeout: 20_000 });
    const text = await page.evaluate(async () => {
      const view = globalThis.__nianbaoPdf!.view as unknown as { pdf: { getPage(n: number): Promise<{ getTextContent(): Promise<{ items: { str: string }[] }> }> } };
      const content = await (await view.pdf.getPage(1)).getTextContent();
      return content.items.map((i) => i.str).join('');
    });
    expect(text).toContain('政府信息公开工作年度报告');
    // Outside *.gov.cn: the page asks for that one site, on a click, before any download.
    await page.goto(base + encodeURIComponent('http://reports.example.org/2024.pdf'));
    await page.waitForSelector('[data-phase="ask"]', { state: 'attached', timeout: 10_000 });
    await expect(page.locator('[data-action="allow"]').textContent()).resolves.toContain('reports.example.org');
    await page.close();
  }, 60_000);

  it.skipIf(!hasCorpus)('the corpus PDFs on the report page: the CSV exported there is the gold key, every finding is marked or listed', async () => {
    const specs = findings('pdf');
    // In name order: a report's previous year is read (and kept) before it, for the cross-year rules.
    for (const name of Object.keys(specs).sort()) {
      const src = `http://www.huaian.gov.cn/corpus-pdf/${name}`;
      const page = await lens.context.newPage();
      await page.goto(`chrome-extension://${lens.extensionId}/report.html?src=${encodeURIComponent(src)}`);
      await reportReady(page);
      await page.waitForSelector('nianbao-lens[data-state="ready"]', { state: 'attached', timeout: 30_000 });
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('nianbao-lens button[data-export="csv"]').click()]);
      const rows = Papa.parse<Record<string, string>>(readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data;
      const got = Object.fromEntries(rows.map((r) => [`${r.table}.${r.row}.${r.column}`, r.value]));
      const gold = Object.fromEntries(
        readFileSync(join(CORPUS_DIR, 'pdf', name.replace(/\.pdf$/, '.gold.csv')), 'utf8')
          .trim()
          .split(/\r?\n/)
          .slice(1)
          .map((line) => {
            const [table, row, column, value = ''] = line.split(',');
            return [`${table}.${row}.${column}`, value];
          }),
      );
      expect(got, name).toEqual(gold);
      const marks = await readMarks(page);
      const panel = await readPanel(page);
      for (const f of specs[name].must) {
        if (f.table) expect(marks.some((m) => m.rules.some((r) => f.rules.includes(r)) && m.cells.some((c) => cellMatches(c, f))), `${name}: ${f.rules} ${f.table}.${f.row ?? ''}`).toBe(true);
        else expect(panel.some((p) => f.rules.includes(p.rule)), `${name}: ${f.rules}`).toBe(true);
      }
      await shotIfAsked(page, SHOTS, `corpus-${name.replace(/\.pdf$/, '')}.png`);
      await page.close();
    }
  }, 90_000);

  // About a minute of OCR in the browser: with NIANBAO_SLOW_TESTS=1.
  it.runIf(process.env.NIANBAO_SLOW_TESTS === '1')('a print-driver PDF (no Unicode maps): named, and on a click read by OCR in the extension — every cell exact, marked like any PDF', { timeout: 900_000 }, async () => {
    const page = await lens.context.newPage();
    try {
      await page.goto(`chrome-extension://${lens.extensionId}/report.html?src=${encodeURIComponent(`http://${HOST}/print-driver.pdf`)}`);
      await page.waitForSelector('[data-phase="problem"]', { state: 'attached', timeout: 20_000 });
      await expect(page.locator('[data-phase="problem"]').textContent()).resolves.toMatch(/文字层.* — .*text layer/);
      await page.locator('[data-action="ocr"]').click();
      await expect.poll(() => page.locator('[data-phase="ocr"]').textContent(), { timeout: 60_000 }).toMatch(/格 — OCR page/);
      await shotIfAsked(page, SHOTS, 'report-ocr-progress.png');
      await page.waitForSelector('nianbao-lens[data-state="ready"]', { state: 'attached', timeout: 800_000 });
      await shotIfAsked(page, SHOTS, 'report-ocr.png');
      const cells = await page.evaluate(() => {
        const report = globalThis.__nianbaoPdf!.report as Record<string, Record<string, Record<string, { value: number | null }>>>;
        const out: Record<string, string> = {};
        for (const table of ['t2', 't3', 't4']) for (const [row, cols] of Object.entries(report[table])) for (const [col, cell] of Object.entries(cols)) out[`${table}.${row}.${col}`] = String(cell.value ?? '');
        return out;
      });
      const expected = JSON.parse(readFileSync(PRINT_DRIVER.replace(/\.pdf$/, '.expected.json'), 'utf8')).cells as Record<string, string>;
      expect(Object.entries(expected).filter(([k, v]) => (cells[k] ?? '') !== v)).toEqual([]);
      expect(await page.locator('.pdf-cell').count()).toBeGreaterThan(0);
      await expect(page.title()).resolves.toMatch(/年报透镜 OCR$/);
    } finally {
      await page.close();
    }
  });

  it('a local PDF chosen on the page is read the same way', async () => {
    const page = await lens.context.newPage();
    await page.goto(`chrome-extension://${lens.extensionId}/report.html`);
    await page.waitForSelector('[data-phase="choose"]', { state: 'attached' });
    await shotIfAsked(page, SHOTS, 'report-choose.png');
    await page.locator('input[type="file"]').setInputFiles({ name: 'demo-2024.pdf', mimeType: 'application/pdf', buffer: pdfBytes });
    await reportReady(page);
    await page.waitForSelector('.pdf-page[data-page="1"][data-drawn]', { state: 'attached', timeout: 20_000 });
    if (fromPdf) {
      await page.waitForSelector('nianbao-lens[data-state="ready"]', { state: 'attached', timeout: 20_000 });
      await expectMarksOnIssues(page, fromPdf);
      // The page's text is there to select and copy, under the marks.
      await expect.poll(() => page.locator('.pdf-page[data-page="1"] .textLayer').textContent(), { timeout: 10_000 }).toContain('政府信息公开');
      // Zoom in: the pages are drawn again at the new scale, and the marks follow their cells.
      const before = await page.evaluate(() => globalThis.__nianbaoPdf!.view.scale);
      await page.locator('[data-action="zoom-in"]').click();
      const after = await page.evaluate(() => globalThis.__nianbaoPdf!.view.scale);
      expect(after).toBeCloseTo(before * 1.25, 5);
      await page.waitForSelector('.pdf-page[data-drawn]', { state: 'attached', timeout: 20_000 });
      const mark = await page.$eval('.pdf-cell[data-nianbao-cell]', (e) => ({ cell: (e as HTMLElement).dataset.cell!, left: (e as HTMLElement).offsetLeft, top: (e as HTMLElement).offsetTop }));
      const src = cellOf(fromPdf.report, mark.cell)!.source!;
      expect(Math.abs(mark.left - (src.x * after - 2))).toBeLessThan(2);
      expect(Math.abs(mark.top - (src.y * after - 2))).toBeLessThan(2);
      await shotIfAsked(page, SHOTS, 'report-zoomed.png');
      // Two files chosen one right after the other: only the second is shown, once.
      if (existsSync(SCAN)) {
        await page.locator('input[type="file"]').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: readFileSync(SCAN) });
        await page.locator('input[type="file"]').setInputFiles({ name: 'demo-2024.pdf', mimeType: 'application/pdf', buffer: pdfBytes });
        await page.waitForSelector('nianbao-lens[data-state="ready"]', { state: 'attached', timeout: 20_000 });
        await expect.poll(() => page.locator('.src').textContent()).toContain('demo-2024.pdf');
        const shown = await page.evaluate(() => ({ pages: document.querySelectorAll('.pdf-page').length, view: globalThis.__nianbaoPdf!.view.pages.length, lenses: document.querySelectorAll('nianbao-lens').length }));
        expect(shown).toEqual({ pages: shown.view, view: shown.view, lenses: 1 });
      }
    }
    await page.close();
  }, 60_000);
});
