/**
 * Arguments, --help and docs/cli.md from the command specs (commands.ts). An unknown option or a
 * missing value is one line naming it, with the closest option — never Node's raw parseArgs text.
 */
import { parseArgs } from 'node:util';
import { COMMAND_SPECS, commandSpec, type CommandSpec, type OptionSpec } from './commands';
import { closest } from './io';

/** A usage error: main.ts prints its message with "(nianbao <command> --help)" and exits 64. */
export class UsageError extends Error {
  readonly code = 'ERR_PARSE_ARGS_NIANBAO';
}

const HELP_OPTION: OptionSpec = { name: 'help', type: 'boolean', short: 'h', help: 'this help', example: 'nianbao check --help' };

const shown = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** "unknown option --fromat — did you mean --format?" for each dash argument that is no option of the command. */
function checkNames(spec: CommandSpec, argv: readonly string[]): void {
  const options = [...spec.options, HELP_OPTION];
  const longs = options.map((o) => o.name);
  for (const arg of argv) {
    if (arg === '--') return;
    if (arg === '-' || !arg.startsWith('-')) continue;
    const known = arg.startsWith('--') ? longs.includes(arg.slice(2).split('=')[0]) : arg.length === 2 && options.some((o) => o.short === arg[1]);
    if (known) continue;
    const typed = arg.replace(/^-+/, '').split('=')[0];
    const near = closest(typed, longs.filter((n) => n !== 'help'));
    throw new UsageError(`没有这个选项 — unknown option ${shown(arg.split('=')[0])}${near ? ` — did you mean --${near}?` : ''} (options: ${spec.options.map((o) => `--${o.name}`).join(', ')})`);
  }
}

/** parseArgs with the command's options, strict, and errors in our words. */
export function parseCommand(name: string, argv: string[]) {
  const spec = commandSpec(name);
  checkNames(spec, argv);
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string | boolean }> = {};
  for (const o of [...spec.options, HELP_OPTION]) options[o.name] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}), ...(o.default !== undefined && !o.multiple ? { default: o.default } : {}) };
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    const option = /'(-[^' ]+)/.exec(err instanceof Error ? err.message : '')?.[1] ?? '';
    const o = spec.options.find((x) => option === `--${x.name}` || option === `-${x.short}` || option.startsWith(`-${x.short}, --${x.name}`));
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && o) {
      throw new UsageError(o.type === 'string' ? `--${o.name} 需要一个值 — --${o.name} needs a value (${o.value ?? 'VALUE'}), e.g. ${o.example}` : `--${o.name} 不带值 — --${o.name} takes no value`);
    }
    throw new UsageError(`无法读取参数 — could not read the arguments${option ? ` (${shown(option)})` : ''}`);
  }
}

function optionUsage(o: OptionSpec): string {
  return o.type === 'boolean' ? `--${o.name}` : `--${o.name} ${o.value ?? 'VALUE'}`;
}

/** `nianbao check <inputs…> [--previous <input>] [--format text|json] [--disable <rule,…>]` */
export function usageLine(spec: CommandSpec): string {
  const required = (o: OptionSpec) => spec.name === 'export' ? o.name === 'format' : spec.name === 'collect' && o.name === 'out';
  const parts = spec.options.map((o) => (required(o) ? optionUsage(o) : `[${optionUsage(o)}]`));
  return ['nianbao', spec.name, spec.args, ...parts].filter(Boolean).join(' ');
}

/** What `nianbao <command> --help` prints: usage, what it does, every option with an example, notes. */
export function helpText(spec: CommandSpec): string {
  // A long option (export's --format with its six values) gets its text on the next line.
  const width = Math.min(22, Math.max(...spec.options.map((o) => optionUsage(o).length + (o.short ? 4 : 0))));
  const indent = `  ${' '.repeat(width + 2)}`;
  const options = spec.options.flatMap((o) => {
    const name = `${o.short ? `-${o.short}, ` : ''}${optionUsage(o)}`;
    const text = `${o.help}${o.default !== undefined && o.type === 'string' ? ` (default ${o.default})` : ''}`;
    const head = name.length > width ? [`  ${name}`, `${indent}${text}`] : [`  ${name.padEnd(width + 2)}${text}`];
    return [...head, `${indent}e.g. ${o.example}`];
  });
  return `usage: ${usageLine(spec)}\n\n${spec.summary}\n\noptions:\n${options.join('\n')}\n  ${'-h, --help'.padEnd(width + 2)}this help\n\n${spec.notes}\n`;
}

/** The synopsis of every command, for `nianbao --help` and docs/cli.md. */
export function synopsis(): string {
  return COMMAND_SPECS.map((c) => `  ${usageLine(c)}`).join('\n');
}

/** The generated part of docs/cli.md: every command with its options and examples. */
export function cliMarkdown(): string {
  const out = ['```sh', synopsis().replace(/^ {2}/gm, ''), 'nianbao <command> --help        # that command\'s usage (also: nianbao help <command>)', 'nianbao --version', '```', ''];
  for (const c of COMMAND_SPECS) {
    out.push(`### nianbao ${c.name}`, '', c.summary, '', '| option | what it does | example |', '|---|---|---|');
    for (const o of c.options) out.push(`| \`${o.short ? `-${o.short}, ` : ''}${optionUsage(o).replace(/\|/g, '\\|')}\` | ${o.help.replace(/\|/g, '\\|')}${o.default !== undefined && o.type === 'string' ? ` (default \`${o.default}\`)` : ''} | \`${o.example.replace(/\|/g, '\\|')}\` |`);
    out.push('', '```text', c.notes, '```', '');
  }
  return out.join('\n');
}
