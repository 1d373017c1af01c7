/** nianbao rules [--format text|json]: every rule with its id, severity and title. */
import { parseArgs } from 'node:util';
import { RULES } from '../rules/index';
import { EXIT, unknownValue, type CliIo } from './io';

export const usage = 'nianbao rules [--format text|json]';

export const help = `usage: ${usage}

Every rule the checks run: its id (for check --disable), severity and title in Chinese and English;
--format json adds the explanation. docs/rules.md says what each checks and why.
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', default: 'text' } } });
  if (values.format !== 'text' && values.format !== 'json') {
    io.err(`nianbao rules: ${unknownValue('format', values.format ?? '', ['text', 'json'])}\nusage: ${usage}\n`);
    return EXIT.usage;
  }
  if (positionals.length > 0) {
    io.err(`nianbao rules: 不需要参数 — takes no input (${positionals[0].slice(0, 40)})\nusage: ${usage}\n`);
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
