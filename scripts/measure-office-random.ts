/**
 * How the readers do on report pages nobody has seen, made the way offices make them: pages of our
 * own (test/support/page-writer.ts) in a random format (2019/2021), layout (PageStyle) and values
 * (all consistent, some zeros printed blank, now and then one total printed wrong), turned into
 * every format an office makes (test/support/office-convert.ts: Chromium, LibreOffice PDF/.docx/
 * .doc/.docx→PDF, wkhtmltopdf, pdftotext, print driver) and read by the Node reader with OCR off.
 * Prints per page × format: cells exact / total, error-level issues on a consistent page or on cells
 * other than the planted one (false errors, rule@table/row/column), and whether the planted error
 * was reported; then the totals.
 *
 * Run: npx tsx scripts/measure-office-random.ts [seed] [pages] [--verbose] [--keep] [--only=I,J] [--html-only]
 * (--only: convert and measure only those pages of the seed, the others drawn but not made)
 * (needs /usr/bin/chromium, soffice, wkhtmltopdf, pdftotext, ghostscript). The pages and their
 * conversions go to OFFICE_CACHE as random-<seed>-<i>.*; --keep leaves them there after the run.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { cellKeys, T3_APPLICANT_COLUMNS, T4_GROUPS, type FormatId } from '../core/model/keys';
import type { CorpusEntry, FindingsEntry } from '../test/support/corpus';
import { convertPage, missingConverters, OFFICE_CACHE, OFFICE_FORMATS } from '../test/support/office-convert';
import { measureFile } from '../test/support/office-measure';
import { consistentValues, writeReportPage, type PageStyle } from '../test/support/page-writer';

process.env.NIANBAO_NO_OCR = '1';
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const keep = args.includes('--keep');
// --html-only: write the pages and read them as HTML, no converter run (a quick look at a seed)
const htmlOnly = args.includes('--html-only');
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',').map(Number) ?? null;
const [seedArg, pagesArg] = args.filter((a) => !a.startsWith('--'));
const seed = Number(seedArg ?? 1);
const pageCount = Math.min(Number(pagesArg ?? 3), 200);
let state = seed;
/** 0 … n-1, from the seed (Park–Miller). */
const rnd = (n: number) => {
  state = (state * 48271) % 2147483647;
  return state % n;
};
const chance = (percent: number) => rnd(100) < percent;
// Traits added later are drawn from (seed, page, trait) alone, so a seed's earlier pages stay as
// they were and adding a trait changes no other.
const laterDraw = (page: number, trait: string, n: number) => {
  let h = Math.imul(seed, 2654435761) ^ Math.imul(page + 1, 40503);
  for (const ch of trait) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  return ((h ^ (h >>> 13)) >>> 0) % n;
};
const laterChance = (page: number, trait: string, percent: number) => laterDraw(page, trait, 100) < percent;
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)];

/** A layout offices use: each PageStyle option drawn on its own (the exclusive ones kept apart). */
function randomStyle(): PageStyle {
  const style: PageStyle = {
    labels: pick(['plain', 'plain', 'spans', 'br'] as const),
    fullWidthDigits: chance(15),
    asciiNumbering: chance(25),
    flatHeader: chance(20),
    portal: chance(30),
    typos: chance(25),
    noRowspan: chance(20),
    splitT2Headers: chance(25),
  };
  const t3 = rnd(6);
  if (t3 === 0) style.splitT3 = true;
  else if (t3 === 1) style.t2t3OneTable = true;
  else if (t3 === 2) style.continuedT3 = pick([true, 'repeat-header'] as const);
  return style;
}

/** How the office's page sets its tables: no CSS (the converters' defaults), or collapsed borders at some width. */
function randomCss(): string {
  if (chance(30)) return '';
  const width = pick(['100%', '100%', '90%', 'auto']);
  const size = pick(['10.5pt', '12pt', '9pt']);
  return `<style>body { font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; font-size: ${size} } table { border-collapse: collapse; width: ${width} } td { border: 0.75pt solid #000; padding: 1pt 3pt }</style>`;
}

interface Planted {
  key: string;
  must: FindingsEntry['must'];
  may: FindingsEntry['may'];
}

