/**
 * The engine reads a report page ahead of DOMContentLoaded, while the page still arrives
 * (extension/app/run.ts readAhead), so that the read the marks wait for runs on warm code. Here the
 * page is held half-sent: the read ahead runs on the half that has arrived, and nothing of it shows
 * on the page; once the rest arrives, the marks are those of the whole page.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { consistentValues, writeReportPage } from '../support/page-writer';
import { buildExtension, evalInExtensionWorld, hasChromium, serveAndLaunch, waitForLens, type Lens } from './support/browser';
import { readMarks } from './support/marks';

const hasBrowser = hasChromium();
const values = consistentValues('2021', 7);
// One wrong total: table 3's new requests, 7 more than its columns add up to.
values['t3.new_received.total'] = String(Number(values['t3.new_received.total']) + 7);
const html = writeReportPage({ format: '2021', agency: '示例市示例局', year: 2024, values });
// Held after the first table: the rest (tables 3 and 4) is sent once the test says so.
const cut = html.indexOf('</table>') + '</table>'.length;

let lens: Lens;
let close: () => Promise<void>;
let release: () => void = () => undefined;

beforeAll(async () => {
  if (!hasBrowser) return;
  buildExtension();
  ({ lens, close } = await serveAndLaunch((req: IncomingMessage, res: ServerResponse) => {
    if (req.url !== '/held.html') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.write(html.slice(0, cut));
    release = () => res.end(html.slice(cut));
  }));
}, 300_000);

afterAll(async () => {
  release();
  await close?.();
});

it.skipIf(!hasBrowser)('reads the half-arrived page ahead, shows nothing of it, and marks the whole page after DOMContentLoaded', async () => {
  const page = await lens.context.newPage();
  await page.goto('http://www.example.gov.cn/held.html', { waitUntil: 'commit' });
  // A number once the read ahead has run (undefined also while the extension's world does not exist yet).
  await expect.poll(() => evalInExtensionWorld(lens, page, 'typeof globalThis.__nianbaoReadAheadAt'), { timeout: 30_000, interval: 100 }).toBe('number');
  expect(await page.evaluate(() => document.readyState)).toBe('loading');
  expect(await page.$$('[data-nianbao-issue]')).toHaveLength(0);
  expect(await page.$$('nianbao-lens')).toHaveLength(0);

  release();
  await waitForLens(page, 30_000);
  const marks = await readMarks(page);
  expect(marks.some((m) => m.rules.includes('t3.row-total'))).toBe(true);
  const timing = (await evalInExtensionWorld(lens, page, 'globalThis.__nianbaoLens.ctx.store.state.timing.steps')) as Record<string, number>;
  const dcl = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventStart);
  expect(timing.ahead).toBeLessThan(dcl);
  expect(timing.start).toBeGreaterThanOrEqual(dcl);
  await page.close();
}, 120_000);
