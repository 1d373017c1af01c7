/**
 * nianbao export <files|dirs|urls…> --format json|csv|csv-wide|issues-csv|xlsx [--out FILE] [--quiet] [--jobs N]
 *
 * A batch: directories are walked for .html/.htm/.txt, URLs are fetched (GBK pages decoded). Each
 * report is parsed, checked (when the rules exist) and written at once for the text formats, so
 * memory stays flat however many pages there are; XLSX is written at the end. An input that cannot
 * be read or is not a report is skipped and listed at the end with its reason — the batch never
 * aborts. Exit code 2 when any input failed, else 0. Long batches are read, parsed and checked on
 * worker threads (one per core), results still taken in input order.
 */
import { readFileSync } from 'node:fs';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { EXPORT_FORMATS, isExportFormat, textExporter, toXlsx, type ExportFailure, type ExportFormat, type ExportItem } from '../export/index';
import type { Issue, Report } from '../model/schema';
import { decodeBytes, InputError, parseDecoded, readReportFile } from '../node/read';
import { compactForPairing, pairedFrom } from '../portal/batch';
import { coverageCsvOfRecords, coverageRecord } from '../export/coverage';
import { EXIT, processIo, type CliIo } from './io';

export const usage = 'nianbao export <files|dirs|urls…> --format json|csv|csv-wide|issues-csv|xlsx [--out FILE] [--quiet] [--jobs N]';

const HELP = `usage: ${usage}

  json        one JSON document: every report with its issues, and the inputs skipped
  csv         long data, one line per cell: source,agency,year,format,table,row,column,value,raw
  csv-wide    one line per report, one column per cell key (t3.new_received.total, …)
  issues-csv  one line per issue found by the rules
  coverage-csv  one line per agency × year: published or missing, deadline, days late, errors, copied (--since YEAR)
  xlsx        a workbook: the official tables (one report) or one row per report, long data, issues

Directories are searched for .html, .htm and .txt files; http(s) URLs are downloaded.
Long batches are parsed on worker threads, one per core (--jobs N to choose, 0 for none).
Without --out the export goes to stdout (XLSX only when stdout is not a terminal).
CSV is UTF-8 with a BOM. Exit code 2 when any input could not be exported, else 0.
`;

/** Inputs shown with a progress line on stderr when there are more than this many. */
const PROGRESS_ABOVE = 3;
/** How many inputs are read ahead of the one being written (files are read, URLs fetched, in parallel). */
const READ_AHEAD = 4;
const INPUT_EXT = /\.(html?|txt)$/i;
const isUrl = (s: string) => /^https?:\/\//i.test(s);

export interface Input {
  kind: 'file' | 'url';
  name: string;
}

/** Arguments → inputs: directories walked (sorted, hidden entries skipped, linked files followed, linked directories not), others kept as given. */
export async function expandInputs(args: readonly string[]): Promise<{ inputs: Input[]; failures: ExportFailure[] }> {
  const inputs: Input[] = [];
  const failures: ExportFailure[] = [];
  for (const arg of args) {
    if (isUrl(arg)) {
      inputs.push({ kind: 'url', name: arg });
      continue;
    }
    const st = await stat(arg).catch(() => null);
    if (!st?.isDirectory()) {
      inputs.push({ kind: 'file', name: arg }); // a missing file fails when it is read, with its reason
      continue;
    }
    const found = await walk(arg);
    if (found.length === 0) failures.push({ source: arg, reason: '目录中没有 .html/.htm/.txt 文件 — no .html, .htm or .txt file in this directory' });
    for (const f of found) inputs.push({ kind: 'file', name: f });
  }
  return { inputs, failures };
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(path)));
    else if (INPUT_EXT.test(e.name) && (e.isFile() || (e.isSymbolicLink() && (await stat(path).catch(() => null))?.isFile()))) out.push(path);
  }
  return out;
}