/** One total printed `by` more than its parts add up to, and the findings that must (may) name it. */
function plantTotal(values: Record<string, string>, format: FormatId): Planted {
  const by = 1 + rnd(5);
  if (chance(50)) {
    const group = pick(T4_GROUPS).key;
    const key = `t4.${group}.total`;
    values[key] = String(Number(values[key] || 0) + by);
    return { key, must: [{ rules: ['t4.total'], table: 't4', row: group, column: 'total' }], may: [] };
  }
  const rows = cellKeys(format).filter((k) => k.table === 't3' && k.column === 'total').map((k) => k.row!);
  const row = pick(rows);
  const key = `t3.${row}.total`;
  values[key] = String(Number(values[key] || 0) + by);
  // The 总计 column feeds table 3's other sums too: they may name the same cell.
  return {
    key,
    must: [{ rules: ['t3.row-total'], table: 't3', row, column: 'total' }],
    may: [{ rules: ['t3.outcome-total', 't3.balance'], table: 't3', column: 'total' }],
  };
}

interface Totals {
  cells: number;
  exact: number;
  falseErrors: number;
  planted: number;
  plantedFound: number;
  reads: number;
  failedReads: number;
}
const all = new Map<string, Totals>();
const totalsOf = (ext: string) => all.get(ext) ?? all.set(ext, { cells: 0, exact: 0, falseErrors: 0, planted: 0, plantedFound: 0, reads: 0, failedReads: 0 }).get(ext)!;

