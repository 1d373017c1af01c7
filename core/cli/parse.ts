/** nianbao parse <inputs…> [--format json]: print the Report as JSON. */
import { parseArgs } from 'node:util';
import type { Report } from '../model/schema';
import { describeError, listSkipped, readEach } from './inputs';
import { EXIT, unknownValue, type CliIo } from './io';

export { describeError };

export const usage = 'nianbao parse <inputs…> [--format json]';

export const help = `usage: ${usage}

Reads each input and prints the report as JSON (the schema: schema/report.schema.json): one
object for one input, an array for several.

inputs: .html/.htm pages, .txt/.md texts, .pdf and Word (.docx, .doc) files, directories
(walked; what is no report is skipped and listed), http(s):// URLs, - for standard input.
exit codes: 0 ok · 2 an input could not be read · 64 usage
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', default: 'json' } } });
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
