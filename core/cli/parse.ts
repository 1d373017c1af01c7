/** nianbao parse <inputs…> [--format json]: print the Report as JSON. */
import type { Report } from '../model/schema';
import { describeError, listSkipped, readEach } from './inputs';
import { commandSpec } from './commands';
import { helpText, parseCommand, usageLine } from './options';
import { EXIT, unknownValue, type CliIo } from './io';

export { describeError };

const SPEC = commandSpec('parse');
export const usage = usageLine(SPEC);
export const help = helpText(SPEC);

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand('parse', argv);
  const values = parsed.values as { format?: string };
  const positionals = parsed.positionals;
  if (values.format !== 'json') {
    io.err(`nianbao parse: ${unknownValue('format', values.format ?? '', ['json'])}\nusage: ${usage}\n`);
    return EXIT.usage;
  }
  if (positionals.length === 0) {
    io.err(`nianbao parse: 没有输入 — no input given\nusage: ${usage}\n`);
    return EXIT.usage;
  }
  const reports: Report[] = [];
  const result = await readEach(positionals, io, (_input, report) => void reports.push(report));
  if (reports.length) io.out(`${JSON.stringify(result.single ? reports[0] : reports, null, 2)}\n`);
  listSkipped(io, 'parse', result.skipped);
  return result.failed ? EXIT.input : EXIT.ok;
}
