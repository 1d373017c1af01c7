/**
 * The `ocr` section of `npm run bench`: our own scans (test/fixtures/scan/: each resolution, turn and
 * JPEG quality the generator makes) and print-driver PDF read by OCR — time per page, cells exact
 * (and how many the arithmetic corrected or left unsure), and the bytes of the files OCR needs shipped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ocrPdf, tesseractPaths } from '../core/node/ocr';
import { readReportFile } from '../core/node/read';
import type { Cell, Report } from '../core/model/schema';

const SCAN = join(import.meta.dirname, '..', 'test', 'fixtures', 'scan');

function exactShare(report: Report, expected: Record<string, string>): string {
  const at = (key: string) => {
    const [t, ...rest] = key.split('.');
    const column = rest.pop()!;
    return (report[t as 't2'] as Record<string, Record<string, Cell>>)[rest.join('.')]?.[column];
  };
  const all = Object.entries(expected);
  const exact = all.filter(([k, v]) => String(at(k)?.value ?? '') === v).length;
  return `${exact}/${all.length}`;
}

export async function benchOcr(): Promise<string> {
  const p = tesseractPaths();
  const models = [join(p.langPath.eng, 'eng.traineddata.gz'), join(p.langPath.chi_sim, 'chi_sim.traineddata.gz')].map((f) => statSync(f).size);
  const lines = ['| fixture | pages | OCR s | s / page | cells exact | corrected by the sums | unsure |', '|---|---:|---:|---:|---:|---:|---:|'];
  const names = readdirSync(SCAN).filter((f) => f.endsWith('.expected.json')).map((f) => f.replace(/\.expected\.json$/, '')).sort();
  for (const name of names) {
    const bytes = new Uint8Array(readFileSync(join(SCAN, `${name}.pdf`)));
    const expected = JSON.parse(readFileSync(join(SCAN, `${name}.expected.json`), 'utf8')).cells as Record<string, string>;
    const start = performance.now();
    const report = await ocrPdf(bytes, name);
    const s = (performance.now() - start) / 1000;
    const pages = Number(/(\d+) page/.exec(report.diagnostics.find((d) => d.code === 'pdf.ocr')?.message ?? '')?.[1] ?? 1);
    const corrected = report.diagnostics.filter((d) => d.code === 'ocr.corrected').length;
    const unsure = [report.t2, report.t3, report.t4].flatMap((t) => Object.values(t as Record<string, Record<string, Cell>>)).flatMap((r) => Object.values(r ?? {})).filter((c) => c.unsure).length;
    lines.push(`| ${name} | ${pages} | ${s.toFixed(1)} | ${(s / pages).toFixed(1)} | ${exactShare(report, expected)} | ${corrected} | ${unsure} |`);
  }
  // a saved report page whose three tables are PNG pictures (test/fixtures/pictures/)
  const page = join(SCAN, '..', 'pictures', 'page.html');
  const expected = JSON.parse(readFileSync(join(SCAN, '..', 'pictures', 'page.expected.json'), 'utf8')).cells as Record<string, string>;
  const start = performance.now();
  const report = await readReportFile(page);
  const s = (performance.now() - start) / 1000;
  lines.push(`| pictures/page.html (3 table pictures) | 3 | ${s.toFixed(1)} | ${(s / 3).toFixed(1)} | ${exactShare(report, expected)} | ${report.diagnostics.filter((d) => d.code === 'ocr.corrected').length} | – |`);
  lines.push('', `Model files shipped (best_int, gzip): eng ${(models[0] / 1e6).toFixed(1)} MB + chi_sim ${(models[1] / 1e6).toFixed(1)} MB; tesseract.js-core wasm (one of its builds is loaded) ${(statSync(join(p.corePath, 'tesseract-core-simd-lstm.wasm')).size / 1e6).toFixed(1)} MB.`);
  return lines.join('\n');
}
