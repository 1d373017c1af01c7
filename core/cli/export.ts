/**
 * nianbao export <files|dirs|urls…> --format json|csv|csv-wide|issues-csv|xlsx [--out FILE] [--quiet] [--jobs N]
 *
 * A batch: the inputs of every command (core/node/input.ts: files, walked directories, URLs, `-`;
 * pages, texts and PDFs). Each report is parsed, checked (when the rules exist) and written at
 * once for the text formats, so memory stays flat however many pages there are; XLSX is written
 * at the end. A file found in a directory that is no report is skipped and listed (exit 0); an
 * input that cannot be read, or a named one that is no report, is listed with its reason and
 * makes the exit code 2 — the batch never aborts. Long batches are read, parsed and checked on
 * worker threads (one per core), results still taken in input order.
 */
import { readFileSync } from 'node:fs';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { EXPORT_FORMATS, isExportFormat, textExporter, LABELS, type Labels, toXlsx, type ExportFailure, type ExportFormat, type ExportItem } from '../export/index';
import type { Issue, Report } from '../model/schema';
import { expandInputs, isSkip, readInput, type Input } from '../node/input';
import { InputError } from '../node/read';
import { compactForPairing, pairedFrom, PAIRED_RULES } from '../portal/batch';
import { copiedShare } from '../compare/copied';
import { tmpdir } from 'node:os';
import { mkdtemp } from 'node:fs/promises';
import { coverageCsvOfRecords, coverageRecord } from '../export/coverage';
import { listSkipped } from './inputs';
import { commandSpec } from './commands';
import { helpText, parseCommand, usageLine } from './options';
import { EXIT, processIo, unknownValue, type CliIo } from './io';

const SPEC = commandSpec('export');
export const usage = usageLine(SPEC);
export const help = helpText(SPEC);
const HELP = help;

/** Inputs shown with a progress line on stderr when there are more than this many. */
const PROGRESS_ABOVE = 3;
/** How many inputs are read ahead of the one being written (files are read, URLs fetched, in parallel). */
const READ_AHEAD = 4;

export type { Input };
export { expandInputs };

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

type PassFormat = ExportFormat;

/**
 * One input read, parsed, checked and rendered — or why not. For a text format `text` is the
 * exporter's item text (rendered where the report was parsed, so only text crosses threads); for
 * XLSX `item` is the report with its issues, kept for the workbook.
 */
export type Loaded = { ok: true; text?: string; item?: ExportItem; warning?: string; compact?: Report } | { ok: false; reason: string; skip?: boolean };

/** Read (or download), parse, check and render one input; never throws. */
export async function loadInput(input: Input, check: Checker, format: PassFormat, previous: Report | null = null, keepCompact = false): Promise<Loaded> {
  let report: Report;
  try {
    report = await readInput(input);
  } catch (err) {
    return isSkip(input, err) ? { ok: false, reason: reasonOf(err), skip: true } : { ok: false, reason: reasonOf(err) };
  }
  let issues: Issue[] = [];
  let warning: string | undefined;
  try {
    // The long CSV holds no issue: its batches do not run the rules (a fifth of the work per page).
    if (format !== 'csv') issues = await check(report, previous);
  } catch (err) {
    warning = `规则出错，已导出但不含问题 — the rules failed on this report; exported without issues (${reasonOf(err)})`;
  }
  const item = { report, issues };
  try {
    const out: Extract<Loaded, { ok: true }> =
      format === 'xlsx' ? { ok: true, item: previous ? ({ ...item, previous } as ExportItem) : item } : format === 'coverage-csv' ? { ok: true, text: coverageRecord({ ...item, previous }) } : { ok: true, text: textExporter(format).item(item) };
    if (warning) out.warning = warning;
    // What pairing needs of the report (a batch pairs the years after reading every input once).
    if (keepCompact) out.compact = compactForPairing(report);
    return out;
  } catch (err) {
    return { ok: false, reason: `无法导出 — could not be exported (${reasonOf(err)})` };
  }
}

/**
 * The check (core/check: rules, suspects), when it exists; else no issues. A rules module that
 * exists but fails to load is reported once (as `warning`) and the export goes on without issues.
 */
