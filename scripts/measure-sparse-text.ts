/**
 * How the text reader does on table-3s printed with most cells blank, laid out at random: report
 * pages of our own (2019 and 2021; 5–50 % of the organisation cells filled, or only 自然人 and 总计;
 * tables at 65–100 % of the page width) printed by Chromium and turned into text by
 * `pdftotext -layout`, in a temporary directory. Prints, per page and in all, the table-3 cells
 * read exactly, read wrong and left unread (named). The README's figures: seeds 7 and 991.
 *
 * Run: npx tsx scripts/measure-sparse-text.ts [seed] [pages] [keep]   (needs /usr/bin/chromium, pdftotext)
 * keep N writes page N as test/fixtures/sparse/misread-<format>.{txt,gold.csv} (the README's: seed 7, page 3).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { cellKeys, T3_COLUMNS, t3Rows, type FormatId } from '../core/model/keys';
import { checkReport } from '../core/check';
import { parseText } from '../core/parse/text';
import { cellLines } from '../test/support/cells';
import { consistentValues, writeReportPage } from '../test/support/page-writer';

const [seedArg, pagesArg, keep] = process.argv.slice(2);
/** With a third argument N: page N's text and gold key are kept as a fixture (test/fixtures/sparse). */
const keepDir = join(import.meta.dirname, '..', 'test', 'fixtures', 'sparse');
let s = Number(seedArg ?? 7);
const rnd = (n: number) => {
  s = (s * 48271) % 2147483647;
  return s % n;
};

/** A consistent table 3 with each cell filled by chance (organisation cells `pOrg` %, 自然人 `pNat` %); 0 left blank. */
function sparseValues(format: FormatId, seed: number, pOrg: number, pNat: number, naturalOnly: boolean): Record<string, string> {
  const out = { ...consistentValues(format, seed) };
  const parts = T3_COLUMNS.slice(0, 6).map((c) => c.key);
  const sum: Record<string, number> = {};
  const put = (row: string, per: Record<string, number>) => {
    let total = 0;
    for (const c of parts) {
      out[`t3.${row}.${c}`] = String(per[c] ?? 0);
      total += per[c] ?? 0;
    }
    out[`t3.${row}.total`] = String(total);
  };
  for (const r of t3Rows(format).filter((x) => x.outcome)) {
    const per: Record<string, number> = {};
    for (const c of parts) {
      const p = c === 'natural_person' ? pNat : naturalOnly ? 0 : pOrg;
      per[c] = rnd(100) < p ? 1 + rnd(40) : 0;
      sum[c] = (sum[c] ?? 0) + per[c];
    }
    put(r.key, per);
  }
  const forward: Record<string, number> = {};
  for (const c of parts) forward[c] = (naturalOnly && c !== 'natural_person') || rnd(3) ? 0 : rnd(5);
  put('total_processed', sum);
  put('carried_over', {});
  put('carried_forward', forward);
  put('new_received', Object.fromEntries(parts.map((c) => [c, (sum[c] ?? 0) + forward[c]])));
  const organisation = /\.(commercial|research|public_interest|legal_services|other_org)$/;
  for (const k of Object.keys(out)) if (k.startsWith('t3.') && (naturalOnly ? organisation.test(k) : out[k] === '0')) out[k] = '';
  return out;
}

const work = mkdtempSync(join(tmpdir(), 'sparse-text-'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const all = { exact: 0, wrong: 0, unread: 0, total: 0, errors: 0, sureWrong: 0 };
try {
  for (let i = 0; i < Number(pagesArg ?? 12); i++) {
    const format: FormatId = i % 2 ? '2021' : '2019';
    const naturalOnly = i % 3 === 2;
    const values = sparseValues(format, 100 + i, [5, 15, 30, 50][i % 4], [60, 90, 100][i % 3], naturalOnly);
    const width = ['100%', '80%', '65%'][i % 3];
    const css = `<style>body { font-family: 'Noto Serif CJK SC', serif; font-size: 10.5pt } table { border-collapse: collapse; width: ${width} } td { border: 0.75pt solid #000; padding: 1pt 3pt }</style>`;
    const page = await browser.newPage();
    await page.setContent(writeReportPage({ format, agency: '示例局', year: 2023, values }).replace('</head>', `${css}</head>`), { waitUntil: 'load' });
    const pdf = join(work, `${i}.pdf`);
    await page.pdf({ path: pdf, format: 'A4', margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
    await page.close();
    execFileSync('pdftotext', ['-layout', pdf, join(work, `${i}.txt`)]);
    const gold = new Map(cellKeys(format).filter((k) => k.table === 't3').map((k) => [`${k.row},${k.column}`, values[`t3.${k.row}.${k.column}`] === '' ? '' : String(Number(values[`t3.${k.row}.${k.column}`]))]));
    const report = parseText(readFileSync(join(work, `${i}.txt`), 'utf8'));
    const read = cellLines(report).filter((l) => l.startsWith('t3,'));
    // The page's numbers are consistent: every error-level issue is a false one.
    const errors = checkReport(report).filter((x) => x.severity === 'error');
    if (process.env.DEBUG_SPARSE) for (const e of errors) console.log('  ', e.rule, e.row, JSON.stringify(Object.fromEntries(Object.entries(report.t3[e.row as 'total_processed'] ?? {}).map(([c, x]) => [c, `${x?.raw}${x?.unsure ? '?' : ''}`]))), JSON.stringify(Object.fromEntries(Object.keys(report.t3[e.row as 'total_processed'] ?? {}).map((c) => [c, values[`t3.${e.row}.${c}`]]))));
    const got = new Map(read.map((l) => [l.split(',').slice(1, 3).join(','), l.split(',')[3]]));
    let exact = 0;
    let wrong = 0;
    let sureWrong = 0;
    for (const [k, v] of gold) {
      if (!got.has(k)) continue;
      if (got.get(k) === v) exact++;
      else {
        wrong++;
        const [row, column] = k.split(',');
        const c = (report.t3 as Record<string, Record<string, { unsure?: boolean; source?: unknown }> | undefined>)[row]?.[column];
        if (!c?.unsure) {
          sureWrong++;
          if (process.env.DEBUG_SPARSE) console.log("  sure but wrong", k, got.get(k), v, JSON.stringify(c));
        }
      }
    }
    all.sureWrong += sureWrong;
    if (keep !== undefined && Number(keep) === i) {
      writeFileSync(join(keepDir, `misread-${format}.txt`), readFileSync(join(work, `${i}.txt`), 'utf8'));
      writeFileSync(join(keepDir, `misread-${format}.gold.csv`), ['table,row,column,value', ...cellKeys(format).map((c) => `${c.table},${c.row},${c.column},${values[`${c.table}.${c.row}.${c.column}`] ?? ''}`)].join('\n') + '\n');
    }
    const unread = gold.size - exact - wrong;
    Object.assign(all, { exact: all.exact + exact, wrong: all.wrong + wrong, unread: all.unread + unread, total: all.total + gold.size, errors: all.errors + errors.length });
    console.log(`${i} ${format} ${width}${naturalOnly ? ' 自然人 only' : ''}: ${exact}/${gold.size} exact, ${wrong} wrong (${sureWrong} not marked unsure), ${unread} unread, ${errors.length} errors${errors.length ? ` (${[...new Set(errors.map((x) => x.rule))].join(' ')})` : ''}`);
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
console.log(`all: ${all.exact}/${all.total} exact, ${all.wrong} wrong (${all.sureWrong} not marked unsure), ${all.unread} unread (named); ${all.errors} error-level issues (each a false one)`);
