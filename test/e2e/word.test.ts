/**
 * Word reports in a real Chromium with the built extension: a report page whose report is an
 * attached .docx or .doc (served under a gov.cn name) offers "check the attached Word document";
 * the report page draws the document's tables from what the core read (text only), marks the
 * wrong cells with the same marks, tooltip and panel as for a PDF; a local .docx or .doc chosen
 * (or dropped) there reads the same; a broken or encrypted file gets its one line. The .docx and .doc are our
 * sample saved by LibreOffice (test/fixtures/word).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue, Report } from '../../core/model/schema';
import { parseDoc } from '../../core/parse/word/doc';
import { parseDocx } from '../../core/parse/word/docx';
import { checkReport } from '../../core/check/index';
import { buildExtension, EXTENSION_DIR, hasChromium, openPopup, readAttachmentOffer, screenshotIfAsked, serveAndLaunch, tabIdFor, type Lens } from './support/browser';
import { readMarks, readPanel } from './support/marks';
import { ROOT } from './support/server';

const WORD = join(ROOT, 'test', 'fixtures', 'word');
const HOST = 'www.shili.gov.cn';
const PAGE_URL = `http://${HOST}/xxgk/ndbg/2024-word.html`;
const DOCX_URL = `http://${HOST}/xxgk/ndbg/P020250120-2024nb.docx`;
const DOC_PAGE_URL = `http://${HOST}/xxgk/ndbg/2024-doc.html`;
const DOC_URL = `http://${HOST}/xxgk/ndbg/P020250120-2024nb.doc`;

const attachmentPage = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>示例市示例局2024年政府信息公开工作年度报告</title></head>
<body><h1>示例市示例局2024年政府信息公开工作年度报告</h1><p>发布日期：2025-01-20</p>
<p>附件：<a href="P020250120-2024nb.docx">示例市示例局2024年政府信息公开工作年度报告.docx</a></p></body></html>`;

const hasBrowser = hasChromium();
const docx = readFileSync(join(WORD, 'report-2024.docx'));
const doc = readFileSync(join(WORD, 'report-2024.doc'));
type Read = { report: Report; issues: Issue[] };
const checked = (report: Report): Read => ({ report, issues: checkReport(report) });
const fromDocx = checked(parseDocx(new Uint8Array(docx), { source: DOCX_URL }));
const fromDoc = checked(parseDoc(new Uint8Array(doc), { source: DOC_URL }));
let lens: Lens;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  if (!hasBrowser) return;
  buildExtension();
  ({ lens, close } = await serveAndLaunch((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/xxgk/ndbg/2024-word.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(attachmentPage);
    else if (path === '/xxgk/ndbg/P020250120-2024nb.docx') res.writeHead(200, { 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }).end(docx);
    else if (path === '/xxgk/ndbg/2024-doc.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(attachmentPage.replaceAll('.docx', '.doc'));
    else if (path === '/xxgk/ndbg/P020250120-2024nb.doc') res.writeHead(200, { 'content-type': 'application/msword' }).end(doc);
    else res.writeHead(404).end('not found');
  }));
}, 300_000);

afterAll(() => close?.());

/** The cells of the issues, as marks may show them (the core read each from a <td> of the document). */
const issueCells = (issues: Issue[]) => new Set(issues.flatMap((i) => i.cells.map((c) => `${c.table}.${c.row}.${c.column}`)));

/** The document drawn, its wrong cells marked on their <td>s, the panel listing the core's issues. */
async function expectMarkedWord(page: Page, name: string, expected: Read = fromDocx): Promise<void> {
  await page.waitForSelector('[data-phase="ready"], [data-phase="problem"], [data-phase="error"]', { state: 'attached', timeout: 30_000 });
  await page.waitForSelector('nianbao-lens[data-state="ready"]', { state: 'attached', timeout: 20_000 });
  // The document's text and tables, as text: the title, the three tables' labels.
  await expect(page.locator('.word-page').textContent()).resolves.toContain('示例市示例局2024年政府信息公开工作年度报告');
  expect(await page.locator('.word-page table').count()).toBeGreaterThanOrEqual(3);
  const marks = await readMarks(page);
  expect(marks.length).toBeGreaterThan(0);
  const allowed = issueCells(expected.issues);
  for (const m of marks) for (const id of m.cells) expect(allowed).toContain(id);
  // Each mark is the <td> that shows its cell's value.
  const marked = await page.$$eval('.word-page td[data-nianbao-cell]', (els) => els.map((e) => ({ cell: e.getAttribute('data-nianbao-cell')!.split(' ')[0], text: e.textContent ?? '' })));
  expect(marked.length).toBeGreaterThan(0);
  for (const m of marked) {
    const [table, ...rest] = m.cell.split('.');
    const column = rest.pop()!;
    const cell = (expected.report as unknown as Record<string, Record<string, Record<string, { raw: string }>>>)[table][rest.join('.')][column];
    expect(m.text).toContain(cell.raw);
  }
  const panel = await readPanel(page);
  expect(panel.map((p) => p.rule).sort()).toEqual(expected.issues.map((i) => i.rule).sort());
  const first = page.locator('.word-page td[data-nianbao-severity="error"]:not([data-nianbao-role="part"])').first();
  await first.scrollIntoViewIfNeeded();
  await first.hover();
  await expect(page.locator('nianbao-lens .tip').textContent()).resolves.toMatch(/\d/);
  await screenshotIfAsked(page, name, { width: 1400, height: 900 });
}