/** Download a page and parse it; every failure becomes an InputError with a readable reason. */
export async function fetchReport(url: string, timeoutMs = 30_000): Promise<Report> {
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'nianbao-lens' } });
  } catch (err) {
    const e = err as { name?: string; cause?: { code?: string; message?: string }; message?: string };
    const why = e.name === 'TimeoutError' ? 'timed out' : (e.cause?.code ?? e.cause?.message ?? e.message ?? 'network error');
    throw new InputError(url, `无法下载 — could not download (${why})`);
  }
  if (!res.ok) throw new InputError(url, `无法下载 — could not download (HTTP ${res.status})`);
  const type = (res.headers.get('content-type') ?? '').toLowerCase();
  if (type.includes('pdf') || /\.pdf(?:[?#]|$)/i.test(url)) {
    throw new InputError(url, 'PDF 需先转为文本（pdftotext -layout） — convert the PDF to text first (pdftotext -layout)');
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  const kind = type.includes('html') ? 'html' : type.startsWith('text/plain') ? 'text' : undefined;
  return parseDecoded(decodeBytes(bytes), url, kind);
}

/** Why an input failed, in one line. */
export function reasonOf(err: unknown): string {
  if (err instanceof InputError) return err.reason;
  const msg = err instanceof Error ? err.message : String(err);
  return `无法解析 — could not be parsed (${msg.split('\n')[0]})`;
}

/** Map with up to `window` calls in flight, yielding the results in input order. */
async function* ordered<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, window: number): AsyncGenerator<[T, R]> {
  const pending: Promise<R>[] = [];
  let next = 0;
  const launch = () => {
    const p = fn(items[next++]);
    p.catch(() => {}); // handled when awaited in order
    pending.push(p);
  };
  while (next < items.length && pending.length < window) launch();
  for (let i = 0; i < items.length; i++) {
    const result = await pending.shift()!;
    if (next < items.length) launch();
    yield [items[i], result];
  }
}

export type Checker = (report: Report, previous?: Report | null) => Issue[] | Promise<Issue[]>;

/** The first pass of a batch: each input read for pairing only (its compact report). */
export const PAIRING_PASS = 'pairing';
type PassFormat = ExportFormat | typeof PAIRING_PASS;

/**
 * One input read, parsed, checked and rendered — or why not. For a text format `text` is the
 * exporter's item text (rendered where the report was parsed, so only text crosses threads); for
 * XLSX `item` is the report with its issues, kept for the workbook.
 */
export type Loaded = { ok: true; text?: string; item?: ExportItem; warning?: string; compact?: Report } | { ok: false; reason: string };

/** Read (or download), parse, check and render one input; never throws. */
export async function loadInput(input: Input, check: Checker, format: PassFormat, previous: Report | null = null): Promise<Loaded> {
  // A URL is downloaded once: the pairing pass leaves it out.
  if (format === PAIRING_PASS && input.kind === 'url') return { ok: true };
  let report: Report;
  try {
    report = input.kind === 'url' ? await fetchReport(input.name) : await readReportFile(input.name);
  } catch (err) {
    return { ok: false, reason: reasonOf(err) };
  }
  if (format === PAIRING_PASS) return { ok: true, compact: compactForPairing(report) };
  let issues: Issue[] = [];
  let warning: string | undefined;
  try {
    issues = await check(report, previous);
  } catch (err) {
    warning = `规则出错，已导出但不含问题 — the rules failed on this report; exported without issues (${reasonOf(err)})`;
  }
  const item = { report, issues };
  try {
    const out: Loaded =
      format === 'xlsx' ? { ok: true, item } : format === 'coverage-csv' ? { ok: true, text: coverageRecord({ ...item, previous }) } : { ok: true, text: textExporter(format).item(item) };
    if (warning) out.warning = warning;
    return out;
  } catch (err) {
    return { ok: false, reason: `无法导出 — could not be exported (${reasonOf(err)})` };
  }
}

/**
 * The rules' checkReport, when core/rules/index.ts exists; else no issues. A rules module that
 * exists but fails to load is reported once (as `warning`) and the export goes on without issues.
 */
export async function loadChecker(): Promise<{ check: Checker; found: boolean; warning?: string }> {
  const none: Checker = () => [];
  try {
    // A literal path, so that the compiled CLI (dist/) carries the rules as a chunk of its own.
    const mod = (await import('../rules/index')) as { checkReport?: unknown };
    if (typeof mod.checkReport !== 'function') return { check: none, found: false, warning: 'core/rules/index.ts has no checkReport; exporting without issues' };
    const checkReport = mod.checkReport as (r: Report, o?: { previous?: Report | null }) => unknown;
    return {
      found: true,
      check: async (report, previous) => {
        const out = (await checkReport(report, { previous: previous ?? null })) as Issue[] | { issues?: Issue[] } | undefined;
        return Array.isArray(out) ? out : Array.isArray(out?.issues) ? out.issues : [];
      },
    };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const missing = (e.code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module|Failed to load url/i.test(e.message ?? '')) && /rules[\\/]index/.test(e.message ?? '');
    if (missing) return { check: none, found: false };
    return { check: none, found: false, warning: `规则无法加载，导出不含问题 — rules could not be loaded, exporting without issues (${(e.message ?? String(err)).split('\n')[0]})` };
  }
}

// ─── worker threads: read, parse and check in parallel, results in input order ───────────────

const WORKER_ROLE = 'nianbao-export-worker';
/** Batches at least this long use worker threads by default (starting one costs ~0.5 s). */
export const WORKERS_FROM = 24;
/** Inputs handed to one worker at a time, and in flight over all workers per worker. */
const PER_WORKER = 2;
const WINDOW_PER_WORKER = 4;

/** Worker threads a batch uses by default: one per core, at most 4; none for short batches or one core. */
export function defaultJobs(inputs: number): number {
  const cores = availableParallelism();
  return inputs >= WORKERS_FROM && cores > 1 ? Math.min(4, cores) : 0;
}

type ToWorker = { id: number; input: Input; format: PassFormat; previous?: Report | null };
type FromWorker = { type: 'hello'; warning?: string } | { type: 'result'; id: number; result: Loaded };

/**
 * How a worker thread starts: the compiled CLI (dist/*.js) loads this very module directly; run
 * from the TypeScript sources (tests, bench), a small CommonJS bootstrap registers tsx first.
 */
const FROM_SOURCE = /\.[cm]?ts$/.test(new URL(import.meta.url).pathname);
const TSX_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi)
  .then(({ register }) => { register(); return import(workerData.module); })
  .catch((err) => { throw err; });
