/**
 * Writes our own test PDFs (test/fixtures/pdf/*.pdf): our sample pages and page-writer layouts
 * printed to PDF by Chromium (playwright-core, page.pdf, CJK fonts embedded), in several layouts —
 * A4 with the portal around it, collapsed borders, narrow columns that wrap numbers and labels one
 * character per line, a table broken over two pages (header repeated or not), landscape,
 * full-width digits with typos, tables without rules — plus a scan (a screenshot printed as an
 * image). Beside each PDF, <name>.expected.json holds what the HTML parser reads from the very same
 * page (every cell's value, and the metadata), so the tests run without Chromium.
 *
 * Run: npx tsx scripts/gen-test-pdfs.ts [name…]  (needs /usr/bin/chromium and fonts-noto-cjk)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { parseHtml } from '../core/parse/html';
import type { Report } from '../core/model/schema';
import { consistentValues, writeReportPage, type PageStyle } from '../test/support/page-writer';

export const PDF_FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', 'pdf');
const SAMPLES = join(import.meta.dirname, '..', 'samples');

const FONT = `body { font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; font-size: 12pt; line-height: 1.5 } td { padding: 2px 4px }`;

interface Layout {
  name: string;
  what: string;
  html: string;
  css?: string;
  landscape?: boolean;
  /** Printed as a picture of the page: no text layer. */
  scan?: boolean;
  /** The browser's own print header and footer (date, title, address, page n/N) on every page. */
  browserHeaders?: boolean;
}

const withCss = (html: string, css: string) => html.replace('</head>', `<style>${css}</style></head>`);

/** Table 3's three header rows in a <thead>, so Chromium repeats them on the next page. */
function theadT3(html: string): string {
  return html.replace(/(<table border="1" class="t3">)((?:<tr>.*?<\/tr>){3})/, '$1<thead>$2</thead><tbody>').replace(/(<table border="1" class="t3">.*?)(<\/table>)/, '$1</tbody>$2');
}

function layouts(): Layout[] {
  const v2021 = consistentValues('2021', 808);
  // a few cells wide enough to wrap in a narrow column
  v2021['t3.new_received.natural_person'] = String(1234567);
  v2021['t3.new_received.total'] = String(Number(v2021['t3.new_received.total']) + 1234567 - Number(consistentValues('2021', 808)['t3.new_received.natural_person']));
  const page = (style: PageStyle = {}, values = v2021, agency = '示例县测试局', year = 2024) => writeReportPage({ format: '2021', agency, year, values }, style);
  const old = consistentValues('2019', 919);
  return [
    { name: 'a4-portal-2024', what: 'samples/demo-2024.html (portal page, separate borders), A4', html: readFileSync(join(SAMPLES, 'demo-2024.html'), 'utf8') },
    { name: 'a4-old-format-2020', what: 'samples/demo-2020-old-format.html (format 2019), A4', html: readFileSync(join(SAMPLES, 'demo-2020-old-format.html'), 'utf8') },
    {
      name: 'collapsed-borders',
      what: 'page-writer, border-collapse, labels broken with <br>, blank cells',
      html: page({ labels: 'br' }, { ...v2021, 't3.denied.state_secret.research': '', 't2.fees.amount_10k_yuan': '' }),
      css: 'table { border-collapse: collapse } td { border: 0.75pt solid #000 }',
    },
    {
      name: 'narrow-wrap',
      what: 'narrow columns: numbers wrap inside their cells (1234567 over several lines), group labels one character per line',
      html: page(),
      css: 'table { border-collapse: collapse; table-layout: fixed } td { border: 0.75pt solid #000; word-break: break-all; font-size: 10pt } .t3 td { width: 1.6em } .t4 td { width: 1.2em }',
    },
    {
      name: 'split-pages',
      what: 'table 3 broken over two pages, header not repeated',
      html: page(),
      css: 'table { border-collapse: collapse } td { border: 0.75pt solid #000; padding: 7pt 4px } .t2 { page-break-after: always }',
    },
    {
      name: 'split-pages-thead',
      what: 'table 3 broken over two pages, its header repeated (thead)',
      html: theadT3(page({}, consistentValues('2021', 77))),
      css: 'table { border-collapse: collapse } td { border: 0.75pt solid #000; padding: 7pt 4px } .t2 { page-break-after: always }',
    },
    { name: 'landscape', what: 'page-writer, table 3 split in two <table>s, landscape A4', html: page({ splitT3: true, portal: true }), landscape: true },
    {
      name: 'fullwidth-typos',
      what: 'full-width digits, ASCII numbering, template typos (其他法律行政止公开), flat table-3 header',
      html: page({ fullWidthDigits: true, asciiNumbering: true, typos: true, flatHeader: true }, consistentValues('2021', 4242), '示例区测试办', 2023),
    },
    {
      name: 'no-rules',
      what: 'tables without any ruling line (border 0): columns from the positions of the words',
      html: page({ flatHeader: true }, consistentValues('2021', 5150)).replace(/ border="1"/g, ' border="0"'),
      css: 'table { width: 100% } td { padding: 1px 3px; font-size: 8pt; line-height: 1.3 }',
    },
    {
      name: 'mixed-rules',
      what: 'tables 2 and 3 ruled, table 4 without rules: each read its own way',
      html: page({}, consistentValues('2021', 6262), '示例镇测试办', 2024).replace('<table border="1" class="t4">', '<table border="0" class="t4">'),
      css: '.t4 td { font-size: 8pt; padding: 1px 3px }',
    },
    {
      name: 'browser-headers',
      what: "the browser's print header and footer on every page (date, title, address, n/N), large type over 5+ pages",
      html: page({}, consistentValues('2021', 7373), '示例市测试局', 2024),
      css: 'body { font-size: 15pt } table { border-collapse: collapse } td { border: 0.75pt solid #000; padding: 5pt 4px }',
      browserHeaders: true,
    },
    { name: 'old-format-no-rowspan', what: 'format 2019, every row prints its full group label', html: writeReportPage({ format: '2019', agency: '示例市旧格式局', year: 2020, values: old }, { noRowspan: true }) },
    { name: 'scan', what: 'a scan: the sample page printed as a picture, no text layer', html: readFileSync(join(SAMPLES, 'demo-2024.html'), 'utf8'), scan: true },
  ];
}