export async function loadChecker(): Promise<{ check: Checker; found: boolean; warning?: string }> {
  const none: Checker = () => [];
  try {
    // A literal path, so that the compiled CLI (dist/) carries the rules as a chunk of its own.
    const mod = (await import('../check/index')) as { checkReport?: unknown };
    if (typeof mod.checkReport !== 'function') return { check: none, found: false, warning: 'core/check/index.ts has no checkReport; exporting without issues' };
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
    const missing = (e.code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module|Failed to load url/i.test(e.message ?? '')) && /(?:rules|check)[\\/]index/.test(e.message ?? '');
    if (missing) return { check: none, found: false };
    return { check: none, found: false, warning: `规则无法加载，导出不含问题 — rules could not be loaded, exporting without issues (${(e.message ?? String(err)).split('\n')[0]})` };
  }
}

// ─── worker threads: read, parse and check in parallel, results in input order ───────────────

const WORKER_ROLE = 'nianbao-export-worker';
/** Batches at least this long use worker threads by default (starting one costs ~0.5 s). */
export const WORKERS_FROM = 24;
/** Inputs handed to one worker at a time, and in flight over all workers per worker. */
const PER_WORKER = 3;
const WINDOW_PER_WORKER = 12;

/** Worker threads a batch uses by default: one per core, at most 4; none for short batches or one core. */
export function defaultJobs(inputs: number): number {
  const cores = availableParallelism();
  return inputs >= WORKERS_FROM && cores > 1 ? Math.min(4, cores) : 0;
}

type ToWorker = { id: number; input: Input; format: PassFormat; previous?: Report | null; keep?: boolean };
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
    port.postMessage({ type: 'result', id: msg.id, result: await loadInput(msg.input, check, msg.format, msg.previous ?? null, msg.keep ?? false) } satisfies FromWorker);
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) void serveAsWorker();

/**
 * Load inputs on `jobs` worker threads, yielding results in input order with a bounded number in
 * flight. Inputs of a worker that dies are done here instead; if no worker is left, so is the rest.
 */