describe.skipIf(!hasBrowser)('Word reports in Chromium', () => {
  it('the Word readers are in their own chunk: neither the content script nor the engine carries them', () => {
    for (const file of ['content-scripts/content.js', 'engine.js']) {
      const code = readFileSync(join(EXTENSION_DIR, file), 'utf8');
      expect(code).not.toContain('word/document.xml');
      expect(code).not.toContain('EncryptedPackage');
    }
  });

  it('the .doc reads to the same cells and issues as the .docx of the same sample (what the marks below rely on)', () => {
    expect(fromDoc.issues.length).toBeGreaterThan(0);
    const key = (i: Issue) => `${i.rule}|${i.cells.map((c) => `${c.table}.${c.row}.${c.column}`).join(',')}`;
    expect(fromDoc.issues.map(key).sort()).toEqual(fromDocx.issues.map(key).sort());
  });

  it('a report page whose report is an attached .doc offers it; report.html reads the .doc and marks the wrong cells', async () => {
    const page = await lens.context.newPage();
    await page.goto(DOC_PAGE_URL, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('nianbao-lens[data-state="attachment"]', { state: 'attached', timeout: 20_000 });
    const offer = await readAttachmentOffer(lens, page);
    expect(offer).toMatchObject({ url: DOC_URL, text: '核对附件 Word 文档' });
    const [report] = await Promise.all([lens.context.waitForEvent('page'), page.mouse.click(offer!.x, offer!.y)]);
    expect(report.url()).toBe(`chrome-extension://${lens.extensionId}/report.html?src=${encodeURIComponent(DOC_URL)}`);
    await expectMarkedWord(report, 'word-doc-from-attachment', fromDoc);
    await report.close();
    await page.close();
  }, 90_000);

  it('a report page whose report is an attached .docx offers it; report.html draws it and marks the wrong cells', async () => {
    const page = await lens.context.newPage();
    await page.goto(PAGE_URL, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('nianbao-lens[data-state="attachment"]', { state: 'attached', timeout: 20_000 });
    const offer = await readAttachmentOffer(lens, page);
    expect(offer).toMatchObject({ url: DOCX_URL, text: '核对附件 Word 文档' });
    // The popup offers it too, named as Word.
    const popup = await openPopup(lens, (await tabIdFor(lens, PAGE_URL))!);
    await popup.waitForSelector('[data-action="check-attachment"]', { state: 'attached', timeout: 10_000 });
    await expect(popup.locator('[data-action="check-attachment"]').textContent()).resolves.toBe('核对附件 Word 文档');
    await popup.close();
    const [report] = await Promise.all([lens.context.waitForEvent('page'), page.mouse.click(offer!.x, offer!.y)]);
    expect(report.url()).toBe(`chrome-extension://${lens.extensionId}/report.html?src=${encodeURIComponent(DOCX_URL)}`);
    await expectMarkedWord(report, 'word-from-attachment');
    await report.close();
    await page.close();
  }, 90_000);

  it('a local .docx and a local .doc chosen (or the .doc dropped) on the page read the same; broken and encrypted files each get one line', async () => {
    const page = await lens.context.newPage();
    await page.goto(`chrome-extension://${lens.extensionId}/report.html`);
    await page.waitForSelector('[data-phase="choose"]', { state: 'attached' });
    await page.locator('input[type="file"]').setInputFiles({ name: 'report-2024.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx });
    await expectMarkedWord(page, 'word-local');
    await page.goto(`chrome-extension://${lens.extensionId}/report.html`);
    await page.waitForSelector('[data-phase="choose"]', { state: 'attached' });
    await page.locator('input[type="file"]').setInputFiles({ name: 'report-2024.doc', mimeType: 'application/msword', buffer: doc });
    await expectMarkedWord(page, 'word-doc-local', fromDoc);
    // Dropped on the page (a trusted drop, as Chromium's input pipeline makes it for a file dragged in from the desktop).
    await page.goto(`chrome-extension://${lens.extensionId}/report.html`);
    await page.waitForSelector('[data-phase="choose"]', { state: 'attached' });
    const cdp = await page.context().newCDPSession(page);
    const data = { items: [], files: [join(WORD, 'report-2024.doc')], dragOperationsMask: 1 };
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, x: 300, y: 300, data });
    await expectMarkedWord(page, 'word-doc-dropped', fromDoc);
    await cdp.detach();
    for (const [name, buffer, line] of [
      ['broken.docx', docx.subarray(0, 4000), /^Word 文档已损坏或不完整，无法读取 — the Word document is broken/],
      ['broken.doc', doc.subarray(0, 20_000), /^Word 文档已损坏或不完整，无法读取 — the Word document is broken/],
      ['encrypted.docx', readFileSync(join(WORD, 'encrypted.docx')), /^Word 文档已加密（需要密码），无法读取 — the Word document is encrypted/],
    ] as const) {
      await page.goto(`chrome-extension://${lens.extensionId}/report.html`);
      await page.waitForSelector('[data-phase="choose"]', { state: 'attached' });
      await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
      await page.waitForSelector('[data-phase="error"]', { state: 'attached', timeout: 20_000 });
      const text = ((await page.locator('[data-phase="error"]').textContent()) ?? '').trim();
      expect(text, name).toMatch(line);
      expect(text.split('\n')).toHaveLength(1);
      expect(await page.locator('nianbao-lens').count()).toBe(0);
    }
    await page.close();
  }, 120_000);
});
