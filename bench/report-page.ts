/**
 * What the PDF report page (report.html) loads, from the built extension: its scripts (the entry
 * and every chunk it imports statically), the pdf.js worker, and the CMaps and standard fonts
 * shipped for it (a document fetches only the CMaps its fonts name). Nothing of this is loaded by
 * the content script or the engine.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ReportPageSizes {
  scripts: { file: string; bytes: number; gzip: number }[];
  worker: { bytes: number; gzip: number };
  cmaps: { files: number; bytes: number };
  fonts: { files: number; bytes: number };
  /** Does the content script or the engine hold any pdf.js code? (must be false) */
  pdfjsOutsideReportPage: boolean;
}

const dirSize = (dir: string) => {
  const files = existsSync(dir) ? readdirSync(dir) : [];
  return { files: files.length, bytes: files.reduce((n, f) => n + statSync(join(dir, f)).size, 0) };
};

export function reportPageSizes(extDir: string): ReportPageSizes | null {
  const html = join(extDir, 'report.html');
  if (!existsSync(html)) return null;
  const entry = /<script[^>]+src="\/?([^"]+\.js)"/.exec(readFileSync(html, 'utf8'))?.[1];
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(join(extDir, file))) return;
    seen.add(file);
    const code = readFileSync(join(extDir, file), 'utf8');
    // Static imports only (import"./x.js" / from"./x.js"); dynamic import() chunks load on demand (exports).
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)) visit(posix.join(posix.dirname(file), m[1]).replace(/^\//, ''));
  };
  if (entry) visit(entry);
  const scripts = [...seen].map((file) => {
    const buf = readFileSync(join(extDir, file));
    return { file, bytes: buf.length, gzip: gzipSync(buf).length };
  });
  const workerBuf = readFileSync(join(extDir, 'pdfjs', 'pdf.worker.min.mjs'));
  const marker = 'GlobalWorkerOptions';
  const outside = ['content-scripts/content.js', 'engine.js'].some((f) => existsSync(join(extDir, f)) && readFileSync(join(extDir, f), 'utf8').includes(marker));
  return {
    scripts,
    worker: { bytes: workerBuf.length, gzip: gzipSync(workerBuf).length },
    cmaps: dirSize(join(extDir, 'pdfjs', 'cmaps')),
    fonts: dirSize(join(extDir, 'pdfjs', 'standard_fonts')),
    pdfjsOutsideReportPage: outside,
  };
}

export function reportPageLines(extDir: string): string[] {
  const r = reportPageSizes(extDir);
  if (!r) return ['report.html (PDF report page): not built'];
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const js = r.scripts.reduce((a, s) => ({ bytes: a.bytes + s.bytes, gzip: a.gzip + s.gzip }), { bytes: 0, gzip: 0 });
  return [
    'PDF report page (report.html, loaded only there) | size | gzip',
    '--- | --- | ---',
    `scripts: ${r.scripts.length} files (${r.scripts.map((s) => s.file.replace(/^chunks\//, '')).join(', ')}) | ${kb(js.bytes)} | ${kb(js.gzip)}`,
    `pdf.js worker (pdfjs/pdf.worker.min.mjs) | ${kb(r.worker.bytes)} | ${kb(r.worker.gzip)}`,
    `CMaps shipped (${r.cmaps.files} files; a document fetches only those its fonts name) | ${kb(r.cmaps.bytes)} | —`,
    `standard fonts shipped (${r.fonts.files} files) | ${kb(r.fonts.bytes)} | —`,
    `pdf.js in the content script or the engine | ${r.pdfjsOutsideReportPage ? 'YES (!)' : 'no'} |`,
  ];
}

/**
 * Time from opening report.html?src=<corpus PDF> to the marks (pdf.js opens and lays out the pages,
 * parsePdf reads them, the rules check, the features run): median of `runs` loads per PDF, in
 * Chromium with the built extension. Null without Chromium or the corpus.
 */
export async function reportPageTimes(runs = 5): Promise<{ pdf: string; kb: number; open: number; parse: number; check: number; toMarks: number }[] | null> {
  const { chromiumPath, EXTENSION_DIR, launch } = await import('../test/e2e/support/browser');
  const { CORPUS_DIR } = await import('../test/e2e/support/server');
  const { createServer } = await import('node:http');
  const dir = join(CORPUS_DIR, 'pdf');
  if (!chromiumPath() || !existsSync(dir) || !existsSync(join(EXTENSION_DIR, 'report.html'))) return null;
  const server = createServer((req, res) => {
    const file = join(dir, (req.url ?? '').split('/').pop() ?? '');
    if (!/\.pdf$/.test(file) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/pdf' }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const lens = await launch({ port: (server.address() as { port: number }).port, asUser: true });
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const out = [];
  try {
    for (const pdf of readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort()) {
      const t: Record<string, number>[] = [];
      for (let i = 0; i < runs; i++) {
        const page = await lens.context.newPage();
        await page.goto(`chrome-extension://${lens.extensionId}/report.html?src=${encodeURIComponent(`http://www.bench.gov.cn/${pdf}`)}`);
        await page.waitForSelector('nianbao-lens[data-state="ready"]', { state: 'attached', timeout: 60_000 });
        t.push(await page.evaluate(() => globalThis.__nianbaoPdf!.timing));
        await page.close();
      }
      out.push({
        pdf,
        kb: statSync(join(dir, pdf)).size / 1024,
        open: median(t.map((x) => x.laidOut - x.start)),
        parse: median(t.map((x) => x.parsed - x.laidOut)),
        check: median(t.map((x) => x.checked - x.parsed)),
        toMarks: median(t.map((x) => x.checked)),
      });
    }
  } finally {
    await lens.close();
    server.close();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(reportPageLines(process.argv[2] ?? join(import.meta.dirname, '..', process.env.NIANBAO_OUT_DIR || '.output', 'chrome-mv3')).join('\n'));
  const times = await reportPageTimes();
  if (times) {
    console.log('\ncorpus PDF on report.html (median of 5) | KB | open + lay out pages | parsePdf | check + panel + marks | navigation → marks');
    console.log('--- | --- | --- | --- | --- | ---');
    for (const r of times) console.log(`${r.pdf} | ${r.kb.toFixed(0)} | ${r.open.toFixed(0)} ms | ${r.parse.toFixed(0)} ms | ${r.check.toFixed(0)} ms | ${r.toMarks.toFixed(0)} ms`);
  }
}