async function* pooled(inputs: readonly Input[], format: PassFormat, jobs: number, onWarning: (w: string) => void, previous: ReadonlyArray<Report | null> = [], keep = false): AsyncGenerator<[Input, Loaded]> {
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
        s.worker.postMessage({ id: next, input: inputs[next], format, previous: previous[next] ?? null, keep } satisfies ToWorker);
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
    return loadInput(inputs[i], local, format, previous[i] ?? null, keep);
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

/**
 * A file written as a temporary file beside it and renamed over it when closed: an export that
 * stops half-way leaves the old file as it was.
 */
export async function fileSink(path: string): Promise<Sink> {
  let fh: FileHandle;
  const temp = join(dirname(path), `.${basename(path)}.nianbao-${process.pid}.tmp`);
  const fail = (err: unknown): never => {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(path, `无法写入 — cannot write the output file (${code})`);
  };
  try {
    fh = await open(temp, 'w');
  } catch (err) {
    return fail(err);
  }
  return {
    write: async (text) => {
      if (text) await fh.write(text);
    },
    writeBytes: async (bytes) => {
      await fh.write(bytes);
    },
    close: async () => {
      await fh.close();
      await rename(temp, path).catch(async (err) => {
        await rm(temp, { force: true }).catch(() => {});
        fail(err);
      });
    },
  };
}

/** The input that --out names, if any (the same file by device and inode, links and all). */
export async function outputIsInput(out: string, inputs: readonly Input[]): Promise<string | null> {
  const target = await stat(out).catch(() => null);
  if (!target) return null;
  for (const input of inputs) {
    if (input.kind !== 'file') continue;
    const st = await stat(input.name).catch(() => null);
    if (st && st.dev === target.dev && st.ino === target.ino) return input.name;
  }
  return null;
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
  /** Entries a directory walk already passed over: listed with the others. */
  skipped?: ExportFailure[];
  /** Pair each report with last year's of the same agency among the inputs (a first, reading pass); default true. */
  pair?: boolean;
  /** Coverage: the first year listed (missing years from it on). */
  since?: number;
  /** CSV column headers: keys (default) or Chinese labels. */
  labels?: Labels;
}

export interface BatchResult {
  exported: number;
  /** Inputs not exported: not readable, or named and not a report (exit 2). */
  failures: ExportFailure[];
  /** Files found in a directory that are no report: listed, exit code unchanged. */
  skipped: ExportFailure[];
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
  const skipped: ExportFailure[] = [...(opts.skipped ?? [])];
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
  // Pairing the years: every input is read once, keeping its compact form beside its output; then
  // each report meets last year's, and only a report the cross-year rules find fault with is read
  // again to be written with those issues. The long CSV holds no issue and needs no pairing.
  const pairing = opts.pair !== false && opts.check !== false && opts.format !== 'csv' && inputs.length > 1;
  async function* passOver(format: PassFormat): AsyncGenerator<[Input, Loaded]> {
    if (jobs > 0 && inputs.length > 1) return yield* pooled(inputs, format, jobs, warnOnce, [], pairing);
    for await (const [input, loaded] of ordered(inputs, (one) => loadInput(one, check, format, null, pairing), READ_AHEAD)) yield [input, loaded];
  }
  const source = passOver(opts.format);
  // Reports read again with last year's pair: on the worker threads too.
  const reread = (subset: Input[], prev: Report[]): AsyncGenerator<[Input, Loaded]> =>
    jobs > 0 && subset.length > 1 ? pooled(subset, opts.format, jobs, warnOnce, prev) : rereadHere(subset, prev);
  async function* rereadHere(subset: Input[], prev: Report[]): AsyncGenerator<[Input, Loaded]> {
    const indexed = subset.map((one, i) => [one, i] as const);
    for await (const [[one], loaded] of ordered(indexed, ([x, i]) => loadInput(x, check, opts.format, prev[i]), READ_AHEAD)) yield [one, loaded];
  }
  if (pairing) return exportPaired(source, inputs.length, opts, { failures, skipped, warnings }, custom, reread);

  // Coverage needs every report before it can name the missing years: small records are gathered.
  const records: string[] | null = opts.format === 'coverage-csv' ? [] : null;
  const exporter = opts.format === 'xlsx' || records ? null : textExporter(opts.format, { labels: opts.labels });
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
      (loaded.skip ? skipped : failures).push({ source: input.name, reason: loaded.reason });
    }
    opts.onProgress?.({ done, total: inputs.length, failed: failures.length, current: input.name });
  }
  if (records) await opts.sink.write(coverageCsvOfRecords(records, { since: opts.since }));
  // The document lists every input not exported, skipped ones included.
  else if (exporter) await opts.sink.write(exporter.end([...failures, ...skipped]));
  else await opts.sink.writeBytes(await toXlsx(held, { failures: [...failures, ...skipped] }));
  return { exported, failures, skipped, warnings };
}

