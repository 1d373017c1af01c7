/**
 * The export pipeline the CLI and the benchmark share (exportBatch): inputs read, parsed and
 * checked ahead — on worker threads for long batches — and taken in input order, each report
 * written as it comes; a batch whose years are paired goes through ./export-paired.
 */
import type { ExportFailure } from '../export/cells';
import type { Report } from '../model/schema';
import type { Input } from '../node/input';
import { formatWriter } from './export-formats';
import { loadChecker, loadInput, ordered, type Checker, type Loaded, type PassFormat } from './export-load';
import type { BatchOptions, BatchResult } from './export-options';
import { exportPaired } from './export-paired';
import { defaultJobs, pooled } from './export-workers';

/** How many inputs are read ahead of the one being written (files are read, URLs fetched, in parallel). */
const READ_AHEAD = 4;

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
    // Text the sink takes as UTF-8 comes from the workers as bytes (not when it is spooled for pairing, nor coverage's records).
    const utf8 = !pairing && !!opts.sink.takesUtf8 && format !== 'coverage-csv' && format !== 'xlsx';
    if (jobs > 0 && inputs.length > 1) return yield* pooled(inputs, format, jobs, warnOnce, [], pairing, utf8);
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

  const writer = formatWriter(opts);
  let exported = 0;
  let done = 0;
  await writer.begin();
  for await (const [input, loaded] of source) {
    done++;
    if (loaded.ok) {
      if (loaded.warning) warnings.push({ source: input.name, reason: loaded.warning });
      if (loaded.item) await writer.item(loaded.item);
      else if (loaded.bytes) await writer.bytes(loaded.bytes);
      else await writer.text(loaded.text ?? '');
      exported++;
    } else {
      (loaded.skip ? skipped : failures).push({ source: input.name, reason: loaded.reason });
    }
    opts.onProgress?.({ done, total: inputs.length, failed: failures.length, current: input.name });
  }
  // The document lists every input not exported, skipped ones included.
  await writer.end([...failures, ...skipped]);
  return { exported, failures, skipped, warnings };
}
