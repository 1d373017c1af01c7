/**
 * The CLI's test portal (test/support/portal-site.ts: two list pages, the second in GBK and reached
 * only through createPageHTML, a news item, a notice, a dead link, a link to another site, a PDF
 * attachment page, a Word file, a missing year, a late report, a planted carry-over error) served
 * under a gov.cn host name, collected from the popup in Chromium: the collection holds the HTML
 * reports, the matrix shows the missing year and the late report, the cross-year mark appears when
 * a collected report is opened. Build: NIANBAO_OUT_DIR (e.g. .output-h7).
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A, B, DEAD_PATH, LIST_PATH, portalPages, portalReports, WORD_PATH } from '../support/portal-site';
import { buildExtension, collectFromPopup, EXTENSION_DIR, hasChromium, launch, matrixCell, openTab, waitForLens, type Lens } from './support/browser';

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
  it('collects the HTML reports of both list pages (GBK too); the dead link and the PDF attachment page are listed as failed', async () => {
    const { list, popup } = await collectFromPopup(lens, `${ORIGIN}${LIST_PATH}`);
    const section = popup.locator('section.collect');
    expect(await section.getAttribute('data-added')).toBe('5');
    const state = (await lens.worker.evaluate(`chrome.storage.session.get('collect').then((r) => r.collect)`)) as { failed: { url: string; reason: string }[]; failedCount: number };
    expect(state.failed.map((f) => f.url)).toContain(`${ORIGIN}${DEAD_PATH}`);
    // The page whose report is a PDF attachment: not read in the background (yet), said so, with
    // the PDF's address for the reader to open.
    const attachment = portalReports().find((r) => r.attachment)!;
    const failure = state.failed.find((f) => f.url === `${ORIGIN}${attachment.path}`);
    expect(failure?.reason).toContain('PDF 附件，未读取 — a PDF attachment, not read here');
    expect(failure?.reason).toContain(`${ORIGIN}${attachment.attachment!.path}`);
    // The Word file is named as what it is, not as a page without tables.
    expect(state.failed.find((f) => f.url === `${ORIGIN}${WORD_PATH}`)?.reason).toBe('不是网页 — not a web page (application/msword)');
    // Nothing off the list's site, no news.
    expect(asked.every((u) => u.startsWith(HOST))).toBe(true);
    expect(asked.some((u) => u.includes('/news/'))).toBe(false);
    if (process.env.NIANBAO_SCREENSHOTS) {
      const dir = join(EXTENSION_DIR, '..', 'screens');
      mkdirSync(dir, { recursive: true });
      await popup.setViewportSize({ width: 340, height: 420 });
      await popup.screenshot({ path: join(dir, 'popup-collect-shared.png') });
    }
    await popup.close();
    await list.close();
  }, 80_000);

  it('the matrix: A’s missing 2022, B’s late 2024; opening B 2024 shows the carry-over mark', async () => {
    const p = await open(`chrome-extension://${lens.extensionId}/collection.html`);
    await p.waitForSelector('table.matrix', { timeout: 15_000 });
    expect(await p.locator('table.list tbody tr').count()).toBe(5);
    expect(await cell(p, A, 2022).getAttribute('data-status')).toBe('missing');
    expect(Number(await cell(p, B, 2024).getAttribute('data-late'))).toBe(15);
    await p.close();
    const b2024 = portalReports().find((r) => r.agency === B && r.year === 2024)!;
    const page = await open(`${ORIGIN}${b2024.path}`);
    await waitForLens(page);
    await page.waitForSelector('[data-nianbao-issue*="cross-year.carry-over"]', { state: 'attached', timeout: 10_000 });
    await page.close();
  }, 40_000);
});
