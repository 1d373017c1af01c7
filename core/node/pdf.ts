/**
 * PDF files in Node: pdf.js (pdfjs-dist legacy build) with the CMaps and standard fonts of the
 * installed pdfjs-dist — resolved from this module, so it also works when nianbao-lens is
 * installed as a dependency elsewhere. parsePdfFile resolves to a Report or rejects with an
 * InputError whose reason is one bilingual line (scan, unreadable, encrypted, broken, too large,
 * not a report).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId, Worker } from 'node:worker_threads';
import type { Report } from '../model/schema';
import { parsePdf, PdfReadError, type PdfParseOptions } from '../parse/pdf/index';
import type { PdfWorkerInput, PdfWorkerOutput } from './pdf-worker';
import { InputError } from './input-error';
import { ocrWanted, readByOcr, type OcrOptions } from './ocr-entry';
import { pdfjsAssets } from './pdfjs-assets';

export { pdfjsAssets };

/** The worker's JavaScript heap at most (MB), and the whole read's time at most (ms). */
export const PDF_WORKER_HEAP_MB = 512;
export const PDF_WORKER_TIME_MS = 30_000;
const STARTUP_MS = 120_000;

/**
 * The worker script: the built one beside this module (dist/pdf-worker.js); in a checkout (the
 * tests, tsx), the source bundled by esbuild once per process — a worker that registered tsx
 * would compile pdf.js's reader anew on every read (seconds of CPU each) —, else the source run
 * through tsx.
 */
let sourceBundle: URL | null | undefined;
function workerScript(): { url: URL; eval: boolean } {
  const built = new URL('./pdf-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return { url: built, eval: false };
  const source = new URL('./pdf-worker.ts', import.meta.url);
  if (sourceBundle === undefined) sourceBundle = bundleSource(source);
  return sourceBundle ? { url: sourceBundle, eval: false } : { url: source, eval: true };
}

/**
 * The worker's source bundled (dependencies external, as tsup builds it) into a file of this
 * process under node_modules/.cache — inside the checkout so pdfjs-dist resolves; made from the
 * sources as they are now, so never stale. null when esbuild (a dev dependency) is not there.
 */
function bundleSource(source: URL): URL | null {
  try {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const dir = join(root, 'node_modules', '.cache', 'nianbao-pdf-worker');
    const outfile = join(dir, `pdf-worker-${process.pid}-${threadId}.mjs`);
    const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
    mkdirSync(dir, { recursive: true });
    esbuild.buildSync({ entryPoints: [fileURLToPath(source)], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'silent' });
    process.once('exit', () => rmSync(outfile, { force: true }));
    return pathToFileURL(outfile);
  } catch {
    return null;
  }
}

/** A worker that finished its last read cleanly, kept (unref'd) for the next one; its reads so far. */
let idle: { worker: Worker; reads: number } | null = null;
/** A worker is retired after this many reads, so what one PDF leaves in its heap cannot pile up. */
const READS_PER_WORKER = 20;

function startWorker(): Worker {
  const script = workerScript();
  const worker = script.eval
    ? new Worker(`import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(script.url.href)}); });`, { eval: true, resourceLimits: LIMITS })
    : new Worker(script.url, { resourceLimits: LIMITS });
  // (Also the listener that keeps an idle worker's failure from being an unhandled 'error' event.)
  const forget = () => {
    if (idle?.worker === worker) idle = null;
  };
  worker.on('error', forget);
  worker.once('exit', forget);
  return worker;
}

/**
 * parsePdf in a worker thread with a hard time limit (terminated, not asked to stop) and a memory
 * ceiling (resourceLimits): a PDF bomb ends in one line, whatever pdf.js does with it. A worker
 * that timed out, ran out of memory or failed is never reused.
 */
function parseInWorker(bytes: Uint8Array, opts: PdfParseOptions, timeMs: number): Promise<Report> {
  const kept = idle;
  idle = null;
  const worker = kept?.worker ?? startWorker();
  const reads = (kept?.reads ?? 0) + 1;
  worker.ref();
  const job: PdfWorkerInput = { bytes, opts };
  return new Promise<Report>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout>;
    const done = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const discard = () => {
      done();
      void worker.terminate();
    };
    const stop = (ms: number) =>
      setTimeout(() => {
        discard();
        reject(new PdfReadError('too-large', `PDF 读取超过 ${timeMs / 1000} 秒，已停止（文件过大或过于复杂） — reading the PDF took more than ${timeMs / 1000} s: stopped (too large or too complex)`));
      }, ms);
    const onMessage = (out: PdfWorkerOutput) => {
      if ('started' in out) {
        clearTimeout(timer);
        timer = stop(timeMs);
        worker.postMessage(job);
        return;
      }
      done();
      // Read to the end (a report or the PDF's own error): the worker is sound, keep it.
      if (reads < READS_PER_WORKER) {
        worker.unref();
        // Two reads at once leave two sound workers: one is kept, never two.
        if (idle) void idle.worker.terminate();
        idle = { worker, reads };
      } else void worker.terminate();
      if ('report' in out) resolve(out.report as Report);
      else reject(new PdfReadError(out.error.code, out.error.message));
    };
    const onError = (err: Error & { code?: string }) => {
      discard();
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') reject(new PdfReadError('too-large', `PDF 读取所需内存超过 ${PDF_WORKER_HEAP_MB} MB，已停止 — reading the PDF needed more than ${PDF_WORKER_HEAP_MB} MB: stopped`));
      else reject(err);
    };
    const onExit = () => {
      done();
      reject(new PdfReadError('broken', 'PDF 读取意外中止 — reading the PDF stopped unexpectedly'));
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    if (kept) {
      // Loaded already: the time limit starts with the read.
      timer = stop(timeMs);
      worker.postMessage(job);
    } else {
      // Loading the reader is bounded apart (generously: a busy machine, sources compiled on the fly).
      timer = stop(STARTUP_MS);
    }
  });
}

