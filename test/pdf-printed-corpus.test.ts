/**
 * PDFs nobody wrote for us: every real report page of the corpus (../shared/corpus/*.html) printed
 * to PDF by Chromium right here (page.pdf; the corpus is never copied into the repository), then
 * read by the PDF reader. Each gives exactly its gold key, the same metadata, and the very same
 * issues as the HTML page itself. Skips without Chromium; fails under CI=true without it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue, Report } from '../core/model/schema';
import { pdfjsAssets } from '../core/node/pdf';
import { decodeBytes, readReportFile } from '../core/node/read';
import { parsePdf } from '../core/parse/pdf/index';
import { checkReport } from '../core/check/index';
import { chromiumPath } from './e2e/support/browser';
import { CORPUS_DIR, corpusReports, findings, hasCorpus } from './support/corpus';

const executablePath = chromiumPath();
if (!executablePath && process.env.CI === 'true') throw new Error('Chromium not found, but CI=true requires it');
const pages = corpusReports().filter((e) => e.name.endsWith('.html'));
const spec = findings();
const norm = (v: string) => (v === '' ? '' : String(Number(v)));

describe.skipIf(!executablePath || !hasCorpus)('corpus pages printed to PDF by Chromium', () => {
  let browser: Browser;
  // One tab prints every page in turn: a new tab is a new renderer process, which cost this file
  // more CPU than the printing itself (37 CPU s against 15 for the nine pages).
  let tab: Page;
  const printed = new Map<string, Promise<Report>>();
  let printing: Promise<unknown> = Promise.resolve();
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: executablePath!, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    tab = await browser.newPage();
    // the page's own HTML, offline: no script or request leaves the machine
    await tab.route('**/*', (route) => route.abort());
  });
  afterAll(async () => browser?.close());

  const pdfOf = (name: string) => {
    if (!printed.has(name)) {
      printed.set(
        name,
        (async () => {
          const print = printing.then(async () => {
            await tab.setContent(decodeBytes(readFileSync(join(CORPUS_DIR, name))), { waitUntil: 'domcontentloaded' });
            return tab.pdf({ format: 'A4', printBackground: true });
          });
          printing = print.catch(() => undefined);
          return parsePdf(new Uint8Array(await print), { source: name.replace(/\.html$/, '.pdf'), ...pdfjsAssets() });
        })(),
      );
    }
    return printed.get(name)!;
  };

  it.each(pages.map((e) => [e.name, e] as const))('%s: exactly the gold cells and the metadata', async (_name, entry) => {
    const report = await pdfOf(entry.name);
    const got: string[] = [];
    for (const t of ['t2', 't3', 't4'] as const)
      for (const [row, cols] of Object.entries(report[t])) for (const [col, cell] of Object.entries(cols ?? {})) got.push(`${t},${row},${col},${cell?.value == null ? '' : String(cell.value)}`);
    expect(got.sort()).toEqual(entry.gold.map((g) => `${g.table},${g.row},${g.column},${norm(g.value.trim())}`).sort());
    expect({ agency: report.meta.agency, year: report.meta.year, format: report.meta.format }).toEqual({ agency: entry.meta.agency, year: entry.meta.year, format: entry.meta.format });
  }, 60000);

  it.each(pages.map((e) => [e.name] as const))('%s: the same issues as the HTML page', async (name) => {
    const previous = spec[name]?.previous;
    const fromPdf = checkReport(await pdfOf(name), { previous: previous ? await pdfOf(previous) : null });
    const fromHtml = checkReport(await readReportFile(join(CORPUS_DIR, name)), { previous: previous ? await readReportFile(join(CORPUS_DIR, previous)) : null });
    const key = (i: Issue) => `${i.severity} ${i.rule} ${i.table}/${i.row}/${i.column}`;
    expect(fromPdf.map(key).sort()).toEqual(fromHtml.map(key).sort());
  }, 60000);
});
