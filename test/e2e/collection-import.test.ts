/**
 * A forged import plants nothing (issue 20 G), in a real Chromium with the built extension. The
 * user reads agency X's 2023 report on X's own site; then imports a file that (a) brings X's 2022
 * report as our collection export writes it, (b) claims X's 2023 under X's address while its record
 * names another site, (c) claims X's 2023 at the very address the user read. The preview names each
 * report's site and collection day and holds (b) and (c) back, unticked; importing leaves them out.
 * The panel then names the source of last year's numbers: X's 2024 report "上年数据：读于 <host>
 * <date>", X's 2023 report "上年数据：导入自 <file> <date>" — in the panel and, once the user marks
 * the cross-year findings on the page, in the tooltip.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJson } from '../../core/export/json';
import { consistentValues, writeReportPage } from '../support/page-writer';
import { makeReport, withMeta } from '../support/report-builder';
import { buildExtension, hasChromium, openTab, screenshotIfAsked, serveAndLaunch, waitForLens, type Lens } from './support/browser';
import { inLens, lensClick, lensCount, lensText } from './support/lens';

const hasBrowser = hasChromium();

const AGENCY = '示例市生态环境局';
const OWN = 'www.sthjj-import.gov.cn';
const url = (year: number) => `http://${OWN}/ndbg/${year}.html`;
const FILE = 'forged.json';
const today = new Date().toISOString().slice(0, 10);

let lens: Lens;
let close: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  if (!hasBrowser) return;
  buildExtension();
  const seeds: Record<string, [number, number, string]> = { [url(2023)]: [2023, 12, '2024-01-18'], [url(2024)]: [2024, 11, '2025-01-20'] };
  ({ lens, close } = await serveAndLaunch((req, res) => {
    const s = seeds[`http://${(req.headers.host ?? '').replace(/:\d+$/, '')}${req.url}`];
    res.writeHead(s ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(s ? writeReportPage({ format: '2021', agency: AGENCY, year: s[0], published: s[2], values: consistentValues('2021', s[1]) }, { portal: true }) : 'not found');
  }));
}, 300_000);

afterAll(() => close());

const forgedFile = () =>
  toJson([
    { report: withMeta(makeReport('2021', { year: 2022, agency: AGENCY }), { source: url(2022) }), issues: [], collected: { origin: `http://${OWN}`, via: 'collect', at: '2025-03-01T08:00:00.000Z' } },
    { report: withMeta(makeReport('2021', { year: 2023, agency: AGENCY }), { source: `http://${OWN}/ndbg/2023-copy.html` }), issues: [], collected: { origin: 'http://www.attacker.gov.cn', via: 'page', at: '2025-03-02T08:00:00.000Z' } },
    { report: withMeta(makeReport('2021', { year: 2023, agency: AGENCY }), { source: url(2023) }), issues: [] },
  ]);

describe.skipIf(!hasBrowser)('a forged import plants nothing; cross-year findings name their source (issue 20 G)', () => {
  it('the preview names each report’s site and day and holds back the forged ones, unticked; importing leaves them out', async () => {
    const read = await openTab(lens, url(2023));
    await waitForLens(read);
    await read.close();
    const p = await lens.context.newPage();
    await p.goto(`chrome-extension://${lens.extensionId}/collection.html`);
    await expect.poll(() => p.locator('table.list tbody tr').count()).toBe(1);
    await p.locator('input[data-action="import"]').setInputFiles({ name: FILE, mimeType: 'application/json', buffer: Buffer.from(forgedFile()) });
    const preview = p.locator('.preview');
    await preview.waitFor();
    expect(await preview.getAttribute('data-preview-add')).toBe('1');
    expect(await preview.getAttribute('data-preview-hold')).toBe('2');
    const rows = await p.locator('table.import-rows tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-hold'), ...Array.from(tr.children).map((td) => td.textContent?.trim())]));
    expect(rows).toEqual([
      ['', `${AGENCY} 2022`, OWN, '2025-03-01', '新增'],
      ['originMismatch', `${AGENCY} 2023`, OWN, '2025-03-02', '来源与网址不符，仍要导入'],
      ['replacesRead', `${AGENCY} 2023`, OWN, '未注明', '会替换您读过的报告，仍要导入'],
    ]);
    expect(await p.locator('input[data-action="import-hold"]:checked').count()).toBe(0);
    await screenshotIfAsked(p, 'import-preview', { width: 1000, height: 700 }, true);
    await p.locator('button[data-action="import-confirm"]').click();
    await expect.poll(() => p.locator('table.list tbody tr').count()).toBe(2);
    await p.close();
  }, 60_000);

  it('the panel names where last year’s numbers came from: read on the agency’s site, or imported from a file — and the tooltip, once the user marks them on the page', async () => {
    const y2024 = await openTab(lens, url(2024));
    await waitForLens(y2024);
    expect(await lensText(lens, y2024, '.previous-source')).toBe(`上年数据：读于 ${OWN} ${today}`);
    expect(await lensCount(lens, y2024, 'li[data-paired]')).toBeGreaterThan(0);
    expect(await lensText(lens, y2024, 'li[data-paired] .source')).toBe(`上年数据：读于 ${OWN} ${today}`);
    await screenshotIfAsked(y2024, 'panel-previous-source', { width: 1280, height: 800 });
    // The tooltip, once the user asked for the cross-year marks on the page.
    await lensClick(lens, y2024, '.paired-toggle');
    const mark = y2024.locator('[data-nianbao-issue*="cross-year."]:not([data-nianbao-role="part"])').first();
    await mark.waitFor({ state: 'attached' });
    await mark.hover();
    await expect.poll(() => inLens<string>(lens, y2024, `const el = root.querySelector('.tip .src'); return el ? el.textContent : '';`)).toBe(`上年数据：读于 ${OWN} ${today}`);
    await screenshotIfAsked(y2024, 'tooltip-previous-source', { width: 1280, height: 800 });
    await y2024.close();
    // Last year's numbers of the 2023 report are the imported 2022 report's.
    const y2023 = await openTab(lens, url(2023));
    await waitForLens(y2023);
    expect(await lensText(lens, y2023, '.previous-source')).toBe(`上年数据：导入自 ${FILE} ${today}`);
    await y2023.close();
  }, 60_000);
});