/**
 * PDFs are read one at a time, as they were on the main thread: several workers at once would
 * share the cores and the time limit would measure the queue, not the PDF.
 */
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(read: () => Promise<T>): Promise<T> {
  const run = queue.then(read, read);
  queue = run.catch(() => {});
  return run;
}

const LIMITS = { maxOldGenerationSizeMb: PDF_WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32, stackSizeMb: 8 };

export async function parsePdfFile(bytes: Uint8Array, source: string, opts: Omit<PdfParseOptions, 'source'> & { ocr?: false | OcrOptions } = {}): Promise<Report> {
  // The OCR options (a progress callback) stay here: they cannot cross to the worker.
  const { ocr, ...pdfOpts } = opts;
  try {
    const full = { ...(pdfjsAssets() ?? {}), ...pdfOpts, source };
    // What cannot cross to a worker (an open document, a module, a signal) is read here.
    if (pdfOpts.pdfjs || pdfOpts.document || pdfOpts.signal) return await parsePdf(bytes, full);
    return await oneAtATime(() => parseInWorker(bytes, full, Math.min(pdfOpts.timeoutMs ?? PDF_WORKER_TIME_MS, PDF_WORKER_TIME_MS)));
  } catch (err) {
    // No text to read (a scan, a print driver's glyphs without Unicode): read the pictures by OCR.
    if (err instanceof PdfReadError && ocrWanted(err.code, ocr)) return readByOcr(bytes, source, err.message, ocr || {});
    // A PDF that is no report is skipped in a directory walk, like a page; other problems are errors.
    if (err instanceof PdfReadError) throw new InputError(source, err.message, err.code === 'not-a-report' ? 'not-report' : 'unreadable');
    throw new InputError(source, 'PDF 文件已损坏或不完整，无法读取 — the PDF file is broken or incomplete: cannot be read');
  }
}