/** Item texts on disk: a paired batch keeps its output out of memory until every report is read. */
async function openSpool() {
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-export-'));
  const fh = await open(join(dir, 'spool'), 'w+');
  let size = 0;
  return {
    async put(text: string): Promise<[number, number]> {
      const bytes = Buffer.from(text, 'utf8');
      await fh.write(bytes, 0, bytes.length, size);
      const at: [number, number] = [size, bytes.length];
      size += bytes.length;
      return at;
    },
    async get([offset, length]: [number, number]): Promise<string> {
      const bytes = Buffer.alloc(length);
      await fh.read(bytes, 0, length, offset);
      return bytes.toString('utf8');
    },
    async close() {
      await fh.close().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The rules that read last year's report, alone (cheap on compact reports); null without the rules. */
async function pairedRulesChecker(): Promise<((report: Report, previous: Report) => Issue[]) | null> {
  try {
    const [{ checkReport }, { RULES }] = await Promise.all([import('../check/index'), import('../rules/index')]);
    const disabled = RULES.map((r) => r.id).filter((id) => !PAIRED_RULES.includes(id));
    return (report, previous) => checkReport(report, { previous, disabled });
  } catch {
    return null;
  }
}

/**
 * The paired batch: every input read once (its output spooled to disk, its compact report kept),
 * then the years paired; a report whose pair adds no issue is written as it was rendered, one the
 * cross-year rules find fault with is read again and written with them. Coverage records and
 * workbook items are completed here without a second read.
 */
async function exportPaired(
  source: AsyncGenerator<[Input, Loaded]>,
  total: number,
  opts: BatchOptions,
  acc: { failures: ExportFailure[]; skipped: ExportFailure[]; warnings: ExportFailure[] },
  custom: Checker | null,
  reread: (subset: Input[], previous: Report[]) => AsyncGenerator<[Input, Loaded]>,
): Promise<BatchResult> {
  const { failures, skipped, warnings } = acc;
  const spool = opts.format === 'xlsx' ? null : await openSpool();
  const entries: Array<{ input: Input; at?: [number, number]; item?: ExportItem; compact: Report | null }> = [];
  let done = 0;
  try {
    for await (const [input, loaded] of source) {
      done++;
      if (loaded.ok) {
        if (loaded.warning) warnings.push({ source: input.name, reason: loaded.warning });
        entries.push({ input, at: spool ? await spool.put(loaded.text ?? '') : undefined, item: loaded.item, compact: loaded.compact ?? null });
      } else {
        (loaded.skip ? skipped : failures).push({ source: input.name, reason: loaded.reason });
      }
      opts.onProgress?.({ done, total, failed: failures.length, current: input.name });
    }
    const previous = pairedFrom(entries.map((e) => e.compact));
    const paired = custom ? null : await pairedRulesChecker();
    let full: Checker | null = custom;
    const fullChecker = async () => (full ??= (await loadChecker()).check);
    const coverage = opts.format === 'coverage-csv';
    // What last year's report adds to each; null when that cannot be told here (a checker of the caller's own).
    const extras = entries.map((e, k) => (previous[k] && e.compact && !e.item ? (paired ? paired(e.compact, previous[k]!) : null) : []));
    const again = new Map<number, { ok: true; at: [number, number] } | { ok: false; reason: string }>();
    const redo = entries.map((_, k) => k).filter((k) => previous[k] && !entries[k].item && (extras[k] === null || (extras[k]!.length > 0 && !coverage)));
    if (redo.length) {
      let n = 0;
      for await (const [, loaded] of reread(redo.map((k) => entries[k].input), redo.map((k) => previous[k]!))) {
        const k = redo[n++];
        // Kept on disk like the first reading, so memory stays flat.
        again.set(k, loaded.ok ? { ok: true, at: await spool!.put(loaded.text ?? '') } : { ok: false, reason: loaded.reason });
      }
    }
    const exporter = opts.format === 'xlsx' || coverage ? null : textExporter(opts.format, { labels: opts.labels });
    const held: ExportItem[] = [];
    const records: string[] = [];
    let exported = 0;
    if (exporter) await opts.sink.write(exporter.begin());
    for (const [k, e] of entries.entries()) {
      const prev = previous[k];
      const extra = extras[k];
      if (e.item) {
        if (prev) held.push({ ...e.item, issues: await (await fullChecker())(e.item.report, prev), previous: prev } as ExportItem);
        else held.push(e.item);
        exported++;
        continue;
      }
      let text: string;
      const second = again.get(k);
      if (second) {
        if (!second.ok) {
          failures.push({ source: e.input.name, reason: second.reason });
          continue;
        }
        text = await spool!.get(second.at);
      } else {
        text = await spool!.get(e.at!);
        if (coverage && prev && e.compact && extra) {
          const record = JSON.parse(text) as { errors: number; warnings: number; copied: number | null };
          record.errors += extra.filter((i) => i.severity === 'error').length;
          record.warnings += extra.filter((i) => i.severity === 'warning').length;
          const copied = copiedShare(e.compact, prev);
          record.copied = copied ? Math.round(copied.share * 100) / 100 : null;
          text = `${JSON.stringify(record)}\n`;
        }
      }
      if (coverage) records.push(text);
      else await opts.sink.write((exported ? exporter!.separator : '') + text);
      exported++;
    }
    if (coverage) await opts.sink.write(coverageCsvOfRecords(records, { since: opts.since }));
    else if (exporter) await opts.sink.write(exporter.end([...failures, ...skipped]));
    else await opts.sink.writeBytes(await toXlsx(held, { failures: [...failures, ...skipped] }));
    return { exported, failures, skipped, warnings };
  } finally {
    await spool?.close();
  }
}

/** A progress reporter: a rewritten line on a terminal, about twenty lines otherwise. */
function progressPrinter(io: CliIo): { onProgress: (p: Progress) => void; finish: () => void } {
  const tty = !!io.errIsTty && !!io.status;
  let last = 0;
  let shown = false;
  return {
    onProgress: (p) => {
      const line = `[${String(p.done).padStart(String(p.total).length)}/${p.total}] ${p.failed ? `${p.failed} failed · ` : ''}${p.current}`;
      if (tty) {
        const now = Date.now();
        if (now - last < 100 && p.done < p.total) return;
        last = now;
        io.status!(line);
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

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand('export', argv);
  const values = parsed.values as { format?: string; out?: string; quiet?: boolean; jobs?: string; since?: string; labels?: string; help?: boolean };
  const positionals = parsed.positionals;
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  const format = values.format ?? '';
  if (format === 'parquet' && positionals.length) return (await import('./export-parquet')).runParquet(positionals, values, io);
  if (!isExportFormat(format)) {
    io.err(
      values.format
        ? `nianbao export: ${unknownValue('format', format, [...EXPORT_FORMATS, 'parquet'])}\nusage: ${usage}\n`
        : `nianbao export: --format is required (${[...EXPORT_FORMATS, 'parquet'].join(', ')})\nusage: ${usage}\n`,
    );
    return EXIT.usage;
  }
  if (positionals.length === 0) {
    io.err(`nianbao export: 没有输入 — no input given\nusage: ${usage}\n`);
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
  const labels = values.labels ?? 'keys';
  if (!(LABELS as readonly string[]).includes(labels)) {
    io.err(`nianbao export: --labels 只能是 keys 或 zh — --labels takes keys (default) or zh (Chinese column headers)\n`);
    return EXIT.usage;
  }
  if (format === 'xlsx' && !values.out && (io.outIsTty || !io.outBytes)) {
    io.err('nianbao export: XLSX 是二进制文件，不输出到终端，请用 --out 文件名 — XLSX is binary: write it to a file with --out FILE (or redirect stdout)\n');
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
  const { inputs, failures: early, skipped: walkedPast } = await expandInputs(positionals);
  if (values.out) {
    const same = await outputIsInput(values.out, inputs);
    if (same) {
      io.err(`nianbao export: --out 是输入文件之一，不会覆盖 — --out is one of the inputs (${same}); choose another file\n`);
      return EXIT.usage;
    }
  }
  const sink = values.out ? await fileSink(values.out) : ioSink(io);
  const progress = !values.quiet && inputs.length > PROGRESS_ABOVE ? progressPrinter(io) : null;

  let result: BatchResult;
  try {
    result = await exportBatch(inputs, { format, sink, jobs, onProgress: progress?.onProgress, failures: early, skipped: walkedPast, since: since ?? undefined, labels: labels as Labels });
  } finally {
    progress?.finish();
    await sink.close();
  }

  const { exported, failures, skipped, warnings } = result;
  for (const w of warnings) io.err(`nianbao export: ${w.source}: ${w.reason}\n`);
  listSkipped(io, 'export', skipped);
  if (failures.length) {
    io.err(`nianbao export: 未能读取 ${failures.length} 个输入 — ${failures.length} input${failures.length > 1 ? 's' : ''} could not be exported:\n`);
    for (const f of failures) io.err(`  ${f.source}: ${f.reason}\n`);
  }
  if (!values.quiet && (progress || values.out)) {
    io.err(`nianbao export: ${exported} report${exported === 1 ? '' : 's'} exported as ${format}${values.out ? ` to ${values.out}` : ''}\n`);
  }
  return failures.length ? EXIT.input : EXIT.ok;
}
