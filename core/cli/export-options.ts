/** What an export batch is told (format, sink, checker, threads, progress) and what it answers. */
import type { ExportFailure } from '../export/cells';
import type { Labels } from '../export/csv';
import type { ExportFormat } from '../export/formats';
import type { Checker } from './export-load';
import type { Sink } from './export-sinks';

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
