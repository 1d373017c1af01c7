/** nianbao parse <file…> [--format json]: print the Report as JSON. */
import { parseArgs } from 'node:util';
import { InputError, readReportFile } from '../node/read';
import { EXIT, type CliIo } from './io';

export const usage = 'nianbao parse <file…> [--format json]';

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', default: 'json' } } });
  if (positionals.length === 0 || values.format !== 'json') {
    io.err(`usage: ${usage}\n`);
    return EXIT.usage;
  }
  let code: number = EXIT.ok;
  const reports = [];
  for (const file of positionals) {
    try {
      reports.push(await readReportFile(file));
    } catch (err) {
      io.err(`${describeError(file, err)}\n`);
      code = EXIT.input;
    }
  }
  if (reports.length) io.out(`${JSON.stringify(positionals.length === 1 ? reports[0] : reports, null, 2)}\n`);
  return code;
}

/** One clear line for a file that failed, never a stack trace. */
export function describeError(file: string, err: unknown): string {
  if (err instanceof InputError) return `nianbao: ${err.file}: ${err.reason}`;
  const msg = err instanceof Error ? err.message : String(err);
  return `nianbao: ${file}: 无法解析 — could not be parsed (${msg.split('\n')[0]})`;
}
