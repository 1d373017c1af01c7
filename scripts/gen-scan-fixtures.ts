/**
 * Writes the OCR fixtures (test/fixtures/scan/): a report page of our own (page-writer, format 2019,
 * with a negative change −2 and an amount 312.6 in table 2, and one wrong number of the office's own:
 * 予以公开·自然人 one more than its sums allow) printed by Chromium, then
 *  - scan-2019.pdf: every page rasterised at 200 dpi (pdftoppm), turned 0.5°, sprinkled with noise,
 *    JPEG'd at quality 65 and put back into a PDF as pictures (Chromium page.pdf of an HTML page of
 *    images) — no text layer; and the same at other resolutions, turns and JPEG qualities
 *    (SCAN_VARIANTS: 300 dpi turned −1° JPEG 60, 200 dpi turned 0.8° JPEG 50), measured by the bench;
 *  - print-driver.pdf: the same print sent through a PostScript driver (pdf2ps, then ps2pdf), which
 *    loses the fonts' Unicode maps.
 * Beside each, <name>.expected.json holds what the HTML parser reads from the very same page.
 *
 * Run: npx tsx scripts/gen-scan-fixtures.ts  (needs /usr/bin/chromium, fonts-noto-cjk, poppler-utils, ghostscript)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { chromium } from 'playwright-core';
import { straighten, toGray } from '../core/ocr/raster';
import { parseHtml } from '../core/parse/html';
import { cellLines } from '../test/support/cells';
import { consistentValues, writeReportPage } from '../test/support/page-writer';

export const SCAN_FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', 'scan');
const CSS = `<style>body { font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; font-size: 12pt; line-height: 1.5 }
table { border-collapse: collapse } td { border: 0.75pt solid #000; padding: 2px 4px }</style>`;
/** The scans made: the first is the one the tests read; the others measure OCR across resolutions, turns and JPEG qualities. */
const SCAN_VARIANTS = [
  { name: 'scan-2019', dpi: 200, degrees: 0.5, quality: 65 },
  { name: 'scan-300dpi-turned-1', dpi: 300, degrees: -1, quality: 60 },
  { name: 'scan-200dpi-turned-0.8', dpi: 200, degrees: 0.8, quality: 50 },
] as const;

function reportPage(): string {
  const values = consistentValues('2019', 1919);
  values['t2.licensing.change'] = '-2';
  values['t2.procurement.amount_10k_yuan'] = '312.6';
  // the office's own error, one digit off its sum's need: OCR must report it, never "correct" it away
  values['t3.granted.natural_person'] = String(Number(values['t3.granted.natural_person']) + 1);
  return writeReportPage({ format: '2019', agency: '示例县扫描局', year: 2020, values }).replace('</head>', `${CSS}</head>`);
}

/** A page picture as a scanner makes it: turned a little, noisy, JPEG'd. */
async function scanned(png: Buffer, seed: number, degrees: number, quality: number): Promise<Buffer> {
  const img = await loadImage(png);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height);
  // turned by our own resampling (the canvas's transformed drawImage of a large picture is not to be trusted)
  const turned = straighten(toGray(data.data, img.width, img.height), (-degrees * Math.PI) / 180, 255);
  let s = seed;
  for (let i = 0; i < turned.data.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const v = Math.max(0, Math.min(255, turned.data[i] + ((s >> 8) % 25) - 12));
    data.data[4 * i] = data.data[4 * i + 1] = data.data[4 * i + 2] = v;
    data.data[4 * i + 3] = 255;
  }
  ctx.putImageData(data, 0, 0);
  return canvas.encode('jpeg', quality);
}

function expected(html: string, what: string) {
  const report = parseHtml(html, { source: 'x.html' });
  const cells = Object.fromEntries(cellLines(report).map((l) => l.split(',')).map(([t, r, c, v]) => [`${t}.${r}.${c}`, v]));
  return { what, cells, meta: { agency: report.meta.agency, year: report.meta.year, format: report.meta.format } };
}

/** The print's pages as grey PNGs at `dpi`. */
async function scanPictures(pdf: string, prefix: string, dpi: number): Promise<string[]> {
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', pdf, prefix]);
  const dir = join(prefix, '..');
  const base = prefix.slice(dir.length + 1);
  return readdirSync(dir).filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png')).sort().map((f) => join(dir, f));
}

async function main() {
  mkdirSync(SCAN_FIXTURES, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'scan-'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  try {
    const html = reportPage();
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const printed = await page.pdf({ format: 'A4', margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
    writeFileSync(join(tmp, 'print.pdf'), printed);
    if (process.env.KEEP_PRINT) writeFileSync(process.env.KEEP_PRINT, printed);

    const truth = expected(html, '');
    for (const v of SCAN_VARIANTS) {
      const pngs = await scanPictures(join(tmp, 'print.pdf'), join(tmp, v.name), v.dpi);
      const jpegs = await Promise.all(pngs.map((f, i) => scanned(readFileSync(f), 7 + i, v.degrees, v.quality)));
      // one Chromium print per picture (a long page of pictures is not cut at the picture's edges), then joined
      const parts: string[] = [];
      for (const [i, j] of jpegs.entries()) {
        await page.setContent(`<html><head><style>@page { size: A4; margin: 0 } body { margin: 0 }</style></head><body><img style="display:block;width:210mm;height:296mm" src="data:image/jpeg;base64,${j.toString('base64')}"></body></html>`, { waitUntil: 'load' });
        parts.push(join(tmp, `${v.name}-${i}.pdf`));
        writeFileSync(parts[i], await page.pdf({ format: 'A4', pageRanges: '1', margin: { top: '0', bottom: '0', left: '0', right: '0' } }));
      }
      execFileSync('pdfunite', [...parts, join(SCAN_FIXTURES, `${v.name}.pdf`)]);
      const scan = readFileSync(join(SCAN_FIXTURES, `${v.name}.pdf`));
      writeFileSync(join(SCAN_FIXTURES, `${v.name}.expected.json`), JSON.stringify({ ...truth, what: `page-writer format 2019 at ${v.dpi} dpi, ${v.degrees}° turned, noise ±12, JPEG ${v.quality}, as pictures` }, null, 1) + '\n');
      process.stdout.write(`${v.name}.pdf ${pngs.length} page(s) ${(scan.length / 1024).toFixed(0)} KB\n`);
    }

    execFileSync('pdf2ps', [join(tmp, 'print.pdf'), join(tmp, 'print.ps')]);
    execFileSync('ps2pdf', [join(tmp, 'print.ps'), join(SCAN_FIXTURES, 'print-driver.pdf')]);
    writeFileSync(join(SCAN_FIXTURES, 'print-driver.expected.json'), JSON.stringify({ ...truth, what: 'the same print through pdf2ps and ps2pdf' }, null, 1) + '\n');
  } finally {
    await browser.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
