/**
 * Writes report pages of our own whose table 3 is mostly blank cells, printed by Chromium and
 * turned into text by `pdftotext -layout` (test/fixtures/sparse/) — the text reader's hardest
 * table: no line carries a row of 7 numbers, and the numbers' columns drift from line to line.
 *
 *   nonzero-only-2019   2019 format; table 3 prints only its non-zero cells (a 0 is left blank)
 *   two-columns-2023    2021 format, a narrow table; only 自然人 and 总计 are filled (0 printed),
 *                       the five 法人或其他组织 columns are blank
 *
 * Each gives <name>.txt (pdftotext -layout of the Chromium PDF) and <name>.gold.csv (the cells as
 * printed; a blank cell is blank). Run: npx tsx scripts/gen-sparse-fixtures.ts (needs
 * /usr/bin/chromium, pdftotext and fonts-noto-cjk; the tests need neither).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { cellKeys, T3_COLUMNS, t3Rows, type FormatId } from '../core/model/keys';
import { consistentValues, writeReportPage } from '../test/support/page-writer';

export const SPARSE_FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', 'sparse');

const CSS = `<style>body { font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; font-size: 10.5pt }
table { border-collapse: collapse; width: 100% } td { border: 0.75pt solid #000; padding: 1pt 3pt }</style>`;

/** Table 3 with every 0 left blank, as offices print "only what happened". */
function nonZeroOnly(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, k.startsWith('t3.') && v === '0' ? '' : v]));
}

/** Table 3 of requests from natural persons alone: 自然人 and 总计 filled, the five organisation columns blank. */
function naturalPersonsOnly(format: FormatId, values: Record<string, string>): Record<string, string> {
  const out = { ...values };
  const nat = (row: string) => Number(values[`t3.${row}.natural_person`]);
  const set = (row: string, n: number) => {
    for (const c of T3_COLUMNS) out[`t3.${row}.${c.key}`] = c.key === 'natural_person' || c.key === 'total' ? String(n) : '';
  };
  let processed = 0;
  for (const r of t3Rows(format).filter((x) => x.outcome)) {
    set(r.key, nat(r.key));
    processed += nat(r.key);
  }
  const over = Math.min(processed, nat('carried_over'));
  const forward = nat('carried_forward');
  set('total_processed', processed);
  set('carried_over', over);
  set('carried_forward', forward);
  set('new_received', processed + forward - over);
  return out;
}

interface SparseDoc {
  name: string;
  format: FormatId;
  agency: string;
  year: number;
  values: Record<string, string>;
  css?: string;
}

export function sparseDocs(): SparseDoc[] {
  return [
    { name: 'nonzero-only-2019', format: '2019', agency: '示例市非零局', year: 2019, values: nonZeroOnly(consistentValues('2019', 4141)) },
    { name: 'two-columns-2023', format: '2021', agency: '示例县两列局', year: 2023, values: naturalPersonsOnly('2021', consistentValues('2021', 4242)), css: 'table { width: 72% }' },
  ];
}

function goldCsv(doc: SparseDoc): string {
  const lines = ['table,row,column,value'];
  for (const k of cellKeys(doc.format)) lines.push(`${k.table},${k.row},${k.column},${doc.values[`${k.table}.${k.row}.${k.column}`] ?? ''}`);
  return lines.join('\n') + '\n';
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'sparse-'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  try {
    for (const doc of sparseDocs()) {
      const css = doc.css ? CSS.replace('</style>', ` ${doc.css}</style>`) : CSS;
      const html = writeReportPage({ format: doc.format, agency: doc.agency, year: doc.year, values: doc.values }).replace('</head>', `${css}</head>`);
      writeFileSync(join(SPARSE_FIXTURES, `${doc.name}.gold.csv`), goldCsv(doc));
      const pdf = join(work, `${doc.name}.pdf`);
      const page = await browser.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      await page.pdf({ path: pdf, format: 'A4', margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
      await page.close();
      execFileSync('pdftotext', ['-layout', pdf, join(SPARSE_FIXTURES, `${doc.name}.txt`)]);
      console.log(`${doc.name}: written`);
    }
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await main();
