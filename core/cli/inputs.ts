/**
 * The inputs of parse and check, as export takes them: files, directories (walked), URLs and `-`.
 * A file found in a directory that is no report is skipped and listed (exit code unchanged); an
 * input named on the command line that cannot be read or is no report is an error (exit 2).
 */
import type { Report } from '../model/schema';
import { expandInputs, isSkip, readInput, type ExpandOptions, type Input, type Skipped } from '../node/input';
import { InputError } from '../node/read';
import type { CliIo } from './io';

/** One clear line for an input that failed, never a stack trace. */
export function describeError(file: string, err: unknown): string {
  if (err instanceof InputError) return `nianbao: ${err.file}: ${err.reason}`;
  const msg = err instanceof Error ? err.message : String(err);
  return `nianbao: ${file}: 无法解析 — could not be parsed (${msg.split('\n')[0]})`;
}

export interface EachResult {
  /** Inputs read as reports. */
  read: number;
  /** Inputs that could not be read (each told on stderr at once): exit 2. */
  failed: number;
  skipped: Skipped[];
  /** How many inputs there were after walking directories. */
  total: number;
  /** True when exactly one input, named as such, was given (parse prints it as an object). */
  single: boolean;
}

/** Expand the arguments, then read each input in order and hand each report on. */
export async function readEach(args: readonly string[], io: CliIo, onReport: (input: Input, report: Report) => void | Promise<void>, opts: ExpandOptions = {}): Promise<EachResult> {
  const { inputs, skipped, failures } = await expandInputs(args, opts);
  let failed = failures.length;
  for (const f of failures) io.err(`nianbao: ${f.source}: ${f.reason}\n`);
  let read = 0;
  for (const input of inputs) {
    let report: Report;
    try {
      report = await readInput(input);
    } catch (err) {
      if (isSkip(input, err)) {
        skipped.push({ source: input.name, reason: (err as InputError).reason });
        continue;
      }
      io.err(`${describeError(input.name, err)}\n`);
      failed++;
      continue;
    }
    read++;
    await onReport(input, report);
  }
  return { read, failed, skipped, total: inputs.length, single: args.length === 1 && inputs.length === 1 && inputs[0].explicit !== false };
}

/** The inputs a directory walk passed over, each with its reason, on stderr. */
export function listSkipped(io: CliIo, command: string, skipped: readonly Skipped[]): void {
  if (!skipped.length) return;
  io.err(`nianbao ${command}: 跳过 ${skipped.length} 个不是年度报告的文件 — ${skipped.length} skipped (no report):\n`);
  for (const s of skipped) io.err(`  ${s.source}: ${s.reason}\n`);
}