`;

function tsxApiUrl(): string {
  const req = createRequire(import.meta.url);
  const pkgPath = req.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(pkgPath), pkg.exports['./esm/api'].import.default)).href;
}

function startWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(new URL(import.meta.url), { workerData: { role: WORKER_ROLE } });
  return new Worker(TSX_BOOTSTRAP, { eval: true, workerData: { role: WORKER_ROLE, tsxApi: tsxApiUrl(), module: import.meta.url } });
}

/** The worker side: load the rules once, then answer each input with its Loaded result. */
async function serveAsWorker(): Promise<void> {
  const port = parentPort!;
  const { check, warning } = await loadChecker();
  port.postMessage({ type: 'hello', warning } satisfies FromWorker);
  port.on('message', async (msg: ToWorker) => {
    port.postMessage({ type: 'result', id: msg.id, result: await loadInput(msg.input, check, msg.format, msg.previous ?? null) } satisfies FromWorker);
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) void serveAsWorker();

/**
 * Load inputs on `jobs` worker threads, yielding results in input order with a bounded number in
 * flight. Inputs of a worker that dies are done here instead; if no worker is left, so is the rest.
 */
async function* pooled(inputs: readonly Input[], format: PassFormat, jobs: number, onWarning: (w: string) => void, previous: ReadonlyArray<Report | null> = []): AsyncGenerator<[Input, Loaded]> {
  const results = new Map<number, Loaded>();
  const orphans = new Set<number>();
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  interface Slot {
    worker: Worker;
    pending: Set<number>;
    alive: boolean;
  }
  const slots: Slot[] = [];
  let next = 0;
  let emitted = 0;
  const window = jobs * WINDOW_PER_WORKER;
  const fill = () => {
    for (const s of slots) {
      while (s.alive && s.pending.size < PER_WORKER && next < inputs.length && next - emitted < window) {
        s.pending.add(next);
        s.worker.postMessage({ id: next, input: inputs[next], format, previous: previous[next] ?? null } satisfies ToWorker);
        next++;
      }
    }
  };
  const bury = (slot: Slot) => {
    if (!slot.alive) return;
    slot.alive = false;
    for (const id of slot.pending) orphans.add(id);
    slot.pending.clear();
    fill();
    notify();
  };
  for (let j = 0; j < jobs; j++) {
    const slot: Slot = { worker: startWorker(), pending: new Set(), alive: true };
    slot.worker.on('message', (m: FromWorker) => {
      if (m.type === 'hello') {
        if (m.warning) onWarning(m.warning);
        return;
      }
      slot.pending.delete(m.id);
      results.set(m.id, m.result);
      fill();
      notify();
    });
    slot.worker.on('error', () => bury(slot));
    slot.worker.on('exit', () => bury(slot));
    slots.push(slot);
  }
  fill();
  let local: Checker | null = null;
  const here = async (i: number) => {
    local ??= (await loadChecker()).check;
    return loadInput(inputs[i], local, format, previous[i] ?? null);
  };
  try {
    for (let i = 0; i < inputs.length; i++) {
      while (!results.has(i)) {
        if (orphans.has(i) || (i >= next && !slots.some((s) => s.alive))) {
          orphans.delete(i);
          results.set(i, await here(i));
        } else {
          await new Promise<void>((resolve) => (wake = resolve));
        }
      }
      const result = results.get(i)!;
      results.delete(i);
      emitted++;
      fill();
      yield [inputs[i], result];
    }
  } finally {
    for (const s of slots) s.alive = false;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

/** Where an export goes. `write` resolves when the text may be followed by more (backpressure). */
export interface Sink {
  write(text: string): Promise<void>;
  writeBytes(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export async function fileSink(path: string): Promise<Sink> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'w');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(path, `无法写入 — cannot write the output file (${code})`);
  }
  return {
    write: async (text) => {
      if (text) await fh.write(text);
    },
    writeBytes: async (bytes) => {
      await fh.write(bytes);
    },
    close: () => fh.close(),
  };
}

export function ioSink(io: CliIo): Sink {
  return {
    write: async (text) => {
      if (text) io.out(text);
    },
    writeBytes: async (bytes) => {
      if (!io.outBytes) throw new Error('this output cannot take binary data; use --out FILE');
      io.outBytes(bytes);
    },
    close: async () => {},
  };
}

export interface Progress {
  done: number;
  total: number;
  failed: number;
  current: string;
}

export interface BatchOptions {
  format: ExportFormat;
  sink: Sink;
  /**
   * The rules: by default core/rules is loaded (in each thread that parses); `false` for none; a
   * function of your own runs in this thread (and so turns the worker threads off).
   */
  check?: Checker | false;
  /** Worker threads that read, parse and check; 0 = all in this thread. Default: defaultJobs(). */
  jobs?: number;
  /** Called after each input, written or failed. */
  onProgress?: (p: Progress) => void;
  /** Inputs already known to have failed (an empty directory): listed with the others. */
  failures?: ExportFailure[];
  /** Pair each report with last year's of the same agency among the inputs (a first, reading pass); default true. */
  pair?: boolean;
  /** Coverage: the first year listed (missing years from it on). */
  since?: number;
}

export interface BatchResult {
  exported: number;
  /** Inputs skipped: not readable, or not a report. */
  failures: ExportFailure[];
  /** Things worth saying that did not stop an export (the rules failed on a report, …). */
  warnings: ExportFailure[];
}

/**
 * The export pipeline the CLI and the benchmark share: inputs are read, parsed and checked ahead
 * (on worker threads for long batches) and taken in order; each report is written as it comes
 * (text formats) or kept for the workbook (XLSX). Memory holds a few reports at a time.
 */
export async function exportBatch(inputs: readonly Input[], opts: BatchOptions): Promise<BatchResult> {
  const failures: ExportFailure[] = [...(opts.failures ?? [])];
  const warnings: ExportFailure[] = [];
  const warnOnce = (reason: string) => {
    if (!warnings.some((w) => w.reason === reason)) warnings.push({ source: 'rules', reason });
  };
  const custom = typeof opts.check === 'function' ? opts.check : null;
  const jobs = custom ? 0 : (opts.jobs ?? defaultJobs(inputs.length));
  let check: Checker = custom ?? (() => []);
  if (opts.check === undefined && !(jobs > 0 && inputs.length > 1)) {
    const loaded = await loadChecker();
    if (loaded.warning) warnOnce(loaded.warning);
    check = loaded.check;
  }
  async function* passOver(format: PassFormat, previous: ReadonlyArray<Report | null> = []): AsyncGenerator<[Input, Loaded]> {
    if (jobs > 0 && inputs.length > 1) return yield* pooled(inputs, format, jobs, warnOnce, previous);
    const indexed = inputs.map((input, i) => [input, i] as const);
    for await (const [[input], loaded] of ordered(indexed, ([one, i]) => loadInput(one, check, format, previous[i] ?? null), READ_AHEAD)) yield [input, loaded];
  }
  // Pairing: a first pass keeps each report's compact form, then each is checked with last year's.
  let previous: Array<Report | null> = [];
  if (opts.pair !== false && opts.check !== false && inputs.length > 1) {
    const compact: Array<Report | null> = [];
    for await (const [, loaded] of passOver(PAIRING_PASS)) compact.push(loaded.ok ? (loaded.compact ?? null) : null);
    previous = pairedFrom(compact);
  }
  const source = passOver(opts.format, previous);

  // Coverage needs every report before it can name the missing years: small records are gathered.
  const records: string[] | null = opts.format === 'coverage-csv' ? [] : null;
  const exporter = opts.format === 'xlsx' || records ? null : textExporter(opts.format);
  const held: ExportItem[] = [];
  let exported = 0;
  let done = 0;
  if (exporter) await opts.sink.write(exporter.begin());
  for await (const [input, loaded] of source) {
    done++;
    if (loaded.ok) {
      if (loaded.warning) warnings.push({ source: input.name, reason: loaded.warning });
      if (records) records.push(loaded.text ?? '');
      else if (exporter) await opts.sink.write((exported ? exporter.separator : '') + (loaded.text ?? ''));
      else if (loaded.item) held.push(loaded.item);
      exported++;
    } else {
      failures.push({ source: input.name, reason: loaded.reason });
    }
    opts.onProgress?.({ done, total: inputs.length, failed: failures.length, current: input.name });
  }
  if (records) await opts.sink.write(coverageCsvOfRecords(records, { since: opts.since }));
  else if (exporter) await opts.sink.write(exporter.end(failures));
  else await opts.sink.writeBytes(await toXlsx(held, { failures }));
  return { exported, failures, warnings };
}

/** A progress reporter: a rewritten line on a terminal, about twenty lines otherwise. */
function progressPrinter(io: CliIo, tty: boolean): { onProgress: (p: Progress) => void; finish: () => void } {
  let last = 0;
  let shown = false;
  return {
    onProgress: (p) => {
      const line = `[${String(p.done).padStart(String(p.total).length)}/${p.total}] ${p.failed ? `${p.failed} failed · ` : ''}${p.current}`;
      if (tty) {
        const now = Date.now();
        if (now - last < 100 && p.done < p.total) return;
        last = now;
        io.err(`\r\x1b[K${line}`);
        shown = true;
      } else {
        const step = Math.max(1, Math.ceil(p.total / 20));
        if (p.done % step === 0 || p.done === p.total) io.err(`${line}\n`);
      }
    },
    finish: () => {
      if (tty && shown) io.err('\n');
    },
  };
}

const streamIsTty = (io: CliIo, which: 'stdout' | 'stderr') => io === processIo && !!process[which].isTTY;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      quiet: { type: 'boolean', short: 'q', default: false },
      jobs: { type: 'string', short: 'j' },
      since: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  const format = values.format ?? '';
  if (!isExportFormat(format)) {
    io.err(values.format ? `nianbao export: unknown format "${format}" — one of ${EXPORT_FORMATS.join(', ')}\n${HELP}` : `nianbao export: --format is required\n${HELP}`);
    return EXIT.usage;
  }
  if (positionals.length === 0) {
    io.err(`nianbao export: no input given\n${HELP}`);
    return EXIT.usage;
  }
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 0 && jobs <= 64)) {
    io.err(`nianbao export: --jobs takes a number of worker threads, 0 to 64\n`);
    return EXIT.usage;
  }
  const since = values.since === undefined ? null : Number(values.since);
  if (since !== null && !(Number.isInteger(since) && since >= 1990 && since <= 2100)) {
    io.err('nianbao export: --since takes a year, e.g. --since 2020\n');
    return EXIT.usage;
  }
  if (format === 'xlsx' && !values.out && (streamIsTty(io, 'stdout') || !io.outBytes)) {
    io.err('nianbao export: XLSX is binary — write it to a file with --out FILE (or redirect stdout)\n');
    return EXIT.usage;
  }

  if (io === processIo && !values.out) {
    // The reader went away (| head): stop quietly, no stack trace.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
      io.err(`nianbao export: cannot write to stdout (${err.code ?? err.message})\n`);
      process.exit(EXIT.input);
    });
  }
  const { inputs, failures: early } = await expandInputs(positionals);
  const sink = values.out ? await fileSink(values.out) : ioSink(io);
  const progress = !values.quiet && inputs.length > PROGRESS_ABOVE ? progressPrinter(io, streamIsTty(io, 'stderr')) : null;

  let result: BatchResult;
  try {
    result = await exportBatch(inputs, { format, sink, jobs, onProgress: progress?.onProgress, failures: early, since: since ?? undefined });
  } finally {
    progress?.finish();
    await sink.close();
  }

  const { exported, failures, warnings } = result;
  for (const w of warnings) io.err(`nianbao export: ${w.source}: ${w.reason}\n`);
  if (failures.length) {
    io.err(`nianbao export: ${failures.length} input${failures.length > 1 ? 's' : ''} skipped:\n`);
    for (const f of failures) io.err(`  ${f.source}: ${f.reason}\n`);
  }
  if (!values.quiet && (progress || values.out)) {
    io.err(`nianbao export: ${exported} report${exported === 1 ? '' : 's'} exported as ${format}${values.out ? ` to ${values.out}` : ''}\n`);
  }
  return failures.length ? EXIT.input : EXIT.ok;
}
