/**
 * PDF parse time per corpus PDF against the floor: pdf.js alone opening the same bytes and giving
 * every page's getTextContent and getOperatorList (what the reader needs of pdf.js) — so the ratio
 * is the reader's own cost on top of pdf.js. Floor, parse and parse + check run in turn in every
 * round (a busy machine slows all alike); medians. Prints; asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pdfjsAssets } from '../core/node/pdf';
import { parsePdf, readPages, reportOf } from '../core/parse/pdf/index';
import { checkReport } from '../core/check/index';

export interface PdfTiming {
  name: string;
  kb: number;
  pages: number;
  floorMs: number;
  parseMs: number;
  checkMs: number;
  /** The reader's own work on pages pdf.js has already given (lines, grids, tables, report). */
  ownMs: number;
}

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

async function floor(pdfjs: Pdfjs, bytes: Uint8Array): Promise<number> {
  const task = pdfjs.getDocument({ data: bytes.slice(), ...pdfjsAssets(), cMapPacked: true, isEvalSupported: false, disableFontFace: true, verbosity: 0 });
  const doc = await task.promise;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    await Promise.all([page.getTextContent(), page.getOperatorList()]);
    page.cleanup();
  }
  const pages = doc.numPages;
  await task.destroy();
  return pages;
}

export async function benchPdf(files: string[], rounds = 11): Promise<PdfTiming[]> {
  const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as Pdfjs;
  const opts = { ...pdfjsAssets() };
  const out: PdfTiming[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(file));
    let pages = 0;
    const steps: (() => Promise<unknown>)[] = [
      async () => (pages = await floor(pdfjs, bytes)),
      () => parsePdf(bytes, opts),
      async () => checkReport(await parsePdf(bytes, opts)),
    ];
    const times: number[][] = steps.map(() => []);
    for (let round = -2; round < rounds; round++) {
      for (const [i, step] of steps.entries()) {
        const t = performance.now();
        await step();
        if (round >= 0) times[i].push(performance.now() - t);
      }
    }
    const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // the reader's own share, without pdf.js: pages read once, then only our part timed
    const task = pdfjs.getDocument({ data: bytes.slice(), ...opts, cMapPacked: true, isEvalSupported: false, disableFontFace: true, verbosity: 0 });
    const doc = await task.promise;
    const read = await readPages(doc as never, pdfjs.OPS as unknown as Record<string, number>);
    await task.destroy();
    const own: number[] = [];
    for (let i = -3; i < 41; i++) {
      const t = performance.now();
      reportOf(read, read.length, 200, file);
      if (i >= 0) own.push(performance.now() - t);
    }
    out.push({ name: basename(file), kb: bytes.length / 1024, pages, floorMs: med(times[0]), parseMs: med(times[1]), checkMs: med(times[2]), ownMs: med(own) });
  }
  return out;
}

export function printPdf(rows: PdfTiming[]): string {
  const lines = [
    '| PDF | KB | pages | floor: pdf.js text + operator lists (ms) | parse (ms) | parse ÷ floor | parse + check (ms) | (parse + check) ÷ floor | reader alone, pdf.js aside (ms) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${r.kb.toFixed(0)} | ${r.pages} | ${r.floorMs.toFixed(1)} | ${r.parseMs.toFixed(1)} | ${(r.parseMs / r.floorMs).toFixed(2)}× | ${r.checkMs.toFixed(1)} | ${(r.checkMs / r.floorMs).toFixed(2)}× | ${r.ownMs.toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}
