/** nianbao rules [--format text|json]: every rule with its id, severity and title. */
import { parseArgs } from 'node:util';
import { RULES } from '../rules/index';
import { EXIT, type CliIo } from './io';

export const usage = 'nianbao rules [--format text|json]';

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', default: 'text' } } });
  if (positionals.length > 0 || (values.format !== 'text' && values.format !== 'json')) {
    io.err(`usage: ${usage}\n`);
    return EXIT.usage;
  }
  if (values.format === 'json') {
    io.out(`${JSON.stringify(RULES.map((r) => ({ id: r.id, severity: r.severity, title: r.title, explanation: r.explanation })), null, 2)}\n`);
    return EXIT.ok;
  }
  const width = Math.max(...RULES.map((r) => r.id.length));
  const lines = RULES.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.title.zh} — ${r.title.en}`);
  io.out(`${lines.join('\n')}\n\n${RULES.length} 条规则 rules · 说明见 docs/rules.md\n`);
  return EXIT.ok;
}
