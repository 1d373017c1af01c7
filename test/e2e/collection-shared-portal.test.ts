/**
 * The CLI's test portal (test/support/portal-site.ts: two list pages, the second in GBK and reached
 * only through createPageHTML, a news item, a notice, a dead link, a link to another site, a PDF
 * attachment page, a Word file, a missing year, a late report, a planted carry-over error) served
 * under a gov.cn host name, collected from the popup in Chromium: the collection holds the HTML
 * reports, the matrix shows the missing year and the late report, the cross-year finding appears in the panel when
 * a collected report is opened. Build: NIANBAO_OUT_DIR (e.g. .output-h7).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A, B, C, DEAD_PATH, LIST_PATH, portalPages, portalReports, WORD_PATH } from '../support/portal-site';
import { buildExtension, collectFromPopup, hasChromium, launch, matrixCell, openTab, screenshotIfAsked, waitForLens, type Lens } from './support/browser';
import { lensCount } from './support/lens';
import { WORD_MESSAGES } from '../../core/parse/word/errors';

const hasBrowser = hasChromium();

const HOST = 'www.ndbg-demo.gov.cn';
const ORIGIN = `http://${HOST}`;
let server: Server;
let lens: Lens;
const asked: string[] = [];

beforeAll(async () => {
  if (!hasBrowser) return;
  buildExtension();
  const pages = portalPages(ORIGIN);
  server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    asked.push(`${host}${path}`);
    const page = host === HOST ? pages.get(path) : undefined;
    if (!page) return void res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>404 页面不存在</h1>');
    res.writeHead(200, { 'content-type': page.type, 'content-length': page.body.byteLength }).end(page.body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  lens = await launch({ port: (server.address() as AddressInfo).port });
}, 300_000);

afterAll(async () => {
  await lens?.close();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
});

const open = (url: string) => openTab(lens, url);
const cell = matrixCell;

describe.skipIf(!hasBrowser)('the CLI’s test portal, collected from the popup (Chromium)', () => {
  it('collects the reports of both list pages (GBK too) and the PDF attachment (read offscreen); the dead link and the Word file are listed', async () => {
    const { list, popup } = await collectFromPopup(lens, `${ORIGIN}${LIST_PATH}`);
    const section = popup.locator('section.collect');
    expect(await section.getAttribute('data-added')).toBe('6');
    const state = (await lens.worker.evaluate(`chrome.storage.session.get('collect').then((r) => r.collect)`)) as { failed: { url: string; reason: string }[]; failedCount: number };
    expect(state.failed.map((f) => f.url).sort()).toEqual([`${ORIGIN}${DEAD_PATH}`, `${ORIGIN}${WORD_PATH}`].sort());
    // The page whose report is a PDF attachment: the PDF was fetched and read (pdf.js in the
    // offscreen document), and the offscreen document is closed again when the collection ends.
    const attachment = portalReports().find((r) => r.attachment)!;
    expect(asked).toContain(`${HOST}${attachment.attachment!.path}`);
    expect(await lens.worker.evaluate(`chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] }).then((c) => c.length)`)).toBe(0);
    // The Word file (bytes that only claim to be one) is read as Word, and named as no Word document.
    expect(state.failed.find((f) => f.url === `${ORIGIN}${WORD_PATH}`)?.reason).toBe(`${WORD_MESSAGES['not-word']}: ${ORIGIN}${WORD_PATH}`);
    // Nothing off the list's site, no news.
    expect(asked.every((u) => u.startsWith(HOST))).toBe(true);
    expect(asked.some((u) => u.includes('/news/'))).toBe(false);
    await screenshotIfAsked(popup, 'popup-collect-shared', { width: 340, height: 420 });
    await popup.close();
    await list.close();
  }, 80_000);

  it('the matrix: A’s missing 2022, B’s late 2024, C’s 2024 from its PDF with the gold cells; opening B 2024 shows the carry-over mark', async () => {
    const p = await open(`chrome-extension://${lens.extensionId}/collection.html`);
    await p.waitForSelector('table.matrix', { timeout: 15_000 });
    expect(await p.locator('table.list tbody tr').count()).toBe(6);
    expect(await cell(p, C, 2024).getAttribute('data-status')).toBe('published');
    // The PDF's cells, as stored: every gold cell of the fixture.
    const c2024 = portalReports().find((r) => r.agency === C && r.year === 2024)!;
    const stored = (await p.evaluate(`new Promise((ok, no) => { const r = indexedDB.open('nianbao-collection'); r.onerror = () => no(r.error); r.onsuccess = () => { const all = r.result.transaction('reports').objectStore('reports').getAll(); all.onsuccess = () => ok(all.result.map((e) => e.report)); }; })`)) as Array<{ meta: { agency: string; year: number }; t3: Record<string, Record<string, { value: number | null; blank: boolean }>> }>;
    const report = stored.find((r) => r.meta.agency === C && r.meta.year === 2024)!;
    expect(report).toBeTruthy();
    const t3Gold = Object.entries(c2024.values).filter(([k]) => k.startsWith('t3.'));
    expect(t3Gold.length).toBeGreaterThan(100);
    for (const [key, printed] of t3Gold) {
      const [, row, column] = /^t3\.(.+)\.([^.]+)$/.exec(key)!;
      const got = report.t3[row]?.[column];
      expect(got?.blank ? '' : String(got?.value), key).toBe(printed === '' ? '' : String(Number(printed)));
    }
    expect(await cell(p, A, 2022).getAttribute('data-status')).toBe('missing');
    expect(Number(await cell(p, B, 2024).getAttribute('data-late'))).toBe(15);
    await p.close();
    const b2024 = portalReports().find((r) => r.agency === B && r.year === 2024)!;
    const page = await open(`${ORIGIN}${b2024.path}`);
    await waitForLens(page);
    // (In the closed panel: the page's own marks never show what the user keeps — issue 20 F.)
    await expect.poll(() => lensCount(lens, page, 'li[data-rule="cross-year.carry-over"]')).toBeGreaterThan(0);
    await page.close();
  }, 40_000);
});
