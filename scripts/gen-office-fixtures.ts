/**
 * Writes documents the way offices make them (test/fixtures/office/): report pages of our own
 * (fictional agencies, page-writer) with the layouts Word documents bring — table 3 continued after
 * a page break in a second table with its own column grid (two empty cells at each row's end, the
 * （三）不予公开 group cell not continuing), a fees row whose value is one cell merged over three
 * columns, the 2019 table-2 headers split over two paragraphs (本年新 / 制作数量, 本年 / 公开数量) —
 * turned into every format an office produces:
 *
 *   <name>.html            the page itself
 *   <name>.lo.pdf          LibreOffice Writer: soffice --headless --convert-to pdf (tables fitted to the page width)
 *   <name>.docx, .doc      LibreOffice Writer: --convert-to docx / doc (for the Word readers)
 *   <name>.word.html       the .docx turned back into HTML by soffice (a "Word converter" page)
 *   <name>.wk.pdf          wkhtmltopdf
 *   <name>.chromium.pdf    Chromium's page.pdf (playwright-core)
 *   <name>.printer.pdf     the LibreOffice PDF through pdf2ps and ps2pdf: a print-driver PDF whose
 *                          text layer no longer decodes (fonts without ToUnicode)
 *   <name>.txt             pdftotext -layout of the Chromium PDF (narrow label columns push a
 *                          row's values onto two lines)
 *   <name>.gold.csv        the cells as printed (table,row,column,value — the corpus gold form)
 *   <name>.findings.json   the planted errors: their cells and the rules that must name them
 *
 * Run: npx tsx scripts/gen-office-fixtures.ts [--keys-only] [name…]  (--keys-only: the page, gold and
 * findings alone, no conversion; else needs soffice, wkhtmltopdf, ghostscript,
 * /usr/bin/chromium and fonts-noto-cjk). The tests need none of these programs.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { cellKeys, type FormatId } from '../core/model/keys';
import { consistentValues, writeReportPage, type PageStyle } from '../test/support/page-writer';

export const OFFICE_FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', 'office');

const CSS = `<style>body { font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; font-size: 10.5pt }
table { border-collapse: collapse; width: 100% } td { border: 0.75pt solid #000; padding: 1pt 3pt }</style>`;

interface OfficeDoc {
  name: string;
  format: FormatId;
  agency: string;
  year: number;
  style: PageStyle;
  values: Record<string, string>;
  /** More CSS for this document (how its office laid the tables out). */
  css?: string;
  /** Planted errors: the cells printed wrong, and the rules that must report them. */
  findings?: { cells: string[]; rules: string[] };
}

/** Values with some cells replaced and one planted error: `key` printed `by` more than it should. */
function planted(values: Record<string, string>, set: Record<string, string>, key: string, by: number): Record<string, string> {
  return { ...values, ...set, [key]: String(Number(values[key]) + by) };
}

export function officeDocs(): OfficeDoc[] {
  return [
    // The fees value a merged 0, as the issue's report printed it; planted: the first row of the
    // continued part one off in its 总计 (t3.row-total, t3.outcome-total on that cell).
    {
      name: 'continued-2024',
      format: '2021',
      agency: '示例县续表局',
      year: 2024,
      style: { continuedT3: true },
      values: planted(consistentValues('2021', 1717), { 't2.fees.amount_10k_yuan': '0' }, 't3.denied.administrative_query.total', 1),
      findings: { cells: ['t3.denied.administrative_query.total'], rules: ['t3.row-total', 't3.outcome-total'] },
    },
    { name: 'continued-header-2023', format: '2021', agency: '示例县续页局', year: 2023, style: { continuedT3: 'repeat-header' }, values: consistentValues('2021', 2323) },
    { name: 'split-headers-2020', format: '2019', agency: '示例县分段局', year: 2020, style: { splitT2Headers: true }, values: consistentValues('2019', 1919) },
    // Tables at half the page width: labels wrap over many lines, rows are tall, and page breaks
    // cut rows — wkhtmltopdf then draws the cut table whole on both pages (its rules run off the
    // page) with only a row's first label lines above the break and its numbers below.
    { name: 'tall-rows-2022', format: '2021', agency: '示例县长行局', year: 2022, style: {}, css: 'table { width: 60% } td { vertical-align: middle }', values: consistentValues('2021', 2222) },
  ];
}

function goldCsv(doc: OfficeDoc): string {
  const lines = ['table,row,column,value'];
  for (const k of cellKeys(doc.format)) lines.push(`${k.table},${k.row},${k.column},${doc.values[`${k.table}.${k.row}.${k.column}`] ?? ''}`);
  return lines.join('\n') + '\n';
}

const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'], timeout: 180_000 });

async function main(keysOnly: boolean, only: string[]) {
  const work = mkdtempSync(join(tmpdir(), 'office-'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  try {
    for (const doc of officeDocs().filter((d) => only.length === 0 || only.includes(d.name))) {
      const css = doc.css ? CSS.replace('</style>', ` ${doc.css}</style>`) : CSS;
      const html = writeReportPage({ format: doc.format, agency: doc.agency, year: doc.year, values: doc.values }, doc.style).replace('</head>', `${css}</head>`);
      const out = (ext: string) => join(OFFICE_FIXTURES, `${doc.name}.${ext}`);
      writeFileSync(out('html'), html);
      writeFileSync(out('gold.csv'), goldCsv(doc));
      writeFileSync(out('findings.json'), JSON.stringify(doc.findings ?? { cells: [], rules: [] }, null, 2) + '\n');
      if (keysOnly) continue;
      const src = join(work, `${doc.name}.html`);
      writeFileSync(src, html);
      // Writer (not Writer/Web) so that the PDF and the Word files are laid out on A4 pages.
      const soffice = (to: string, input = src) => run('soffice', ['--headless', '--infilter=HTML (StarWriter)', '--convert-to', to, '--outdir', work, input], work);
      soffice('pdf:writer_pdf_Export');
      renameSync(join(work, `${doc.name}.pdf`), out('lo.pdf'));
      soffice('docx:MS Word 2007 XML');
      copyFileSync(join(work, `${doc.name}.docx`), out('docx'));
      soffice('doc:MS Word 97');
      renameSync(join(work, `${doc.name}.doc`), out('doc'));
      // The .docx opened again and saved as HTML: what a Word converter publishes.
      const wordDir = join(work, 'word');
      run('soffice', ['--headless', '--convert-to', 'html:HTML (StarWriter)', '--outdir', wordDir, join(work, `${doc.name}.docx`)], work);
      renameSync(join(wordDir, `${doc.name}.html`), out('word.html'));
      run('wkhtmltopdf', ['--quiet', '--encoding', 'utf-8', '-s', 'A4', src, out('wk.pdf')], work);
      const page = await browser.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      await page.pdf({ path: out('chromium.pdf'), format: 'A4', margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
      await page.close();
      run('pdftotext', ['-layout', out('chromium.pdf'), out('txt')], work);
      run('pdf2ps', [out('lo.pdf'), join(work, `${doc.name}.ps`)], work);
      run('ps2pdf', [join(work, `${doc.name}.ps`), out('printer.pdf')], work);
      console.log(`${doc.name}: written`);
    }
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await main(
    process.argv.includes('--keys-only'),
    process.argv.slice(2).filter((a) => !a.startsWith('--')),
  );