export interface Expected {
  what: string;
  /** `table.row.column` → value ('' when blank or not a number), as the HTML parser reads the page. */
  cells: Record<string, string> | null;
  meta: Pick<Report['meta'], 'agency' | 'year' | 'format' | 'published'> | null;
  /** For a PDF that is not to be read: the PdfReadError code. */
  error?: string;
  pages: number;
}

function expectedOf(html: string): Pick<Expected, 'cells' | 'meta'> {
  const report = parseHtml(html, { source: 'x.html' });
  const cells: Record<string, string> = {};
  for (const t of ['t2', 't3', 't4'] as const)
    for (const [row, cols] of Object.entries(report[t])) for (const [col, cell] of Object.entries(cols ?? {})) cells[`${t}.${row}.${col}`] = cell?.value == null ? '' : String(cell.value);
  const { agency, year, format, published } = report.meta;
  return { cells, meta: { agency, year, format, published } };
}

async function main() {
  mkdirSync(PDF_FIXTURES, { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  try {
    const only = process.argv.slice(2);
    for (const l of layouts().filter((x) => only.length === 0 || only.includes(x.name))) {
      const page = await browser.newPage({ viewport: { width: 900, height: 1270 } });
      const html = withCss(l.html, FONT + (l.css ?? ''));
      await page.setContent(html, { waitUntil: 'load' });
      let pdf: Buffer;
      if (l.scan) {
        const shot = await page.screenshot({ fullPage: true, type: 'jpeg', quality: 60 });
        await page.setContent(`<html><body style="margin:0"><img style="width:100%" src="data:image/jpeg;base64,${shot.toString('base64')}"></body></html>`, { waitUntil: 'load' });
        pdf = await page.pdf({ format: 'A4', margin: { top: '0', bottom: '0', left: '0', right: '0' } });
      } else {
        const headers = l.browserHeaders
          ? {
              headerTemplate: '<div style="font-size:8pt;width:100%;display:flex;justify-content:space-between;padding:0 10mm"><span>2025/1/20 10:00</span><span class="title"></span></div>',
              footerTemplate: '<div style="font-size:8pt;width:100%;display:flex;justify-content:space-between;padding:0 10mm"><span>https://www.example.gov.cn/zwgk/ndbg/2025/0120.html</span><span><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>',
            }
          : { headerTemplate: '<span></span>', footerTemplate: '<div style="font-size:9pt;width:100%;text-align:center">- <span class="pageNumber"></span> -</div>' };
        pdf = await page.pdf({ format: 'A4', landscape: !!l.landscape, printBackground: true, margin: { top: '18mm', bottom: '18mm', left: '15mm', right: '15mm' }, displayHeaderFooter: true, ...headers });
      }
      await page.close();
      writeFileSync(join(PDF_FIXTURES, `${l.name}.pdf`), pdf);
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      const expected: Expected = l.scan ? { what: l.what, cells: null, meta: null, error: 'scanned', pages } : { what: l.what, ...expectedOf(l.html), pages };
      writeFileSync(join(PDF_FIXTURES, `${l.name}.expected.json`), JSON.stringify(expected, null, 1) + '\n');
      process.stdout.write(`${l.name}.pdf  ${pages} page(s)  ${(pdf.length / 1024).toFixed(0)} KB\n`);
    }
  } finally {
    await browser.close();
  }
}

await main();
