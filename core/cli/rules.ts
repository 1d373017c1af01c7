/** nianbao rules [--format text|json]: every rule with its id, severity and title. */
import { commandSpec } from './commands';
import { helpText, parseCommand, usageLine } from './options';
import { RULES } from '../rules/index';
import { EXIT, unknownValue, type CliIo } from './io';

const SPEC = commandSpec('rules');
export const usage = usageLine(SPEC);
export const help = helpText(SPEC);

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand('rules', argv);
  const values = parsed.values as { format?: string };
  const positionals = parsed.positionals;
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
