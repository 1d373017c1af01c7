/**
 * `npm run bench`: speed and memory, printed as ratios against a floor — never asserted in a
 * test. Sections: parse (+ check) per corpus page against cheerio/slim `load`; a 1,000-page
 * batch export; the extension in Chromium (entry size, main-thread cost, time to marks).
 *
 *   npm run bench                 # everything
 *   npm run bench -- parse        # one section: parse | pdf | ocr | batch | extension | collect | score
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR } from './batch';
import { benchParse, benchSuspects, median, printParse, printSuspects } from './parse';

const wanted = new Set(process.argv.slice(2));
const want = (name: string) => wanted.size === 0 || wanted.has(name);
const say = (text = '') => process.stdout.write(`${text}\n`);

if (!existsSync(CORPUS_DIR)) {
  say(`corpus not found at ${CORPUS_DIR}: the benchmark measures the corpus pages; nothing to do.`);
  process.exit(0);
}

say(`# Nianbao Lens benchmark — node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);

if (want('parse')) {
  const pages = readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.html'))
    .map((f) => join(CORPUS_DIR, f));
  const rows = await benchParse(pages);
  say('## Parse (+ check) per page, median of 41 runs, against the floor: cheerio/slim `load` of the same HTML\n');
  say(printParse(rows));
  say('\nPDF text (pdftotext -layout), median of 41 runs:\n');
  say('| text | KB | parse (ms) |\n|---|---:|---:|');
  const { parseText } = await import('../core/parse/text');
  for (const f of readdirSync(CORPUS_DIR).filter((x) => x.endsWith('.txt'))) {
    const text = readFileSync(join(CORPUS_DIR, f), 'utf8');
    say(`| ${f} | ${(Buffer.byteLength(text) / 1024).toFixed(0)} | ${median(() => parseText(text)).toFixed(2)} |`);
  }
  const largest = rows.reduce((a, b) => (b.kb > a.kb ? b : a));
  say(
    `\nLargest page ${largest.name} (${largest.kb.toFixed(0)} KB): parse ${(largest.parseMs / largest.floorMs).toFixed(2)}× the floor` +
      (largest.checkMs ? `, parse + check ${(largest.checkMs / largest.floorMs).toFixed(2)}× (goal ≤ 1.3×)` : '') +
      '\n',
  );
  // The suspect search (issue 9) on the largest page and on pages with many errors; goal ≤ 10 %.
  say('## Suspect search, median of 101 runs, against the page\'s parse + check (goal ≤ 10 %)\n');
  const suspectPages = [largest.name, '01-shanghai-office-2019.html', '11-pingtan-2020.html'].filter((n, i, all) => all.indexOf(n) === i);
  say(printSuspects(await benchSuspects(suspectPages.map((n) => join(CORPUS_DIR, n)).filter((p) => existsSync(p)))));
  say();
}

if (want('ocr')) {
  const { benchOcr } = await import('./ocr');
  say('## OCR of our own scans (offline tesseract.js, 300 dpi), one run\n');
  say(await benchOcr());
  say();
}

if (want('pdf')) {
  const { benchPdf, printPdf } = await import('./pdf');
  const dir = join(CORPUS_DIR, 'pdf');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.pdf')).map((f) => join(dir, f)) : [];
  say('## PDF parse (+ check) per corpus PDF, median of 11 rounds, against the floor: pdf.js getTextContent + getOperatorList of every page (goal ≤ 1.5×)\n');
  say(files.length ? printPdf(await benchPdf(files)) : 'no PDF in the corpus');
  say();
}

if (want('collect')) {
  const { benchCollect, printCollect } = await import('./collect');
  say("## nianbao collect: the crawl's own overhead per page (local server, no delay), beyond the parse\n");
  say(printCollect(await benchCollect(100)));
  say();
}

if (want('score')) {
  const { benchScore } = await import('./score');
  say('## Score: 雷同 across agencies (inverted index) and scoring against the national pack, median of 5\n');
  say('| reports | 雷同 index (ms) | score, cached index (ms) | pairs found for the pasted one |\n|---:|---:|---:|---:|');
  for (const n of [50, 200]) {
    const r = benchScore(n);
    say(`| ${r.n} | ${r.similarMs.toFixed(0)} | ${r.scoreMs.toFixed(0)} | ${r.pairs} |`);
  }
  say();
}

if (want('batch')) {
  say('## Batch export: 1,000 pages to long CSV (the CLI pipeline)\n');
  // In a process of its own: the peak RSS is the process's, and the sections before this one
  // (pdf.js, the collect server) would be counted in it.
  const root = fileURLToPath(new URL('..', import.meta.url));
  const child = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'bench/batch.ts'), '1000'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  say(child.status === 0 ? child.stdout.trimEnd() : `batch benchmark failed (exit ${child.status})`);
  say();
}

if (want('extension')) {
  say('## Extension in Chromium\n');
  try {
    const { benchExtension, printExtension } = await import('./extension');
    say(printExtension(await benchExtension()));
  } catch (err) {
    say(`extension benchmark not run: ${(err as Error).message.split('\n')[0]}`);
  }
}

if (want('collection')) {
  say('## Extension: the collection page with 1,000 stored reports, in Chromium\n');
  try {
    const { benchCollection, printCollection } = await import('./collection');
    say(printCollection(await benchCollection()));
  } catch (err) {
    say(`collection benchmark not run: ${(err as Error).message.split('\n')[0]}`);
  }
  say();
}
