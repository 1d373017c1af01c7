/**
 * Batch export: 1,000 pages (the corpus pages repeated) exported to long CSV through the very
 * pipeline of `nianbao export --format csv --out FILE` (exportBatch: read ahead, parse, check,
 * write each report as it comes). Prints pages per second and peak memory (RSS / heap), and the
 * heap along the way, which stays flat when the export streams, and the floor of the same run
 * (bench/batch-floor.ts: read + cheerio/slim load of the same files on the same threads). Goals: ≥ 350 pages/s on two cores
 * with a peak RSS ≤ 400 MB.
 *
 * The pipeline is the compiled one the `nianbao` command runs (core/cli/export.ts bundled by tsup
 * into .bench/, its worker threads started from that JavaScript) — not the TypeScript sources
 * through tsx, whose loader would be timed in every worker. `--source` times the sources instead.
 *
 * bench/run.ts calls benchBatch() and printBatch(); alone: `npx tsx bench/batch.ts [pages] [jobs] [--source]`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pathToFileURL } from 'node:url';
import type { Input } from '../core/cli/export';
import { readReportFile } from '../core/node/read';
import { batchFloor } from './batch-floor';

type Pipeline = typeof import('../core/cli/export');
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** core/cli/export.ts compiled as the CLI ships it (tsup, ESM, dependencies external), in .bench/. */
async function compiledPipeline(): Promise<{ pipeline: Pipeline; dispose: () => void }> {
  const outDir = join(ROOT, '.bench', `batch-${process.pid}`);
  // In a child process, so that the bundler's own memory is not counted as the pipeline's.
  const args = ['core/cli/export.ts', '--no-config', '--format', 'esm', '--platform', 'node', '--target', 'node20', '--splitting', '--silent', '--out-dir', outDir, '--external', 'tsx', '--external', 'exceljs'];
  execFileSync(join(ROOT, 'node_modules/.bin/tsup'), args, { cwd: ROOT, stdio: 'pipe' });
  const pipeline = (await import(pathToFileURL(join(outDir, 'export.js')).href)) as Pipeline;
  return { pipeline, dispose: () => rmSync(outDir, { recursive: true, force: true }) };
}

export const CORPUS_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../shared/corpus');
const MB = 1024 * 1024;

export interface BatchResult {
  pages: number;
  /** Distinct corpus files the pages repeat. */
  distinct: number;
  /** Corpus files left out because they cannot be parsed yet (named, with the reason). */
  unreadable: { file: string; reason: string }[];
  exported: number;
  failed: number;
  seconds: number;
  pagesPerSecond: number;
  outMB: number;
  peakRssMB: number;
  peakHeapMB: number;
  /** Heap used (this thread) and RSS (the process, workers included) after 10 %, 50 % and 100 % of the pages: flat when the export streams. */
  heapAlongMB: [number, number, number];
  rssAlongMB: [number, number, number];
  /** CPU time of the process over all threads (user + system): compare with `seconds` for the parallelism got. */
  cpuSeconds: number;
  /** The floor of the same run: the same inputs read and loaded by cheerio/slim on as many threads. */
  floorSeconds: number;
  floorCpuSeconds: number;
  floorPagesPerSecond: number;
  /** The compiled pipeline (as the CLI runs), or the TypeScript sources through tsx. */
  compiled: boolean;
  rules: boolean;
  jobs: number;
}

/** The corpus report files (.html, .txt) that parse, and those that do not (yet). */
export async function corpusPages(dir = CORPUS_DIR): Promise<{ files: string[]; unreadable: BatchResult['unreadable'] }> {
  if (!existsSync(dir)) throw new Error(`corpus not found at ${dir}`);
  const files: string[] = [];
  const unreadable: BatchResult['unreadable'] = [];
  for (const f of readdirSync(dir).sort()) {
    const path = join(dir, f);
    if (!/\.(html?|txt)$/.test(f) || !statSync(path).isFile()) continue;
    try {
      await readReportFile(path);
      files.push(path);
    } catch (err) {
      unreadable.push({ file: f, reason: err instanceof Error ? err.message.split('\n')[0] : String(err) });
    }
  }
  return { files, unreadable };
}

/**
 * `jobs`: worker threads, as `nianbao export --jobs` (default: the CLI's default for this many
 * pages — one per core).
 */
