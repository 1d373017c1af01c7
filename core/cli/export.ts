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
import { LABELS, type Labels } from '../export/csv';
import { EXPORT_FORMATS, isExportFormat } from '../export/formats';
import { expandInputs, type Input } from '../node/input';
import { listSkipped } from './inputs';
import { commandSpec } from './commands';
import { helpText, parseCommand, usageLine } from './options';
import { EXIT, processIo, unknownValue, type CliIo } from './io';
import { exportBatch } from './export-batch';
import type { BatchResult } from './export-options';
import { progressPrinter } from './export-progress';
import { fileSink, ioSink, outputIsInput } from './export-sinks';

// The pipeline, in files by job: one input (export-load), the worker threads (export-workers), where
// the output goes (export-sinks), each format's writer (export-formats), the batch (export-batch)
// and its paired-years pass (export-paired), progress (export-progress).
export { reasonOf, loadInput, loadChecker, type Checker, type Loaded } from './export-load';
export { defaultJobs, WORKERS_FROM } from './export-workers';
export { fileSink, ioSink, outputIsInput, type Sink } from './export-sinks';
export type { BatchOptions, BatchResult, Progress } from './export-options';
export { exportBatch };

const SPEC = commandSpec('export');
export const usage = usageLine(SPEC);
export const help = helpText(SPEC);
const HELP = help;

/** Inputs shown with a progress line on stderr when there are more than this many. */
const PROGRESS_ABOVE = 3;

export type { Input };
export { expandInputs };

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
