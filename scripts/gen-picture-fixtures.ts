/**
 * Writes test/fixtures/pictures/: a report page of our own (page-writer, format 2021, with one
 * wrong number of the office's own: 予以公开·自然人 one more
 * than its sums allow) whose three tables are replaced by PNG pictures of themselves — each table
 * drawn by Chromium (element screenshot at 2 device pixels per CSS pixel), as portals publish
 * "表格为图片" reports. Beside it, page.expected.json holds what the HTML parser reads from the page
 * before its tables became pictures.
 *
 * Run: npx tsx scripts/gen-picture-fixtures.ts  (needs /usr/bin/chromium and fonts-noto-cjk)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { parseHtml } from '../core/parse/html';
import { cellLines } from '../test/support/cells';
import { consistentValues, writeReportPage } from '../test/support/page-writer';

export const PICTURE_FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', 'pictures');
const CSS = `<style>body { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 16px; line-height: 1.5; max-width: 820px }
table { border-collapse: collapse; background: #fff } td { border: 1px solid #000; padding: 2px 6px }</style>`;

function reportPage(): string {
  const values = consistentValues('2021', 2121);
  values['t3.granted.natural_person'] = String(Number(values['t3.granted.natural_person']) + 1);
  return writeReportPage({ format: '2021', agency: '示例县图片局', year: 2023, values }).replace('</head>', `${CSS}</head>`);
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
try {
  mkdirSync(PICTURE_FIXTURES, { recursive: true });
  const html = reportPage();
  const page = await browser.newPage({ deviceScaleFactor: 2, viewport: { width: 900, height: 1200 } });
  await page.setContent(html, { waitUntil: 'load' });
  const tables = await page.locator('table').all();
  for (const [i, table] of tables.entries()) writeFileSync(join(PICTURE_FIXTURES, `table-${i + 1}.png`), await table.screenshot());
  // every table replaced by its picture, as the portal's editor pasted it
  let n = 0;
  const pictured = html.replace(/<table\b[\s\S]*?<\/table>/gi, () => `<p><img src="table-${++n}.png" alt="" style="max-width:100%"></p>`);
  writeFileSync(join(PICTURE_FIXTURES, 'page.html'), pictured);
  const truth = parseHtml(html, { source: 'x.html' });
  const cells = Object.fromEntries(cellLines(truth).map((l) => l.split(',')).map(([t, r, c, v]) => [`${t}.${r}.${c}`, v]));
  writeFileSync(join(PICTURE_FIXTURES, 'page.expected.json'), JSON.stringify({ what: 'page-writer format 2021, tables as PNG pictures (Chromium, 2 px per CSS px)', cells, meta: { agency: truth.meta.agency, year: truth.meta.year, format: truth.meta.format } }, null, 1) + '\n');
  process.stdout.write(`page.html with ${tables.length} table picture(s)\n`);
} finally {
  await browser.close();
}
