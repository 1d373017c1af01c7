/**
 * nianbao export <inputs…> --format parquet --out FILE: the long table as Parquet (core/export/parquet.ts).
 * Reports are read one after another (a batch's cells are held until the file is written).
 */
import { writeFile } from 'node:fs/promises';
import type { Report } from '../model/schema';
import { toLongParquet } from '../export/parquet';
import { listSkipped, readEach } from './inputs';
import { EXIT, type CliIo } from './io';

export async function runParquet(inputs: readonly string[], opts: { out?: string; quiet?: boolean; since?: string }, io: CliIo): Promise<number> {
  if (!opts.out && (io.outIsTty || !io.outBytes)) {
    io.err('nianbao export: Parquet 是二进制文件，不输出到终端，请用 --out 文件名 — Parquet is binary: write it to a file with --out FILE\n');
    return EXIT.usage;
  }
  const since = opts.since === undefined ? null : Number(opts.since);
  const reports: Report[] = [];
  const result = await readEach(inputs, io, (_input, report) => {
    if (since === null || report.meta.year === null || report.meta.year >= since) reports.push(report);
  });
  const bytes = toLongParquet(reports);
  if (opts.out) await writeFile(opts.out, bytes);
  else io.outBytes!(bytes);
  listSkipped(io, 'export', result.skipped);
  if (!opts.quiet && opts.out) io.err(`nianbao export: ${reports.length} report${reports.length === 1 ? '' : 's'} exported as parquet to ${opts.out}\n`);
  return result.failed ? EXIT.input : EXIT.ok;
}