export async function benchBatch(pages = 1000, dir = CORPUS_DIR, jobs?: number, compiled = true): Promise<BatchResult> {
  const compiledOne = compiled ? await compiledPipeline() : null;
  const { defaultJobs, exportBatch, fileSink, loadChecker } = compiledOne?.pipeline ?? (await import('../core/cli/export'));
  const { files, unreadable } = await corpusPages(dir);
  if (files.length === 0) throw new Error('no corpus page can be parsed');
  const inputs: Input[] = Array.from({ length: pages }, (_, i) => ({ kind: 'file', name: files[i % files.length] }));
  const tmp = await mkdtemp(join(tmpdir(), 'nianbao-bench-'));
  const out = join(tmp, 'long.csv');
  try {
    const { found: rules } = await loadChecker();
    let peakRss = 0;
    let peakHeap = 0;
    const along: number[] = [0, 0, 0];
    const rssAlong: number[] = [0, 0, 0];
    const marks = [Math.ceil(pages * 0.1), Math.ceil(pages * 0.5), pages];
    const sink = await fileSink(out);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await exportBatch(inputs, {
      format: 'csv',
      sink,
      jobs,
      onProgress: (p) => {
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakHeap = Math.max(peakHeap, m.heapUsed);
        const at = marks.indexOf(p.done);
        if (at >= 0) {
          along[at] = m.heapUsed / MB;
          rssAlong[at] = m.rss / MB;
        }
      },
    });
    await sink.close();
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
    // The floor after the export (its peak RSS is already taken): the same inputs, the same threads.
    const floor = await batchFloor(inputs.map((i) => i.name), jobs ?? defaultJobs(pages));
    return {
      pages,
      distinct: files.length,
      unreadable,
      exported: result.exported,
      failed: result.failures.length,
      seconds,
      pagesPerSecond: pages / seconds,
      outMB: statSync(out).size / MB,
      peakRssMB: peakRss / MB,
      peakHeapMB: peakHeap / MB,
      heapAlongMB: along as [number, number, number],
      rssAlongMB: rssAlong as [number, number, number],
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      floorSeconds: floor.seconds,
      floorCpuSeconds: floor.cpuSeconds,
      floorPagesPerSecond: pages / floor.seconds,
      rules,
      jobs: jobs ?? defaultJobs(pages),
      compiled,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    compiledOne?.dispose();
  }
}

export function printBatch(r: BatchResult): string {
  const f = (n: number, d = 1) => n.toFixed(d);
  const lines = [
    `Batch export to long CSV (nianbao export --format csv --out): ${r.pages} pages, ${r.distinct} distinct corpus files repeated, ${r.jobs ? `${r.jobs} worker threads` : 'one thread'}${r.rules ? ', rules checked' : ', no rules module yet'}, ${r.compiled ? 'compiled as the CLI ships it' : 'TypeScript sources through tsx'}`,
    '',
    '| pages | exported | failed | seconds | CPU s | pages/s | floor pages/s | ÷ floor (time) | floor CPU s | ÷ floor (CPU) | CSV MB | peak RSS MB | peak heap MB | RSS at 10% / 50% / 100% | heap at 10% / 50% / 100% |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
    `| ${r.pages} | ${r.exported} | ${r.failed} | ${f(r.seconds, 2)} | ${f(r.cpuSeconds, 1)} | ${f(r.pagesPerSecond, 0)} | ${f(r.floorPagesPerSecond, 0)} | ${f(r.seconds / r.floorSeconds, 2)}× | ${f(r.floorCpuSeconds, 1)} | ${f(r.cpuSeconds / r.floorCpuSeconds, 2)}× | ${f(r.outMB)} | ${f(r.peakRssMB, 0)} | ${f(r.peakHeapMB, 0)} | ${r.rssAlongMB.map((x) => f(x, 0)).join(' / ')} | ${r.heapAlongMB.map((x) => f(x, 0)).join(' / ')} |`,
    '',
    `Floor: the same ${r.pages} inputs read and loaded by cheerio/slim on the same ${Math.max(1, r.jobs)} thread(s), in the same run (${f(r.floorSeconds, 2)} s).`,
    `Goals ≥ 350 pages/s and peak RSS ≤ 400 MB: ${r.pagesPerSecond >= 350 ? 'met' : 'NOT met'} / ${r.peakRssMB <= 400 ? 'met' : 'NOT met'} (${f(r.seconds * (1000 / r.pages), 2)} s per 1,000 pages, ${f((r.cpuSeconds * 1000) / r.pages, 1)} ms of CPU per page; ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)} at the end — other work on the machine slows this down).`,
  ];
  if (r.unreadable.length) {
    lines.push('', `Left out (cannot be parsed yet): ${r.unreadable.map((u) => u.file).join(', ')}.`);
  }
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pages = Number(process.argv.slice(2).filter((a) => a !== '--source')[0] ?? 1000) || 1000;
  const args = process.argv.slice(2).filter((a) => a !== '--source');
  const jobs = args[1] === undefined ? undefined : Number(args[1]);
  benchBatch(pages, CORPUS_DIR, jobs, !process.argv.includes('--source'))
    .then((r) => process.stdout.write(`${printBatch(r)}\n`))
    .catch((err) => {
      process.stderr.write(`bench/batch: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    });
}
