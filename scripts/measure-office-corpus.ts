/**
 * Every corpus page (../shared/corpus/*.html) turned into every format an office makes of it
 * (test/support/office-convert.ts: Chromium, LibreOffice PDF/.docx/.doc/.docx→PDF, wkhtmltopdf,
 * pdftotext, a print driver), read by the Node reader with OCR off and measured against its gold
 * key and findings.json. The conversions are cached outside the repository (OFFICE_CACHE; never
 * commit them: they are copies of pages we did not write).
 *
 * Run: npm run measure:office [-- --verbose] [-- --fresh] [-- 05-pingtan-2024 …]
 * Prints one line per page × format: cells exact / total, table findings reported / expected,
 * error-level issues findings.json does not allow, and the reading warnings.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CORPUS_DIR, corpusReports, findings } from '../test/support/corpus';
import { convertPage, missingConverters, OFFICE_CACHE, OFFICE_FORMATS } from '../test/support/office-convert';
import { measureFile, type Measured } from '../test/support/office-measure';

process.env.NIANBAO_NO_OCR = '1';
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
if (args.includes('--fresh')) rmSync(OFFICE_CACHE, { recursive: true, force: true });
const only = args.filter((a) => !a.startsWith('--'));
const missing = missingConverters();
if (missing.length) console.warn(`missing converters (their formats are left out): ${missing.join(', ')}`);

const pages = corpusReports().filter((e) => e.name.endsWith('.html') && (only.length === 0 || only.some((o) => e.name.startsWith(o))));
const spec = findings();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const made = new Map<string, Map<string, string>>();
try {
  for (const p of pages) {
    made.set(p.name, await convertPage(p.path, browser));
    const prev = spec[p.name]?.previous;
    if (prev && !made.has(prev)) made.set(prev, await convertPage(join(CORPUS_DIR, prev), browser));
  }
} finally {
  await browser.close();
}

const cell = (m: Measured, expect: string) => {
  if (m.outcome !== 'read') return m.outcome === expect ? `named ${m.outcome}` : `${m.outcome}!`;
  const ok = m.exact === m.total && m.findings === m.findingsExpected && m.falseErrors.length === 0;
  return `${m.exact}/${m.total} f${m.findings}/${m.findingsExpected} e${m.falseErrors.length}${m.warnings.length ? ' w' + m.warnings.length : ''}${ok ? '' : ' ✗'}`;
};
const rows: string[][] = [['page', ...OFFICE_FORMATS.map((f) => f.ext)]];
const details: string[] = [];
for (const p of pages) {
  const files = made.get(p.name)!;
  const row = [p.name.replace(/\.html$/, '')];
  for (const f of OFFICE_FORMATS) {
    const file = f.ext === 'html' ? p.path : files.get(f.ext);
    if (!file) {
      row.push('—');
      continue;
    }
    const prev = spec[p.name]?.previous;
    const prevFile = prev ? (f.ext === 'html' ? join(CORPUS_DIR, prev) : made.get(prev)?.get(f.ext) ?? null) : null;
    const m = await measureFile(p, spec[p.name], file, prevFile);
    row.push(cell(m, f.expect));
    if (verbose || m.outcome !== f.expect || m.exact !== m.total || m.falseErrors.length || m.findings !== m.findingsExpected) {
      const lines = [`${p.name} ${f.ext}: ${m.outcome}${m.message ? ' — ' + m.message : ''}`];
      if (m.outcome === 'read' || verbose) {
        for (const w of m.wrong.slice(0, verbose ? 999 : 15)) lines.push(`   cell ${w}`);
        if (m.wrong.length > 15 && !verbose) lines.push(`   … ${m.wrong.length - 15} more`);
        for (const x of m.missedFindings) lines.push(`   missed ${x}`);
        for (const x of m.falseErrors) lines.push(`   false error ${x}`);
        if (m.warnings.length) lines.push(`   warnings ${m.warnings.join(' ')}`);
      }
      if (f.expect !== 'unreadable' || m.outcome !== f.expect) details.push(lines.join('\n'));
    }
  }
  rows.push(row);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join(' | '));
console.log('\ncells exact/total · fN/M table findings reported/expected · eN errors findings.json does not allow · wN reading warnings · ✗ short of exact');
if (details.length) console.log('\n' + details.join('\n'));
console.log(`\n(conversions cached in ${OFFICE_CACHE})`);