const missing = missingConverters();
if (missing.length) console.warn(`missing converters (their formats are left out): ${missing.join(', ')}`);
const pagesDir = join(OFFICE_CACHE, `random-${seed}-pages`);
mkdirSync(pagesDir, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const details: string[] = [];
try {
  for (let i = 0; i < pageCount; i++) {
    const name = `random-${seed}-${i}`;
    const format: FormatId = chance(50) ? '2021' : '2019';
    const style = randomStyle();
    const values = consistentValues(format, seed * 1000 + i);
    // a large office: table 3 scaled (its sums are linear, so it stays consistent), printed 1,234 or 1234
    const scale = laterChance(i, 'large', 25) ? 7 + laterDraw(i, 'scale', 40) : 1;
    if (scale > 1) for (const k of Object.keys(values)) if (k.startsWith('t3.')) values[k] = String(Number(values[k]) * scale);
    style.thousands = scale > 1 && laterChance(i, 'thousands', 60);
    style.captionRows = laterChance(i, 'caption', 30);
    style.noteRows = laterChance(i, 'note', 25);
    style.stackedT4 = laterChance(i, 'stacked', 20);
    const blankZeros = chance(40) ? 30 + rnd(70) : 0;
    for (const k of Object.keys(values)) if (values[k] === '0' && chance(blankZeros)) values[k] = '';
    const plant = chance(35) ? plantTotal(values, format) : null;
    // some offices print a zero of tables 3 and 4 as a mark (/, —, 无): no number, read blank
    const printed = { ...values };
    const mark = laterChance(i, 'mark', 20) ? ['/', '—', '——', '无', '-', '／'][laterDraw(i, 'which mark', 6)] : null;
    if (mark) for (const k of Object.keys(values)) if (values[k] === '0' && !k.startsWith('t2.') && laterChance(i, `mark ${k}`, 50)) [printed[k], values[k]] = [mark, ''];
    // 本年增/减 (2019) falls as often as it rises: -12, 减12 or －12 printed, -12 read
    const minus = format === '2019' && laterChance(i, 'negative', 40) ? ['-', '减', '－'][laterDraw(i, 'which minus', 3)] : null;
    if (minus) for (const k of Object.keys(values)) if (k.endsWith('.change') && Number(values[k]) > 0 && laterChance(i, `negative ${k}`, 60)) [printed[k], values[k]] = [minus + values[k], `-${values[k]}`];
    const html = writeReportPage({ format, agency: '示例市示例局', year: 2023, values: printed }, style).replace('</head>', `${randomCss()}</head>`);
    if (only && !only.includes(i)) continue;
    const htmlPath = join(pagesDir, `${name}.html`);
    writeFileSync(htmlPath, html);
    const files = htmlOnly ? new Map<string, string>() : await convertPage(htmlPath, browser);
    const entry: CorpusEntry = {
      name: `${name}.html`,
      path: htmlPath,
      gold: cellKeys(format).map((k) => ({ table: k.table, row: k.row!, column: k.column!, value: values[`${k.table}.${k.row}.${k.column}`] ?? '' })) as CorpusEntry['gold'],
      meta: { agency: '示例市示例局', year: 2023, format, published: null },
    };
    const spec: FindingsEntry = { consistent: !plant, must: plant?.must ?? [], may: plant?.may ?? [] };
    const described = `${format} ${JSON.stringify(style).replace(/"/g, '')}${scale > 1 ? ` t3×${scale}` : ''}${mark ? ` 0→${mark}` : ''}${minus ? ` change ${minus}N` : ''}${blankZeros ? ` blank0 ${blankZeros}%` : ''}${plant ? ` planted ${plant.key}` : ''}`;
    console.log(`${name}: ${described}`);
    const line: string[] = [];
    for (const f of OFFICE_FORMATS) {
      const file = f.ext === 'html' ? htmlPath : files.get(f.ext);
      if (!file) continue;
      const m = await measureFile(entry, spec, file, null);
      const t = totalsOf(f.ext);
      if (m.outcome !== 'read') {
        if (f.expect === 'read') t.failedReads++;
        line.push(`${f.ext} ${m.outcome === f.expect ? 'named ' : ''}${m.outcome}${m.outcome === f.expect ? '' : ' ✗'}`);
        if (f.expect === 'read') details.push(`${name} ${f.ext}: ${m.outcome} — ${m.message}`);
        continue;
      }
      Object.assign(t, { reads: t.reads + 1, cells: t.cells + m.total, exact: t.exact + m.exact, falseErrors: t.falseErrors + m.falseErrors.length });
      if (plant) t.planted++;
      if (plant && m.findings === m.findingsExpected) t.plantedFound++;
      const ok = m.exact === m.total && m.falseErrors.length === 0 && m.findings === m.findingsExpected;
      line.push(`${f.ext} ${m.exact}/${m.total}${m.falseErrors.length ? ` e${m.falseErrors.length}` : ''}${plant ? (m.findings === m.findingsExpected ? ' p✓' : ' p✗') : ''}${m.warnings.length ? ` w${m.warnings.length}` : ''}${ok ? '' : ' ✗'}`);
      if (!ok || verbose) {
        const lines = [`${name} ${f.ext}:`];
        for (const w of m.wrong.slice(0, verbose ? 999 : 12)) lines.push(`   cell ${w}`);
        if (m.wrong.length > 12 && !verbose) lines.push(`   … ${m.wrong.length - 12} more`);
        for (const x of m.missedFindings) lines.push(`   missed ${x}`);
        for (const x of m.falseErrors) lines.push(`   false error ${x}`);
        if (m.warnings.length) lines.push(`   warnings ${m.warnings.join(' ')}`);
        details.push(lines.join('\n'));
      }
    }
    console.log(`   ${line.join(' · ')}`);
  }
} finally {
  await browser.close();
  if (!keep) {
    for (let i = 0; i < pageCount; i++) rmSync(join(OFFICE_CACHE, `random-${seed}-${i}`), { recursive: true, force: true });
    rmSync(pagesDir, { recursive: true, force: true });
  }
}
if (details.length) console.log('\n' + details.join('\n'));
console.log('\nformat        cells exact      false errors  planted found  unread');
const sum: Totals = { cells: 0, exact: 0, falseErrors: 0, planted: 0, plantedFound: 0, reads: 0, failedReads: 0 };
for (const f of OFFICE_FORMATS) {
  const t = all.get(f.ext);
  if (!t) continue;
  if (f.expect === 'read') for (const k of Object.keys(sum) as (keyof Totals)[]) sum[k] += t[k];
  console.log(`${f.ext.padEnd(13)} ${`${t.exact}/${t.cells}`.padEnd(16)} ${String(t.falseErrors).padEnd(13)} ${`${t.plantedFound}/${t.planted}`.padEnd(14)} ${f.expect === 'read' ? t.failedReads : '(expected unreadable)'}`);
}
console.log(`all           ${`${sum.exact}/${sum.cells}`.padEnd(16)} ${String(sum.falseErrors).padEnd(13)} ${`${sum.plantedFound}/${sum.planted}`.padEnd(14)} ${sum.failedReads}`);
console.log(`(seed ${seed}, ${pageCount} pages; printer.pdf is expected to be named unreadable and is not in "all")`);
